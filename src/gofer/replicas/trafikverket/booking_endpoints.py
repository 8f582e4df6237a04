"""Handlers of reservation, payment, summary and cancellation (spec §3.5)."""

from __future__ import annotations

from typing import Any

from .calls import (
    INVALID_BOOKING_SESSION,
    INVALID_REQUEST,
    NO_ACTIVE_RESERVATION,
    RESERVATION_EXPIRED,
    SLOT_TAKEN,
    ApiCall,
    ApiError,
    as_int,
)
from .clock import parse_instant, parse_local_seconds
from .ledger import LATE_CANCELLATION, Examination
from .reference import EXAM_TYPES
from .search_endpoints import hindrances
from .shapes import (
    active_reservation_json,
    aspirant_json,
    examination_json,
    occasion_json,
    payment_history_json,
)
from .slots import Slot

DAY = LATE_CANCELLATION
CANNOT_CANCEL = "Provet har redan börjat och kan inte avbokas"
NO_ACTIVE_PAYMENT = 0  # `activePaymentState` when no card or Swish payment is under way
# The summary's `information` is a text (real); this wording is the replica's.
SUMMARY_INFORMATION = "Ta med giltig id-handling till provet."


def _occasion_slot(call: ApiCall, occasion: Any) -> Slot:
    """The existing, visible slot an occasion from the results names (else "slot taken")."""
    if not isinstance(occasion, dict):
        raise ApiError(INVALID_REQUEST)
    duration = occasion.get("duration")
    start_text = duration.get("start") if isinstance(duration, dict) else None
    if not isinstance(start_text, str):
        raise ApiError(INVALID_REQUEST)
    try:
        start = parse_instant(start_text)
    except ValueError as error:
        raise ApiError(INVALID_REQUEST) from error
    exam = EXAM_TYPES.get(as_int(occasion.get("examinationTypeId")))
    if exam is None:
        raise ApiError(SLOT_TAKEN)
    variant_field = "vehicleTypeId" if exam.is_driving else "languageId"
    state = call.state
    slot = state.slots.find(
        state.config,
        state.clock.today(),
        as_int(occasion.get("locationId")),
        exam.id,
        as_int(occasion.get(variant_field)),
        start,
    )
    if slot is None or not slot.visible_at(call.now) or slot.start <= call.now:
        raise ApiError(SLOT_TAKEN)
    return slot


def create_reservation(call: ApiCall) -> None:
    """Holds the slots; a held exam type the user has booked already rebooks that booking."""
    call.booking_session()
    bundle = call.fields().get("occasionBundle")
    occasions = bundle.get("occasions") if isinstance(bundle, dict) else None
    if not isinstance(occasions, list) or not occasions:
        raise ApiError(INVALID_REQUEST)
    state = call.state
    ledger = state.ledger
    own_holds = {exam.slot.key: exam for exam in ledger.active_holds(call.ssn, call.now)}
    slots = [_occasion_slot(call, occasion) for occasion in occasions]
    for slot in slots:
        if ledger.is_taken(slot.key) and slot.key not in own_holds:
            raise ApiError(SLOT_TAKEN)
    for slot in slots:
        if slot.key not in own_holds and state.competitor.claim_on_reserve(slot):
            ledger.book_for_competitor(slot, call.now)
            raise ApiError(SLOT_TAKEN)
    for slot in slots:
        # Real: rebooking happens in the same booking session as a new booking (no flag).
        booked = hindrances(call, slot.exam.licence_id, slot.exam_type_id)
        replaces = [exam.examination_id for exam in booked]
        ledger.hold(
            slot, call.ssn, slot.exam.licence_id, call.now, state.config.hold_minutes, replaces
        )


def get_active_reservations(call: ApiCall) -> dict[str, Any]:
    holds = call.state.ledger.active_holds(call.ssn, call.now)
    return {
        "addPrepaidPhotoFeePossible": False,
        "activeReservations": [active_reservation_json(exam) for exam in holds],
        "suggestedReservations": [],
    }


def get_reservation_time(call: ApiCall) -> int:
    dates = call.fields().get("expiryDates")
    if dates is None:
        dates = []
    if not isinstance(dates, list):
        raise ApiError(INVALID_REQUEST)
    try:
        expiries = [parse_local_seconds(str(text)) for text in dates]
    except ValueError as error:
        raise ApiError(INVALID_REQUEST) from error
    if not expiries:
        return 0
    return max(0, int((min(expiries) - call.now).total_seconds()))


def _seconds_left(holds: list[Examination], call: ApiCall) -> int:
    ends = [exam.hold_expires for exam in holds if exam.hold_expires is not None]
    return max(0, int((min(ends) - call.now).total_seconds())) if ends else 0


