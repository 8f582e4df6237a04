"""Benchmark plumbing for scale-out: PostgreSQL database, Redis prefix, API and worker processes."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import redis
import websockets

from _harness import TOKEN, free_port, wait_http

POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/test"
REDIS_URL = "redis://127.0.0.1:6379/0"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _sql(statement: str) -> None:
    async def run() -> None:
        connection = await asyncpg.connect(POSTGRES_ADMIN, timeout=5)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    # In a thread of its own: callers may be inside an event loop already.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, run()).result()


@contextmanager
def scale_services() -> Iterator[tuple[str, str]]:
    """A new PostgreSQL database and Redis prefix; both removed afterwards."""
    name = f"gofer_bench_{secrets.token_hex(6)}"
    prefix = f"gofer-bench-{secrets.token_hex(6)}"
    _sql(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}", prefix
    finally:
        _sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        client = redis.Redis.from_url(REDIS_URL)
        for pattern in (f"{prefix}:*", f"saq:{prefix}:*"):
            keys = list(client.scan_iter(pattern, count=1000))
            if keys:
                client.delete(*keys)
        client.close()


class Cluster:
    """`gofer serve --no-worker` and `gofer worker` processes sharing one database and Redis."""

    def __init__(self, database_url: str, prefix: str, replica_url: str, **settings: str) -> None:
        self.data_dir = tempfile.mkdtemp(prefix="gofer-bench-")
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.env = {
            "ENV": "test",
            "API_SECRET_TOKEN": TOKEN,
            "DATA_DIR": self.data_dir,
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS_URL,
            "REDIS_PREFIX": prefix,
            "JOB_QUEUE": "saq",
            "TRAFIKVERKET_BASE_URL": replica_url,
            "LOG_LEVEL": "WARNING",
            "LOG_FORMAT": "json",
            "WORKER_HEARTBEAT_S": "1",
            "WORKER_DEAD_AFTER_S": "5",
            "WORKER_SWEEP_S": "1",
            **{k.upper(): v for k, v in settings.items()},
        }
        self.api = self._spawn(["serve", "--no-worker"], {"PORT": str(port)})
        wait_http(f"{self.url}/health", 120)
        self.workers: list[subprocess.Popen[bytes]] = []

    def _spawn(self, args: list[str], extra: dict[str, str]) -> subprocess.Popen[bytes]:
        log = Path(self.data_dir, f"{args[0]}-{len(os.listdir(self.data_dir))}.log").open("ab")
        return subprocess.Popen(
            [sys.executable, "-m", "gofer", *args],
            env={**os.environ, **self.env, **extra},
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def live_pids(self) -> set[int]:
        health = httpx.get(f"{self.url}/health/detailed", headers=AUTH, timeout=30).json()
        return {w["pid"] for w in health["workers"] if w["alive"]}

    def add_worker(self) -> subprocess.Popen[bytes]:
        proc = self._spawn(["worker"], {})
        self.workers.append(proc)
        deadline = time.monotonic() + 120
        while proc.pid not in self.live_pids():
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("worker did not start")
            time.sleep(0.2)
        return proc

    def kill(self, proc: subprocess.Popen[bytes]) -> None:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        self.workers.remove(proc)

    def stop(self) -> None:
        for proc in [*self.workers, self.api]:
            proc.terminate()
        for proc in [*self.workers, self.api]:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.workers.clear()


async def start_booking(api: httpx.AsyncClient, body: dict[str, Any]) -> str:
    response = await api.post("/api/v1/booking/start", json=body)
    response.raise_for_status()
    return str(response.json()["job_id"])


async def run_booking(
    url: str, replica_url: str, job_id: str, ssn: str, until: Any = None
) -> list[dict[str, Any]]:
    """Follows a job to its end (or `until`), scanning each login's QR as the person's phone."""
    seen: list[dict[str, Any]] = []
    ws_url = url.replace("http://", "ws://") + f"/ws/{job_id}?token={TOKEN}"
    scan = True
    async with httpx.AsyncClient(base_url=replica_url, timeout=60) as phone:
        async with websockets.connect(ws_url, open_timeout=120, max_size=2**22) as ws:
            async for raw in ws:
                message = json.loads(raw)
                message["received_at"] = time.time()
                seen.append(message)
                if scan and message["type"] == "qr_update" and message.get("qr_payload"):
                    answer = await phone.post(
                        "/_replica/bankid/scan",
                        json={"qr": message["qr_payload"], "personalNumber": ssn},
                    )
                    scan = answer.status_code != 200
                if message["type"] == "human_needed":
                    scan = True
                if until is not None and until(message):
                    break
    return seen


def person(n: int) -> str:
    return f"19850{n % 10}01{n:04d}"
