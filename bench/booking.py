"""Booking benchmark: job start latency (shared browser vs browser per job), QR relay, memory per job;
with --only-monitoring: memory per waiting (monitoring) job, CPU per search cycle, slot → booked.

Starts the replicas and Gofer as processes on 127.0.0.1, measures, stops them, prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import (
    TOKEN,
    command_name,
    cpu_ms,
    descendants,
    gofer,
    percentile,
    pss_kb,
    replicas,
)

AUTH = {"Authorization": f"Bearer {TOKEN}"}
JOB = {
    "workflow": "trafikverket.book",
    "params": {"locations": ["Uppsala"], "exam_type": "Körprov"},
}


async def start_job(api: httpx.AsyncClient) -> dict:
    response = await api.post("/api/v1/jobs", json=JOB)
    response.raise_for_status()
    return response.json()


def page_loaded(event: dict) -> bool:
    return event["type"] == "status_update" and event["data"].get("page_loaded") is True


def at_qr(event: dict) -> bool:
    return event["type"] == "status_update" and event["data"]["status"] == "qr_waiting"


async def first_event(url: str, job_id: str, predicate, timeout_s: float = 60) -> dict:
    """Waits on the job's WebSocket (no polling load on the server) for a matching event."""
    ws_url = url.replace("http://", "ws://") + f"/ws/{job_id}?token={TOKEN}"
    async with asyncio.timeout(timeout_s), websockets.connect(ws_url, max_size=2**22) as ws:
        async for raw in ws:
            event = json.loads(raw)
            if predicate(event):
                return event
    raise TimeoutError(job_id)


async def start_latencies(url: str, runs: int) -> list[float]:
    """Job created → the site's first page loaded in the job's browser (server timestamps)."""
    found = []
    async with httpx.AsyncClient(base_url=url, headers=AUTH, timeout=60) as api:
        for index in range(runs + 1):
            job = await start_job(api)
            event = await first_event(url, job["job_id"], page_loaded)
            created = datetime.fromisoformat(job["created_at"])
            loaded = datetime.fromisoformat(event["timestamp"].replace("Z", "+00:00"))
            await api.post(f"/api/v1/jobs/{job['job_id']}/cancel")
            if index > 0:  # the first run warms caches and is not counted
                found.append((loaded - created).total_seconds() * 1000)
            await asyncio.sleep(0.3)  # let the pool refill its spare context, as between real jobs
    return found


async def time_to_qr(url: str, runs: int) -> list[float]:
    """What a person waits for: the create request sent → the first QR at their WebSocket client.

    Client clock at both ends; the client subscribes right after the create answer, as an app
    does (the replay sends anything it missed), so this includes the WebSocket handshake.
    """
    found = []
    async with httpx.AsyncClient(base_url=url, headers=AUTH, timeout=60) as api:
        for index in range(runs + 1):
            sent = time.perf_counter()
            job = await start_job(api)
            await first_event(url, job["job_id"], lambda e: e["type"] == "qr_update")
            elapsed = (time.perf_counter() - sent) * 1000
            await api.post(f"/api/v1/jobs/{job['job_id']}/cancel")
            if index > 0:  # the first run warms caches and is not counted
                found.append(elapsed)
            # Time for the pool to prepare its next page, as between real bookings.
            await asyncio.sleep(3.0)
    return found


async def qr_relay(url: str, replica_url: str, seconds: float) -> list[float]:
    """The replica drew a new QR → the WebSocket client received it (same machine clock)."""
    received: dict[str, float] = {}
    async with httpx.AsyncClient(base_url=url, headers=AUTH, timeout=60) as api:
        job = await start_job(api)
        ws_url = url.replace("http://", "ws://") + f"/ws/{job['job_id']}?token={TOKEN}"
        async with websockets.connect(ws_url, max_size=2**22) as ws:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                try:
                    raw = await asyncio.wait_for(
                        ws.recv(), timeout=max(0.1, end - time.monotonic())
                    )
                except TimeoutError:
                    break
                now_ms = time.time() * 1000
                message = json.loads(raw)
                if message["type"] == "qr_update" and message.get("qr_payload"):
                    received.setdefault(message["qr_payload"], now_ms)
        await api.post(f"/api/v1/jobs/{job['job_id']}/cancel")
    draws = httpx.get(f"{replica_url}/_replica/qr-draws", timeout=30).json()["draws"]
    drawn: dict[str, float] = {}
    for draw in draws:
        drawn.setdefault(draw["payload"], draw["drawnAtMs"])
    return [received[p] - drawn[p] for p in received if p in drawn]


