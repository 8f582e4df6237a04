"""Session keys: which saved state a page or a request belongs to."""

from __future__ import annotations

import re
import secrets

from gofer.replicas.vpbank.errors import ReplicaError

SESSION_COOKIE = "vpbank_session"
SESSION_COOKIE_MAX_AGE_S = 365 * 24 * 3600
_SESSION_KEY = re.compile(r"[A-Za-z0-9_-]{1,100}")


def is_session_key(raw: str | None) -> bool:
    return raw is not None and _SESSION_KEY.fullmatch(raw) is not None


def parse_session_key(raw: str | None) -> str:
    """The `session` query value, or a 422 naming it."""
    if raw is None or raw == "":
        raise ReplicaError(422, "validation_error", "The session key is missing.", field="session")
    if not is_session_key(raw):
        raise ReplicaError(
            422,
            "validation_error",
            "The session key may only hold letters, digits, '-' and '_', at most 100 of them.",
            field="session",
        )
    return raw


def new_session_key() -> str:
    # token_urlsafe uses only letters, digits, '-' and '_', so it is always a valid key.
    return secrets.token_urlsafe(16)
