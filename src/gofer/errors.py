"""Domain errors: what went wrong, in a sentence and a machine code; the API maps them to HTTP.

Domain code raises these; only `api/errors.py` knows which HTTP status each kind becomes, so a
service can be called from a route, a worker, the voice bot or the CLI alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class GoferError(Exception):
    """A failure a caller can understand and act on."""

    def __init__(
        self,
        error: str,
        code: str,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(error)
        self.error = error
        self.code = code
        # Protocol hints for the edge (WWW-Authenticate, Retry-After); ignored elsewhere.
        self.headers = headers
        self.extra = extra


class BadRequest(GoferError):
    """The request cannot be understood as sent."""


class InvalidInput(GoferError):
    """A value is out of bounds or malformed; `details` names the fields."""


class NotAuthenticated(GoferError):
    """No caller, or a credential that is not (or no longer) valid."""


class Forbidden(GoferError):
    """The caller is known but may not do this."""


class NotFound(GoferError):
    """No such thing, or not the caller's (the two are never told apart)."""


class Conflict(GoferError):
    """The thing is in a state that does not allow this (already ended, key reused, ...)."""


class RateLimited(GoferError):
    """Too many attempts; `retry_after` says when to try again."""


class Unavailable(GoferError):
    """A part this needs is not running here (no browser, no worker, disabled feature)."""


class UpstreamFailed(GoferError):
    """The work ran and failed for a reason outside the caller's control."""


class TimedOut(GoferError):
    """The work did not finish within its limit."""


def invalid_field(field: str, message: str, code: str = "validation_error") -> InvalidInput:
    """The one shape for a rejected value: the sentence and `details` both name the field."""
    return InvalidInput(
        f"Invalid value for '{field}': {message}",
        code,
        details=[{"field": field, "message": message}],
    )


def validation_failure(errors: Sequence[Any], prefix: tuple[str, ...] = ()) -> InvalidInput:
    """A pydantic error list as one InvalidInput that names each field as the caller sent it."""
    details = [
        {
            "field": ".".join(str(p) for p in (*prefix, *e.get("loc", ()))) or "body",
            "message": str(e.get("msg", "")).removeprefix("Value error, "),
        }
        for e in errors
    ]
    first = details[0] if details else {"field": "body", "message": "invalid"}
    return InvalidInput(
        f"Invalid value for '{first['field']}': {first['message']}",
        "validation_error",
        details=details,
    )