def reservation_information(call: ApiCall) -> dict[str, Any]:
    call.booking_session()
    ledger = call.state.ledger
    holds = ledger.active_holds(call.ssn, call.now)
    replaced = [
        ledger.examinations[old_id]
        for exam in holds
        for old_id in exam.replaces
        if ledger.examinations[old_id].status == "confirmed"
    ]
    total = sum(exam.cost for exam in holds)
    return {
        "aspirant": aspirant_json(call.ssn, call.now),
        "reservations": [occasion_json(exam.slot, exam.examination_id) for exam in holds],
        "cancellations": [occasion_json(exam.slot, exam.examination_id) for exam in replaced],
        "addPrepaidPhotoFee": False,
        "prepaidPhotoFeeCost": 0.0,
        "isRescheduling": bool(replaced),
        "show24HourCancellationWarning": any(e.slot.start - call.now < DAY for e in replaced),
        "show24HourReservationWarning": any(e.slot.start - call.now < DAY for e in holds),
        "hasBalance": False,
        "balanceCoversCost": False,
        "isSurplusBalance": False,
        "showDirectPayment": False,
        # Amounts are strings on the wire.
        "amountToPayDirect": "0",
        "amountToPayInvoice": str(total),
        "availableBalance": "0",
        "surplusBalance": "0",
        "reservationTimeInSeconds": _seconds_left(holds, call),
        "isAuthenticated": True,
        "paymentIsActive": False,
        "activePaymentState": NO_ACTIVE_PAYMENT,
        "provider": {
            "isPayDirectPaymentEnabled": False,
            "isPayInvoiceEnabled": True,
            "isPayBalanceEnabled": False,
            "isPspRefundEnabled": False,
            "logoPath": None,
        },
    }


def invoice_payment(call: ApiCall) -> dict[str, Any]:
    call.booking_session()
    ledger = call.state.ledger
    if not ledger.active_holds(call.ssn, call.now):
        expired = ledger.last_hold_outcome.get(call.ssn) == "expired"
        raise ApiError(RESERVATION_EXPIRED if expired else NO_ACTIVE_RESERVATION)
    booking_id, booked = ledger.confirm_holds(call.ssn, call.now)
    return {
        "success": True,
        "isCancelled": False,
        "bookingId": booking_id,
        "isReservation": False,
        "isSignedIn": True,
        "message": None,
        "licenceId": booked[0].licence_id,
        "reservationTimeInSeconds": 0,
        "socialSecurityNumber": call.ssn,
    }


def summary(call: ApiCall) -> dict[str, Any]:
    fields = call.fields()
    call.check_ssn(fields.get("socialSecurityNumber"))
    ledger = call.state.ledger
    booking_id = str(fields.get("bookingId") or "")
    exam_ids = ledger.bookings.get(booking_id)
    if not exam_ids:
        raise ApiError(INVALID_BOOKING_SESSION)
    exams = [ledger.examinations[exam_id] for exam_id in exam_ids]
    if any(exam.ssn != call.ssn for exam in exams):
        raise ApiError(INVALID_BOOKING_SESSION)
    cancelled = [ledger.examinations[i] for i in ledger.cancelled_by_booking.get(booking_id, [])]
    cancelled += [exam for exam in exams if exam.status == "cancelled"]
    return {
        "confirmedExaminations": [
            examination_json(exam, call.now) for exam in exams if exam.status == "confirmed"
        ],
        "cancelledExaminations": [examination_json(exam, call.now) for exam in cancelled],
        "information": SUMMARY_INFORMATION,
        "showRiskEducationWarning": False,
        "showPhotoWarning": False,
        "isCalendarEnabled": True,
        "providerLogoPath": None,
        "showUnderagedWarning": False,
        "addPrepaidPhotoFee": False,
        "prepaidPhotoFeeIsPaid": False,
        "prepaidPhotoFeeCost": 0.0,
    }


def _own_confirmed(call: ApiCall) -> Examination:
    exam_id = as_int(call.fields().get("examinationId"))
    exam = call.state.ledger.examinations.get(exam_id)
    if exam is None or exam.ssn != call.ssn or exam.status != "confirmed":
        raise ApiError(INVALID_BOOKING_SESSION)
    return exam


def examinations_to_cancel(call: ApiCall) -> dict[str, Any]:
    exam = _own_confirmed(call)
    ledger = call.state.ledger
    siblings = [
        ledger.examinations[i]
        for i in ledger.bookings.get(exam.booking_id or "", [])
        if ledger.examinations[i].status == "confirmed"
    ]
    return {
        "show24HourCancellationWarning": exam.slot.start - call.now < DAY,
        "showMultipleExaminationsWarning": len(siblings) > 1,
        "examinations": [examination_json(exam, call.now)],
    }


def confirm_cancel(call: ApiCall) -> None:
    exam = _own_confirmed(call)
    if call.now >= exam.slot.start:
        raise ApiError(CANNOT_CANCEL)
    call.state.ledger.cancel(exam, call.now)


def payment_model(call: ApiCall) -> dict[str, Any]:
    """`GetPaymentModel`: what the user owes; pay-later bookings are unpaid invoices."""
    unpaid = [
        payment_history_json(exam, call.now) for exam in call.state.ledger.confirmed(call.ssn)
    ]
    owed = float(sum(exam.cost for exam in call.state.ledger.confirmed(call.ssn)))
    return {
        "hasDebt": False,  # an invoice not yet due is not a debt
        "unpaidAmount": owed,
        "availableBalance": 0.0,
        "lockedBalance": 0.0,
        "unpaidHistoryModels": unpaid,
        "paidHistoryModels": [],
        "fullyPaidWithBalanceThisSession": [],
        "useDirectPayment": False,
        "newPaymentReference": "",
        "activePayment": None,
    }