async def memory_per_job(
    url: str, server_pid: int, counts: list[int]
) -> tuple[dict[str, float], dict[str, float]]:
    """PSS of the server and every Chromium process, divided by N jobs waiting at the QR."""
    result: dict[str, float] = {}
    breakdown: dict[str, float] = {}
    async with httpx.AsyncClient(base_url=url, headers=AUTH, timeout=120) as api:
        for n in counts:
            jobs = [await start_job(api) for _ in range(n)]
            await asyncio.gather(*(first_event(url, j["job_id"], at_qr, 120) for j in jobs))
            await asyncio.sleep(1.0)  # let the pages settle before reading memory
            chromium = [p for p in descendants(server_pid) if "chrom" in command_name(p)]
            server_kb, chromium_kb = pss_kb(server_pid), sum(pss_kb(p) for p in chromium)
            result[str(n)] = round((server_kb + chromium_kb) / 1024 / n, 1)
            breakdown = {
                "jobs": n,
                "server_mb": round(server_kb / 1024, 1),
                "chromium_mb": round(chromium_kb / 1024, 1),
                "chromium_processes": len(chromium),
            }
            await asyncio.gather(*(api.post(f"/api/v1/jobs/{j['job_id']}/cancel") for j in jobs))
    return result, breakdown


# --- monitoring: jobs that wait for a slot -------------------------------------------------

PERSON = "191212121212"
UPPSALA, KORPROV_B, MANUAL = 1000071, 12, 2


def monitoring_job(poll_interval_s: float) -> dict:
    params = {**JOB["params"], "vehicle": "manual", "poll_interval_s": poll_interval_s}
    return {"workflow": "trafikverket.book", "params": params}


class MonitoredJob:
    """Follows one job over its WebSocket, scans its QR with the replica's phone, counts cycles."""

    def __init__(self, url: str, replica_url: str, job_id: str) -> None:
        self.url, self.replica_url, self.job_id = url, replica_url, job_id
        self.monitoring = asyncio.Event()
        self.cycles = 0  # "monitoring" statuses: one per search that found nothing
        self.found_at: datetime | None = None
        self.ended: dict | None = None
        self.done = asyncio.Event()

    async def follow(self) -> None:
        ws_url = self.url.replace("http://", "ws://") + f"/ws/{self.job_id}?token={TOKEN}"
        async with (
            httpx.AsyncClient(base_url=self.replica_url, timeout=60) as phone,
            websockets.connect(ws_url, max_size=2**22) as ws,
        ):
            async for raw in ws:
                event = json.loads(raw)
                kind, data = event["type"], event.get("data", {})
                if kind == "qr_update" and event.get("qr_payload"):
                    await phone.post(
                        "/_replica/bankid/scan",
                        json={"qr": event["qr_payload"], "personalNumber": PERSON},
                    )
                elif kind == "status_update" and data.get("status") == "monitoring":
                    self.cycles += 1
                    self.monitoring.set()
                elif kind == "slot_found":
                    self.found_at = stamp(event)
                elif kind in ("booking_completed", "job_failed", "job_cancelled"):
                    self.ended = event
                    break
        self.done.set()


def stamp(event: dict) -> datetime:
    return datetime.fromisoformat(event["timestamp"].replace("Z", "+00:00"))


async def start_monitoring(
    api: httpx.AsyncClient, url: str, replica_url: str, n: int, poll_interval_s: float
) -> tuple[list[MonitoredJob], list[asyncio.Task[None]]]:
    """N booking jobs, logged in and monitoring (each has searched once and found nothing)."""
    jobs, tasks = [], []
    for _ in range(n):
        answer = await api.post("/api/v1/jobs", json=monitoring_job(poll_interval_s))
        answer.raise_for_status()
        job = MonitoredJob(url, replica_url, answer.json()["job_id"])
        jobs.append(job)
        tasks.append(asyncio.create_task(job.follow()))
    async with asyncio.timeout(60 + 6 * n):
        await asyncio.gather(*(job.monitoring.wait() for job in jobs))
    return jobs, tasks


async def stop_all(api: httpx.AsyncClient, jobs: list[MonitoredJob], tasks: list) -> None:
    await asyncio.gather(*(api.post(f"/api/v1/jobs/{j.job_id}/cancel") for j in jobs))
    await asyncio.wait(tasks, timeout=60)
    async with asyncio.timeout(60):
        while (await api.get("/health/detailed")).json()["browser"]["contexts_in_use"]:
            await asyncio.sleep(0.2)


def memory_now(server_pid: int) -> dict[str, float]:
    """PSS in MB: the server, its Chromium processes, and the Playwright driver (node)."""
    children = descendants(server_pid)
    chromium = [p for p in children if "chrom" in command_name(p)]
    driver = [p for p in children if command_name(p).startswith("node")]
    return {
        "server_mb": round(pss_kb(server_pid) / 1024, 1),
        "chromium_mb": round(sum(pss_kb(p) for p in chromium) / 1024, 1),
        "driver_mb": round(sum(pss_kb(p) for p in driver) / 1024, 1),
        "chromium_processes": len(chromium),
    }


