"""Moves a booked driving test to an earlier free slot ("Omboka"), never leaving the person without one.

The site rebooks inside an ordinary booking session: holding a slot of an exam type the person
has booked already makes the hold a rebooking (the cart says `isRescheduling` and lists the old
test in `cancellations`), and paying for it confirms the new test and cancels the old one in the
same step. Until that payment the old test stands, so any failure before it leaves the person
with the test they had.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from pydantic import BaseModel

from gofer.events.model import (
    BOOKING_COMPLETED,
    BOOKING_STARTED,
    CANCELLATION_NOTICE,
    EARLIER_SLOT_FOUND,
)
from gofer.jobs.model import JobFailure
from gofer.workflows.base import BOOKING_KIND, StepContext
from gofer.workflows.trafikverket.change_params import RebookParams
from gofer.workflows.trafikverket.held import HeldExam, find_held, still_booked
from gofer.workflows.trafikverket.params import STOCKHOLM
from gofer.workflows.trafikverket.session import open_and_log_in
from gofer.workflows.trafikverket.slots import Slot
from gofer.workflows.trafikverket.steps import PROGRESS, BookingStep
from gofer.workflows.trafikverket.workflow import MAX_RESERVE_ATTEMPTS, BookingRun, run_on_site


class RebookWorkflow:
    name: ClassVar[str] = "trafikverket.rebook"
    kind: ClassVar[str] = BOOKING_KIND
    progress: ClassVar[dict[str, int]] = PROGRESS
    params_model: ClassVar[type[BaseModel]] = RebookParams
    completed_event: ClassVar[str] = BOOKING_COMPLETED
    failed_event: ClassVar[str | None] = BOOKING_COMPLETED
    started_event: ClassVar[str | None] = BOOKING_STARTED

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        return await run_on_site(ctx, RebookRun)


class RebookRun(BookingRun):
    """One rebooking job: find the held test, watch for an earlier one, move it, prove both."""

    async def run(self) -> dict[str, Any]:
        ctx = self.ctx
        assert isinstance(ctx.params, RebookParams)
        wanted: RebookParams = ctx.params
        await open_and_log_in(self)
        held = await self.with_login(
            lambda: find_held(self.api, wanted.booking_id, self.licence_id, wanted.exam_type)
        )
        if not held.can_reschedule:
            raise JobFailure(
                f"The site does not allow moving the test on {held.when} in {held.location}.",
                "cannot_reschedule",
            )
        await ctx.step(
            BookingStep.AUTHENTICATED,
            f"Your booked test: {held.when} in {held.location}; looking for an earlier one",
            current_booking=held.describe(),
        )
        # Only days up to the held test's day can hold an earlier slot; places default to its own.
        last_day = held.start.astimezone(STOCKHOLM).date()
        changes: dict[str, Any] = {
            "date_to": min(wanted.date_to, last_day) if wanted.date_to else last_day
        }
        if not wanted.locations:
            changes["locations"] = [held.location]
        self.params = wanted.model_copy(update=changes)
        await self.configure()
        deadline = min(self.params.monitor_deadline(datetime.now(UTC), ctx.settings), held.start)
        attempts = 0
        while True:
            slot = await self.with_login(self.search)
            if slot is not None and slot.start >= held.start:
                slot = None  # never later, nor the same time: only an earlier test is a move
            if slot is None:
                if datetime.now(UTC) >= deadline:
                    raise JobFailure(
                        f"No earlier slot appeared before the monitoring deadline; your test on "
                        f"{held.when} in {held.location} stands.",
                        "no_earlier_slot",
                    )
                await self.wait_before_next_search(deadline)
                continue
            details = slot.describe()
            await ctx.emit(
                EARLIER_SLOT_FOUND,
                {
                    **details,
                    "auto_book": wanted.auto_book,
                    "current_start": held.start.isoformat(),
                    "current_location": held.location,
                },
            )
            if not wanted.auto_book:
                return {
                    "booked": False,
                    "rebooked": False,
                    "slot": details,
                    "current_booking": held.describe(),
                    "message": "Earlier slot found; not moved (auto_book is off)",
                }
            attempts += 1
            result = await self.move(slot, held)
            if result is not None:
                return result
            if attempts >= MAX_RESERVE_ATTEMPTS:
                raise JobFailure(
                    f"Every earlier slot was taken before it could be held; your test on "
                    f"{held.when} in {held.location} stands.",
                    "slots_taken",
                )

    async def move(self, slot: Slot, held: HeldExam) -> dict[str, Any] | None:
        """Holds the earlier slot, pays for it (cancelling the old test), proves both.

        None when the slot was lost before it was held: the old test stands and monitoring goes on.
        """
        ctx = self.ctx
        details = slot.describe()
        await ctx.step(
            BookingStep.BOOKING,
            f"Moving your test from {held.when} to {details['date']} {details['time']}"
            f" in {details['location']}",
        )
        if not await self.with_login(lambda: self.reserve(slot)):
            self.taken.add(slot.key)
            await self.report_old_test(held, "The earlier slot was taken by someone else")
            return None
        try:
            await self.with_login(lambda: self.check_rescheduling(held))
            booking_id = await self.with_login(lambda: self.pay_later(slot))
        except Exception as exc:
            # Anything between the hold and the payment: the site's own list decides what stands.
            stands = await self.with_login(lambda: still_booked(self.api, held))
            reason = exc.message if isinstance(exc, JobFailure) else f"{type(exc).__name__}: {exc}"
            code = exc.code if isinstance(exc, JobFailure) else "rebook_failed"
            outcome = (
                f"your test on {held.when} in {held.location} still stands"
                if stands
                else f"the site no longer lists your test on {held.when}; check Mina prov"
            )
            raise JobFailure(f"Moving the test failed ({reason}); {outcome}.", code) from exc
        return await self.with_login(lambda: self.prove_move(slot, held, booking_id))

    async def check_rescheduling(self, held: HeldExam) -> None:
        """The cart must cancel the held test on payment; otherwise paying would book a second one."""
        cart = await self.api.call(
            "reservation-information", {"bookingSession": self.booking_session()}
        )
        cancels = [int(c.get("examinationId") or 0) for c in cart.get("cancellations") or []]
        if not cart.get("isRescheduling") or held.examination_id not in cancels:
            raise JobFailure(
                "The site's cart does not cancel the old test when paying; not paying, so you "
                "do not end up with two tests.",
                "not_rescheduling",
            )
        if cart.get("show24HourCancellationWarning"):
            await self.ctx.emit(
                CANCELLATION_NOTICE,
                {
                    "examination_id": held.examination_id,
                    "start": held.start.isoformat(),
                    "location": held.location,
                    "late": True,
                    "message": "Your current test is less than 24 hours away: moving it "
                    "cancels it late and its fee is not refunded.",
                },
            )

    async def report_old_test(self, held: HeldExam, what: str) -> None:
        stands = await self.with_login(lambda: still_booked(self.api, held))
        if not stands:
            raise JobFailure(
                f"{what}, and the site no longer lists your test on {held.when}; check Mina prov.",
                "booking_lost",
            )
        await self.ctx.step(
            BookingStep.SEARCHING,
            f"{what}; your test on {held.when} in {held.location} still stands. Watching on.",
            current_booking=held.describe(),
        )

    async def prove_move(self, slot: Slot, held: HeldExam, booking_id: str) -> dict[str, Any]:
        """The site's summary must list the new test booked and the old one cancelled."""
        proved = await self.prove(slot, booking_id)
        summary = await self.api.call(
            "summary",
            {
                "socialSecurityNumber": self.ssn,
                "bookingId": booking_id,
                "licenceId": self.licence_id,
            },
        )
        cancelled = [int(e.get("id") or 0) for e in summary.get("cancelledExaminations") or []]
        if held.examination_id not in cancelled:
            raise JobFailure(
                f"The new test is booked, but the site's summary does not show your test on "
                f"{held.when} cancelled; check Mina prov.",
                "rebook_unverified",
            )
        return {
            **proved,
            "rebooked": True,
            "cancelled_booking": held.describe(),
            "message": f"Moved {proved['exam']} from {held.when} in {held.location} to "
            f"{proved['date']} {proved['time']} in {proved['location']}",
        }
