"""Benchmark of webhook delivery: sustained throughput, enqueue-to-delivery latency, loss.

Starts a signature-verifying receiver on 127.0.0.1 (a subprocess) and Gofer's outbox and
dispatcher on a temporary SQLite database, then measures:

- deliveries_per_s: signed deliveries per second over 10 s, draining a backlog of pending
  messages spread over many jobs (inserted in bulk beforehand);
- p99_enqueue_to_delivery_ms: events stored through JobStore.record at a fixed 500 events/s,
  from the start of storing the event to the receiver having the request;
- lost and duplicates: webhook-ids never received, and received more than once.

Usage: python bench/webhooks.py [--json] [--seconds 10] [--rate 500] [--backlog 40000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SECRET = "whsec_" + "YmVuY2htYXJrLXNlY3JldC1ub3QtZm9yLXVzZS0xMjM0NQ=="


# --- receiver (runs in its own process) -------------------------------------------------------


class ReceiverProtocol(asyncio.Protocol):
    """Minimal HTTP/1.1 keep-alive server: verifies each webhook and answers 204."""

    def __init__(self, stats: dict[str, Any], verifier: Any) -> None:
        self.stats = stats
        self.verifier = verifier
        self.buffer = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            head_end = self.buffer.find(b"\r\n\r\n")
            if head_end < 0:
                return
            head = self.buffer[:head_end].decode("latin-1").split("\r\n")
            headers = {}
            for line in head[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers.get("content-length", "0"))
            if len(self.buffer) < head_end + 4 + length:
                return
            body = self.buffer[head_end + 4 : head_end + 4 + length]
            self.buffer = self.buffer[head_end + 4 + length :]
            self.handle(head[0], headers, body)

    def handle(self, request_line: str, headers: dict[str, str], body: bytes) -> None:
        now = time.time()
        if request_line.startswith("GET /stats"):
            answer = json.dumps(
                {
                    "received": self.stats["received"],
                    "unique": len(self.stats["ids"]),
                    "invalid": self.stats["invalid"],
                    "latencies_ms": self.stats["latencies_ms"],
                }
            ).encode()
            self.stats["latencies_ms"] = []
            self.reply(200, answer)
            return
        self.stats["received"] += 1
        try:
            payload = self.verifier.verify(body, headers)
        except Exception:
            self.stats["invalid"] += 1
            self.reply(400, b"bad signature")
            return
        self.stats["ids"].add(headers["webhook-id"])
        sent_at = payload.get("data", {}).get("t0")
        if sent_at is not None:
            self.stats["latencies_ms"].append((now - sent_at) * 1000)
        self.reply(204, b"")

    def reply(self, status: int, body: bytes) -> None:
        reason = {200: "OK", 204: "No Content", 400: "Bad Request"}[status]
        self.transport.write(  # type: ignore[attr-defined]
            f"HTTP/1.1 {status} {reason}\r\ncontent-length: {len(body)}\r\n\r\n".encode() + body
        )


async def run_receiver(port: int) -> None:
    from standardwebhooks.webhooks import Webhook

    stats: dict[str, Any] = {"received": 0, "ids": set(), "invalid": 0, "latencies_ms": []}
    verifier = Webhook(SECRET)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: ReceiverProtocol(stats, verifier), "127.0.0.1", port, backlog=1024
    )
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


# --- the Gofer side ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def receiver_stats(client: Any, base: str) -> dict[str, Any]:
    return (await client.get(f"{base}/stats")).json()  # type: ignore[no-any-return]


async def bench(seconds: float, rate: float, backlog: int) -> dict[str, Any]:
    import httpx
    from sqlalchemy import insert

    from gofer.config import Settings
    from gofer.events.bus import EventBus
    from gofer.jobs.store import JobStore
    from gofer.store.db import create_engine, create_tables, session_factory
    from gofer.webhooks.control import sync_default_endpoint
    from gofer.webhooks.dispatcher import Dispatcher
    from gofer.webhooks.outbox import EndpointDirectory, Outbox, body
    from gofer.webhooks.retry import RetrySchedule
    from gofer.webhooks.signing import new_message_id
    from gofer.webhooks.ssrf import UrlGuard
    from gofer.webhooks.tables import DEFAULT_ENDPOINT_ID, WebhookMessageRow

    port = free_port()
    receiver = subprocess.Popen(
        [sys.executable, __file__, "--receiver", str(port)], stdout=subprocess.PIPE
    )
    assert receiver.stdout is not None
    receiver.stdout.readline()  # "ready"
    base = f"http://127.0.0.1:{port}"
    data_dir = Path(tempfile.mkdtemp(prefix="gofer-bench-webhooks-"))
    settings = Settings(_env_file=None, env="test", api_secret_token="bench", data_dir=data_dir)  # type: ignore[call-arg]
    engine = create_engine(f"sqlite+aiosqlite:///{data_dir / 'gofer.db'}")
    await create_tables(engine)
    sessions = session_factory(engine)
    store = JobStore(sessions, EventBus())
    await sync_default_endpoint(sessions, f"{base}/hook")
    directory = EndpointDirectory(sessions)
    await directory.refresh()
    dispatcher = Dispatcher(
        sessions,
        UrlGuard(["127.0.0.1"]),
        RetrySchedule(settings.webhook_retry_schedule_s),
        default_secret=SECRET,
        timeout_s=settings.webhook_timeout_s,
        concurrency=settings.webhook_concurrency,
        disable_after_s=settings.webhook_disable_after_s,
        idle_poll_s=settings.webhook_idle_poll_s,
    )
    outbox = Outbox(directory, dispatcher.wake)
    store.in_transaction_hooks.append(outbox.enqueue)
    store.after_commit_hooks.append(outbox.after_commit)
    result: dict[str, Any] = {}
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            # Phase 1: a backlog over many jobs (so per-job ordering leaves room to run in parallel).
            jobs = [
                (await store.create(user_id="admin", workflow="bench", params={})).job_id
                for _ in range(400)
            ]
            now = datetime.now(UTC)
            rows = []
            for n in range(backlog):
                job_id = jobs[n % len(jobs)]
                seq = n // len(jobs) + 1
                rows.append(
                    {
                        "id": new_message_id(),
                        "endpoint_id": DEFAULT_ENDPOINT_ID,
                        "owner_id": "admin",
                        "job_id": job_id,
                        "seq": seq,
                        "event_type": "status_update",
                        "payload": body("status_update", job_id, "bench", seq, now, {"step": seq}),
                        "status": "pending",
                        "attempt_count": 0,
                        "failures": 0,
                        "next_attempt_at": now,
                        "created_at": now,
                    }
                )
            async with sessions.begin() as session:
                for start in range(0, len(rows), 5000):
                    await session.execute(
                        insert(WebhookMessageRow.__table__), rows[start : start + 5000]
                    )
            del rows
            await dispatcher.start()
            began = time.perf_counter()
            at_start = (await receiver_stats(client, base))["unique"]
            await asyncio.sleep(seconds)
            elapsed = time.perf_counter() - began
            after = (await receiver_stats(client, base))["unique"]
            result["deliveries_per_s"] = round((after - at_start) / elapsed, 1)
            result["backlog_drained_early"] = after >= backlog
            deadline = time.monotonic() + 300
            while (await receiver_stats(client, base))["unique"] < backlog:
                if time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.5)

            # Phase 2: events through JobStore.record at a fixed rate; latency to the receiver.
            live_jobs = [
                (await store.create(user_id="admin", workflow="bench", params={})).job_id
                for _ in range(50)
            ]
            total = int(rate * seconds)
            start = time.perf_counter()
            for n in range(total):
                due = start + n / rate
                delay = due - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                await store.record(
                    live_jobs[n % len(live_jobs)], "status_update", {"t0": time.time()}
                )
            produced_s = time.perf_counter() - start
            expected = backlog + total
            deadline = time.monotonic() + 120
            latencies: list[float] = []
            while True:
                stats = await receiver_stats(client, base)
                latencies += stats["latencies_ms"]
                if stats["unique"] >= expected or time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.5)
            latencies.sort()

            def pick(q: float) -> float:
                return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 2)

            result["p50_enqueue_to_delivery_ms"] = pick(0.50) if latencies else None
            result["p99_enqueue_to_delivery_ms"] = pick(0.99) if latencies else None
            result["latency_phase_events_per_s"] = round(total / produced_s, 1)
            result["lost"] = expected - stats["unique"]
            result["duplicates"] = stats["received"] - stats["unique"]
            result["invalid_signatures"] = stats["invalid"]
            result["messages"] = expected
    finally:
        await dispatcher.stop()
        await engine.dispose()
        receiver.terminate()
        receiver.wait(10)
    result["cpu_count"] = os.cpu_count()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=500.0, help="events/s in the latency phase")
    parser.add_argument("--backlog", type=int, default=40000)
    parser.add_argument("--receiver", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.receiver:
        asyncio.run(run_receiver(args.receiver))
        return
    result = asyncio.run(bench(args.seconds, args.rate, args.backlog))
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
