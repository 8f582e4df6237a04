"""The booking workflow's steps: the seed's status names, in flow order, with their progress."""

from __future__ import annotations

from enum import StrEnum


class BookingStep(StrEnum):
    STARTING = "starting"
    NAVIGATING = "navigating"
    LOGIN = "login"
    BANKID = "bankid"
    QR_WAITING = "qr_waiting"
    AUTHENTICATED = "authenticated"
    CONFIGURING = "configuring"
    LOCATIONS = "locations"
    SEARCHING = "searching"
    MONITORING = "monitoring"
    BOOKING = "booking"


# Progress shown for each step when the workflow does not give its own figure.
PROGRESS: dict[str, int] = {
    BookingStep.STARTING: 5,
    BookingStep.NAVIGATING: 10,
    BookingStep.LOGIN: 15,
    BookingStep.BANKID: 20,
    BookingStep.QR_WAITING: 25,
    BookingStep.AUTHENTICATED: 40,
    BookingStep.CONFIGURING: 50,
    BookingStep.LOCATIONS: 60,
    BookingStep.SEARCHING: 70,
    BookingStep.MONITORING: 75,
    BookingStep.BOOKING: 90,
}
