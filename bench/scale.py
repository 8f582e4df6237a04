"""Scale-out benchmark: booking throughput with one and two workers, re-queue after a SIGKILL,
and a cancel sent to the API reaching the worker.

Starts the replicas, an API (`serve --no-worker`) and `gofer worker` processes on a new
PostgreSQL database and Redis prefix; the replica adds latency to every call, so the site, not
this machine's CPU, bounds each job. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _cluster import AUTH, Cluster, person, run_booking, scale_services, start_booking
from _harness import replicas

PLACES = ["Malmö", "Lund", "Helsingborg", "Linköping", "Norrköping", "Västerås", "Eskilstuna",
          "Gävle", "Sundsvall", "Umeå", "Jönköping", "Växjö", "Örebro", "Karlstad", "Halmstad",
          "Borås"]  # fmt: skip


def body(place: str) -> dict:
    return {"license_type": "B", "exam_type": "Körprov", "vehicle": "manual", "locations": [place]}


async def throughput(cluster: Cluster, replica: str, jobs: int, first: int) -> float:
    """Jobs per minute for a batch submitted at once, each completed and proven on the site."""
    async with httpx.AsyncClient(base_url=cluster.url, headers=AUTH, timeout=120) as api:
        started = time.monotonic()
        ids = [await start_booking(api, body(PLACES[i % len(PLACES)])) for i in range(jobs)]
        results = await asyncio.gather(
            *(run_booking(cluster.url, replica, job_id, person(first + i))
              for i, job_id in enumerate(ids))
        )  # fmt: skip
        elapsed = time.monotonic() - started
    ok = sum(1 for seen in results if any(
        m["type"] == "booking_completed" and m["data"].get("success") for m in seen))  # fmt: skip
    if ok != jobs:
        raise RuntimeError(f"only {ok} of {jobs} bookings completed")
    return jobs / elapsed * 60


async def requeue_after_kill(cluster: Cluster, replica: str, site: httpx.Client) -> float:
    """SIGKILL the worker of a searching job → the job runs again on another worker (seconds)."""
    site.patch("/_replica/config", json={"latency_by_endpoint": {"occasion-bundles": 3000}})
    try:
        async with httpx.AsyncClient(base_url=cluster.url, headers=AUTH, timeout=60) as api:
            job_id = await start_booking(api, body("Uppsala"))
        await run_booking(cluster.url, replica, job_id, person(900),
                          until=lambda m: m["data"].get("status") == "searching")  # fmt: skip
        worker_pid = await _worker_pid(cluster, job_id)
        victim = next(p for p in cluster.workers if p.pid == worker_pid)
        killed_at = time.time()
        cluster.kill(victim)
        seen = await run_booking(cluster.url, replica, job_id, person(900))
    finally:
        site.patch("/_replica/config", json={"latency_by_endpoint": {}})
    requeued = [m for m in seen if m["type"] == "job_requeued"]
    again = [m for m in seen if m["type"] == "status_update" and m["data"]["status"] == "starting"
             and requeued and m["seq"] > requeued[0]["seq"]]  # fmt: skip
    if not again:
        raise RuntimeError("the job was not run again")
    return again[0]["received_at"] - killed_at


async def _worker_pid(cluster: Cluster, job_id: str) -> int:
    import asyncpg

    connection = await asyncpg.connect(cluster.env["DATABASE_URL"].replace("+asyncpg", ""))
    try:
        worker_id = await connection.fetchval("SELECT worker_id FROM jobs WHERE id=$1", job_id)
    finally:
        await connection.close()
    return int(str(worker_id).split("_")[-2])


async def cancel_latency(cluster: Cluster, replica: str, runs: int) -> list[float]:
    """POST cancel on the API → the client sees `job_cancelled` (the job runs on a worker)."""
    found = []
    async with httpx.AsyncClient(base_url=cluster.url, headers=AUTH, timeout=60) as api:
        for i in range(runs):
            job_id = await start_booking(api, body("Uppsala"))
            await run_booking(cluster.url, replica, job_id, person(950 + i),
                              until=lambda m: m["type"] == "qr_update")  # fmt: skip
            ended = asyncio.ensure_future(run_booking(
                cluster.url, replica, job_id, person(950 + i),
                until=lambda m: m["type"] == "job_cancelled"))  # fmt: skip
            await asyncio.sleep(0.5)  # the follower is connected and replayed
            sent = time.time()
            await api.post(f"/api/v1/jobs/{job_id}/cancel")
            seen = await ended
            cancelled = [m for m in seen if m["type"] == "job_cancelled"]
            found.append((cancelled[-1]["received_at"] - sent) * 1000)
    return found


async def main(jobs: int, latency_ms: float, per_worker: int) -> dict:
    with replicas() as replica, scale_services() as (database_url, prefix):
        site = httpx.Client(base_url=replica, timeout=30)
        site.patch("/_replica/config", json={
            "latency_ms": latency_ms, "page_latency_ms": latency_ms,
            "bankid_qr_max_age_s": 30, "slot_density": 0.5})  # fmt: skip
        cluster = Cluster(database_url, prefix, replica, max_concurrent_jobs=str(per_worker),
                          login_timeout_s="120", browser_spare_contexts="1")  # fmt: skip
        try:
            cluster.add_worker()
            one = await throughput(cluster, replica, jobs, 0)
            cluster.add_worker()
            two = await throughput(cluster, replica, jobs, 100)
            site.patch("/_replica/config", json={"latency_ms": 0, "page_latency_ms": 0})
            requeue_s = await requeue_after_kill(cluster, replica, site)
            cancels = await cancel_latency(cluster, replica, 5)
        finally:
            cluster.stop()
            site.close()
    return {
        "jobs_per_phase": jobs,
        "site_latency_ms": latency_ms,
        "max_concurrent_jobs_per_worker": per_worker,
        "jobs_per_min_1_worker": round(one, 2),
        "jobs_per_min_2_workers": round(two, 2),
        "scale_ratio": round(two / one, 2),
        "requeue_s": round(requeue_s, 2),
        "cross_process_cancel_ms": round(statistics.median(cancels), 1),
        "cross_process_cancel_ms_all": [round(c, 1) for c in cancels],
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--jobs", type=int, default=8, help="bookings per phase")
    parser.add_argument("--latency-ms", type=float, default=400, help="replica delay per request")
    parser.add_argument("--per-worker", type=int, default=2, help="MAX_CONCURRENT_JOBS per worker")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main(args.jobs, args.latency_ms, args.per_worker)), indent=2))
