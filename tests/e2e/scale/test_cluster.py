"""One API and two workers as separate processes, on PostgreSQL and Redis, with real Chromium
against the replica: what a user of a scaled-out Gofer relies on."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from typing import Any

import asyncpg
import httpx
import pytest

from gofer.serving import free_port
from tests.e2e.scale.cluster import AUTH, Cluster, follow, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.redis]

PLACES = [
    "Malmö",
    "Lund",
    "Helsingborg",
    "Linköping",
    "Norrköping",
    "Västerås",
    "Eskilstuna",
    "Gävle",
    "Sundsvall",
    "Umeå",
]


def person(n: int) -> str:
    return f"1990010{n % 10}{n:04d}"


def booking(place: str) -> dict[str, Any]:
    return {"license_type": "B", "exam_type": "Körprov", "vehicle": "manual", "locations": [place]}


def start(api: httpx.Client, body: dict[str, Any]) -> str:
    created = api.post("/api/v1/booking/start", json=body)
    assert created.status_code == 201, created.text
    return str(created.json()["job_id"])


async def job_worker(cluster: Cluster, job_id: str) -> str | None:
    """Which worker holds the job (the API hides it; the database knows)."""
    url = cluster.env["DATABASE_URL"].replace("+asyncpg", "")
    connection = await asyncpg.connect(url)
    try:
        return await connection.fetchval("SELECT worker_id FROM jobs WHERE id = $1", job_id)  # type: ignore[no-any-return]
    finally:
        await connection.close()


def pid_of(worker_id: str) -> int:
    return int(worker_id.split("_")[-2])


def only_booking(site: httpx.Client, ssn: str) -> dict[str, Any]:
    bookings = site.get("/_replica/bookings", params={"ssn": ssn}).json()["bookings"]
    assert len(bookings) == 1, bookings
    return dict(bookings[0])


async def test_two_workers_complete_ten_bookings_each_booked_once(
    cluster: Cluster, replica: Any, site: httpx.Client
) -> None:
    with cluster.client() as api:
        jobs = {start(api, booking(place)): person(i) for i, place in enumerate(PLACES)}
        seen = await asyncio.gather(
            *(follow(cluster, replica.url, job_id, ssn) for job_id, ssn in jobs.items())
        )
    workers = {await job_worker(cluster, job_id) for job_id in jobs}
    for (job_id, ssn), followed in zip(jobs.items(), seen, strict=True):
        completed = followed.last("booking_completed")["data"]
        assert completed["success"] is True, (job_id, completed)
        assert followed.seqs() == list(range(1, len(followed.seqs()) + 1))
        assert only_booking(site, ssn)["bookingId"] == completed["booking_id"]
    # Both workers took jobs: a worker pulls only what it has room for.
    assert len(workers) == 2, workers


async def test_a_killed_workers_job_runs_again_without_double_booking(
    cluster: Cluster, replica: Any, site: httpx.Client, webhooks: Any
) -> None:
    log, _ = webhooks
    ssn = person(42)
    # A slow search, so that the job is surely searching when its worker dies.
    site.patch("/_replica/config", json={"latency_by_endpoint": {"occasion-bundles": 1500}})
    try:
        with cluster.client() as api:
            job_id = start(api, booking("Uppsala"))
        first = await follow(
            cluster,
            replica.url,
            job_id,
            ssn,
            until=lambda m: m["type"] == "status_update" and m["data"]["status"] == "searching",
        )
        victim = await job_worker(cluster, job_id)
        assert victim is not None
        name = next(n for n, p in cluster.workers.items() if p.pid == pid_of(victim))
        cluster.kill_worker(name)
        rest = await follow(cluster, replica.url, job_id, ssn, after=first.seqs()[-1], timeout_s=90)
    finally:
        site.patch("/_replica/config", json={"latency_by_endpoint": {}})
        cluster.start_worker(name)

    messages = first.messages + rest.messages
    types = [m["type"] for m in messages]
    assert "job_requeued" in types
    completed = rest.last("booking_completed")["data"]
    assert completed["success"] is True, rest.messages[-3:]
    assert only_booking(site, ssn)["bookingId"] == completed["booking_id"]
    seqs = [m["seq"] for m in messages]
    assert seqs == list(range(1, len(seqs) + 1))
    assert await job_worker(cluster, job_id) != victim
    # Every event reached the webhook (the dead worker's deliveries included), as one message:
    # one webhook-id per event, which is what a receiver deduplicates on. Raw repeats of a
    # message are at-least-once delivery (dispatchers in several processes); leased claims in
    # the dispatcher remove them.
    wait_until(lambda: {h["seq"] for h in log.for_job(job_id)} >= set(seqs), 60, "every webhook")
    messages = {h["webhook_id"]: h["seq"] for h in log.for_job(job_id)}
    assert sorted(messages.values()) == seqs


async def test_a_cancel_sent_to_the_api_stops_the_job_on_its_worker(
    cluster: Cluster, replica: Any, site: httpx.Client
) -> None:
    with cluster.client() as api:
        job_id = start(api, booking("Uppsala"))
        await follow(
            cluster,
            replica.url,
            job_id,
            person(7),
            scan=False,
            until=lambda m: m["type"] == "qr_update",
        )
        assert await job_worker(cluster, job_id) is not None  # running on a worker
        answer = api.post(f"/api/v1/jobs/{job_id}/cancel")
        assert answer.status_code == 200, answer.text
        # The reply comes once the worker has recorded the end.
        assert answer.json()["status"] == "cancelled"
        events = api.get(f"/api/v1/jobs/{job_id}/events").json()["events"]
    assert events[-1]["type"] == "job_cancelled"


async def test_a_websocket_on_the_api_sees_a_workers_events_live_and_replays(
    cluster: Cluster, replica: Any, site: httpx.Client
) -> None:
    ssn = person(8)
    with cluster.client() as api:
        job_id = start(api, booking("Järfälla"))
    # Live: the worker draws the QR; the client on the API sees it and scans it.
    early = await follow(
        cluster,
        replica.url,
        job_id,
        ssn,
        until=lambda m: m["type"] == "status_update" and m["data"]["status"] == "authenticated",
    )
    assert early.scans == 1
    # Reconnecting from the last seq seen gives the rest: nothing missed, nothing twice.
    late = await follow(cluster, replica.url, job_id, ssn, after=early.seqs()[-1])
    seqs = early.seqs() + late.seqs()
    assert seqs == list(range(1, len(seqs) + 1))
    assert late.last("booking_completed")["data"]["success"] is True
    # A client connecting after the end gets the whole stream from the store.
    replay = await follow(cluster, replica.url, job_id, ssn, scan=False)
    assert replay.seqs() == seqs


async def test_a_forms_conversation_stays_right_when_its_turns_land_on_different_workers(
    cluster: Cluster, replica: Any, site: httpx.Client
) -> None:
    with cluster.client() as api:
        api.timeout = httpx.Timeout(120)
        first = api.post(
            "/api/execute",
            json={"user_message": "Đơn vay cho Nguyễn Văn An, số điện thoại 0912345678"},
        ).json()
        assert first["success"] is True, first
        first_worker = await job_worker(cluster, first["job_id"])
        assert first_worker is not None
        # Its worker leaves (scaled down), taking the conversation's open page with it.
        name = next(n for n, p in cluster.workers.items() if p.pid == pid_of(first_worker))
        proc = cluster.workers.pop(name)
        proc.terminate()
        proc.wait(30)
        try:
            second = api.post(
                "/api/execute",
                json={
                    "user_message": "à nhầm, số điện thoại là 0987654321, vay 300 triệu",
                    "session_id": first["session_id"],
                },
            ).json()
        finally:
            cluster.start_worker(name)
    assert second["success"] is True, second
    assert await job_worker(cluster, second["job_id"]) != first_worker
    expected = {
        "customerName": "Nguyễn Văn An",
        "phoneNumber": "0987654321",
        "loanAmount": "300000000",
    }
    assert {k: second["filled"].get(k) for k in expected} == expected
    with httpx.Client(base_url=replica.url) as site:
        url = "/_replica/forms/loan/state"
        wait_until(
            lambda: (
                site.get(url, params={"session": first["session_id"]})
                .json()["values"]
                .get("phoneNumber")
                == "0987654321"
            ),
            15,
            "the page's autosave",
        )
        values = site.get(url, params={"session": first["session_id"]}).json()["values"]
    assert {k: values.get(k) for k in expected} == expected


def test_the_embedded_default_needs_neither_redis_nor_postgres(tmp_path: Any) -> None:
    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "ENV": "test",
        "API_SECRET_TOKEN": AUTH["Authorization"].removeprefix("Bearer "),
        "DATA_DIR": str(tmp_path / "data"),
        "PORT": str(port),
        "LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "gofer", "serve"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _up(url), 90, "gofer serve")
        health = httpx.get(f"{url}/health/detailed", headers=AUTH, timeout=10).json()
    finally:
        proc.terminate()
        proc.wait(30)
    assert health["queue"]["kind"] == "inprocess"
    assert health["role"] == "all" and health["database"]["ok"] is True
    assert (tmp_path / "data" / "gofer.db").exists()
    assert health["workers"] and all(w["alive"] for w in health["workers"])


def _up(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
