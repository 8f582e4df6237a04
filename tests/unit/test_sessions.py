"""Conversation sessions: the repository the forms agent writes to, and the history routes."""

from __future__ import annotations

import asyncio

from prometheus_client import REGISTRY

from gofer.sessions.store import SessionStore
from tests.unit.accounts_support import accounts_app, sign_up
from tests.unit.fake_workflows import Gates

LOOSE = {"rate_limit_login": "1000/minute"}


def store_of(running) -> SessionStore:
    return running.core.sessions


async def test_repository_records_messages_and_executions(make_settings, run_app):
    async with run_app(accounts_app(make_settings())) as running:
        store = store_of(running)
        before = REGISTRY.get_sample_value("sessions_total") or 0
        session_id = await store.create("usr_a", "forms", "Loan for Nguyễn Văn An")
        assert REGISTRY.get_sample_value("sessions_total") == before + 1
        await store.add_message(session_id, "user", "Mở hồ sơ vay 500 triệu", {"lang": "vi"})
        await store.add_message(session_id, "assistant", "Đã mở biểu mẫu.")
        await store.add_execution(session_id, "job_1", "forms.fill", "running")
        await store.add_execution(session_id, "job_1", "forms.fill", "completed", "Submitted")
        session = await store.get(session_id)
        assert session is not None and session.user_id == "usr_a" and session.kind == "forms"
        assert [(m.role, m.content) for m in session.messages] == [
            ("user", "Mở hồ sơ vay 500 triệu"),
            ("assistant", "Đã mở biểu mẫu."),
        ]
        assert session.messages[0].data == {"lang": "vi"} and session.message_count == 2
        # One row per job, updated in place.
        assert [(e.job_id, e.status, e.summary) for e in session.executions] == [
            ("job_1", "completed", "Submitted")
        ]
        assert await store.get("ses_missing") is None


async def test_list_pages_with_an_opaque_key(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        c = running.client
        anna = await sign_up(c, running.core, "anna@example.com")
        store = store_of(running)
        made = [await store.create(anna.user_id, "forms", f"s{n}") for n in range(7)]
        first = await c.get("/api/sessions?limit=3", headers=anna.headers)
        assert first.status_code == 200
        body = first.json()
        assert body["success"] is True and body["count"] == 3 and body["last_evaluated_key"]
        seen = [s["session_id"] for s in body["sessions"]]
        key = body["last_evaluated_key"]
        while key:
            page = (
                await c.get(
                    "/api/sessions", params={"limit": 3, "last_key": key}, headers=anna.headers
                )
            ).json()
            seen += [s["session_id"] for s in page["sessions"]]
            key = page["last_evaluated_key"]
        # Newest first, every session exactly once.
        assert seen == list(reversed(made))
        default = (await c.get("/api/sessions", headers=anna.headers)).json()
        assert default["count"] == 7 and default["last_evaluated_key"] is None


async def test_default_page_is_50(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        anna = await sign_up(running.client, running.core, "anna@example.com")
        for n in range(51):
            await store_of(running).create(anna.user_id, "voice", f"s{n}")
        page = (await running.client.get("/api/sessions", headers=anna.headers)).json()
        assert page["count"] == 50 and page["last_evaluated_key"] is not None


async def test_bad_list_requests_are_422(make_settings, run_app):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        anna = await sign_up(running.client, running.core, "anna@example.com")
        for query, field in [
            ("limit=101", "limit"),
            ("limit=0", "limit"),
            ("limit=many", "limit"),
            ("last_key=not-a-key", "last_key"),
            ("last_key=WyIyMDI2IiwgMV0", "last_key"),  # valid base64, wrong content
        ]:
            answer = await running.client.get(f"/api/sessions?{query}", headers=anna.headers)
            assert answer.status_code == 422, query
            assert field in answer.json()["error"] and answer.json()["success"] is False


async def test_other_users_sessions_are_not_found(make_settings, run_app, admin_headers):
    async with run_app(accounts_app(make_settings(**LOOSE))) as running:
        c = running.client
        anna = await sign_up(c, running.core, "anna@example.com")
        bo = await sign_up(c, running.core, "bo@example.com")
        session_id = await store_of(running).create(anna.user_id, "forms", "private")
        mine = await c.get(f"/api/sessions/{session_id}", headers=anna.headers)
        assert mine.status_code == 200 and mine.json()["session"]["session_id"] == session_id
        theirs = await c.get(f"/api/sessions/{session_id}", headers=bo.headers)
        missing = await c.get("/api/sessions/ses_doesnotexist", headers=bo.headers)
        assert theirs.status_code == missing.status_code == 404
        assert theirs.json() == missing.json()
        assert theirs.json()["success"] is False and theirs.json()["error"] == "Session not found"
        assert (await c.get("/api/sessions", headers=bo.headers)).json()["sessions"] == []
        assert (
            await c.delete(f"/api/sessions/{session_id}", headers=bo.headers)
        ).status_code == 404
        # The admin sees everyone's.
        everyone = (await c.get("/api/sessions", headers=admin_headers)).json()["sessions"]
        assert [s["session_id"] for s in everyone] == [session_id]
        assert (
            await c.get(f"/api/sessions/{session_id}", headers=admin_headers)
        ).status_code == 200
        # The owner can delete it; then it is gone.
        assert (
            await c.delete(f"/api/sessions/{session_id}", headers=anna.headers)
        ).status_code == 200
        assert (await c.get(f"/api/sessions/{session_id}", headers=anna.headers)).status_code == 404


async def test_execution_follows_the_job_to_its_end(make_settings, run_app, admin_headers):
    gates = Gates()
    async with run_app(accounts_app(make_settings(), gates)) as running:
        c = running.client
        store = store_of(running)
        job_id = (
            await c.post(
                "/api/v1/jobs",
                json={"workflow": "test.gate", "params": {"fail": "site said no"}},
                headers=admin_headers,
            )
        ).json()["job_id"]
        session_id = await store.create("admin", "forms", "t")
        await store.add_execution(session_id, job_id, "test.gate", "running")
        await asyncio.wait_for(gates.entered_event(job_id).wait(), 10)
        gates.gate(job_id).set()
        async with asyncio.timeout(10):
            while True:
                session = await store.get(session_id)
                if session.executions[0].status != "running":
                    break
                await asyncio.sleep(0.02)
        assert session.executions[0].status == "failed"
        assert session.executions[0].summary == "site said no"
