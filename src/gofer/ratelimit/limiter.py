"""Moving-window limits (memory or Redis storage) and the login lockout."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from enum import StrEnum

from limits import RateLimitItem, RateLimitItemPerSecond, parse
from limits.aio.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter
from limits.storage import storage_from_string

from gofer.config import Settings

# Requests that start a job, limited per user (`/api/execute` is the forms agent's).
JOB_START_ROUTES = frozenset(
    {
        ("POST", "/api/v1/jobs"),
        ("POST", "/api/v1/booking/start"),
        ("POST", "/api/execute"),
    }
)
LOGIN_ROUTES = frozenset({("POST", "/api/auth/login")})
# WebRTC offers for voice: each one sets up media, so they are the most expensive request.
OFFER_PATHS = frozenset({"/offer", "/api/offer", "/api/voice/offer"})
# Liveness probes and metric scrapes are not limited.
UNLIMITED_PATHS = frozenset({"/health", "/metrics"})


class LimitName(StrEnum):
    LOGIN = "login"
    OFFER = "offer"
    JOB_START = "job_start"
    DEFAULT = "default"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    reset_in_s: int  # seconds until the window frees a slot (or the lockout ends)

    @property
    def retry_after_s(self) -> int:
        return max(1, self.reset_in_s)


def storage_uri(settings: Settings) -> str:
    if settings.redis_url:
        scheme, sep, rest = settings.redis_url.partition("://")
        return f"async+{scheme}{sep}{rest}"
    return "async+memory://"


def limit_for(method: str, path: str) -> LimitName | None:
    path = path.rstrip("/") or "/"
    if path in UNLIMITED_PATHS:
        return None
    if (method, path) in LOGIN_ROUTES:
        return LimitName.LOGIN
    # Only offers set up media; trickle-ICE PATCHes of a call come in bursts and are cheap.
    if path in OFFER_PATHS and method == "POST":
        return LimitName.OFFER
    if (method, path) in JOB_START_ROUTES:
        return LimitName.JOB_START
    return LimitName.DEFAULT


class RateLimiter:
    """Counts hits per (limit, identity). Identities are "ip:<address>" or "user:<id>"."""

    def __init__(self, settings: Settings) -> None:
        self.items: dict[LimitName, RateLimitItem] = {
            LimitName.LOGIN: parse(settings.rate_limit_login),
            LimitName.OFFER: parse(settings.rate_limit_offer),
            LimitName.JOB_START: parse(settings.rate_limit_job_start),
            LimitName.DEFAULT: parse(settings.rate_limit_default),
        }
        self.lockout = RateLimitItemPerSecond(1, max(1, settings.rate_limit_login_lockout_s))
        self._uri = storage_uri(settings)
        self._moving: MovingWindowRateLimiter | None = None
        self._fixed: FixedWindowRateLimiter | None = None

    @property
    def started(self) -> bool:
        return self._moving is not None

    async def start(self) -> None:
        # Created here, inside the server's event loop: the memory storage runs an expiry task.
        options = {"implementation": "redispy"} if "redis" in self._uri else {}
        storage = storage_from_string(self._uri, **options)
        self._moving = MovingWindowRateLimiter(storage)
        self._fixed = FixedWindowRateLimiter(storage)

    async def hit(self, name: LimitName, identity: str) -> Decision:
        assert self._moving is not None and self._fixed is not None, "start() first"
        item = self.items[name]
        if name == LimitName.LOGIN:
            locked = await self._lockout_remaining(identity)
            if locked is not None:
                return Decision(False, item.amount, 0, locked)
        allowed = await self._moving.hit(item, name.value, identity)
        if not allowed and name == LimitName.LOGIN:
            # Past the login limit the address is shut out for the whole lockout period.
            await self._fixed.hit(self.lockout, "login-lockout", identity)
            return Decision(False, item.amount, 0, self.lockout.get_expiry())
        stats = await self._moving.get_window_stats(item, name.value, identity)
        reset_in = math.ceil(stats.reset_time - time.time())
        return Decision(allowed, item.amount, max(0, stats.remaining), max(0, reset_in))

    async def _lockout_remaining(self, identity: str) -> int | None:
        assert self._fixed is not None
        if await self._fixed.test(self.lockout, "login-lockout", identity):
            return None
        stats = await self._fixed.get_window_stats(self.lockout, "login-lockout", identity)
        return max(1, math.ceil(stats.reset_time - time.time()))
