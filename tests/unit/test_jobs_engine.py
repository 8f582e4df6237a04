"""The job engine: statuses as events, cancel, timeouts, concurrency, idempotency, recovery."""

from __future__ import annotations

import asyncio

import pytest

from gofer.app import create_app
from gofer.events.model import utc_now
from gofer.jobs.workers import WorkerRegistry
from gofer.store.db import create_engine, create_tables, session_factory
from gofer.store.tables import JobRow
from tests.unit.fake_workflows import Gates, registry_with_gate


async def wait_status(client, headers, job_id, wanted, timeout=10.0):
    """Follows the job's events (long enough for any status) until it reaches `wanted`."""
    async with asyncio.timeout(timeout):
        while True:
            job = (await client.get(f"/api/v1/jobs/{job_id}", headers=headers)).json()
            if job["status"] in wanted:
                return job
            await asyncio.sleep(0.02)


def gate_app(make_settings, gates, **overrides):
    return create_app(
        make_settings(**overrides),
        registry=registry_with_gate(gates),
        with_browser=False,
    )


async def test_job_events_are_seq_numbered_and_end_completed(make_settings, run_app, admin_headers):
    gates = Gates()
    async with run_app(gate_app(make_settings, gates)) as running:
        c = running.client
        created = (
            await c.post(
                "/api/v1/jobs",
                json={"workflow": "test.gate", "params": {"name": "a"}},
                headers=admin_headers,
            )
        ).json()
        job_id = created["job_id"]
        assert created["websocket_url"].endswith(f"/ws/{job_id}")
        await asyncio.wait_for(gates.entered_event(job_id).wait(), 10)
        gates.gate(job_id).set()
        job = await wait_status(c, admin_headers, job_id, {"completed"})
        assert job["result"] == {"message": "done a"}
        events = (await c.get(f"/api/v1/jobs/{job_id}/events", headers=admin_headers)).json()[
            "events"
        ]
        assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
        types = [e["type"] for e in events]
        # One QR event: the unchanged second QR was not relayed again.
        assert types == ["status_update", "status_update", "qr_code_update", "task_completed"]
        assert [e["data"].get("status") for e in events[:2]] == ["starting", "navigating"]
        assert events[-1]["data"]["success"] is True
        later = (
            await c.get(f"/api/v1/jobs/{job_id}/events?after=2", headers=admin_headers)
        ).json()["events"]
        assert [e["seq"] for e in later] == [3, 4]


async def test_cancel_stops_running_job_and_cleans_up(make_settings, run_app, admin_headers):
    gates = Gates()
    async with run_app(gate_app(make_settings, gates)) as running:
        c = running.client
        job_id = (
            await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=admin_headers)
        ).json()["job_id"]
        await asyncio.wait_for(gates.entered_event(job_id).wait(), 10)
        response = await c.post(f"/api/v1/jobs/{job_id}/cancel", headers=admin_headers)
        assert response.status_code == 200
        assert response.json()["status"] == "cancelled"
        assert job_id in gates.cleaned_up
        again = await c.post(f"/api/v1/jobs/{job_id}/cancel", headers=admin_headers)
        assert again.status_code == 409 and again.json()["code"] == "job_finished"
        events = (await c.get(f"/api/v1/jobs/{job_id}/events", headers=admin_headers)).json()[
            "events"
        ]
        assert events[-1]["type"] == "job_cancelled"


async def test_failure_reports_reason_and_seed_event(make_settings, run_app, admin_headers):
    gates = Gates()
    async with run_app(gate_app(make_settings, gates)) as running:
        c = running.client
        job_id = (
            await c.post(
                "/api/v1/jobs",
                json={"workflow": "test.gate", "params": {"fail": "site said no"}},
                headers=admin_headers,
            )
        ).json()["job_id"]
        await asyncio.wait_for(gates.entered_event(job_id).wait(), 10)
        gates.gate(job_id).set()
        job = await wait_status(c, admin_headers, job_id, {"failed"})
        assert job["error"] == "site said no" and job["error_code"] == "asked_to_fail"
        events = (await c.get(f"/api/v1/jobs/{job_id}/events", headers=admin_headers)).json()[
            "events"
        ]
        assert [e["type"] for e in events[-2:]] == ["task_failed", "job_failed"]
        assert events[-2]["data"]["success"] is False


