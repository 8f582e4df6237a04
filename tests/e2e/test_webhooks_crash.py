"""Crash safety: kill -9 the server with deliveries pending; after a restart none is lost."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from standardwebhooks.webhooks import Webhook

from tests.e2e.webhooks_support import ADMIN_TOKEN, Received, Receiver, free_socket, serve

pytestmark = pytest.mark.timeout(120)

REPO = Path(__file__).resolve().parents[2]
SECRET = "whsec_" + "C2FVsBQIhrscChlQIMV+b5sSYspob7oD"
DELIVERED_BEFORE_HANG = 100


def start_server(data_dir: Path, port: int, hooks_url: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "ENV": "test",
        "API_SECRET_TOKEN": ADMIN_TOKEN,
        "DATA_DIR": str(data_dir),
        "WEBHOOK_URL": f"{hooks_url}/supabase",
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_ALLOW_HOSTS": '["127.0.0.1"]',
        "WEBHOOK_RETRY_SCHEDULE_S": "[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]",
        "LOG_LEVEL": "WARNING",
    }
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "--app-dir", "tests/e2e",
        "webhooks_app_factory:create", "--host", "127.0.0.1", "--port", str(port),
        "--log-level", "warning",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=REPO, env=env)


async def wait_until_up(process: subprocess.Popen[bytes], base: str) -> None:
    async with httpx.AsyncClient() as client, asyncio.timeout(30):
        while True:
            assert process.poll() is None, "server exited"
            try:
                if (await client.get(f"{base}/health")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.05)  # readiness poll: a subprocess has no other signal


def message_ids(database: Path) -> set[str]:
    with sqlite3.connect(database) as db:
        return {row[0] for row in db.execute("SELECT id FROM webhook_messages")}


async def test_no_event_is_lost_when_the_server_is_killed(tmp_path: Path) -> None:
    gate = asyncio.Event()

    async def deliver_some_then_hang(_: Received, index: int) -> tuple[int, bytes, dict[str, str]]:
        if index > DELIVERED_BEFORE_HANG:
            await gate.wait()
        return 200, b"", {}

    receiver = Receiver(deliver_some_then_hang)
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    base = f"http://127.0.0.1:{port}"
    server: subprocess.Popen[bytes] | None = None
    async with serve(receiver) as hooks:
        try:
            server = start_server(tmp_path, port, hooks)
            await wait_until_up(server, base)
            async with httpx.AsyncClient(timeout=60) as client:
                emitted = await client.post(
                    f"{base}/test/emit",
                    params={"jobs": 10, "per_job": 100},
                    headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
                )
            assert emitted.status_code == 200
            # Some delivered, some hanging in flight, the rest pending: now crash.
            await receiver.wait_for(lambda got: len(got) >= DELIVERED_BEFORE_HANG + 5)
            server.send_signal(signal.SIGKILL)
            server.wait(10)
            expected = message_ids(tmp_path / "gofer.db")
            assert len(expected) == 1000
            before_restart = {r.headers["webhook-id"] for r in receiver.requests}
            assert len(before_restart) < 1000
            gate.set()

            server = start_server(tmp_path, port, hooks)
            await wait_until_up(server, base)
            await receiver.wait_for(
                lambda got: {r.headers["webhook-id"] for r in got} >= expected, timeout=60
            )
        finally:
            gate.set()
            if server is not None and server.poll() is None:
                server.send_signal(signal.SIGTERM)
                server.wait(20)

    verifier = Webhook(SECRET)
    for request in receiver.requests:
        verifier.verify(request.body, request.headers)
    for job_id in {r.json["job_id"] for r in receiver.requests}:
        # The first time each event arrived, it arrived in order.
        first_seen: list[int] = []
        for r in receiver.requests:
            if r.json["job_id"] == job_id and r.json["seq"] not in first_seen:
                first_seen.append(r.json["seq"])
        assert first_seen == sorted(first_seen)
