"""Never a hidden hold: a failure after a reservation tells the person what is held, until when."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any

from gofer.jobs.model import JobFailure
from gofer.workflows.base import StepContext
from gofer.workflows.trafikverket.params import STOCKHOLM
from gofer.workflows.trafikverket.site import SiteApi, SiteError
from gofer.workflows.trafikverket.slots import Slot

PAY_IN_CART = "pay_in_cart"


def _same_hold(reservation: dict[str, Any], slot: Slot) -> bool:
    start = slot.start.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
    try:
        return (
            int(reservation.get("locationId") or 0) == int(slot.occasion["locationId"])
            and str(reservation.get("startDate", ""))[:16] == start
            and int(reservation.get("examinationTypeId") or 0)
            == int(slot.occasion["examinationTypeId"])
        )
    except (KeyError, TypeError, ValueError):
        return False


async def hold_expiry(api: SiteApi, slot: Slot) -> datetime | None:
    """When the site lets the hold on `slot` go (None: no such hold any more, or unreadable)."""
    with contextlib.suppress(SiteError, ValueError, TypeError):
        data = await api.call("get-active-reservations")
        for reservation in data.get("activeReservations") or []:
            if _same_hold(reservation, slot):
                local = datetime.strptime(
                    str(reservation["reservationExpires"]), "%Y-%m-%d %H:%M:%S"
                )
                return local.replace(tzinfo=STOCKHOLM)
    return None


async def report_hold(
    ctx: StepContext, api: SiteApi, slot: Slot, failure: BaseException, cart_url: str
) -> dict[str, Any] | None:
    """Tells the person the slot is held for them and until when (`human_needed`, pay_in_cart).

    The site offers no way to release a hold: unpaid, it lapses at its expiry. Returns what was
    reported (also added to the failure's details), or None when nothing is held any more.
    """
    expires = await hold_expiry(api, slot)
    if expires is None:
        return None
    described = slot.describe()
    hold = {
        "slot": described,
        "held_until": expires.isoformat(),
        "cart_url": cart_url,
    }
    until = expires.strftime("%H:%M")
    message = (
        f"{described['exam']} {described['date']} {described['time']} in "
        f"{described['location']} is reserved for you until {until} but not paid. "
        "Pay for it in the site's cart (Betala senare), or run the booking again to pay it."
    )
    await ctx.human_needed("A reserved slot is not paid", PAY_IN_CART, message=message, **hold)
    if isinstance(failure, JobFailure):
        failure.details = {**(failure.details or {}), "hold": hold}
        failure.message = f"{failure.message} The slot stays reserved until {until}."
        failure.args = (failure.message,)
    ctx.log.info("hold_reported", held_until=hold["held_until"])
    return hold
