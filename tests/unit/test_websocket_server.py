"""The job WebSocket on a real uvicorn server: close codes after the handshake, and a stalled
subscriber that holds back nobody else."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from pydantic import BaseModel
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from gofer.api import ws as ws_module
from gofer.app import create_app
from gofer.config import Settings
from gofer.events.bus import MemoryEventBus
from gofer.principal import Principal
from gofer.serving import BackgroundServer
from gofer.workflows.base import BOOKING_KIND, StepContext
from tests.conftest import ADMIN_TOKEN
from tests.unit.fake_workflows import Gates, registry_with_gate

HEADERS = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


class BurstParams(BaseModel):
    count: int = 400
    pad: int = 16_000


class BurstWorkflow:
    """Waits for `go`, emits `count` large events as fast as it can, then waits for `finish`."""

    name: ClassVar[str] = "test.burst"
    kind: ClassVar[str] = BOOKING_KIND
    progress: ClassVar[dict[str, int]] = {}
    params_model: ClassVar[type[BaseModel]] = BurstParams
    completed_event: ClassVar[str] = "task_completed"
    failed_event: ClassVar[str | None] = None
    started_event: ClassVar[str | None] = None

    def __init__(self) -> None:
        self.go = threading.Event()
        self.finish = threading.Event()

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        params = ctx.params
        assert isinstance(params, BurstParams)
        await asyncio.to_thread(self.go.wait, 60)
        for n in range(params.count):
            await ctx.step("burst", f"event {n}", n=n, pad="x" * params.pad)
        await asyncio.to_thread(self.finish.wait, 60)
        return {"message": "done"}


def settings_in(folder: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        env="test",
        api_secret_token=ADMIN_TOKEN,
        data_dir=folder,
        log_level="WARNING",
    )


@pytest.fixture
def burst() -> BurstWorkflow:
    return BurstWorkflow()


@pytest.fixture
def server(tmp_path: Path, burst: BurstWorkflow, monkeypatch) -> Iterator[BackgroundServer]:
    # A small queue, so the stalled subscriber below overflows it after a few events.
    monkeypatch.setattr(MemoryEventBus, "default_queue_size", 8)
    registry = registry_with_gate(Gates())
    registry.add(burst)
    app = create_app(settings_in(tmp_path), registry=registry, with_browser=False)

    async def other_user(token: str) -> Principal | None:
        return Principal("someone-else") if token == "other-user-token" else None

    app.state.token_resolvers.append(other_user)
    running = BackgroundServer(app).start()
    try:
        yield running
    finally:
        running.stop()


def start_job(server: BackgroundServer, workflow: str, params: dict[str, Any]) -> str:
    answer = httpx.post(
        f"{server.url}/api/v1/jobs",
        json={"workflow": workflow, "params": params},
        headers=HEADERS,
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["job_id"])


def finished_job(server: BackgroundServer) -> str:
    job_id = start_job(server, "test.gate", {"wait": False})
    deadline = time.monotonic() + 10
    while httpx.get(f"{server.url}/api/v1/jobs/{job_id}", headers=HEADERS).json()["status"] != (
        "completed"
    ):
        assert time.monotonic() < deadline, "job did not complete"
    return job_id


def ws_url(server: BackgroundServer, path: str) -> str:
    return server.url.replace("http://", "ws://") + path


def close_of(connection: ClientConnection) -> tuple[int, str]:
    """Reads until the server closes; returns its close code and reason."""
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            connection.recv(timeout=10)
    frame = closed.value.rcvd
    assert frame is not None, "the server dropped the connection without a close frame"
    return frame.code, frame.reason


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", 4401),
        ("?token=wrong", 4401),
        ("?token=other-user-token", 4404),
        (f"?token={ADMIN_TOKEN}&after=abc", 1008),
        (f"?token={ADMIN_TOKEN}&after=-1", 1008),
        (f"?token={ADMIN_TOKEN}&after=100000000000000000000", 1008),
        (f"?token={ADMIN_TOKEN}&after={2**63}", 1008),
    ],
)
def test_refusals_are_close_codes_after_the_handshake_not_http_403(server, query, code):
    job_id = finished_job(server)
    with connect(ws_url(server, f"/ws/{job_id}{query}"), compression=None) as connection:
        closed_with, reason = close_of(connection)
    assert closed_with == code
    assert reason  # a sentence the client can show


def test_unknown_job_closes_with_4404(server):
    with connect(ws_url(server, f"/ws/job_nope?token={ADMIN_TOKEN}")) as connection:
        assert close_of(connection) == (4404, "Job not found")


def test_a_rate_limited_client_is_told_to_try_again_later_by_close_code(tmp_path):
    settings = settings_in(tmp_path).model_copy(update={"rate_limit_default": "2/minute"})
    app = create_app(settings, registry=registry_with_gate(Gates()), with_browser=False)
    running = BackgroundServer(app).start()
    try:
        closes = []
        for _ in range(3):
            with connect(ws_url(running, "/ws/job_nope?token=not-a-token")) as connection:
                closes.append(close_of(connection))
    finally:
        running.stop()
    assert [code for code, _ in closes] == [4401, 4401, 1013]
    assert closes[2][1].startswith("Rate limit exceeded. Please wait ")


def test_the_largest_after_is_accepted(server):
    job_id = finished_job(server)
    url = ws_url(server, f"/ws/{job_id}?token={ADMIN_TOKEN}&after={2**63 - 1}")
    with connect(url) as connection:
        assert close_of(connection)[0] == 1000  # nothing after it, and the job has ended


def stalled_connection(url: str) -> ClientConnection:
    """A client that reads one frame and then nothing: tiny socket buffer, a one-message queue."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((url.split("//")[1].split(":")[0], int(url.split(":")[2].split("/")[0])))
    return connect(url, sock=sock, compression=None, max_queue=1, max_size=None)