async def waiting_memory(
    url: str, replica_url: str, server_pid: int, counts: list[int], poll_interval_s: float
) -> tuple[dict[str, float], dict[str, float], dict[str, dict[str, float]]]:
    """PSS of the server and every Chromium process (and, apart, the driver) / N monitoring jobs."""
    without_driver: dict[str, float] = {}
    with_driver: dict[str, float] = {}
    breakdown: dict[str, dict[str, float]] = {}
    async with httpx.AsyncClient(base_url=url, headers=AUTH, timeout=120) as api:
        for n in counts:
            jobs, tasks = await start_monitoring(api, url, replica_url, n, poll_interval_s)
            await asyncio.sleep(2.0)  # closed pages' renderers take a moment to exit
            pages = (await api.get("/health/detailed")).json()["browser"]["pages_in_use"]
            memory = memory_now(server_pid)
            base = memory["server_mb"] + memory["chromium_mb"]
            without_driver[str(n)] = round(base / n, 2)
            with_driver[str(n)] = round((base + memory["driver_mb"]) / n, 2)
            breakdown[str(n)] = {**memory, "pages_in_use": pages}
            await stop_all(api, jobs, tasks)
    return without_driver, with_driver, breakdown


async def poll_cpu(
    url: str, replica_url: str, server_pid: int, n: int, poll_interval_s: float, seconds: float
) -> tuple[float, int]:
    """CPU (server + Chromium + driver, not the replica) per search cycle of monitoring jobs."""
    async with httpx.AsyncClient(base_url=url, headers=AUTH, timeout=120) as api:
        jobs, tasks = await start_monitoring(api, url, replica_url, n, poll_interval_s)
        await asyncio.sleep(2.0)  # closed pages' renderers take a moment to exit
        processes = [server_pid, *descendants(server_pid)]
        cycles_before = sum(j.cycles for j in jobs)
        cpu_before = {pid: cpu_ms(pid) for pid in processes}
        await asyncio.sleep(seconds)  # the measured window
        # A process that ended inside the window reads 0 and is left out (none should, waiting).
        cpu_used = sum(max(0.0, cpu_ms(pid) - cpu_before[pid]) for pid in processes)
        cycles = sum(j.cycles for j in jobs) - cycles_before
        await stop_all(api, jobs, tasks)
    return round(cpu_used / max(cycles, 1), 2), cycles


async def slot_to_booked(url: str, replica_url: str, runs: int, poll_interval_s: float) -> dict:
    """A monitoring job; a slot appears; the booking is confirmed (the site's summary proved it)."""
    after_poll, after_appearing = [], []
    async with (
        httpx.AsyncClient(base_url=url, headers=AUTH, timeout=120) as api,
        httpx.AsyncClient(base_url=replica_url, timeout=60) as site,
    ):
        for index in range(runs):
            (await site.post("/_replica/reset", json={})).raise_for_status()
            (await site.delete("/_replica/slots")).raise_for_status()
            [job], tasks = await start_monitoring(api, url, replica_url, 1, poll_interval_s)
            day = datetime.now().astimezone() + timedelta(days=20 + index)
            start = day.replace(hour=10, minute=0, second=0, microsecond=0).isoformat()
            slot = {"locationId": UPPSALA, "examinationTypeId": KORPROV_B, "vehicleTypeId": MANUAL}
            appeared = datetime.now(UTC)
            answer = await site.post("/_replica/slots", json={"slots": [{**slot, "start": start}]})
            answer.raise_for_status()
            async with asyncio.timeout(120):
                await job.done.wait()
            await asyncio.wait(tasks, timeout=10)
            ended = job.ended or {}
            if not ended.get("data", {}).get("success") or job.found_at is None:
                raise RuntimeError(f"run {index} did not book: {ended}")
            booked = stamp(ended)
            after_poll.append((booked - job.found_at).total_seconds() * 1000)
            after_appearing.append((booked - appeared).total_seconds() * 1000)
    return {"after_poll": after_poll, "after_appearing": after_appearing}


