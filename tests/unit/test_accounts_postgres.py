"""The same accounts and sessions code on PostgreSQL (the production database)."""

from __future__ import annotations

import uuid

import asyncpg
import pytest

from tests.unit.accounts_support import accounts_app, sign_up

pytestmark = pytest.mark.postgres

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture
async def postgres():
    """A new, empty database for this test, so the schema is built by the migrations."""
    try:
        connection = await asyncpg.connect(ADMIN_URL, timeout=5)
    except (OSError, asyncpg.PostgresError):
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name = f"gofer_test_{uuid.uuid4().hex[:12]}"
    await connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    finally:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.close()


async def test_accounts_keys_and_sessions_on_postgres(make_settings, run_app, postgres):
    settings = make_settings(database_url=postgres, rate_limit_login="1000/minute")
    async with run_app(accounts_app(settings)) as running:
        c = running.client
        email = f"pg-{uuid.uuid4().hex[:12]}@example.com"
        user = await sign_up(c, running.core, email)
        rotated = await c.post("/api/auth/refresh", json={"refreshToken": user.refresh_token})
        assert rotated.status_code == 200
        reused = await c.post("/api/auth/refresh", json={"refreshToken": user.refresh_token})
        assert reused.status_code == 401 and reused.json()["code"] == "refresh_token_reused"
        fresh = await c.post(
            "/api/auth/login", json={"email": email, "password": "a long enough passphrase"}
        )
        headers = {"Authorization": f"Bearer {fresh.json()['tokens']['accessToken']}"}
        key = (await c.post("/api/keys", json={"name": "pg"}, headers=headers)).json()
        machine = {"Authorization": f"Bearer {key['secret']}"}
        store = running.core.sessions
        session_id = await store.create(user.user_id, "forms", "on postgres")
        await store.add_message(session_id, "user", "hej", {"n": 1})
        await store.add_execution(session_id, "job_pg", "forms.fill", "running")
        await store.add_execution(session_id, "job_pg", "forms.fill", "completed", "ok")
        listed = (await c.get("/api/sessions", headers=machine)).json()
        assert [s["session_id"] for s in listed["sessions"]] == [session_id]
        detail = (await c.get(f"/api/sessions/{session_id}", headers=machine)).json()["session"]
        assert detail["messages"][0]["data"] == {"n": 1}
        assert [(e["job_id"], e["status"]) for e in detail["executions"]] == [
            ("job_pg", "completed")
        ]
