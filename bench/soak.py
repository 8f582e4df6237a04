"""Soak: monitoring bookings and many WebSocket clients on a scaled-out Gofer for a while.

An API (`serve --no-worker`) and two `gofer worker`s on a new PostgreSQL database and Redis
prefix. Every job logs in (the QR is scanned) and then monitors a window with no free slot, so it
searches and reports again and again; the WebSocket clients spread over the jobs. Prints one
JSON object: memory of the Gofer processes at the start and end, errors, events a client missed,
and the delay from an event being stored to a client receiving it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import httpx
import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _cluster import AUTH, Cluster, person, run_booking, scale_services, start_booking
from _harness import TOKEN, percentile, replicas


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class Client:
    """One WebSocket client of a job: the seqs it saw and how late each arrived."""

    def __init__(self, url: str, job_id: str) -> None:
        self.url = url.replace("http://", "ws://") + f"/ws/{job_id}?token={TOKEN}"
        self.seqs: list[int] = []
        self.delays_ms: list[float] = []
        self.errors: Counter[str] = Counter()
        self.connected = asyncio.Event()

    async def run(self, stop: asyncio.Event) -> None:
        after = 0
        while not stop.is_set():
            try:
                async with websockets.connect(
                    f"{self.url}&after={after}", open_timeout=120, max_size=2**22
                ) as ws:
                    since = time.time()
                    self.connected.set()
                    while not stop.is_set():
                        try:
                            raw = await asyncio.wait_for(ws.recv(), 1.0)
                        except TimeoutError:
                            continue
                        message = json.loads(raw)
                        self.seqs.append(message["seq"])
                        after = message["seq"]
                        stamp = datetime.fromisoformat(message["timestamp"].replace("Z", "+00:00"))
                        if stamp.timestamp() >= since:  # live, not replayed history
                            self.delays_ms.append((time.time() - stamp.timestamp()) * 1000)
                return
            except (OSError, websockets.WebSocketException, TimeoutError) as exc:
                self.errors[type(exc).__name__] += 1
                await asyncio.sleep(1)

    def lost(self) -> int:
        """Seqs missing between the first and last one seen (the server replays after a gap)."""
        if not self.seqs:
            return 0
        return (self.seqs[-1] - self.seqs[0] + 1) - len(set(self.seqs))


async def main(jobs: int, clients: int, duration_s: float, poll_s: float) -> dict:
    with replicas() as replica, scale_services() as (database_url, prefix):
        site = httpx.Client(base_url=replica, timeout=30)
        site.patch("/_replica/config", json={"bankid_qr_max_age_s": 60})
        cluster = Cluster(database_url, prefix, replica, max_concurrent_jobs="4",
                          min_poll_interval_s=str(poll_s), login_timeout_s="600",
                          browser_spare_contexts="1")  # fmt: skip
        errors = 0
        try:
            cluster.add_worker()
            cluster.add_worker()
            # A window that ends before the replica's first free slot: the jobs monitor.
            window_end = (date.today() + timedelta(days=5)).isoformat()
            body = {"license_type": "B", "exam_type": "Körprov", "locations": ["Uppsala"],
                    "before": window_end, "poll_interval_s": poll_s}  # fmt: skip
            async with httpx.AsyncClient(base_url=cluster.url, headers=AUTH, timeout=120) as api:
                ids = [await start_booking(api, body) for _ in range(jobs)]
                await asyncio.gather(*(
                    run_booking(cluster.url, replica, job_id, person(i),
                                until=lambda m: m["data"].get("status") == "monitoring")
                    for i, job_id in enumerate(ids)))  # fmt: skip
                pids = [cluster.api.pid, *(w.pid for w in cluster.workers)]
                stop = asyncio.Event()
                followers = [Client(cluster.url, ids[i % jobs]) for i in range(clients)]
                tasks = [asyncio.create_task(f.run(stop)) for f in followers]
                await asyncio.gather(*(f.connected.wait() for f in followers))
                # Memory is compared from when every client is connected and has caught up.
                await asyncio.sleep(min(30.0, duration_s / 10))
                rss_start = rss_mb(pids)
                await asyncio.sleep(duration_s)
                rss_end = rss_mb(pids)
                stop.set()
                await asyncio.gather(*tasks, return_exceptions=True)
                states = [(await api.get(f"/api/v1/jobs/{j}")).json() for j in ids]
                errors += sum(1 for s in states if s.get("state") in ("failed", "cancelled"))
                for job_id in ids:
                    await api.post(f"/api/v1/jobs/{job_id}/cancel")
        finally:
            cluster.stop()
            site.close()
    delays = [d for f in followers for d in f.delays_ms]
    return {
        "jobs": jobs,
        "ws_clients": clients,
        "duration_s": duration_s,
        "poll_interval_s": poll_s,
        "rss_start_mb": round(rss_start, 1),
        "rss_end_mb": round(rss_end, 1),
        "rss_change_pct": round((rss_end - rss_start) / rss_start * 100, 1),
        "errors": errors + sum(sum(f.errors.values()) for f in followers),
        "error_kinds": dict(sum((f.errors for f in followers), Counter())),
        "lost_events": sum(f.lost() for f in followers),
        "messages_received": len(delays),
        "ws_p50_ms": round(percentile(delays, 50), 1),
        "ws_p99_ms": round(percentile(delays, 99), 1),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--jobs", type=int, default=50)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--duration-s", type=float, default=600)
    parser.add_argument("--poll-s", type=float, default=10, help="each job's search interval")
    args = parser.parse_args()
    result = asyncio.run(main(args.jobs, args.clients, args.duration_s, args.poll_s))
    print(json.dumps(result, indent=2))
