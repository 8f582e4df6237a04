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
        "isEducatorBooking": None,  # null in results (two clients type it as nullable)
        "isLateCancellation": False,
        "isOutsideValidDuration": False,
        "isUsingTaxiKnowledgeValidDuration": False,
        "placeAddress": location.one_line_address() if location else None,
        "placeCoordinate": location.coordinate_text() if location else None,
    }


def bundle_json(slots: list[Slot]) -> dict[str, Any]:
    return {
        "occasions": [occasion_json(slot) for slot in slots],
        "cost": str(sum(slot.cost for slot in slots)),
    }


# Exam `status` codes (real: an int; which int means what is a replica choice).
EXAM_STATUS_BOOKED = 1
EXAM_STATUS_CANCELLED = 2
ASPIRANT_NAME = "Tolvan Tolvansson"  # fictitious, for whoever logs in


def place_json(slot: Slot) -> dict[str, Any]:
    location = LOCATIONS.get(slot.location_id)
    if location is None:
        return {
            "locationName": str(slot.location_id),
            "information": "",
            "address": {
                "streetAddress1": "",
                "streetAddress2": "",
                "zipCode": "",
                "city": "",
                "careOf": "",
            },
            "coordinates": {"latitude": 0.0, "longitude": 0.0},
            "displayName": str(slot.location_id),
        }
    return {
        "locationName": location.name,
        "information": "",
        "address": location.address_json(),
        "coordinates": location.coordinates_json(),
        "displayName": f"{location.name}, {location.one_line_address()}",
    }


def payment_information_json(exam: Examination, now: datetime) -> dict[str, Any]:
    """Pay later: an invoice for the whole fee, due in 14 days (or by the test, if sooner)."""
    due = min(exam.slot.start, (exam.booked_at or now) + timedelta(days=14))
    return {
        "amountToPay": str(exam.cost),
        "amountPaid": "0",
        "cost": str(exam.cost),
        "invoiceExpiryDate": local_minutes(due)[:10],
        "hasReminderFee": False,
        "isSentToRecovery": False,
        "isPaid": False,
        "isFeeRemoved": False,
    }


def examination_json(exam: Examination, now: datetime) -> dict[str, Any]:
    """A booked exam as in `examinations`, `summary` and `examinations-to-cancel`."""
    slot = exam.slot
    cancelled = exam.status == "cancelled"
    open_to_change = exam.status == "confirmed" and now < slot.start
    return {
        "id": exam.examination_id,
        "name": slot.exam.occasion_name,
        "licenceId": exam.licence_id,
        "properties": "",
        "aspirantName": ASPIRANT_NAME,
        "aspriantSocialSecurityNumber": exam.ssn or "",
        "duration": {"start": iso_local(slot.start), "end": iso_local(slot.end)},
        "place": place_json(slot),
        "addPrepaidPhotoFee": False,
        "addPrepaidPhotoFeeMandatory": False,
        "status": EXAM_STATUS_CANCELLED if cancelled else EXAM_STATUS_BOOKED,
        "result": None,
        "hasFailedFunctionalTest": False,
        "paymentInformation": payment_information_json(exam, now),
        "educator": None,
        "log": None,
        "documents": None,
        "bookedBy": ASPIRANT_NAME,
        "hindrances": [],
        "canCancel": open_to_change,
        "canReschedule": open_to_change,
        "prohibitReschedulation": False,
        "bookingConfirmation": None,
        "invoiceDocumentInformation": None,
        "hasResultDocument": False,
        "resultDocument": None,
        "isCancelled": cancelled,
        "hasResult": False,
        "bookedDate": iso_local(exam.booked_at or exam.created_at),
        "isValidated": True,
        "hasHindrances": False,
        "startDate": local_minutes(slot.start),
        "tachographType": DEFAULT_TACHOGRAPH_TYPE_ID,
        "examinationTypeId": slot.exam_type_id,
        "examinationTypeCode": slot.exam.code,
        "languageId": slot.language_id,
        "accentLanguage": {"id": 0, "name": None},
        "planningGroup": "",
        "calendarFileUri": None,
        "isLateCancelledMustPay": exam.cancelled_late,
        "referenceId": exam.booking_id or "",
        "canViewElectricAllergy": False,
        "isMilitary": False,
        "militaryEmployeeName": None,
        "occasionChoice": DEFAULT_OCCASION_CHOICE_ID,
        "bookingConfirmationUrl": "",
        "bookingInfoUrl": "",
        "bookingHindranceUrl": "",
        "isTheory": not slot.exam.is_driving,
        "showExaminationTypeChangeDropdown": False,
        "canChangeOralExaminationType": False,
        "showExaminationTypeChangeButton": False,
        "enableGetBookingConfirmation": True,
        "beforeExaminationEnabled": False,
        "newBookingConfirmationEnabled": True,
        "hasPrintingDocument": False,
        "matchingTimeStamps": "",
        "notPossibleReason": 0,
    }


