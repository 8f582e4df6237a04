"""Benchmark of webhook delivery: sustained throughput, enqueue-to-delivery latency, loss.

Starts a signature-verifying receiver on 127.0.0.1 (a subprocess, the reference
`standardwebhooks` verifier) and Gofer's event store, outbox and dispatcher in this process on a
fresh database (a temporary SQLite file, or with `--database postgres` a new database on
127.0.0.1 that is dropped afterwards), then measures:

- clients.<name>.deliveries_per_s: for each HTTP client, signed deliveries per second over
  `--seconds`, draining a backlog of pending messages spread over 400 jobs (inserted in bulk);
- deliveries_per_s: the same for the client Gofer uses (aiohttp), whose backlog is then drained;
- p99_enqueue_to_delivery_ms: events stored through JobStore.record by 50 concurrent jobs at
  `--rate` events/s in all, from just before `record` to the receiver reading the request;
  producer_events_per_s is the rate the producer really reached;
- lost, duplicates, bad_signatures: webhook-ids never received, received more than once, and
  requests the verifier rejected, over the drained backlog and the latency phase.

Usage: python bench/webhooks.py [--json] [--database sqlite|postgres] [--seconds 10]
       [--rate 500] [--backlog 40000] [--clients aiohttp,httpx-pooled,httpx-lent]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

try:
    import uvloop
except ImportError:  # pragma: no cover
    uvloop = None  # type: ignore[assignment]

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
        if request_line.startswith("POST /reset"):
            self.stats.update(received=0, ids=set(), invalid=0, latencies_ms=[])
            self.reply(200, b"{}")
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

ADMIN_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
JOBS_IN_BACKLOG = 400
LIVE_JOBS = 50


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def fresh_database(kind: str) -> AsyncIterator[str]:
    """A new empty database URL; removed afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="gofer-bench-webhooks-") as folder:
            yield f"sqlite+aiosqlite:///{Path(folder) / 'gofer.db'}"
        return
    import asyncpg

    name = f"gofer_bench_{secrets.token_hex(6)}"
    admin = await asyncpg.connect(ADMIN_POSTGRES)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def make_client(name: str, concurrency: int, timeout_s: float) -> Any:
    from gofer.webhooks.transport import WebhookClient

    if name == "aiohttp":
        return WebhookClient(concurrency=concurrency, timeout_s=timeout_s)
    import webhook_clients

    if name == "httpx-pooled":
        return webhook_clients.HttpxPooled(concurrency, timeout_s)
    if name == "httpx-lent":
        return webhook_clients.HttpxLent(concurrency, timeout_s)
    raise SystemExit(f"unknown client {name}")


