"""A test the person has booked already, as Mina prov (`examinations`) lists it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gofer.jobs.model import JobFailure
from gofer.workflows.trafikverket.params import STOCKHOLM
from gofer.workflows.trafikverket.site import SiteApi


@dataclass(frozen=True)
class HeldExam:
    """One booked test: what a rebooking must never lose and a cancellation removes."""

    examination_id: int
    reference: str  # the booking reference (`referenceId`)
    name: str
    start: datetime
    location: str
    can_reschedule: bool
    can_cancel: bool

    @classmethod
    def from_site(cls, exam: dict[str, Any]) -> HeldExam:
        place = exam.get("place") or {}
        start = (exam.get("duration") or {}).get("start") or ""
        return cls(
            examination_id=int(exam.get("id") or 0),
            reference=str(exam.get("referenceId") or ""),
            name=str(exam.get("name") or ""),
            start=datetime.fromisoformat(str(start)),
            location=str(place.get("locationName") or ""),
            can_reschedule=bool(exam.get("canReschedule"))
            and not bool(exam.get("prohibitReschedulation")),
            can_cancel=bool(exam.get("canCancel")),
        )

    def names(self, booking_id: str) -> bool:
        return booking_id in (str(self.examination_id), self.reference)

    @property
    def when(self) -> str:
        return self.start.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")

    def describe(self) -> dict[str, Any]:
        local = self.start.astimezone(STOCKHOLM)
        return {
            "examination_id": self.examination_id,
            "booking_id": self.reference,
            "exam": self.name,
            "date": local.date().isoformat(),
            "time": local.strftime("%H:%M"),
            "start": self.start.isoformat(),
            "location": self.location,
        }


async def booked_exams(api: SiteApi) -> list[HeldExam]:
    data = await api.call("examinations")
    return [HeldExam.from_site(exam) for exam in data.get("confirmedExaminations") or []]


async def find_held(
    api: SiteApi, booking_id: str | None, licence_id: int, exam_type: str
) -> HeldExam:
    """The booking named by id, else the person's earliest booked test of this licence and type."""
    data = await api.call("examinations")
    exams = list(data.get("confirmedExaminations") or [])
    if booking_id is not None:
        for exam in exams:
            held = HeldExam.from_site(exam)
            if held.names(booking_id):
                return held
        raise JobFailure(f"Mina prov lists no booked test {booking_id}.", "booking_not_found")
    for exam in exams:
        if int(exam.get("licenceId") or 0) == licence_id and str(exam.get("name") or "").startswith(
            exam_type
        ):
            return HeldExam.from_site(exam)
    raise JobFailure(f"Mina prov lists no booked {exam_type} to move.", "booking_not_found")


async def still_booked(api: SiteApi, held: HeldExam) -> bool:
    """Whether the site still lists this test as booked (the proof a person still has a test)."""
    return any(exam.examination_id == held.examination_id for exam in await booked_exams(api))
