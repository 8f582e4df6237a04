"""Booking benchmark: job start latency (shared browser vs browser per job), QR relay, memory per job.

Starts the replicas and Gofer as processes on 127.0.0.1, measures, stops them, prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from datetime import datetime
from pathlib import Path

import httpx
import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import TOKEN, command_name, descendants, gofer, percentile, pss_kb, replicas

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
    args = parser.parse_args()
    result = asyncio.run(main_async(args))
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
