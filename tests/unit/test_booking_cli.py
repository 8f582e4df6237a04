"""`gofer book` against a real Gofer app on 127.0.0.1 (a stand-in booking workflow, no browser):
the last line tells how the job ended, and Ctrl-C cancels, asks, or leaves the job running."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from pydantic import BaseModel
from rich.console import Console

from gofer.app import create_app
from gofer.booking_cli import BookingRequest, run_booking
from gofer.config import Settings
from gofer.serving import BackgroundServer, free_port
from gofer.workflows.base import BOOKING_KIND, StepContext
from gofer.workflows.registry import default_registry
from gofer.workflows.trafikverket.params import BookingParams
from tests.conftest import ADMIN_TOKEN

HEADERS = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


class StandInBooking:
    """The booking workflow's events without a browser: reserving, then booked — or, with
    `wait`, a QR that waits for a scan that never comes."""

    name: ClassVar[str] = "trafikverket.book"
    kind: ClassVar[str] = BOOKING_KIND
    progress: ClassVar[dict[str, int]] = {"qr_waiting": 25, "booking": 95}
    params_model: ClassVar[type[BaseModel]] = BookingParams
    completed_event: ClassVar[str] = "booking_completed"
    failed_event: ClassVar[str | None] = "job_failed"
    started_event: ClassVar[str | None] = "booking_started"

    def __init__(self, wait: bool) -> None:
        self.wait = wait

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        await ctx.step("qr_waiting", "Scan the QR code with the BankID app")
        await ctx.qr("data:image/png;base64,AAAA", "bankid.x.0.y")
        if self.wait:
            await asyncio.Event().wait()  # until cancelled
        await ctx.step("booking", "Reserving 2027-02-03 08:40 in Uppsala")
        return {"success": True, "booked": True, "booking_id": "B-1", "date": "2027-02-03"}


def serve(folder: Path, wait: bool) -> BackgroundServer:
    registry = default_registry()
    registry.add(StandInBooking(wait))
    port = free_port()  # the answer's websocket_url names the server's own port
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, env="test", api_secret_token=ADMIN_TOKEN, data_dir=folder, port=port
    )
    app = create_app(settings, registry=registry, with_browser=False)
    return BackgroundServer(app, port=port).start()


@pytest.fixture
def waiting_server(tmp_path: Path) -> Iterator[BackgroundServer]:
    server = serve(tmp_path, wait=True)
    yield server
    server.stop()


def request_for(server: BackgroundServer, **options: Any) -> BookingRequest:
    return BookingRequest(
        server=server.url, token=ADMIN_TOKEN, body={"locations": ["Uppsala"]}, **options
    )


def console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=200, color_system=None), out


async def wait_for_status(server: BackgroundServer, status: str) -> str:
    """The id of the only job, once it has reached `status`."""
    async with httpx.AsyncClient(base_url=server.url, headers=HEADERS) as api:
        async with asyncio.timeout(20):
            while True:
                jobs = (await api.get("/api/v1/jobs")).json()["jobs"]
                if jobs and jobs[0]["status"] == status:
                    return str(jobs[0]["job_id"])
                await asyncio.sleep(0.02)


async def status_of(server: BackgroundServer, job_id: str) -> str:
    async with httpx.AsyncClient(base_url=server.url, headers=HEADERS) as api:
        return str((await api.get(f"/api/v1/jobs/{job_id}")).json()["status"])


async def ctrl_c_while_waiting(
    server: BackgroundServer, request: BookingRequest, ask: Any = None
) -> tuple[int, str, str]:
    """Runs the CLI, then does what asyncio.run does on Ctrl-C: cancels its task."""
    terminal, out = console()
    task = asyncio.create_task(run_booking(request, terminal, ask))
    job_id = await wait_for_status(server, "qr_waiting")
    while "Job" not in out.getvalue():  # the CLI has started following
        await asyncio.sleep(0.01)
    task.cancel()
    code = await task
    return code, job_id, out.getvalue()


async def test_the_last_line_says_how_the_booking_ended(tmp_path: Path) -> None:
    server = serve(tmp_path, wait=False)
    try:
        terminal, out = console()
        code = await run_booking(request_for(server), terminal)
    finally:
        server.stop()
    text = out.getvalue()
    assert code == 0
    progress_lines = [line for line in text.splitlines() if "100%" in line]
    assert progress_lines and "Booked" in progress_lines[-1]
    assert "Reserving" not in progress_lines[-1]
    assert "B-1" in text


async def test_ctrl_c_with_cancel_on_exit_cancels_the_job(waiting_server) -> None:
    code, job_id, text = await ctrl_c_while_waiting(
        waiting_server, request_for(waiting_server, cancel_on_exit=True)
    )
    assert code == 130
    assert f"Cancelled job {job_id}." in text
    assert await status_of(waiting_server, job_id) == "cancelled"


async def test_ctrl_c_asks_and_cancels_on_yes(waiting_server) -> None:
    questions: list[str] = []

    def yes(question: str) -> bool:
        questions.append(question)
        return True

    code, job_id, text = await ctrl_c_while_waiting(
        waiting_server, request_for(waiting_server), yes
    )
    assert questions == [f"Cancel job {job_id} on the server? [y/N] "]
    assert code == 130 and f"Cancelled job {job_id}." in text
    assert await status_of(waiting_server, job_id) == "cancelled"


async def test_ctrl_c_answered_no_leaves_the_job_and_says_how_to_follow_or_stop_it(
    waiting_server,
) -> None:
    code, job_id, text = await ctrl_c_while_waiting(
        waiting_server, request_for(waiting_server), lambda _: False
    )
    assert code == 130
    assert await status_of(waiting_server, job_id) == "qr_waiting"
    assert f"gofer book --follow {job_id}" in text
    assert f"{waiting_server.url}/api/v1/jobs/{job_id}/cancel" in text


async def test_ctrl_c_without_a_terminal_keeps_the_job_running(waiting_server) -> None:
    code, job_id, text = await ctrl_c_while_waiting(waiting_server, request_for(waiting_server))
    assert code == 130
    assert "No terminal to ask on" in text and "keeps running" in text
    assert await status_of(waiting_server, job_id) == "qr_waiting"


async def test_follow_shows_a_job_started_elsewhere(waiting_server) -> None:
    _, job_id, _ = await ctrl_c_while_waiting(waiting_server, request_for(waiting_server))
    terminal, out = console()
    following = asyncio.create_task(
        run_booking(request_for(waiting_server, follow_job=job_id), terminal)
    )
    async with httpx.AsyncClient(base_url=waiting_server.url, headers=HEADERS) as api:
        while "Following" not in out.getvalue():
            await asyncio.sleep(0.01)
        await api.post(f"/api/v1/jobs/{job_id}/cancel")
    code = await asyncio.wait_for(following, 20)
    assert code == 1  # the job ended without a result
    assert f"Following job {job_id}" in out.getvalue()
    assert "The job was cancelled" in out.getvalue()
