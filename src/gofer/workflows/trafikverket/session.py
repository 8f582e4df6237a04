"""Opening the booking site and logging in with BankID: how every Trafikverket job begins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gofer.jobs.model import JobFailure
from gofer.workflows.trafikverket.steps import BookingStep

if TYPE_CHECKING:
    from gofer.workflows.trafikverket.workflow import BookingRun


async def open_and_log_in(run: BookingRun) -> None:
    """The site's start page (consent given), then the person's BankID scan."""
    ctx, pages = run.ctx, run.pages
    await ctx.step(BookingStep.NAVIGATING, "Opening Boka prov")
    if not pages.at_start():  # else the pool had it open, consent given
        await pages.install_watchers()
        try:
            await pages.open_start()
        except Exception as exc:
            raise JobFailure(f"Could not open the booking site: {exc}", "site_unreachable") from exc
    await ctx.step(BookingStep.NAVIGATING, "Boka prov is open", progress=12, page_loaded=True)
    await pages.accept_cookies()
    await run.login(first=True)
