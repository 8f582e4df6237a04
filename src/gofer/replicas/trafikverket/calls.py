"""One API call as handlers see it: parsed body, login, cookies to set, and the error types."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .sessions import Login, normalise_ssn
from .state import ReplicaState

LOGIN_REQUIRED_MESSAGE = "Du måste vara inloggad."
INVALID_BOOKING_SESSION = "Ogiltig bokningssession"
INVALID_REQUEST = "Ogiltig förfrågan"
SLOT_TAKEN = "Tiden är inte längre tillgänglig"
NO_ACTIVE_RESERVATION = "Det finns ingen aktiv reservation"
RESERVATION_EXPIRED = "Reservationen har gått ut"


class ApiError(Exception):
    """An answer in the real error shape: `{"status", "data": {"success", "message"}, "type"}`."""

    def __init__(
        self,
        message: str,
        error_type: str = "BookingException",
        status: int = 400,
        http_status: int | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.error_type = error_type
        self.status = status
        # The HTTP status line; the BankID poll says 400 only in the body (HTTP 200).
        self.http_status = status if http_status is None else http_status

    def body(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "data": {"success": False, "message": self.message},
            "type": self.error_type,
        }


def login_required() -> ApiError:
    return ApiError(LOGIN_REQUIRED_MESSAGE, "LoginRequiredException")


def bankid_error(message: str) -> ApiError:
    """A failed BankID order, as the login poll reports it: HTTP 200, `"status": 400` inside."""
    return ApiError(message, "BankIdException", http_status=200)


@dataclass(frozen=True)
class CookieChange:
    name: str
    value: str | None  # None deletes the cookie
    http_only: bool = True


@dataclass
class ApiCall:
    state: ReplicaState
    now: datetime
    body: Any
    login: Login | None
    cookies: list[CookieChange] = field(default_factory=list)

    @property
    def ssn(self) -> str:
        """The logged-in personnummer; handlers that need a login only run with one."""
        if self.login is None:
            raise login_required()
        return self.login.ssn

    def fields(self) -> dict[str, Any]:
        """The body as an object; `null` counts as `{}`."""
        if self.body is None:
            return {}
        if not isinstance(self.body, dict):
            raise ApiError(INVALID_REQUEST)
        return self.body

    def booking_session(self) -> dict[str, Any]:
        """`bookingSession`, refused when it names someone other than the logged-in user."""
        session = self.fields().get("bookingSession")
        if session is None:
            session = {}
        if not isinstance(session, dict):
            raise ApiError(INVALID_REQUEST)
        self.check_ssn(session.get("socialSecurityNumber"))
        return session

    def check_ssn(self, value: Any) -> None:
        # An empty personnummer means "the logged-in user"; another person's is refused.
        if value in (None, ""):
            return
        if not isinstance(value, str) or normalise_ssn(value) != self.ssn:
            raise ApiError(INVALID_BOOKING_SESSION)


def as_int(value: Any, default: int = 0) -> int:
    """An id from a body: ints, digit strings, and `null` (the default)."""
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        raise ApiError(INVALID_REQUEST)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise ApiError(INVALID_REQUEST)