def seqs_until_closed(connection: ClientConnection) -> tuple[list[int], int]:
    seqs: list[int] = []
    try:
        while True:
            seqs.append(json.loads(connection.recv(timeout=30))["seq"])
    except ConnectionClosed as closed:
        assert closed.rcvd is not None
        return seqs, closed.rcvd.code


def test_a_stalled_subscriber_does_not_delay_the_others(server, burst, monkeypatch):
    replays: list[int] = []
    send_stored = ws_module._send_stored

    async def counting_send_stored(*args: Any) -> int:
        replays.append(args[-1])
        return await send_stored(*args)

    monkeypatch.setattr(ws_module, "_send_stored", counting_send_stored)
    job_id = start_job(server, "test.burst", {"count": 400, "pad": 16_000})
    url = ws_url(server, f"/ws/{job_id}?token={ADMIN_TOKEN}")
    bus = server._server.config.app.state.core.bus
    with stalled_connection(url) as stalled, connect(url, max_size=None) as reader:
        deadline = time.monotonic() + 10
        while bus.subscriber_count(job_id) < 2:
            assert time.monotonic() < deadline, "the clients did not subscribe"
            time.sleep(0.01)
        burst.go.set()
        # The reader gets all 400 events (about 6 MB) while the other client reads nothing.
        last_n = -1
        while last_n < 399:
            message = json.loads(reader.recv(timeout=30))
            last_n = message["data"].get("n", last_n)
        burst.finish.set()
        reader_seqs, reader_code = seqs_until_closed(reader)
        stalled_seqs, stalled_code = seqs_until_closed(stalled)
    # The stalled client lagged, got a gap and a replay from the store: still every event once.
    assert len(replays) > 2
    assert reader_code == stalled_code == 1000
    assert stalled_seqs == list(range(1, stalled_seqs[-1] + 1))
    assert stalled_seqs[-1] == message["seq"] + len(reader_seqs)
