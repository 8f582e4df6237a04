"""The lifecycle's queries on PostgreSQL: QR images dropped, erasure, and every retention rule."""

from __future__ import annotations

import uuid
from datetime import timedelta

import asyncpg
import pytest

from gofer.events.model import utc_now
from tests.unit.accounts_support import sign_up
from tests.unit.lifecycle.support import lifecycle_app, lifecycle_of, wait_for_status

pytestmark = pytest.mark.postgres

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture
async def postgres():
    try:
        connection = await asyncpg.connect(ADMIN_URL, timeout=5)
    except (OSError, asyncpg.PostgresError):
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name = f"gofer_lifecycle_{uuid.uuid4().hex[:12]}"
    await connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    finally:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.close()


async def test_lifecycle_on_postgres(make_settings, run_app, admin_headers, postgres):
    app = lifecycle_app(make_settings(database_url=postgres))
    async with run_app(app) as running:
        feature = lifecycle_of(app)
        client = running.client
        jobs = []
        for _ in range(2):
            answer = await client.post(
                "/api/v1/jobs",
                json={"workflow": "test.qr_step", "params": {"codes": 2, "scan": False}},
                headers=admin_headers,
            )
            jobs.append(answer.json()["job_id"])
        for job_id in jobs:
            await wait_for_status(client, admin_headers, job_id, "completed")
        await feature.stripper.dropped(jobs[0])
        events = (await client.get(f"/api/v1/jobs/{jobs[0]}/events", headers=admin_headers)).json()[
            "events"
        ]
        qr = [e for e in events if e["type"] == "qr_code_update"]
        assert len(qr) == 2 and all(e["data"]["image_dropped"] for e in qr)
        assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
        store = running.core.sessions
        session_id = await store.create("admin", "forms", "pg")
        await store.add_message(session_id, "user", "CCCD 012345678901")

        erased = await client.delete(f"/api/v1/jobs/{jobs[0]}", headers=admin_headers)
        assert erased.status_code == 200, erased.text
        assert (
            await client.get(f"/api/v1/jobs/{jobs[0]}", headers=admin_headers)
        ).status_code == 404

        counts = await feature.pruner.run_once(now=utc_now() + timedelta(days=100))
        assert counts["job_events"] > 0 and counts["finished_jobs"] == 1
        assert counts["conversations"] == 1
        assert (
            await client.get(f"/api/v1/jobs/{jobs[1]}", headers=admin_headers)
        ).status_code == 404

        anna = await sign_up(client, running.core, f"anna-{uuid.uuid4().hex[:8]}@example.com")
        made = await client.post(
            "/api/v1/jobs",
            json={"workflow": "test.qr_step", "params": {"codes": 1, "scan": False}},
            headers=anna.headers,
        )
        await wait_for_status(client, anna.headers, made.json()["job_id"], "completed")
        gone = await client.delete("/api/v1/me", headers=anna.headers)
        assert gone.status_code == 200, gone.text
        assert gone.json()["removed"]["users"] == 1
        assert (await client.get("/api/auth/me", headers=anna.headers)).status_code == 401