def payment_history_json(exam: Examination, now: datetime) -> dict[str, Any]:
    """One invoice line of `GetPaymentModel`: an unpaid pay-later exam."""
    info = payment_information_json(exam, now)
    booked = exam.booked_at or exam.created_at
    return {
        "orderItemId": exam.examination_id,
        "referenceId": exam.booking_id or "",
        "productName": exam.slot.exam.occasion_name,
        "productDescription": swedish_long_date(exam.slot.start),
        "orderItemDate": iso_local(booked),
        "orderItemDateStr": local_minutes(booked)[:10],
        "orderDate": iso_local(booked),
        "orderItemPrintDate": None,
        "initialAmount": float(exam.cost),
        "reminderFeeAmount": 0.0,
        "isPendingPayment": False,
        "isPaid": False,
        "paidAmount": 0.0,
        "remainingAmountToPay": float(exam.cost),
        "paidAmountDirect": 0.0,
        "paidAmountBalance": 0.0,
        "paidAmountInvoice": 0.0,
        "directPaymentMethod": None,
        "invoiceExpiryDate": info["invoiceExpiryDate"] + "T00:00:00",
        "invoiceExpiryDateStr": info["invoiceExpiryDate"],
        "invoicePaidDateStr": None,
        "invoiceReminderDate": None,
        "invoiceRecoveryDate": None,
        "invoiceCreateDate": iso_local(booked),
        "originalInvoiceExpiryDate": None,
        "isInvoice": True,
        "isInvoiceExpired": False,
        "invoiceId": exam.examination_id,
        "isCancelledInTime": False,
        "isCancelledLate": False,
        "isAutomaticWithRefund": False,
        "isAutomaticWithoutRefund": False,
        "isAllProductSelectionsRefunded": False,
        "cancelledDate": None,
        "isReminderSent": False,
        "isRecoverySent": False,
        "isRecoveryWithdrawn": False,
        "isCancelledAndValid": False,
        "pabExaminationId": exam.examination_id,
        "printedDocumentId": None,
        "bookingConfirmation": None,
        "ocrCode": f"{exam.examination_id:010d}",
        "isSelected": False,
        "examinationResultId": 0,
        "examinationModel": examination_json(exam, now),
    }


def active_reservation_json(exam: Examination) -> dict[str, Any]:
    slot = exam.slot
    return {
        "examinationId": exam.examination_id,
        "examinationTypeId": slot.exam_type_id,
        "socialSecurityNumber": exam.ssn or "",
        "locationId": slot.location_id,
        "vehicleTypeId": slot.vehicle_type_id,
        "languageId": slot.language_id,
        "licenceId": exam.licence_id,
        "examinationName": slot.exam.occasion_name,
        "examinationCategory": slot.exam.category,
        "startDate": local_minutes(slot.start),
        "reservationExpires": local_seconds(exam.hold_expires or exam.created_at),
        # No direct payment is started in the replica, so there is no reference yet.
        "directPaymentReferenceId": "",
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
        "name": ASPIRANT_NAME,
        "address": {
            "streetAddress1": "Testgatan 12",
            "streetAddress2": "",
            "zipCode": "123 45",
            "city": "Stockholm",
            "careOf": "",
        },
        "hasProtectedIdentity": False,
        "email": "tolvan@example.se",
        "emailExists": True,
        "phone": "0701234567",
        "phoneExists": True,
        "verifiedPhone": True,
        "verifiedEmail": True,
        "allowEmailSurveys": False,
        "hasReturnMail": False,
        "updatedByPartner": False,
        "exemptions": [],
        "isDeceased": False,
    }


def location_name(location_id: int) -> str:
    location = LOCATIONS.get(location_id)
    return location.name if location else str(location_id)