class Gofer:
    """The event store, outbox and dispatcher on one database, as `gofer serve` wires them."""

    def __init__(self, database_url: str, hook_url: str, client: str) -> None:
        self.database_url = database_url
        self.hook_url = hook_url
        self.client = client

    async def __aenter__(self) -> Gofer:
        from gofer.config import Settings
        from gofer.events.bus import MemoryEventBus
        from gofer.jobs.store import JobStore
        from gofer.store.db import create_engine, create_tables, session_factory
        from gofer.webhooks.control import sync_default_endpoint
        from gofer.webhooks.dispatcher import Dispatcher
        from gofer.webhooks.outbox import EndpointDirectory, Outbox
        from gofer.webhooks.retry import RetrySchedule
        from gofer.webhooks.ssrf import UrlGuard

        settings = Settings(_env_file=None, env="test", api_secret_token="bench")  # type: ignore[call-arg]
        self.engine = create_engine(self.database_url)
        await create_tables(self.engine)
        self.sessions = session_factory(self.engine)
        await sync_default_endpoint(self.sessions, self.hook_url)
        directory = EndpointDirectory(self.sessions)
        await directory.refresh()
        self.dispatcher = Dispatcher(
            self.sessions,
            UrlGuard(["127.0.0.1"]),
            RetrySchedule(settings.webhook_retry_schedule_s),
            default_secret=SECRET,
            timeout_s=settings.webhook_timeout_s,
            concurrency=settings.webhook_concurrency,
            disable_after_s=settings.webhook_disable_after_s,
            idle_poll_s=settings.webhook_idle_poll_s,
            client=make_client(
                self.client, settings.webhook_concurrency, settings.webhook_timeout_s
            ),
        )
        outbox = Outbox(directory, self.dispatcher.wake)
        self.store = JobStore(
            self.sessions,
            MemoryEventBus(),
            in_transaction_hooks=[outbox.enqueue],
            before_commit_hooks=[outbox.write],
            after_commit_hooks=[outbox.after_commit],
        )
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.dispatcher.stop()
        await self.engine.dispose()

    async def insert_backlog(self, count: int) -> None:
        from sqlalchemy import insert, text

        from gofer.webhooks.outbox import body
        from gofer.webhooks.signing import new_message_id
        from gofer.webhooks.tables import DEFAULT_ENDPOINT_ID, WebhookMessageRow

        jobs = [
            (await self.store.create(user_id="admin", workflow="bench", params={})).job_id
            for _ in range(JOBS_IN_BACKLOG)
        ]
        now = datetime.now(UTC)
        rows = []
        for n in range(count):
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
        async with self.sessions.begin() as session:
            for start in range(0, len(rows), 5000):
                await session.execute(
                    insert(WebhookMessageRow.__table__), rows[start : start + 5000]
                )
        if self.engine.dialect.name == "postgresql":
            # What autovacuum does within a minute of a bulk load; without statistics the
            # planner checks the ordering of every pending message on each claim.
            async with self.engine.begin() as connection:
                await connection.execute(text("ANALYZE"))


class ReceiverStats:
    def __init__(self, client: Any, base: str) -> None:
        self._client = client
        self._base = base

    async def reset(self) -> None:
        (await self._client.post(f"{self._base}/reset")).raise_for_status()

    async def read(self) -> dict[str, Any]:
        return (await self._client.get(f"{self._base}/stats")).json()  # type: ignore[no-any-return]

    async def wait_for_unique(
        self, count: int, timeout_s: float
    ) -> tuple[dict[str, Any], list[float]]:
        """Waits until `count` distinct webhooks arrived; also collects their latencies."""
        deadline = time.monotonic() + timeout_s
        latencies: list[float] = []
        while True:
            stats = await self.read()
            latencies += stats["latencies_ms"]
            if stats["unique"] >= count or time.monotonic() > deadline:
                return stats, latencies
            await asyncio.sleep(0.25)  # polling another process's counters


async def throughput(
    receiver: ReceiverStats, database: str, hook_url: str, client: str, seconds: float,
    backlog: int, drain: bool,
) -> dict[str, Any]:  # fmt: skip
    """Deliveries per second while draining a backlog; drains it all when `drain`."""
    async with fresh_database(database) as url, Gofer(url, hook_url, client) as gofer:
        await gofer.insert_backlog(backlog)
        await receiver.reset()
        await gofer.dispatcher.start()
        began = time.perf_counter()
        await asyncio.sleep(seconds)
        counted = (await receiver.read())["unique"]
        result: dict[str, Any] = {
            "deliveries_per_s": round(counted / (time.perf_counter() - began), 1)
        }
        if drain:
            stats, _ = await receiver.wait_for_unique(backlog, 600)
            result["messages"] = backlog
            result["lost"] = backlog - stats["unique"]
        else:
            stats = await receiver.read()
        result["duplicates"] = stats["received"] - stats["unique"]
        result["bad_signatures"] = stats["invalid"]
        return result


