"""A Gofer cluster as separate OS processes: one API (`serve --no-worker`) and `gofer worker`s,
on a PostgreSQL database of its own and a Redis key prefix of its own."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import redis
import websockets

from gofer.serving import free_port
from tests.conftest import ADMIN_TOKEN

POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/test"
REDIS_URL = "redis://127.0.0.1:6379/0"
AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def services_available() -> str | None:
    """Why the cluster cannot run here, or None."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError:
        return "no Redis on 127.0.0.1:6379"

    async def check() -> None:
        connection = await asyncpg.connect(POSTGRES_ADMIN, timeout=5)
        await connection.close()

    try:
        asyncio.run(check())
    except (OSError, asyncpg.PostgresError):
        return "no PostgreSQL on 127.0.0.1:5432"
    return None


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new database for one test module, dropped afterwards."""
    name = f"gofer_scale_{uuid.uuid4().hex[:12]}"

    async def run(sql: str) -> None:
        connection = await asyncpg.connect(POSTGRES_ADMIN, timeout=5)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(run(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    finally:
        asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def delete_redis_prefix(prefix: str) -> None:
    client = redis.Redis.from_url(REDIS_URL)
    for pattern in (f"{prefix}:*", f"saq:{prefix}:*"):
        keys = list(client.scan_iter(pattern, count=1000))
        if keys:
            client.delete(*keys)
    client.close()


@dataclass
class Cluster:
    """The processes, their settings, and how to reach the API."""

    env: dict[str, str]
    logs: Path
    api_url: str = ""
    api: subprocess.Popen[bytes] | None = None
    workers: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def ws_base(self) -> str:
        return self.api_url.replace("http://", "ws://")

    def _spawn(self, name: str, args: list[str], extra: dict[str, str]) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("ab")
        return subprocess.Popen(
            [sys.executable, "-m", "gofer", *args],
            env={**os.environ, **self.env, **extra},
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def start_api(self) -> None:
        port = free_port()
        self.api_url = f"http://127.0.0.1:{port}"
        self.api = self._spawn(
            "api", ["serve", "--no-worker"], {"PORT": str(port), "PUBLIC_BASE_URL": self.api_url}
        )
        wait_until(lambda: _http_ok(f"{self.api_url}/health"), 90, "the API to start")

    def start_worker(self, name: str) -> int:
        proc = self._spawn(name, ["worker"], {})
        self.workers[name] = proc
        wait_until(lambda: proc.pid in self.live_worker_pids(), 90, f"{name} to beat")
        return proc.pid

    def kill_worker(self, name: str) -> None:
        """SIGKILL: no shutdown code runs, as when a machine dies."""
        proc = self.workers.pop(name)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)

    def live_worker_pids(self) -> set[int]:
        health = httpx.get(f"{self.api_url}/health/detailed", headers=AUTH, timeout=10).json()
        return {w["pid"] for w in health["workers"] if w["alive"]}

    def stop(self) -> None:
        procs = [*self.workers.values(), *([self.api] if self.api else [])]
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.workers.clear()

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.api_url, headers=AUTH, timeout=30)

    def tail(self) -> str:
        parts = []
        for path in sorted(self.logs.glob("*.log")):
            parts.append(f"--- {path.name}\n" + path.read_text(errors="replace")[-3000:])
        return "\n".join(parts)


def _http_ok(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def wait_until(check: Any, timeout_s: float, what: str) -> None:
    """Polls a condition of another process (there is nothing to await across processes)."""
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout_s} s for {what}")
        time.sleep(0.1)


def cluster_env(
    database_url: str, prefix: str, replica_url: str, data_dir: Path, **extra: str
) -> dict[str, str]:
    return {
        "ENV": "test",
        "API_SECRET_TOKEN": ADMIN_TOKEN,
        "DATA_DIR": str(data_dir),
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "REDIS_PREFIX": prefix,
        "JOB_QUEUE": "saq",
        "TRAFIKVERKET_BASE_URL": replica_url,
        "FORMS_BASE_URL": f"{replica_url}/vpbank",
        "MIN_POLL_INTERVAL_S": "0.2",
        "LOGIN_TIMEOUT_S": "60",
        "MAX_CONCURRENT_JOBS": "4",
        "BROWSER_SPARE_CONTEXTS": "1",
        # Quick failure detection, so a test of a dead worker takes seconds.
        "WORKER_HEARTBEAT_S": "0.5",
        "WORKER_DEAD_AFTER_S": "3",
        "WORKER_SWEEP_S": "1",
        "CANCEL_CHECK_INTERVAL_S": "0.5",
        "WEBHOOK_ALLOW_HOSTS": '["127.0.0.1"]',
        "WEBHOOK_RETRY_SCHEDULE_S": "[0.5, 1, 2]",
        "WEBHOOK_IDLE_POLL_S": "0.5",
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "json",
        **extra,
    }


@dataclass
class Followed:
    """What one WebSocket client saw of a job while playing the person's phone."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    scans: int = 0

    def seqs(self) -> list[int]:
        return [m["seq"] for m in self.messages]

    def last(self, event_type: str) -> dict[str, Any]:
        found = [m for m in self.messages if m["type"] == event_type]
        assert found, f"no {event_type}; last: {self.messages[-3:]}"
        return found[-1]


async def follow(
    cluster: Cluster,
    replica_url: str,
    job_id: str,
    personal_number: str,
    *,
    after: int = 0,
    scan: bool = True,
    until: Any = None,
    timeout_s: float = 150,
) -> Followed:
    """Follows a job over the API's WebSocket to its end; scans every QR a login asks for."""
    seen = Followed()
    url = f"{cluster.ws_base}/ws/{job_id}?after={after}&token={ADMIN_TOKEN}"
    async with httpx.AsyncClient(base_url=replica_url, timeout=30) as phone:
        async with asyncio.timeout(timeout_s), websockets.connect(url, open_timeout=60) as ws:
            async for raw in ws:
                message = json.loads(raw)
                seen.messages.append(message)
                if scan and message["type"] == "qr_update" and message.get("qr_payload"):
                    answer = await phone.post(
                        "/_replica/bankid/scan",
                        json={"qr": message["qr_payload"], "personalNumber": personal_number},
                    )
                    if answer.status_code == 200:
                        seen.scans += 1
                        scan = False  # one approval per login
                if message["type"] == "human_needed":
                    scan = True
                if until is not None and until(message):
                    break
    return seen