async def monitoring_async(args: argparse.Namespace) -> dict:
    counts = [int(n) for n in args.monitor_n.split(",")]
    with replicas() as replica_url:
        # Long logins and BankID orders: the figures are about waiting, not about re-scanning.
        httpx.patch(
            f"{replica_url}/_replica/config",
            json={"bankid_order_timeout_s": 3600, "session_minutes": 600},
        ).raise_for_status()
        httpx.delete(f"{replica_url}/_replica/slots").raise_for_status()
        settings = {
            "max_concurrent_jobs": str(args.monitor_concurrency),
            "min_poll_interval_s": "0.5",
            "login_timeout_s": "600",
            "rate_limit_job_start": "100000/minute",
            "rate_limit_default": "100000/minute",
        }
        with gofer(replica_url, **settings) as (url, proc):
            memory, memory_with_driver, breakdown = await waiting_memory(
                url, replica_url, proc.pid, counts, args.monitor_poll_s
            )
            cpu, cycles = await poll_cpu(
                url, replica_url, proc.pid, args.cpu_jobs, args.cpu_poll_s, args.cpu_seconds
            )
            booked = await slot_to_booked(url, replica_url, args.booked_runs, args.booked_poll_s)
    p50, p95 = summary(booked["after_poll"])
    appear_p50, appear_p95 = summary(booked["after_appearing"])
    return {
        "mb_per_waiting_job": memory,
        "mb_per_waiting_job_with_driver": memory_with_driver,
        "waiting_memory_breakdown": breakdown,
        "poll_cpu_ms": cpu,
        "poll_cpu_cycles": cycles,
        "slot_to_booked_p50_ms": p50,
        "slot_to_booked_p95_ms": p95,
        "slot_appeared_to_booked_p50_ms": appear_p50,
        "slot_appeared_to_booked_p95_ms": appear_p95,
        "slot_to_booked_runs": len(booked["after_poll"]),
    }


def summary(values: list[float]) -> tuple[float, float]:
    return round(percentile(values, 50), 1), round(percentile(values, 95), 1)


async def main_async(args: argparse.Namespace) -> dict:
    counts = [int(n) for n in args.mem_n.split(",")]
    with replicas() as replica_url:
        httpx.patch(
            f"{replica_url}/_replica/config", json={"bankid_order_timeout_s": 3600}
        ).raise_for_status()
        extra = {"browser_extra_args": args.chromium_args} if args.chromium_args else {}
        with gofer(
            replica_url, max_concurrent_jobs=str(max(counts) + 2), login_timeout_s="600", **extra
        ) as (url, proc):
            shared = await start_latencies(url, args.runs)
            to_qr = await time_to_qr(url, args.qr_runs)
            relay = await qr_relay(url, replica_url, args.qr_seconds)
            memory, breakdown = await memory_per_job(url, proc.pid, counts)
        with gofer(replica_url, browser_warm_contexts="0") as (url, _):
            to_qr_cold = await time_to_qr(url, args.qr_runs)
        with gofer(replica_url, browser_mode="per_job") as (url, _):
            per_job = await start_latencies(url, args.baseline_runs)
    start_p50, start_p95 = summary(shared)
    per_job_p50, _ = summary(per_job)
    relay_p50, relay_p95 = summary(relay)
    to_qr_p50, to_qr_p95 = summary(to_qr)
    cold_p50, cold_p95 = summary(to_qr_cold)
    return {
        "start_p50_ms": start_p50,
        "start_p95_ms": start_p95,
        "per_job_browser_start_p50_ms": per_job_p50,
        "start_speedup": round(per_job_p50 / start_p50, 2),
        "time_to_qr_p50_ms": to_qr_p50,
        "time_to_qr_p95_ms": to_qr_p95,
        "time_to_qr_without_warm_page_p50_ms": cold_p50,
        "time_to_qr_without_warm_page_p95_ms": cold_p95,
        "qr_relay_p50_ms": relay_p50,
        "qr_relay_p95_ms": relay_p95,
        "qr_relay_samples": len(relay),
        "mb_per_job": memory,
        "memory_breakdown": breakdown,
        "runs": {"shared": len(shared), "per_job": len(per_job), "time_to_qr": len(to_qr)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--baseline-runs", type=int, default=8)
    parser.add_argument("--qr-runs", type=int, default=10)
    parser.add_argument("--qr-seconds", type=float, default=20.0)
    parser.add_argument("--mem-n", default="1,10,20")
    parser.add_argument("--chromium-args", default="", help="JSON list of extra Chromium flags")
    parser.add_argument(
        "--only-monitoring",
        action="store_true",
        help="only the monitoring figures: memory per waiting job, poll CPU, slot → booked",
    )
    parser.add_argument("--monitor-n", default="20,100,200", help="N monitoring jobs for memory")
    parser.add_argument("--monitor-poll-s", type=float, default=60.0)
    parser.add_argument("--monitor-concurrency", type=int, default=8, help="MAX_CONCURRENT_JOBS")
    parser.add_argument("--cpu-jobs", type=int, default=20)
    parser.add_argument("--cpu-poll-s", type=float, default=2.0)
    parser.add_argument("--cpu-seconds", type=float, default=20.0)
    parser.add_argument("--booked-runs", type=int, default=7)
    parser.add_argument("--booked-poll-s", type=float, default=1.0)
    args = parser.parse_args()
    result = asyncio.run(monitoring_async(args) if args.only_monitoring else main_async(args))
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