async def test_per_job_timeout_fails_the_job(make_settings, run_app, admin_headers):
    gates = Gates()
    async with run_app(gate_app(make_settings, gates)) as running:
        c = running.client
        job_id = (
            await c.post(
                "/api/v1/jobs",
                json={"workflow": "test.gate", "params": {"timeout_s": 0.3}},
                headers=admin_headers,
            )
        ).json()["job_id"]
        job = await wait_status(c, admin_headers, job_id, {"failed"})
        assert job["error_code"] == "timeout"
        assert job_id in gates.cleaned_up


async def test_concurrency_limit_queues_extra_jobs(make_settings, run_app, admin_headers):
    gates = Gates()
    async with run_app(gate_app(make_settings, gates, max_concurrent_jobs=1)) as running:
        c = running.client
        first = (
            await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=admin_headers)
        ).json()["job_id"]
        second = (
            await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=admin_headers)
        ).json()["job_id"]
        await asyncio.wait_for(gates.entered_event(first).wait(), 10)
        detail = (await c.get("/health/detailed", headers=admin_headers)).json()
        assert detail["queue"]["depth"] == 1
        assert detail["pools"]["booking"] == {"size": 1, "active": 1, "waiting": 0, "queued": 1}
        assert (await c.get(f"/api/v1/jobs/{second}", headers=admin_headers)).json()[
            "status"
        ] == "queued"
        gates.gate(first).set()
        await asyncio.wait_for(gates.entered_event(second).wait(), 10)
        gates.gate(second).set()
        await wait_status(c, admin_headers, second, {"completed"})


async def test_cancel_queued_job_never_runs(make_settings, run_app, admin_headers):
    gates = Gates()
    async with run_app(gate_app(make_settings, gates, max_concurrent_jobs=1)) as running:
        c = running.client
        first = (
            await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=admin_headers)
        ).json()["job_id"]
        second = (
            await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=admin_headers)
        ).json()["job_id"]
        await asyncio.wait_for(gates.entered_event(first).wait(), 10)
        assert (await c.post(f"/api/v1/jobs/{second}/cancel", headers=admin_headers)).json()[
            "status"
        ] == "cancelled"
        gates.gate(first).set()
        await wait_status(c, admin_headers, first, {"completed"})
        assert second not in gates.entered


async def test_idempotency_key_returns_the_same_job(make_settings, run_app, admin_headers):
    gates = Gates()
    async with run_app(gate_app(make_settings, gates)) as running:
        c = running.client
        body = {"workflow": "test.gate", "idempotency_key": "order-17"}
        one = (await c.post("/api/v1/jobs", json=body, headers=admin_headers)).json()
        two = (await c.post("/api/v1/jobs", json=body, headers=admin_headers)).json()
        assert one["job_id"] == two["job_id"]
        three = await c.post(
            "/api/v1/jobs",
            json={"workflow": "test.gate"},
            headers={**admin_headers, "Idempotency-Key": "order-17"},
        )
        assert three.json()["job_id"] == one["job_id"]
        gates.gate(one["job_id"]).set()


async def test_idempotency_key_reused_with_other_parameters_is_409(
    make_settings, run_app, admin_headers
):
    gates = Gates()
    async with run_app(gate_app(make_settings, gates)) as running:
        c = running.client
        first = await c.post(
            "/api/v1/jobs",
            json={"workflow": "test.gate", "params": {"name": "a"}, "idempotency_key": "k-1"},
            headers=admin_headers,
        )
        other = await c.post(
            "/api/v1/jobs",
            json={"workflow": "test.gate", "params": {"name": "b"}, "idempotency_key": "k-1"},
            headers=admin_headers,
        )
        assert other.status_code == 409
        assert other.json()["code"] == "idempotency_key_reused"
        assert other.json()["job_id"] == first.json()["job_id"]
        gates.gate(first.json()["job_id"]).set()


