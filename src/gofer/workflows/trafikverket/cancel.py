"""Cancels a booked driving test ("Avboka"), telling the person what the 24-hour rule costs first."""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from playwright.async_api import Page
from pydantic import BaseModel

from gofer.events.model import BOOKING_COMPLETED, BOOKING_STARTED, CANCELLATION_NOTICE
from gofer.jobs.model import JobFailure
from gofer.workflows.base import BOOKING_KIND, StepContext
from gofer.workflows.trafikverket.change_params import CancelParams
from gofer.workflows.trafikverket.held import HeldExam, find_held, still_booked
from gofer.workflows.trafikverket.pages import BookingPages
from gofer.workflows.trafikverket.session import open_and_log_in
from gofer.workflows.trafikverket.site import SiteApi, SiteError, SiteUnavailable
from gofer.workflows.trafikverket.steps import PROGRESS, BookingStep
from gofer.workflows.trafikverket.workflow import BookingRun, run_on_site

LATE_MESSAGE = "The test is less than 24 hours away: cancelling now keeps the fee (no refund)."
EARLY_MESSAGE = "The test is more than 24 hours away: the fee is refunded or not invoiced."


class CancelWorkflow:
    name: ClassVar[str] = "trafikverket.cancel"
    kind: ClassVar[str] = BOOKING_KIND
    progress: ClassVar[dict[str, int]] = PROGRESS
    params_model: ClassVar[type[BaseModel]] = CancelParams
    completed_event: ClassVar[str] = BOOKING_COMPLETED
    failed_event: ClassVar[str | None] = BOOKING_COMPLETED
    started_event: ClassVar[str | None] = BOOKING_STARTED

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        return await run_on_site(ctx, CancelRun)


class CancelRun(BookingRun):
    """One cancellation. It shares the booking run's login; it searches nothing."""

    def __init__(self, ctx: StepContext, page: Page, api: SiteApi) -> None:
        # Not BookingRun.__init__: that one reads search wishes a cancellation does not have.
        assert isinstance(ctx.params, CancelParams)
        self.ctx = ctx
        self.wanted: CancelParams = ctx.params
        self.api = api
        self.pages = BookingPages(
            page, ctx.settings.trafikverket_base_url, self.warn, self.offer_takeover
        )
        self.ssn = ""
        self.licence_id = 0
        self.query = None
        self.max_months = 0
        self.taken = set()
        self.reserved = None  # a cancellation reserves nothing
        self.qr_readable = asyncio.Event()

    async def run(self) -> dict[str, Any]:
        ctx = self.ctx
        await open_and_log_in(self)
        held = await self.with_login(lambda: find_held(self.api, self.wanted.booking_id, 0, ""))
        if not held.can_cancel:
            raise JobFailure(
                f"The site does not allow cancelling the test on {held.when} (it has begun).",
                "cannot_cancel",
            )
        check = await self.with_login(
            lambda: self.api.call("examinations-to-cancel", {"examinationId": held.examination_id})
        )
        late = bool(check.get("show24HourCancellationWarning"))
        # Told before anything is cancelled, so a client hears the consequence first.
        await ctx.emit(
            CANCELLATION_NOTICE,
            {
                "examination_id": held.examination_id,
                "start": held.start.isoformat(),
                "location": held.location,
                "late": late,
                "message": LATE_MESSAGE if late else EARLY_MESSAGE,
            },
        )
        await ctx.step(
            BookingStep.BOOKING, f"Cancelling your test on {held.when} in {held.location}"
        )
        await self.with_login(lambda: self.confirm_cancel(held))
        if await self.with_login(lambda: still_booked(self.api, held)):
            raise JobFailure(
                f"The site still lists your test on {held.when} as booked.", "cancel_unverified"
            )
        return {
            "booked": False,
            "cancelled": True,
            "late": late,
            "fee_refunded": not late,
            "verified": True,
            "cancelled_booking": held.describe(),
            "message": f"Cancelled {held.name} on {held.when} in {held.location}"
            + (" (late: the fee is not refunded)" if late else ""),
        }

    async def confirm_cancel(self, held: HeldExam) -> None:
        """`confirm-cancel`, never repeated blindly: after an unclear answer the list decides."""
        try:
            await self.api.call("confirm-cancel", {"examinationId": held.examination_id})
        except SiteUnavailable:
            pass  # whether it was cancelled, the check that follows tells
        except SiteError as exc:
            if exc.kind == "LoginRequiredException":
                raise
            raise JobFailure(
                f"The site refused the cancellation: {exc.message}", "cancel_refused"
            ) from exc
