"""A booking run again after its worker died continues from the site's records, never books twice."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from gofer.workflows.trafikverket.params import BookingParams
from gofer.workflows.trafikverket.slots import OccasionQuery
from gofer.workflows.trafikverket.workflow import BookingRun

START = "2027-02-03T09:30:00+01:00"
UPPSALA = 1000071


def occasion(location: int = UPPSALA, start: str = START) -> dict[str, Any]:
    return {
        "duration": {"start": start, "end": start},
        "locationId": location,
        "examinationTypeId": 12,
        "locationName": "Uppsala",
        "name": "Körprov B",
        "cost": "800",
    }


class Site:
    """The site's answers by endpoint; records every call."""

    def __init__(self, **answers: Any) -> None:
        self.answers = answers
        self.calls: list[str] = []

    async def call(self, name: str, body: Any = None) -> Any:
        self.calls.append(name)
        return self.answers.get(name.replace("-", "_"), {})


class Ctx:
    def __init__(self, attempt: int) -> None:
        self.job = SimpleNamespace(attempt=attempt)
        self.params = BookingParams(locations=["Uppsala"])
        self.settings = SimpleNamespace(trafikverket_base_url="http://site.test")
        self.steps: list[str] = []

    async def step(self, step: str, message: str, **_: Any) -> None:
        self.steps.append(message)


def booking_run(attempt: int, site: Site) -> tuple[BookingRun, list[str]]:
    run = BookingRun(cast(Any, Ctx(attempt)), cast(Any, None), cast(Any, site))
    run.query = OccasionQuery((UPPSALA,), 12, 2, 0)
    paid: list[str] = []

    async def pay_later(slot: Any) -> str:
        paid.append(slot.occasion["duration"]["start"])
        return "B-2"

    run.pay_later = pay_later  # type: ignore[method-assign]
    return run, paid


def summary_of(booking_id: str) -> dict[str, Any]:
    exam = {**occasion(), "bookingId": booking_id}
    return {"confirmedExaminations": [exam]}


async def test_a_first_attempt_reads_only_the_cart() -> None:
    site = Site()
    run, _ = booking_run(1, site)
    assert await run.resume_earlier_attempt() is None
    # Another job's booked exam is never claimed; only a hold in the cart is looked for.
    assert site.calls == ["reservation-information"]


async def test_a_new_job_pays_a_fitting_hold_an_earlier_job_left() -> None:
    hold = {"locationId": UPPSALA, "startDate": "2027-02-03 09:30", "examinationTypeId": 12}
    site = Site(
        reservation_information={"reservations": [occasion()]},
        get_active_reservations={"activeReservations": [hold]},
        summary=summary_of("B-2"),
    )
    run, paid = booking_run(1, site)
    result = await run.resume_earlier_attempt()
    assert result is not None and result["booking_id"] == "B-2"
    assert paid == [START] and "create-reservation" not in site.calls
    assert "examinations" not in site.calls


async def test_a_booking_made_before_the_worker_died_is_proven_not_made_again() -> None:
    booked = {**occasion(), "bookingId": "B-1", "paymentInformation": {"cost": "800"}}
    site = Site(examinations={"confirmedExaminations": [booked]}, summary=summary_of("B-1"))
    run, paid = booking_run(2, site)
    result = await run.resume_earlier_attempt()
    assert result is not None and result["booking_id"] == "B-1" and result["verified"] is True
    assert paid == [] and "create-reservation" not in site.calls


async def test_a_hold_made_before_the_worker_died_is_paid_not_reserved_again() -> None:
    hold = {
        "locationId": UPPSALA,
        "startDate": "2027-02-03 09:30",
        "examinationTypeId": 12,
    }
    site = Site(
        examinations={"confirmedExaminations": []},
        reservation_information={"reservations": [occasion()]},
        get_active_reservations={"activeReservations": [hold]},
        summary=summary_of("B-2"),
    )
    run, paid = booking_run(2, site)
    result = await run.resume_earlier_attempt()
    assert result is not None and result["booking_id"] == "B-2"
    assert paid == [START] and "create-reservation" not in site.calls


async def test_a_booking_elsewhere_is_not_taken_for_this_jobs() -> None:
    other = {**occasion(location=1000061), "bookingId": "B-9"}
    site = Site(examinations={"confirmedExaminations": [other]})
    run, paid = booking_run(2, site)
    assert await run.resume_earlier_attempt() is None
    assert paid == []
