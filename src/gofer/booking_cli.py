"""`gofer book`: starts a booking on a running server and follows it live in the terminal."""

from __future__ import annotations

import asyncio
import json
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


async def run_booking(request: BookingRequest, console: Console) -> int:
    headers = {"Authorization": f"Bearer {request.token}"}
    async with httpx.AsyncClient(base_url=request.server, headers=headers, timeout=30) as api:
        response = await api.post("/api/v1/booking/start", json=request.body)
        if response.status_code != 201:
            console.print(f"[red]Could not start the booking:[/red] {_error_text(response)}")
            return 2
        started = response.json()
    console.print(f"Job [bold]{started['job_id']}[/bold] started.")
    ws_url = f"{started['websocket_url']}?token={request.token}"
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
                    elif kind in ("booking_completed", "job_failed", "job_cancelled"):
                        result = (
                            result if kind == "job_failed" and result else {"type": kind, **data}
                        )
                        ended = "completed" if data.get("success") else kind.removeprefix("job_")
                        view.progress.update(view.task, completed=100, status=ended)
                    live.update(view.render())
    return _report(result, console)


def _report(result: dict[str, Any] | None, console: Console) -> int:
    if result is None or result.get("type") == "job_cancelled":
        console.print("[yellow]The job ended without a result.[/yellow]")
        return 1
    if not result.get("success", False):
        console.print(f"[red]Booking failed:[/red] {result.get('error')}")
        return 1
    table = Table(title="Booked" if result.get("booked") else "Slot found (not booked)")
    for key in ("booking_id", "date", "time", "location", "exam", "price_text"):
        value = result.get(key) or (result.get("slot") or {}).get(key)
        if value:
            table.add_row(key.replace("_", " "), str(value))
    console.print(table)
    return 0


def _error_text(response: httpx.Response) -> str:
    try:
        return str(response.json().get("error"))
    except ValueError:
        return f"HTTP {response.status_code}"


def book(request: BookingRequest) -> int:
    return asyncio.run(run_booking(request, Console()))
