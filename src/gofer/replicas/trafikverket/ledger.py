"""Holds and bookings: who has which slot, for how long, and what it cost (spec §3.5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from .slots import Slot, SlotKey

ExamStatus = Literal["held", "confirmed", "cancelled", "released"]
Booker = Literal["user", "competitor"]

FIRST_EXAMINATION_ID = 44_120_000
FIRST_BOOKING_ID = 71_300_000
# Real: cancelling within 24 hours of the start keeps the fee.
LATE_CANCELLATION = timedelta(hours=24)


@dataclass
class Examination:
    """One seat taken by someone: first held, then confirmed (booked), maybe cancelled."""

    examination_id: int
    slot: Slot
    ssn: str | None
    licence_id: int
    by: Booker
    status: ExamStatus
    created_at: datetime
    hold_expires: datetime | None = None
    booking_id: str | None = None
    booked_at: datetime | None = None
    cancelled_at: datetime | None = None
    # Confirmed exams of the same user that paying for this hold cancels (rebooking).
    replaces: list[int] = field(default_factory=list)

    @property
    def cost(self) -> int:
        return self.slot.cost

    @property
    def cancelled_late(self) -> bool:
        """Cancelled less than 24 hours before the start: the fee is not refunded (spec §3.5)."""
        return (
            self.status == "cancelled"
            and self.cancelled_at is not None
            and self.slot.start - self.cancelled_at < LATE_CANCELLATION
        )

    def holds_at(self, now: datetime) -> bool:
        return self.status == "held" and self.hold_expires is not None and now < self.hold_expires


class Ledger:
    """Every hold and booking, plus an index of which slots are taken."""

    def __init__(self) -> None:
        self.examinations: dict[int, Examination] = {}
        self.bookings: dict[str, list[int]] = {}  # booking id → its examination ids
        self.cancelled_by_booking: dict[str, list[int]] = {}
        self._claims: dict[SlotKey, int] = {}
        # Why a user's last hold ended: "expired" or "paid"; picks the no-reservation message.
        self.last_hold_outcome: dict[str, str] = {}
        self._next_examination_id = FIRST_EXAMINATION_ID
        self._next_booking_id = FIRST_BOOKING_ID

    # --- time ---

    def expire_holds(self, now: datetime) -> None:
        for exam in list(self.examinations.values()):
            if exam.status == "held" and not exam.holds_at(now):
                self._release(exam)
                if exam.ssn is not None:
                    self.last_hold_outcome[exam.ssn] = "expired"

    # --- reads ---

    def is_taken(self, key: SlotKey) -> bool:
        return key in self._claims

    def active_holds(self, ssn: str, now: datetime) -> list[Examination]:
        return sorted(
            (e for e in self.examinations.values() if e.ssn == ssn and e.holds_at(now)),
            key=lambda exam: exam.slot.start,
        )

    def all_active_holds(self, now: datetime) -> list[Examination]:
        return sorted(
            (e for e in self.examinations.values() if e.holds_at(now)),
            key=lambda exam: exam.hold_expires or now,
        )

    def confirmed(self, ssn: str) -> list[Examination]:
        return sorted(
            (e for e in self.examinations.values() if e.ssn == ssn and e.status == "confirmed"),
            key=lambda exam: exam.slot.start,
        )

    def booked(self) -> list[Examination]:
        """Every exam that was ever booked (confirmed or later cancelled), in booking order."""
        return sorted(
            (e for e in self.examinations.values() if e.booking_id is not None),
            key=lambda exam: exam.examination_id,
        )

    # --- changes ---

    def _new_examination_id(self) -> int:
        self._next_examination_id += 1
        return self._next_examination_id

    def _new_booking_id(self) -> str:
        self._next_booking_id += 1
        return str(self._next_booking_id)

    def _release(self, exam: Examination) -> None:
        exam.status = "released"
        if self._claims.get(exam.slot.key) == exam.examination_id:
            del self._claims[exam.slot.key]

    def hold(
        self,
        slot: Slot,
        ssn: str,
        licence_id: int,
        now: datetime,
        minutes: float,
        replaces: list[int],
    ) -> Examination:
        """Hold a free slot for `ssn`, replacing their older hold of the same exam type."""
        for old in self.active_holds(ssn, now):
            if old.slot.exam_type_id == slot.exam_type_id:
                self._release(old)
        exam = Examination(
            examination_id=self._new_examination_id(),
            slot=slot,
            ssn=ssn,
            licence_id=licence_id,
            by="user",
            status="held",
            created_at=now,
            hold_expires=now + timedelta(minutes=minutes),
            replaces=replaces,
        )
        self.examinations[exam.examination_id] = exam
        self._claims[slot.key] = exam.examination_id
        return exam

    def confirm_holds(self, ssn: str, now: datetime) -> tuple[str, list[Examination]]:
        """Book every active hold of `ssn` under one new booking id; cancel what they replace."""
        holds = self.active_holds(ssn, now)
        booking_id = self._new_booking_id()
        cancelled: list[int] = []
        for exam in holds:
            exam.status = "confirmed"
            exam.booking_id = booking_id
            exam.booked_at = now
            exam.hold_expires = None
            for old_id in exam.replaces:
                old = self.examinations.get(old_id)
                if old is not None and old.status == "confirmed":
                    self.cancel(old, now)
                    cancelled.append(old_id)
        self.bookings[booking_id] = [exam.examination_id for exam in holds]
        self.cancelled_by_booking[booking_id] = cancelled
        self.last_hold_outcome[ssn] = "paid"
        return booking_id, holds

    def book_for_user(self, slot: Slot, ssn: str, licence_id: int, now: datetime) -> Examination:
        """A confirmed booking made outside this session (a test seeds what a person holds)."""
        exam = Examination(
            examination_id=self._new_examination_id(),
            slot=slot,
            ssn=ssn,
            licence_id=licence_id,
            by="user",
            status="confirmed",
            created_at=now,
            booking_id=self._new_booking_id(),
            booked_at=now,
        )
        self.examinations[exam.examination_id] = exam
        self.bookings[exam.booking_id or ""] = [exam.examination_id]
        self._claims[slot.key] = exam.examination_id
        return exam

    def book_for_competitor(self, slot: Slot, now: datetime) -> Examination:
        exam = Examination(
            examination_id=self._new_examination_id(),
            slot=slot,
            ssn=None,
            licence_id=slot.exam.licence_id,
            by="competitor",
            status="confirmed",
            created_at=now,
            booking_id=self._new_booking_id(),
            booked_at=now,
        )
        self.examinations[exam.examination_id] = exam
        self.bookings[exam.booking_id or ""] = [exam.examination_id]
        self._claims[slot.key] = exam.examination_id
        return exam

    def cancel(self, exam: Examination, now: datetime) -> None:
        exam.status = "cancelled"
        exam.cancelled_at = now
        if self._claims.get(exam.slot.key) == exam.examination_id:
            del self._claims[exam.slot.key]