async def latency(
    receiver: ReceiverStats, database: str, hook_url: str, seconds: float, rate: float
) -> dict[str, Any]:
    """Events from concurrent jobs through JobStore.record at a fixed total rate."""
    async with fresh_database(database) as url, Gofer(url, hook_url, "aiohttp") as gofer:
        jobs = [
            (await gofer.store.create(user_id="admin", workflow="bench", params={})).job_id
            for _ in range(LIVE_JOBS)
        ]
        await gofer.dispatcher.start()
        await receiver.reset()
        per_job = int(rate * seconds / len(jobs))
        interval = len(jobs) / rate
        record_ms: list[float] = []
        start = time.perf_counter() + 0.1
        cpu_before = time.process_time()

        async def produce(index: int, job_id: str) -> None:
            # Jobs are staggered so the events are spread evenly over time.
            first = start + index * interval / len(jobs)
            for n in range(per_job):
                delay = first + n * interval - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                began = time.perf_counter()
                data = {"message": "bench", "progress": 0, "t0": time.time()}
                await gofer.store.record(job_id, "status_update", data)
                record_ms.append((time.perf_counter() - began) * 1000)

        await asyncio.gather(*(produce(i, job) for i, job in enumerate(jobs)))
        produced_s = time.perf_counter() - start
        total = per_job * len(jobs)
        stats, latencies = await receiver.wait_for_unique(total, 120)
        cpu_ms = (time.process_time() - cpu_before) * 1000
        latencies.sort()
        record_ms.sort()
        return {
            "rate_asked": rate,
            "producer_events_per_s": round(total / produced_s, 1),
            "p50_enqueue_to_delivery_ms": pick(latencies, 0.50),
            "p99_enqueue_to_delivery_ms": pick(latencies, 0.99),
            "p99_record_ms": pick(record_ms, 0.99),
            # CPU of this process (store, outbox, dispatcher, client) per delivered event.
            "cpu_ms_per_event": round(cpu_ms / max(total, 1), 3),
            "messages": total,
            "lost": total - stats["unique"],
            "duplicates": stats["received"] - stats["unique"],
            "bad_signatures": stats["invalid"],
        }


def pick(values: list[float], q: float) -> float | None:
    if not values:
        return None
    return round(values[min(len(values) - 1, int(q * len(values)))], 2)


async def bench(
    database: str, seconds: float, rate: float, backlog: int, clients: list[str]
) -> dict[str, Any]:
    import httpx

    port = free_port()
    receiver_process = subprocess.Popen(
        [sys.executable, __file__, "--receiver", str(port)], stdout=subprocess.PIPE
    )
    assert receiver_process.stdout is not None
    receiver_process.stdout.readline()  # "ready"
    base = f"http://127.0.0.1:{port}"
    result: dict[str, Any] = {"database": database, "client": "aiohttp"}
    try:
        async with httpx.AsyncClient(timeout=30) as http:
            receiver = ReceiverStats(http, base)
            compared: dict[str, Any] = {}
            for name in clients:
                drain = name == "aiohttp"
                compared[name] = await throughput(
                    receiver, database, f"{base}/hook", name, seconds, backlog, drain
                )
            result["clients"] = compared
            drained = compared.get("aiohttp") or {}
            live = await latency(receiver, database, f"{base}/hook", seconds, rate)
            result["deliveries_per_s"] = drained.get("deliveries_per_s")
            result.update({k: v for k, v in live.items() if k not in ("lost", "duplicates")})
            result["messages"] = live["messages"] + drained.get("messages", 0)
            result["lost"] = live["lost"] + drained.get("lost", 0)
            result["duplicates"] = (
                sum(c["duplicates"] for c in compared.values()) + live["duplicates"]
            )
            result["bad_signatures"] = (
                sum(c["bad_signatures"] for c in compared.values()) + live["bad_signatures"]
            )
    finally:
        receiver_process.terminate()
        receiver_process.wait(10)
    result["event_loop"] = type(asyncio.get_running_loop()).__module__.split(".")[0]
    result["cpu_count"] = os.cpu_count()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=500.0, help="events/s in the latency phase")
    parser.add_argument("--backlog", type=int, default=40000)
    parser.add_argument("--clients", default="aiohttp,httpx-pooled,httpx-lent")
    parser.add_argument("--receiver", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    # Like `gofer serve` (uvicorn picks uvloop when it is installed).
    run = uvloop.run if uvloop is not None else asyncio.run
    if args.receiver:
        run(run_receiver(args.receiver))
        return
    clients = [c for c in args.clients.split(",") if c]
    result = run(bench(args.database, args.seconds, args.rate, args.backlog, clients))
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