async def test_list_pages_with_cursor_and_filters_by_status(make_settings, run_app, admin_headers):
    gates = Gates()
    async with run_app(gate_app(make_settings, gates, max_concurrent_jobs=1)) as running:
        c = running.client
        ids = [
            (
                await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=admin_headers)
            ).json()["job_id"]
            for _ in range(5)
        ]
        seen: list[str] = []
        cursor = None
        while True:
            url = "/api/v1/jobs?limit=2" + (f"&cursor={cursor}" if cursor else "")
            page = (await c.get(url, headers=admin_headers)).json()
            seen += [j["job_id"] for j in page["jobs"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert seen == list(reversed(ids))
        queued = (await c.get("/api/v1/jobs?status=queued", headers=admin_headers)).json()["jobs"]
        assert {j["job_id"] for j in queued} == set(ids[1:])
        bad = await c.get("/api/v1/jobs?cursor=not-a-cursor", headers=admin_headers)
        assert bad.status_code == 422 and "cursor" in bad.json()["error"]
        bad_status = await c.get("/api/v1/jobs?status=sleeping", headers=admin_headers)
        assert bad_status.status_code == 422 and bad_status.json()["success"] is False
        for job_id in ids:
            gates.gate(job_id).set()


def _row(job_id: str, state: str, step: str | None, worker_id: str | None) -> JobRow:
    now = utc_now()
    return JobRow(
        id=job_id,
        user_id="admin",
        workflow="test.gate",
        params={},
        state=state,
        step=step,
        progress=70,
        message="",
        last_seq=0,
        worker_id=worker_id,
        attempt=1 if worker_id else 0,
        created_at=now,
        updated_at=now,
    )


async def test_restart_requeues_a_dead_workers_jobs_but_not_a_live_ones(
    make_settings, run_app, admin_headers
):
    gates = Gates()
    settings = make_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = create_engine(settings.effective_database_url)
    await create_tables(engine)
    sessions = session_factory(engine)
    live = WorkerRegistry(sessions, settings.worker_dead_after_s)
    await live.register("wrk_live_elsewhere", {"booking": 1})
    async with sessions.begin() as session:
        session.add(_row("job_of_dead_worker", "running", "searching", "wrk_gone"))
        session.add(_row("job_of_live_worker", "waiting", "qr_waiting", "wrk_live_elsewhere"))
        session.add(_row("job_was_queued", "queued", None, None))
    async with run_app(
        create_app(settings, registry=registry_with_gate(gates), with_browser=False)
    ) as running:
        c = running.client
        for job_id in ("job_of_dead_worker", "job_was_queued"):
            await asyncio.wait_for(gates.entered_event(job_id).wait(), 10)
            gates.gate(job_id).set()
            await wait_status(c, admin_headers, job_id, {"completed"})
        events = (
            await c.get("/api/v1/jobs/job_of_dead_worker/events", headers=admin_headers)
        ).json()["events"]
        assert events[0]["type"] == "job_requeued" and events[0]["data"]["attempt"] == 2
        untouched = (await c.get("/api/v1/jobs/job_of_live_worker", headers=admin_headers)).json()
        assert untouched["status"] == "qr_waiting" and untouched["last_seq"] == 0
        assert "job_of_live_worker" not in gates.entered
    await engine.dispose()


async def test_a_waiting_job_holds_no_slot(make_settings, run_app, admin_headers):
    gates = Gates()
    async with run_app(gate_app(make_settings, gates, max_concurrent_jobs=1)) as running:
        c = running.client
        waiting = [
            (
                await c.post(
                    "/api/v1/jobs",
                    json={"workflow": "test.gate", "params": {"wait_releases_slot": True}},
                    headers=admin_headers,
                )
            ).json()["job_id"]
            for _ in range(20)
        ]
        for job_id in waiting:
            await asyncio.wait_for(gates.entered_event(job_id).wait(), 10)
        detail = (await c.get("/health/detailed", headers=admin_headers)).json()
        assert detail["pools"]["booking"]["waiting"] == 20
        job = (await c.get(f"/api/v1/jobs/{waiting[0]}", headers=admin_headers)).json()
        assert job["state"] == "waiting"
        # A job that does not wait still gets the one slot while twenty others wait.
        busy = (
            await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=admin_headers)
        ).json()["job_id"]
        await asyncio.wait_for(gates.entered_event(busy).wait(), 10)
        for job_id in [busy, *waiting]:
            gates.gate(job_id).set()
        for job_id in [busy, *waiting]:
            await wait_status(c, admin_headers, job_id, {"completed"})


async def test_interactive_work_never_queues_behind_bookings(make_settings, run_app, admin_headers):
    gates = Gates()
    async with run_app(gate_app(make_settings, gates, max_concurrent_jobs=1)) as running:
        c = running.client
        booking = (
            await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=admin_headers)
        ).json()["job_id"]
        queued_booking = (
            await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=admin_headers)
        ).json()["job_id"]
        await asyncio.wait_for(gates.entered_event(booking).wait(), 10)
        turn = (
            await c.post(
                "/api/v1/jobs",
                json={"workflow": "test.interactive", "params": {"wait": False}},
                headers=admin_headers,
            )
        ).json()["job_id"]
        await wait_status(c, admin_headers, turn, {"completed"})
        assert queued_booking not in gates.entered
        for job_id in (booking, queued_booking):
            gates.gate(job_id).set()
        await wait_status(c, admin_headers, queued_booking, {"completed"})


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"workflow": "nope"}, None),
        ({"workflow": "test.gate", "params": {"timeout_s": "soon"}}, "params.timeout_s"),
        ({"workflow": "", "params": {}}, "workflow"),
        ({"params": {}}, "workflow"),
    ],
)
async def test_bad_job_requests_are_422(make_settings, run_app, admin_headers, body, field):
    async with run_app(gate_app(make_settings, Gates())) as running:
        response = await running.client.post("/api/v1/jobs", json=body, headers=admin_headers)
        assert response.status_code == 422
        payload = response.json()
        assert payload["success"] is False
        if field:
            assert field in payload["error"]
        else:
            assert payload["code"] == "unknown_workflow"


