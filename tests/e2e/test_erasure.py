"""Erasure end to end: a job, a conversation and an account go everywhere they live, with webhooks
delivered to a real receiver; the other user's data and the outbox are untouched."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from gofer.accounts.tables import ApiKeyRow, UserRow
from gofer.app import create_app
from gofer.lifecycle.tables import ErasureAuditRow
from gofer.sessions.store import SessionStore
from gofer.store.tables import EventRow, JobRow
from gofer.webhooks.tables import WebhookMessageRow
from gofer.workflows.forms.tables import FormSessionRow, FormTurnRow
from gofer.workflows.registry import default_registry
from tests.e2e.webhooks_support import ADMIN_TOKEN, Received, Receiver, serve, settings_for_tests
from tests.unit.accounts_support import SignedInUser, sign_up
from tests.unit.lifecycle.support import Gate, QrStepWorkflow, wait_for_status

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
CCCD = "012345678901"


@dataclass
class World:
    http: httpx.AsyncClient
    svc: Any
    receiver: Receiver
    receiver_url: str
    gate: Gate
    settings: Any

    async def count(self, column: Any, *where: Any) -> int:
        async with self.svc.db() as db:
            return int(await db.scalar(select(func.count(column)).where(*where)) or 0)


@contextlib.asynccontextmanager
async def world(tmp_path: Path, receiver: Receiver | None = None) -> AsyncIterator[World]:
    settings = settings_for_tests(tmp_path / "data")
    gate = Gate()
    registry = default_registry()
    registry.add(QrStepWorkflow(gate))
    app = create_app(settings, registry=registry, with_browser=False)
    receiver = receiver or Receiver()
    async with serve(receiver) as receiver_url, serve(app) as base_url:
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
            yield World(http, app.state.core, receiver, receiver_url, gate, settings)


@dataclass
class Person:
    user: SignedInUser
    job_id: str
    session_id: str
    endpoint_id: str


async def person(w: World, name: str) -> Person:
    """A user with a webhook endpoint, a finished booking, a conversation and a screenshot."""
    user = await sign_up(w.http, w.svc, f"{name}@example.com")
    endpoint = await w.http.post(
        "/api/v1/webhooks/endpoints",
        json={"url": f"{w.receiver_url}/{name}"},
        headers=user.headers,
    )
    assert endpoint.status_code == 201, endpoint.text
    started = await w.http.post(
        "/api/v1/jobs",
        json={"workflow": "test.qr_step", "params": {"codes": 2, "scan": False}},
        headers=user.headers,
    )
    job_id = started.json()["job_id"]
    await wait_for_status(w.http, user.headers, job_id, "completed")
    await w.receiver.wait_for(
        lambda got: any(
            r.path == f"/{name}" and r.json["event_type"] == "booking_completed" for r in got
        )
    )
    sessions = SessionStore(w.svc.db)
    session_id = await sessions.create(user.user_id, "forms", "Đơn vay")
    await sessions.add_message(session_id, "user", f"Nguyễn Văn An, CCCD {CCCD}")
    await sessions.add_execution(session_id, job_id, "test.qr_step", "completed")
    async with w.svc.db.begin() as db:
        now = (await w.http.get(f"/api/v1/jobs/{job_id}", headers=user.headers)).json()
        db.add(
            FormSessionRow(
                id=session_id,
                user_id=user.user_id,
                form="loan",
                state={"values": {"customerId": CCCD}},
                turn=1,
                created_at=_dt(now["created_at"]),
                updated_at=_dt(now["updated_at"]),
            )
        )
        db.add(
            FormTurnRow(
                session_id=session_id,
                job_id=job_id,
                turn=1,
                message=f"CCCD {CCCD}",
                status="completed",
                outcome={},
                created_at=_dt(now["created_at"]),
            )
        )
    folder = w.settings.artifacts_dir / job_id
    folder.mkdir(parents=True)
    (folder / "frame.png").write_bytes(b"screenshot with a CCCD on it")
    return Person(user, job_id, session_id, endpoint.json()["id"])


def _dt(text: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(text.replace("Z", "+00:00"))


async def intact(w: World, p: Person) -> None:
    """Everything of this person is still there."""
    job = await w.http.get(f"/api/v1/jobs/{p.job_id}", headers=p.user.headers)
    assert job.status_code == 200
    assert await w.count(EventRow.seq, EventRow.job_id == p.job_id) == job.json()["last_seq"]
    assert await w.count(WebhookMessageRow.id, WebhookMessageRow.job_id == p.job_id) > 0
    session = await w.http.get(f"/api/sessions/{p.session_id}", headers=p.user.headers)
    assert session.status_code == 200 and session.json()["session"]["messages"]
    assert await w.count(FormSessionRow.id, FormSessionRow.id == p.session_id) == 1
    assert (w.settings.artifacts_dir / p.job_id / "frame.png").exists()
    me = await w.http.get("/api/auth/me", headers=p.user.headers)
    assert me.status_code == 200


async def job_gone(w: World, p: Person) -> None:
    assert (await w.http.get(f"/api/v1/jobs/{p.job_id}", headers=ADMIN)).status_code == 404
    assert await w.count(EventRow.seq, EventRow.job_id == p.job_id) == 0
    assert await w.count(WebhookMessageRow.id, WebhookMessageRow.job_id == p.job_id) == 0
    assert await w.count(FormTurnRow.id, FormTurnRow.job_id == p.job_id) == 0
    assert not (w.settings.artifacts_dir / p.job_id).exists()


async def audit_lines(w: World) -> list[ErasureAuditRow]:
    async with w.svc.db() as db:
        return list(await db.scalars(select(ErasureAuditRow).order_by(ErasureAuditRow.id)))


def no_personal_data(line: ErasureAuditRow, *people: Person) -> None:
    text = repr((line.kind, line.subject_id, line.actor, line.counts))
    assert CCCD not in text
    for p in people:
        assert p.user.email not in text


async def test_erasing_a_job_removes_it_everywhere_and_leaves_the_rest(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        anna, bo = await person(w, "anna"), await person(w, "bo")

        refused = await w.http.delete(f"/api/v1/jobs/{anna.job_id}", headers=bo.user.headers)
        assert refused.status_code == 404 and refused.json()["code"] == "job_not_found"

        erased = await w.http.delete(f"/api/v1/jobs/{anna.job_id}", headers=anna.user.headers)

        assert erased.status_code == 200, erased.text
        body = erased.json()
        assert body["success"] and body["kind"] == "job" and body["removed"]["events"] > 0
        await job_gone(w, anna)
        # Her conversation stays (only its record of that run is gone); Bo is untouched.
        session = await w.http.get(f"/api/sessions/{anna.session_id}", headers=anna.user.headers)
        assert session.json()["session"]["executions"] == []
        await intact(w, bo)
        [line] = await audit_lines(w)
        assert (line.kind, line.subject_id, line.actor) == ("job", anna.job_id, "owner")
        no_personal_data(line, anna, bo)


async def test_a_running_job_is_not_erased(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        anna = await sign_up(w.http, w.svc, "anna@example.com")
        started = await w.http.post(
            "/api/v1/jobs", json={"workflow": "test.qr_step", "params": {}}, headers=anna.headers
        )
        job_id = started.json()["job_id"]
        await Gate.get(w.gate.at_qr, job_id).wait()

        refused = await w.http.delete(f"/api/v1/jobs/{job_id}", headers=anna.headers)

        assert refused.status_code == 409 and refused.json()["code"] == "job_not_finished"
        assert refused.json()["success"] is False
        Gate.get(w.gate.scanned, job_id).set()
        Gate.get(w.gate.finish, job_id).set()
        await wait_for_status(w.http, anna.headers, job_id, "completed")
        assert (
            await w.http.delete(f"/api/v1/jobs/{job_id}", headers=anna.headers)
        ).status_code == 200


async def test_erasing_a_session_removes_the_conversation_its_form_and_its_jobs(
    tmp_path: Path,
) -> None:
    async with world(tmp_path) as w:
        anna, bo = await person(w, "anna"), await person(w, "bo")

        refused = await w.http.delete(f"/api/sessions/{anna.session_id}", headers=bo.user.headers)
        assert refused.status_code == 404 and refused.json()["code"] == "session_not_found"

        erased = await w.http.delete(f"/api/sessions/{anna.session_id}", headers=anna.user.headers)

        assert erased.status_code == 200, erased.text
        gone = await w.http.get(f"/api/sessions/{anna.session_id}", headers=anna.user.headers)
        assert gone.status_code == 404
        assert await w.count(FormSessionRow.id, FormSessionRow.id == anna.session_id) == 0
        await job_gone(w, anna)
        await intact(w, bo)
        [line] = await audit_lines(w)
        assert (line.kind, line.subject_id) == ("session", anna.session_id)
        no_personal_data(line, anna, bo)


async def test_erasing_an_account_while_its_webhook_is_being_delivered(tmp_path: Path) -> None:
    """Anna's receiver is slow: her erasure meets a delivery in flight. Bo's keep flowing."""
    release = asyncio.Event()
    holding = asyncio.Event()

    async def respond(request: Received, _: int) -> tuple[int, bytes, dict[str, str]]:
        if request.path == "/anna" and holding.is_set():
            await release.wait()
        return 200, b"{}", {}

    async with world(tmp_path, Receiver(respond=respond)) as w:
        anna, bo = await person(w, "anna"), await person(w, "bo")
        key = await w.http.post("/api/keys", json={"name": "sync"}, headers=anna.user.headers)
        assert key.status_code == 201
        # A running job of hers, with its webhook stuck at her slow receiver.
        holding.set()
        started = await w.http.post(
            "/api/v1/jobs",
            json={"workflow": "test.qr_step", "params": {}},
            headers=anna.user.headers,
        )
        running_job = started.json()["job_id"]
        await Gate.get(w.gate.at_qr, running_job).wait()
        await w.receiver.wait_for(
            lambda got: any(r.path == "/anna" and r.json["job_id"] == running_job for r in got)
        )

        erasing = asyncio.create_task(w.http.delete("/api/v1/me", headers=anna.user.headers))
        release.set()
        erased = await erasing

        assert erased.status_code == 200, erased.text
        assert erased.json()["kind"] == "account" and erased.json()["id"] == anna.user.user_id
        for job_id in (anna.job_id, running_job):
            assert await w.count(JobRow.id, JobRow.id == job_id) == 0
        await job_gone(w, anna)
        assert (
            await w.count(WebhookMessageRow.id, WebhookMessageRow.owner_id == anna.user.user_id)
            == 0
        )
        assert await w.count(UserRow.id, UserRow.id == anna.user.user_id) == 0
        assert await w.count(ApiKeyRow.id, ApiKeyRow.user_id == anna.user.user_id) == 0
        assert (await w.http.get("/api/auth/me", headers=anna.user.headers)).status_code == 401
        assert (
            await w.http.get(f"/api/sessions/{anna.session_id}", headers=ADMIN)
        ).status_code == 404
        await intact(w, bo)
        # The outbox still works: Bo's next job is delivered to him, in order, completely.
        started = await w.http.post(
            "/api/v1/jobs",
            json={"workflow": "test.qr_step", "params": {"codes": 1, "scan": False}},
            headers=bo.user.headers,
        )
        bo_job = started.json()["job_id"]
        await wait_for_status(w.http, bo.user.headers, bo_job, "completed")
        await w.receiver.wait_for(
            lambda got: any(
                r.path == "/bo"
                and r.json["job_id"] == bo_job
                and r.json["event_type"] == "booking_completed"
                for r in got
            )
        )
        seqs = [r.json["seq"] for r in w.receiver.hooks() if r.json["job_id"] == bo_job]
        assert sorted(set(seqs)) == list(range(1, max(seqs) + 1))
        [line] = await audit_lines(w)
        assert (line.kind, line.actor) == ("account", "owner")
        no_personal_data(line, anna, bo)


async def test_every_deletion_route_refuses_another_user_and_the_admin_may_erase_any(
    tmp_path: Path,
) -> None:
    async with world(tmp_path) as w:
        anna, bo = await person(w, "anna"), await person(w, "bo")
        for path in (
            f"/api/v1/jobs/{bo.job_id}",
            f"/api/sessions/{bo.session_id}",
            f"/api/v1/users/{bo.user.user_id}",
        ):
            refused = await w.http.delete(path, headers=anna.user.headers)
            assert refused.status_code == 404, path
            assert refused.json()["success"] is False
        for path in ("/api/v1/jobs/x", "/api/sessions/x", "/api/v1/me", "/api/v1/users/x"):
            assert (await w.http.delete(path)).status_code == 401
        await intact(w, bo)
        admin_me = await w.http.delete("/api/v1/me", headers=ADMIN)
        assert admin_me.status_code == 409 and admin_me.json()["code"] == "not_an_account"

        erased = await w.http.delete(f"/api/v1/users/{bo.user.user_id}", headers=ADMIN)

        assert erased.status_code == 200, erased.text
        await job_gone(w, bo)
        await intact(w, anna)
        [line] = await audit_lines(w)
        assert (line.kind, line.actor) == ("account", "admin")


async def test_a_message_deleted_under_its_delivery_does_not_stop_the_outbox(
    tmp_path: Path,
) -> None:
    """The dispatcher writes its attempt after the row is gone: the log skips it, sending goes on."""
    release = asyncio.Event()
    held = asyncio.Event()

    async def respond(request: Received, _: int) -> tuple[int, bytes, dict[str, str]]:
        if request.path == "/anna" and not held.is_set():
            held.set()
            await release.wait()
        return 200, b"{}", {}

    async with world(tmp_path, Receiver(respond=respond)) as w:
        anna = await sign_up(w.http, w.svc, "anna@example.com")
        bo = await sign_up(w.http, w.svc, "bo@example.com")
        for user, name in ((anna, "anna"), (bo, "bo")):
            made = await w.http.post(
                "/api/v1/webhooks/endpoints",
                json={"url": f"{w.receiver_url}/{name}"},
                headers=user.headers,
            )
            assert made.status_code == 201
        started = await w.http.post(
            "/api/v1/jobs",
            json={"workflow": "test.qr_step", "params": {"codes": 1, "scan": False}},
            headers=anna.headers,
        )
        await held.wait()  # Anna's first message is being delivered right now
        async with w.svc.db.begin() as db:
            await db.execute(
                WebhookMessageRow.__table__.delete().where(  # type: ignore[attr-defined]
                    WebhookMessageRow.job_id == started.json()["job_id"]
                )
            )
        release.set()

        bo_job = (
            await w.http.post(
                "/api/v1/jobs",
                json={"workflow": "test.qr_step", "params": {"codes": 1, "scan": False}},
                headers=bo.headers,
            )
        ).json()["job_id"]

        await w.receiver.wait_for(
            lambda got: any(
                r.path == "/bo"
                and r.json["job_id"] == bo_job
                and r.json["event_type"] == "booking_completed"
                for r in got
            )
        )
        listed = await w.http.get("/api/v1/webhooks/messages", headers=bo.headers)
        assert listed.status_code == 200
        assert {m["status"] for m in listed.json()["messages"]} <= {"succeeded", "pending"}
