"""`gofer book`, `rebook` and `cancel`: start a job on a running server and follow it live."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import websockets
from rich.console import Console, Group
from rich.live import Live
from rich.panel import Panel
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from gofer.browser.qr import terminal_qr


@dataclass
class BookingRequest:
    server: str
    token: str
    body: dict[str, Any]
    auto_approve: bool = False
    replica_url: str = ""
    personal_number: str = "191212121212"
    cancel_on_exit: bool = False  # Ctrl-C cancels the job without asking
    follow_job: str | None = None  # follow this job instead of starting one
    auth_hint: str = "$(cat data/dev_api_token)"  # how the printed commands get the token
    start_path: str = "/api/v1/booking/start"  # or the rebook and cancel aliases
    command: str = "book"  # the CLI command, for the "follow it later" hint


# How to ask the person a yes/no question; None when there is no terminal to ask on.
Ask = Callable[[str], bool]
INTERRUPTED = 130  # the shell's exit code for Ctrl-C


@dataclass
class LiveView:
    """What the terminal shows: a progress bar, the QR to scan, and the latest news."""

    progress: Progress = field(
        default_factory=lambda: Progress(
            TextColumn("[bold]{task.fields[status]:<14}"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TextColumn("{task.description}"),
        )
    )
    qr: str | None = None
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.task = self.progress.add_task("Starting", total=100, status="queued")

    def render(self) -> Group:
        parts: list[Any] = [self.progress]
        if self.qr:
            parts.append(Panel(Text(self.qr), title="Scan with BankID", expand=False))
        parts.extend(Text(note, style="dim") for note in self.notes[-4:])
        return Group(*parts)


async def run_booking(request: BookingRequest, console: Console, ask: Ask | None = None) -> int:
    """Starts (or follows) a booking and shows it live until it ends.

    Ctrl-C (the task being cancelled, as asyncio.run does on SIGINT) stops following: the job is
    cancelled with `cancel_on_exit`, else the person is asked (`ask`), and with no terminal to
    ask on it keeps running. Either way the person is told how to follow or stop it later.
    """
    headers = {"Authorization": f"Bearer {request.token}"}
    async with httpx.AsyncClient(base_url=request.server, headers=headers, timeout=30) as api:
        if request.follow_job is None:
            response = await api.post(request.start_path, json=request.body)
            if response.status_code != 201:
                console.print(f"[red]Could not start the job:[/red] {_error_text(response)}")
                return 2
            started = response.json()
            job_id, ws_base = started["job_id"], started["websocket_url"]
            console.print(f"Job [bold]{job_id}[/bold] started.")
        else:
            job_id = request.follow_job
            ws_base = f"{_ws_origin(request.server)}/ws/{job_id}"
            console.print(f"Following job [bold]{job_id}[/bold].")
        try:
            result = await _follow(request, console, f"{ws_base}?token={request.token}")
        except asyncio.CancelledError:
            return await _interrupted(api, request, console, job_id, ask)
        except websockets.ConnectionClosedError as closed:
            reason = closed.rcvd.reason if closed.rcvd else "the connection was lost"
            console.print(f"[red]Stopped following job {job_id}:[/red] {reason}")
            return 1
    return _report(result, console)


async def _follow(request: BookingRequest, console: Console, ws_url: str) -> dict[str, Any] | None:
    """Shows the job's events until it ends; returns its ending event (type and data)."""
    view = LiveView()
    result: dict[str, Any] | None = None
    async with httpx.AsyncClient(base_url=request.replica_url, timeout=30) as phone:
        with Live(view.render(), console=console, refresh_per_second=8, transient=False) as live:
            async with websockets.connect(ws_url, max_size=2**22) as ws:
                async for raw in ws:
                    message = json.loads(raw)
                    kind, data = message["type"], message.get("data", {})
                    if kind == "status_update":
                        view.progress.update(
                            view.task,
                            completed=data.get("progress", 0),
                            description=data.get("message", ""),
                            status=data.get("status", ""),
                        )
                        if data.get("status") not in ("bankid", "qr_waiting"):
                            view.qr = None
                    elif kind == "qr_update" and message.get("qr_payload"):
                        view.qr = terminal_qr(message["qr_payload"])
                        if request.auto_approve:
                            answer = await phone.post(
                                "/_replica/bankid/scan",
                                json={
                                    "qr": message["qr_payload"],
                                    "personalNumber": request.personal_number,
                                    "action": "approve",
                                },
                            )
                            if answer.status_code == 200:
                                view.notes.append(
                                    "Auto-approved the BankID login on the replica's phone"
                                )
                    elif kind == "human_needed":
                        view.notes.append(f"Action needed: {data.get('reason')}")
                    elif kind == "slot_found":
                        view.notes.append(
                            f"Slot found: {data.get('date')} {data.get('time')} in {data.get('location')}"
                        )
                    elif kind == "earlier_slot_found":
                        view.notes.append(
                            f"Earlier slot: {data.get('date')} {data.get('time')} in "
                            f"{data.get('location')} (booked now: "
                            f"{str(data.get('current_start'))[:16].replace('T', ' ')})"
                        )
                    elif kind == "cancellation_notice":
                        view.notes.append(f"Note: {data.get('message')}")
                    elif kind in ("booking_completed", "job_failed", "job_cancelled"):
                        result = (
                            result if kind == "job_failed" and result else {"type": kind, **data}
                        )
                        status, summary = ending_summary(result)
                        view.qr = None
                        view.progress.update(
                            view.task, completed=100, status=status, description=summary
                        )
                    live.update(view.render())
    return result


