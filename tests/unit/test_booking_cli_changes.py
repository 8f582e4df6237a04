"""`gofer rebook` and `gofer cancel` against a real Gofer app (stand-in workflows, no browser):
they start the right job, show its news live, and end with what happened to which test."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel
from typer.testing import CliRunner

from gofer.app import create_app
from gofer.booking_cli import BookingRequest, run_booking
from gofer.cli import app as cli_app
from gofer.config import Settings
from gofer.events.model import CANCELLATION_NOTICE, EARLIER_SLOT_FOUND
from gofer.serving import BackgroundServer, free_port
from gofer.workflows.base import BOOKING_KIND, StepContext
from gofer.workflows.registry import default_registry
from gofer.workflows.trafikverket.change_params import CancelParams, RebookParams
from tests.conftest import ADMIN_TOKEN
from tests.unit.test_booking_cli import console

MAY = {"date": "2027-05-12", "time": "10:00", "location": "Uppsala", "exam": "Körprov B"}


class StandInRebook:
    name: ClassVar[str] = "trafikverket.rebook"
    kind: ClassVar[str] = BOOKING_KIND
    progress: ClassVar[dict[str, int]] = {"booking": 95}
    params_model: ClassVar[type[BaseModel]] = RebookParams
    completed_event: ClassVar[str] = "booking_completed"
    failed_event: ClassVar[str | None] = "booking_completed"
    started_event: ClassVar[str | None] = "booking_started"

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        await ctx.emit(
            EARLIER_SLOT_FOUND,
            {
                "auto_book": True,
                "start": "2027-03-20T08:00:00+01:00",
                "date": "2027-03-20",
                "time": "08:00",
                "location": "Uppsala",
                "current_start": "2027-05-12T10:00:00+02:00",
                "current_location": "Uppsala",
            },
        )
        await ctx.step("booking", "Moving your test")
        return {
            "booked": True,
            "rebooked": True,
            "booking_id": "71300002",
            "date": "2027-03-20",
            "time": "08:00",
            "location": "Uppsala",
            "cancelled_booking": MAY,
        }


class StandInCancel:
    name: ClassVar[str] = "trafikverket.cancel"
    kind: ClassVar[str] = BOOKING_KIND
    progress: ClassVar[dict[str, int]] = {"booking": 95}
    params_model: ClassVar[type[BaseModel]] = CancelParams
    completed_event: ClassVar[str] = "booking_completed"
    failed_event: ClassVar[str | None] = "booking_completed"
    started_event: ClassVar[str | None] = "booking_started"

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        await ctx.emit(
            CANCELLATION_NOTICE,
            {
                "examination_id": 44120001,
                "start": "2027-05-12T10:00:00+02:00",
                "location": "Uppsala",
                "late": True,
                "message": "Less than 24 hours left: the fee is not refunded.",
            },
        )
        return {"booked": False, "cancelled": True, "late": True, "cancelled_booking": MAY}


def serve(folder: Path) -> BackgroundServer:
    registry = default_registry()
    registry.add(StandInRebook())
    registry.add(StandInCancel())
    port = free_port()
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, env="test", api_secret_token=ADMIN_TOKEN, data_dir=folder, port=port
    )
    return BackgroundServer(
        create_app(settings, registry=registry, with_browser=False), port=port
    ).start()


async def test_rebook_shows_the_earlier_slot_and_ends_with_the_move(tmp_path: Path) -> None:
    server = serve(tmp_path)
    try:
        terminal, out = console()
        request = BookingRequest(
            server=server.url,
            token=ADMIN_TOKEN,
            body={"license_type": "B", "exam_type": "Körprov"},
            start_path="/api/v1/booking/rebook",
            command="rebook",
        )
        code = await run_booking(request, terminal)
    finally:
        server.stop()
    text = out.getvalue()
    assert code == 0, text
    assert "Earlier slot: 2027-03-20 08:00 in Uppsala" in text
    assert [line for line in text.splitlines() if "100%" in line][-1].count("Moved earlier") == 1
    assert "2027-05-12 10:00 in Uppsala" in text and "cancelled" in text


async def test_cancel_tells_the_late_fee_and_ends_cancelled(tmp_path: Path) -> None:
    server = serve(tmp_path)
    try:
        terminal, out = console()
        request = BookingRequest(
            server=server.url,
            token=ADMIN_TOKEN,
            body={"booking_id": "44120001", "confirm": True},
            start_path="/api/v1/booking/cancel",
            command="cancel",
        )
        code = await run_booking(request, terminal)
    finally:
        server.stop()
    text = out.getvalue()
    assert code == 0, text
    assert "Note: Less than 24 hours left" in text
    assert "Cancelled" in text and "fee is not refunded" in text


def test_cancel_without_yes_is_refused_before_anything_is_sent() -> None:
    result = CliRunner().invoke(cli_app, ["cancel", "--booking", "44120001"])
    assert result.exit_code == 2
    assert "--yes" in result.output
