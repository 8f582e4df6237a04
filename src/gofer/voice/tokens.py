"""Short-lived voice tokens: minted for a logged-in user, good only for /offer and the transcript WS."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from gofer.principal import Principal

PREFIX = "gvt_"


@dataclass(frozen=True)
class _Grant:
    principal: Principal
    expires_at: float


class VoiceTokens:
    """Kept in memory: a token is useless to other routes and dies with the process (by design)."""

    def __init__(self, ttl_s: int) -> None:
        self.ttl_s = ttl_s
        self._grants: dict[str, _Grant] = {}

    def mint(self, principal: Principal) -> str:
        self._sweep()
        token = PREFIX + secrets.token_urlsafe(24)
        self._grants[token] = _Grant(principal, time.monotonic() + self.ttl_s)
        return token

    def resolve(self, token: str | None) -> Principal | None:
        if not token or not token.startswith(PREFIX):
            return None
        grant = self._grants.get(token)
        if grant is None or grant.expires_at < time.monotonic():
            self._grants.pop(token, None)
            return None
        return grant.principal

    def _sweep(self) -> None:
        now = time.monotonic()
        for token in [t for t, g in self._grants.items() if g.expires_at < now]:
            del self._grants[token]
