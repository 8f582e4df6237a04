"""Retention: each kind of data is pruned once it is older than its setting, and not before."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import timedelta

from prometheus_client import REGISTRY
from sqlalchemy import func, select, update

from gofer.events.model import utc_now
from gofer.sessions.store import SessionStore
from gofer.sessions.tables import SessionRow
from gofer.store.tables import EventRow
from gofer.webhooks.tables import WebhookAttemptRow, WebhookEndpointRow, WebhookMessageRow
from gofer.workflows.forms.tables import FormSessionRow, FormTurnRow
from tests.unit.lifecycle.support import Gate, lifecycle_app, lifecycle_of, wait_for_status

DAY = timedelta(days=1)


async def finished_job(client, headers) -> str:
    answer = await client.post(
        "/api/v1/jobs",
        json={"workflow": "test.qr_step", "params": {"codes": 2, "scan": False}},
        headers=headers,
    )
    job_id = answer.json()["job_id"]
    await wait_for_status(client, headers, job_id, "completed")
    return job_id


async def event_seqs(svc, job_id) -> list[int]:
    async with svc.db() as db:
        query = select(EventRow.seq).where(EventRow.job_id == job_id).order_by(EventRow.seq)
        return list(await db.scalars(query))


def pruned_total(kind: str) -> float:
    return REGISTRY.get_sample_value("gofer_pruned_rows_total", {"kind": kind}) or 0.0


async def test_events_of_finished_jobs_go_after_their_age_but_the_last_one_stays(
    make_settings, run_app, admin_headers
):
    gate = Gate()
    app = lifecycle_app(make_settings(retention_job_events_days=30), gate)
    async with run_app(app) as running:
        feature = lifecycle_of(app)
        client, svc = running.client, running.core
        done = await finished_job(client, admin_headers)
        waiting = (
            await client.post(
                "/api/v1/jobs",
                json={"workflow": "test.qr_step", "params": {}},
                headers=admin_headers,
            )
        ).json()["job_id"]
        await Gate.get(gate.at_qr, waiting).wait()
        done_seqs, waiting_seqs = await event_seqs(svc, done), await event_seqs(svc, waiting)
        pruner = feature.pruner
        assert pruner is not None

        assert (await pruner.run_once(now=utc_now() + 29 * DAY))["job_events"] == 0
        counted = pruned_total("job_events")
        counts = await pruner.run_once(now=utc_now() + 31 * DAY)

        assert counts["job_events"] == len(done_seqs) - 1
        assert pruned_total("job_events") - counted == len(done_seqs) - 1
        assert await event_seqs(svc, done) == [done_seqs[-1]]
        assert await event_seqs(svc, waiting) == waiting_seqs  # a running job keeps everything
        job = (await client.get(f"/api/v1/jobs/{done}", headers=admin_headers)).json()
        assert job["status"] == "completed" and job["result"]["booking_id"] == "B-1"
        Gate.get(gate.scanned, waiting).set()
        Gate.get(gate.finish, waiting).set()
        await wait_for_status(client, admin_headers, waiting, "completed")


async def test_finished_jobs_go_with_their_artifacts_unless_a_webhook_waits(
    make_settings, run_app, admin_headers
):
    settings = make_settings(retention_finished_jobs_days=90)
    app = lifecycle_app(settings)
    async with run_app(app) as running:
        feature = lifecycle_of(app)
        client, svc = running.client, running.core
        old, held = (
            await finished_job(client, admin_headers),
            await finished_job(client, admin_headers),
        )
        shots = settings.artifacts_dir / old / "screenshots"
        shots.mkdir(parents=True)
        (shots / "step-1.png").write_bytes(b"\x89PNG" + b"0" * 100)
        await add_message(svc, held, status="pending", age=timedelta(0))
        pruner = feature.pruner
        assert pruner is not None

        assert (await pruner.run_once(now=utc_now() + 89 * DAY))["finished_jobs"] == 0
        counts = await pruner.run_once(now=utc_now() + 91 * DAY)

        assert counts["finished_jobs"] == 1
        gone = await client.get(f"/api/v1/jobs/{old}", headers=admin_headers)
        assert gone.status_code == 404
        assert await event_seqs(svc, old) == []
        assert not (settings.artifacts_dir / old).exists()
        kept = await client.get(f"/api/v1/jobs/{held}", headers=admin_headers)
        assert kept.status_code == 200  # its webhook is still to be delivered


async def add_endpoint(svc) -> str:
    now = utc_now()
    async with svc.db.begin() as db:
        db.add(
            WebhookEndpointRow(
                id="ep_test",
                owner_id="admin",
                kind="registered",
                url="https://hooks.example.com/x",
                description="",
                event_types=[],
                status="active",
                created_at=now,
                updated_at=now,
            )
        )
    return "ep_test"


_message_number = 0


async def add_message(svc, job_id: str | None, *, status: str, age: timedelta) -> str:
    global _message_number
    _message_number += 1
    message_id = f"msg_{_message_number:06d}"
    async with svc.db() as db:
        has_endpoint = await db.get(WebhookEndpointRow, "ep_test")
    if has_endpoint is None:
        await add_endpoint(svc)
    when = utc_now() - age
    async with svc.db.begin() as db:
        db.add(
            WebhookMessageRow(
                id=message_id,
                endpoint_id="ep_test",
                owner_id="admin",
                job_id=job_id,
                seq=1,
                event_type="status_update",
                payload="{}",
                status=status,
                attempt_count=1,
                failures=0,
                next_attempt_at=utc_now() + timedelta(days=365),
                created_at=when,
            )
        )
        await db.flush()  # the attempt refers to the message
        db.add(
            WebhookAttemptRow(
                message_id=message_id,
                endpoint_id="ep_test",
                number=1,
                started_at=when,
                succeeded=status == "succeeded",
                latency_ms=12.0,
            )
        )
    return message_id


async def count(svc, column, *where) -> int:
    async with svc.db() as db:
        return int(await db.scalar(select(func.count(column)).where(*where)) or 0)


async def test_webhook_messages_and_attempts_go_after_their_ages_pending_ones_never(
    make_settings, run_app
):
    settings = make_settings(retention_webhook_messages_days=14, retention_webhook_attempts_days=7)
    app = lifecycle_app(settings)
    async with run_app(app) as running:
        feature = lifecycle_of(app)
        svc = running.core
        old_sent = await add_message(svc, None, status="succeeded", age=15 * DAY)
        old_failed = await add_message(svc, None, status="failed", age=15 * DAY)
        old_pending = await add_message(svc, None, status="pending", age=15 * DAY)
        week_old = await add_message(svc, None, status="succeeded", age=8 * DAY)
        fresh = await add_message(svc, None, status="succeeded", age=timedelta(hours=1))

        counts = await feature.pruner.run_once()

        assert counts["webhook_messages"] == 2
        remaining = await count(svc, WebhookMessageRow.id)
        assert remaining == 3
        for gone in (old_sent, old_failed):
            assert await count(svc, WebhookMessageRow.id, WebhookMessageRow.id == gone) == 0
        for kept in (old_pending, week_old, fresh):
            assert await count(svc, WebhookMessageRow.id, WebhookMessageRow.id == kept) == 1
        # Attempts older than 7 days go even when their message stays.
        attempts = await count(svc, WebhookAttemptRow.id)
        assert attempts == 1
        assert await count(svc, WebhookAttemptRow.id, WebhookAttemptRow.message_id == fresh) == 1


async def test_conversations_go_after_their_age_with_form_state_and_turns(make_settings, run_app):
    app = lifecycle_app(make_settings(retention_conversations_days=90))
    async with run_app(app) as running:
        feature = lifecycle_of(app)
        svc = running.core
        store = SessionStore(svc.db)
        old = await store.create("user-1", "forms", "Đơn vay")
        await store.add_message(old, "user", "Nguyễn Văn An, CCCD 012345678901")
        recent = await store.create("user-1", "forms", "CRM")
        await store.add_message(recent, "user", "cập nhật CRM")
        now = utc_now()
        async with svc.db.begin() as db:
            for session_id, when in ((old, now - 91 * DAY), (recent, now - 10 * DAY)):
                await db.execute(
                    update(SessionRow).where(SessionRow.id == session_id).values(updated_at=when)
                )
                db.add(
                    FormSessionRow(
                        id=session_id,
                        user_id="user-1",
                        form="loan",
                        state={"values": {"customerId": "012345678901"}},
                        turn=1,
                        created_at=when,
                        updated_at=when,
                    )
                )
                db.add(
                    FormTurnRow(
                        session_id=session_id,
                        job_id=f"job_{session_id[-8:]}",
                        turn=1,
                        message="CCCD 012345678901",
                        status="completed",
                        outcome={},
                        created_at=when,
                    )
                )

        await feature.pruner.run_once()

        assert await store.get(old) is None
        assert await store.get(recent) is not None
        assert await count(svc, FormSessionRow.id) == 1
        assert await count(svc, FormTurnRow.id, FormTurnRow.session_id == old) == 0
        assert await count(svc, FormTurnRow.id, FormTurnRow.session_id == recent) == 1


async def test_artifact_files_go_after_their_age_and_with_their_job(
    make_settings, run_app, admin_headers
):
    settings = make_settings(retention_artifacts_days=7)
    app = lifecycle_app(settings)
    async with run_app(app) as running:
        feature = lifecycle_of(app)
        job_id = await finished_job(running.client, admin_headers)
        folder = settings.artifacts_dir / job_id
        folder.mkdir(parents=True)
        old, fresh = folder / "trace.zip", folder / "frame.png"
        old.write_bytes(b"old")
        fresh.write_bytes(b"new")
        eight_days_ago = time.time() - 8 * 86400
        os.utime(old, (eight_days_ago, eight_days_ago))
        orphan = settings.artifacts_dir / "job_0123456789abcdef01234567"
        orphan.mkdir()
        (orphan / "frame.png").write_bytes(b"left behind")

        counts = await feature.pruner.run_once()

        assert counts["artifact_files"] == 2
        assert not old.exists() and fresh.exists()
        assert not orphan.exists()


async def test_zero_keeps_everything(make_settings, run_app, admin_headers):
    settings = make_settings(
        retention_job_events_days=0,
        retention_finished_jobs_days=0,
        retention_conversations_days=0,
        retention_webhook_messages_days=0,
        retention_webhook_attempts_days=0,
        retention_artifacts_days=0,
    )
    app = lifecycle_app(settings)
    async with run_app(app) as running:
        feature = lifecycle_of(app)
        svc = running.core
        job_id = await finished_job(running.client, admin_headers)
        seqs = await event_seqs(svc, job_id)
        await add_message(svc, job_id, status="succeeded", age=3650 * DAY)

        await feature.pruner.run_once(now=utc_now() + 3650 * DAY)

        assert await event_seqs(svc, job_id) == seqs
        assert await count(svc, WebhookMessageRow.id) == 1
        assert await count(svc, WebhookAttemptRow.id) == 1


async def test_sqlite_reclaims_space_and_an_old_database_is_switched_to_incremental_vacuum(
    make_settings, run_app, admin_headers
):
    settings = make_settings(retention_finished_jobs_days=1)
    settings.data_dir.mkdir(parents=True)
    database = settings.data_dir / "gofer.db"
    with sqlite3.connect(database) as old:  # made before this feature: auto_vacuum off
        old.execute("CREATE TABLE left_from_before (x TEXT)")
        assert old.execute("PRAGMA auto_vacuum").fetchone()[0] == 0
    app = lifecycle_app(settings)
    async with run_app(app) as running:
        feature = lifecycle_of(app)
        for _ in range(6):
            await finished_job(running.client, admin_headers)
        with sqlite3.connect(database) as check:
            assert check.execute("PRAGMA auto_vacuum").fetchone()[0] == 2
            check.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            pages_before = check.execute("PRAGMA page_count").fetchone()[0]

        counts = await feature.pruner.run_once(now=utc_now() + 2 * DAY)

        assert counts["finished_jobs"] == 6 and counts["vacuum_pages"] > 0
        with sqlite3.connect(database) as check:
            check.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            assert check.execute("PRAGMA freelist_count").fetchone()[0] == 0
            assert check.execute("PRAGMA page_count").fetchone()[0] < pages_before