async def test_routes_need_the_token(make_settings, run_app):
    async with run_app(gate_app(make_settings, Gates())) as running:
        c = running.client
        assert (await c.get("/health")).status_code == 200
        for path in ("/health/detailed", "/api/v1/jobs", "/api/v1/booking/status"):
            response = await c.get(path)
            assert response.status_code == 401, path
            assert response.json()["code"] == "unauthorized"
            bad = await c.get(path, headers={"Authorization": "Bearer wrong"})
            assert bad.status_code == 401


async def test_every_ending_sends_the_seed_event_with_its_cause(
    make_settings, run_app, admin_headers
):
    """Success, failure, a caller's time limit and a cancel all end with the seed's event."""
    gates = Gates()
    async with run_app(gate_app(make_settings, gates)) as running:
        c = running.client

        async def started() -> str:
            job_id = (
                await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=admin_headers)
            ).json()["job_id"]
            await asyncio.wait_for(gates.entered_event(job_id).wait(), 10)
            return job_id

        timed_out = await started()
        # What a forms request does when its own wait runs out: not "cancelled by the user".
        await running.core.jobs.stop(timed_out, "timeout")
        cancelled = await started()
        await c.post(f"/api/v1/jobs/{cancelled}/cancel", headers=admin_headers)
        endings = {}
        for job_id in (timed_out, cancelled):
            events = (await c.get(f"/api/v1/jobs/{job_id}/events", headers=admin_headers)).json()[
                "events"
            ]
            endings[job_id] = [
                (e["type"], e["data"].get("code"), e["data"]["status"]) for e in events[-2:]
            ]
        assert endings[timed_out][0][:2] == ("task_failed", "timeout")
        assert endings[timed_out][1] == ("job_failed", "timeout", "failed")
        assert endings[cancelled][0][:2] == ("task_failed", "cancelled")
        assert endings[cancelled][1] == ("job_cancelled", "cancelled", "cancelled")
        job = (await c.get(f"/api/v1/jobs/{timed_out}", headers=admin_headers)).json()
        assert job["error"] == "The job took longer than its time limit."


async def test_a_waiting_job_is_cancelled_at_once_even_when_every_slot_is_taken(
    make_settings, run_app, admin_headers
):
    gates = Gates()
    async with run_app(gate_app(make_settings, gates, max_concurrent_jobs=1)) as running:
        c = running.client
        waiting = (
            await c.post(
                "/api/v1/jobs",
                json={"workflow": "test.gate", "params": {"wait_releases_slot": True}},
                headers=admin_headers,
            )
        ).json()["job_id"]
        await asyncio.wait_for(gates.entered_event(waiting).wait(), 10)
        busy = (
            await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=admin_headers)
        ).json()["job_id"]
        await asyncio.wait_for(gates.entered_event(busy).wait(), 10)
        response = await c.post(f"/api/v1/jobs/{waiting}/cancel", headers=admin_headers)
        assert response.json()["status"] == "cancelled"
        gates.gate(busy).set()
        await wait_status(c, admin_headers, busy, {"completed"})
