"""JSON shapes of occasions, examinations, reservations and the aspirant, as the API sends them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from .clock import STOCKHOLM, iso_local, local_minutes, local_seconds
from .ledger import Examination
from .reference import (
    DEFAULT_OCCASION_CHOICE_ID,
    DEFAULT_TACHOGRAPH_TYPE_ID,
    LOCATIONS,
)
from .slots import Slot

SWEDISH_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
SWEDISH_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def cost_text(amount: int) -> str:
    """`1 800 kr`: space as thousands separator."""
    return f"{amount:,} kr".replace(",", " ")


def swedish_long_date(moment: datetime) -> str:
    """`onsdag 10 juni 2026 kl. 08:00` (Stockholm time), used in messages."""
    local = moment.astimezone(STOCKHOLM)
    return (
        f"{SWEDISH_WEEKDAYS[local.weekday()]} {local.day} {SWEDISH_MONTHS[local.month - 1]}"
        f" {local.year} kl. {local:%H:%M}"
    )


def occasion_json(slot: Slot, examination_id: int | None = None) -> dict[str, Any]:
    """An occasion as in `occasion-bundles` (examinationId null) and in the cart."""
    location = LOCATIONS.get(slot.location_id)
    local = slot.local_start
    return {
        "examinationId": examination_id,
        "examinationCategory": slot.exam.category,
        "duration": {"start": iso_local(slot.start), "end": iso_local(slot.end)},
        "examinationTypeId": slot.exam_type_id,
        "locationId": slot.location_id,
        "occasionChoiceId": DEFAULT_OCCASION_CHOICE_ID,
        "vehicleTypeId": slot.vehicle_type_id,
        "languageId": slot.language_id,
        "tachographTypeId": DEFAULT_TACHOGRAPH_TYPE_ID,
        "name": slot.exam.occasion_name,
        "properties": None,
        "date": local.strftime("%Y-%m-%d"),
        "time": local.strftime("%H:%M"),
        "locationName": location.name if location else str(slot.location_id),
        "cost": str(slot.cost),
        "costText": cost_text(slot.cost),
        "increasedFee": slot.increased_fee,
        "isEducatorBooking": False,
        "isLateCancellation": False,
        "isOutsideValidDuration": False,
        "isUsingTaxiKnowledgeValidDuration": False,
        "placeAddress": location.one_line_address() if location else None,
        "placeCoordinate": location.coordinates_json() if location else None,
    }


def bundle_json(slots: list[Slot]) -> dict[str, Any]:
    return {
        "occasions": [occasion_json(slot) for slot in slots],
        "cost": str(sum(slot.cost for slot in slots)),
    }


def place_json(slot: Slot) -> dict[str, Any]:
    location = LOCATIONS.get(slot.location_id)
    if location is None:
        return {
            "locationName": str(slot.location_id),
            "address": None,
            "coordinates": None,
            "displayName": str(slot.location_id),
        }
    return {
        "locationName": location.name,
        "address": location.address_json(),
        "coordinates": location.coordinates_json(),
        "displayName": f"{location.name}, {location.one_line_address()}",
    }


def examination_json(exam: Examination, now: datetime) -> dict[str, Any]:
    """A booked exam as in `examinations`, `summary` and `examinations-to-cancel`."""
    slot = exam.slot
    started = now >= slot.start
    return {
        "id": exam.examination_id,
        "name": slot.exam.occasion_name,
        "licenceId": exam.licence_id,
        "duration": {"start": iso_local(slot.start), "end": iso_local(slot.end)},
        "place": place_json(slot),
        "paymentInformation": {
            "paymentMethod": "invoice",
            "isPaid": False,
            "cost": str(exam.cost),
            "costText": cost_text(exam.cost),
            "increasedFee": slot.increased_fee,
            "dueDate": local_minutes(min(slot.start, (exam.booked_at or now) + timedelta(days=14)))[
                :10
            ],
        },
        "canCancel": exam.status == "confirmed" and not started,
        "canReschedule": exam.status == "confirmed" and not started,
        "startDate": local_minutes(slot.start),
        "examinationTypeId": slot.exam_type_id,
        "examinationTypeCode": slot.exam.code,
        "languageId": slot.language_id,
        "vehicleTypeId": slot.vehicle_type_id,
        "locationId": slot.location_id,
        "referenceId": exam.booking_id,
        "bookingId": exam.booking_id,
        "status": exam.status,
    }


def active_reservation_json(exam: Examination) -> dict[str, Any]:
    slot = exam.slot
    return {
        "examinationId": exam.examination_id,
        "examinationTypeId": slot.exam_type_id,
        "socialSecurityNumber": exam.ssn,
        "locationId": slot.location_id,
        "vehicleTypeId": slot.vehicle_type_id,
        "languageId": slot.language_id,
        "licenceId": exam.licence_id,
        "examinationName": slot.exam.occasion_name,
        "examinationCategory": slot.exam.category,
        "startDate": local_minutes(slot.start),
        "reservationExpires": local_seconds(exam.hold_expires) if exam.hold_expires else None,
        "directPaymentReferenceId": None,
        "loading": False,
        "warnings": [],
        "addPrepaidPhotoFee": False,
        "addPrepaidPhotoFeeMandatory": False,
    }


def aspirant_json(ssn: str, now: datetime) -> dict[str, Any]:
    """Fixed, fictitious personal details for whoever logged in."""
    birth_year = int(ssn[:4]) if ssn[:4].isdigit() else now.year
    return {
        "id": int(ssn[-6:]) if ssn[-6:].isdigit() else 1,
        "age": max(0, now.year - birth_year),
        "socialSecurityNumber": ssn,
        "firstName": "Tolvan",
        "lastName": "Tolvansson",
        "name": "Tolvan Tolvansson",
        "address": {
            "streetAddress1": "Testgatan 12",
            "streetAddress2": None,
            "zipCode": "123 45",
            "city": "Stockholm",
            "careOf": None,
        },
        "email": "tolvan@example.se",
        "phone": "0701234567",
        "isEmailVerified": True,
        "isPhoneVerified": True,
        "hasProtectedIdentity": False,
        "isDeceased": False,
    }


def location_name(location_id: int) -> str:
    location = LOCATIONS.get(location_id)
    return location.name if location else str(location_id)
