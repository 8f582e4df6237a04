"""Standard Webhooks signing: `whsec_` secrets, message ids and the three signature headers."""

from __future__ import annotations

import base64
import binascii
import os
import secrets
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache

from standardwebhooks.webhooks import Webhook

from gofer import __version__

SECRET_PREFIX = "whsec_"  # noqa: S105 (a prefix, not a secret)
USER_AGENT = f"Gofer-Webhooks/{__version__}"


def new_secret() -> str:
    """A fresh signing secret: 32 random bytes, base64, with the `whsec_` prefix."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def new_message_id() -> str:
    """Time-ordered (milliseconds, then randomness), so sorting by id sorts by creation."""
    return f"msg_{time.time_ns() // 1_000_000:012x}{os.urandom(8).hex()}"


@lru_cache(maxsize=1024)
def _signer(secret: str) -> Webhook:
    try:
        return Webhook(secret)
    except (binascii.Error, ValueError):
        # A WEBHOOK_SECRET that is not base64 (the seed allowed any string): use its bytes.
        return Webhook(secret.removeprefix(SECRET_PREFIX).encode())


def signature(msg_id: str, timestamp: datetime, body: str, secrets_: Iterable[str]) -> str:
    """The `webhook-signature` value: one `v1,<base64>` per secret, space-separated."""
    return " ".join(_signer(s).sign(msg_id, timestamp, body) for s in secrets_)


def signed_headers(msg_id: str, body: str, secrets_: Iterable[str]) -> dict[str, str]:
    """Headers for one attempt; the timestamp is the attempt's, as the specification asks."""
    now = datetime.fromtimestamp(int(time.time()), UTC)
    return {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature(msg_id, now, body, secrets_),
    }