def ending_summary(result: dict[str, Any]) -> tuple[str, str]:
    """The last line's status and text, so it never shows a step the job has left behind."""
    if result.get("type") == "job_cancelled":
        return "cancelled", "The job was cancelled"
    if not result.get("success", False):
        return "failed", f"Failed: {result.get('error') or 'no reason given'}"
    return "completed", _outcome(result)


def _outcome(result: dict[str, Any]) -> str:
    if result.get("cancelled"):
        return "Cancelled"
    if result.get("rebooked"):
        return "Moved earlier"
    if result.get("booked"):
        return "Booked"
    return "Slot found (not booked)"


async def _interrupted(
    api: httpx.AsyncClient,
    request: BookingRequest,
    console: Console,
    job_id: str,
    ask: Ask | None,
) -> int:
    console.print()
    if request.cancel_on_exit:
        cancel = True
    elif ask is not None:
        cancel = ask(f"Cancel job {job_id} on the server? [y/N] ")
    else:
        cancel = False
        console.print("No terminal to ask on, so the job is left running.")
    if cancel:
        response = await api.post(f"/api/v1/jobs/{job_id}/cancel")
        if response.status_code == 200 and response.json().get("status") == "cancelled":
            console.print(f"Cancelled job {job_id}.")
            return INTERRUPTED
        console.print(f"[yellow]Could not cancel job {job_id}:[/yellow] {_error_text(response)}")
    console.print(
        f"Job {job_id} keeps running on the server (a BankID login waits until its QR times out).\n"
        f"  Follow it: gofer {request.command} --follow {job_id}\n"
        f"  Stop it:   curl -X POST {request.server}/api/v1/jobs/{job_id}/cancel "
        f'-H "Authorization: Bearer {request.auth_hint}"',
        soft_wrap=True,
    )
    return INTERRUPTED


def _ws_origin(server: str) -> str:
    return "ws" + server.removeprefix("http") if server.startswith("http") else server


def _report(result: dict[str, Any] | None, console: Console) -> int:
    if result is None or result.get("type") == "job_cancelled":
        console.print("[yellow]The job ended without a result.[/yellow]")
        return 1
    if not result.get("success", False):
        console.print(f"[red]The job failed:[/red] {result.get('error')}")
        return 1
    table = Table(title=_outcome(result))
    for key in ("booking_id", "date", "time", "location", "exam", "price_text"):
        value = result.get(key) or (result.get("slot") or {}).get(key)
        if value and not result.get("cancelled"):
            table.add_row(key.replace("_", " "), str(value))
    old = result.get("cancelled_booking") or {}
    if old:
        label = "cancelled" if result.get("cancelled") or result.get("rebooked") else "held"
        table.add_row(
            label,
            f"{old.get('date')} {old.get('time')} in {old.get('location')} ({old.get('exam')})",
        )
    if result.get("late"):
        table.add_row("late", "less than 24 hours before the test: the fee is not refunded")
    console.print(table)
    return 0


def _error_text(response: httpx.Response) -> str:
    try:
        return str(response.json().get("error"))
    except ValueError:
        return f"HTTP {response.status_code}"


def book(request: BookingRequest) -> int:
    console = Console()
    ask = None
    if sys.stdin.isatty() and not request.cancel_on_exit:

        def ask(question: str) -> bool:
            return console.input(question).strip().lower() in ("y", "yes", "j", "ja")

    try:
        return asyncio.run(run_booking(request, console, ask))
    except (KeyboardInterrupt, EOFError):  # a second Ctrl-C, or end of input, while asking
        console.print(
            f"\nStopped; the job was left as it was. Follow it: gofer {request.command}"
            " --follow JOB_ID"
        )
        return INTERRUPTED
