"""One-time live view tokens: short-lived, bound to one job and its owner, stored hashed.

The URL carries the token; the viewer page exchanges it exactly once for its WebSocket session.
A reused, expired or foreign token is refused with the reason, never with a hint of the job.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.events.model import utc_now
from gofer.live.tables import LiveTokenRow

TOKEN_PREFIX = "lv_"  # noqa: S105  (a label, not a secret)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class LiveGrant:
    """What a token gives: one job, watched by (or for) its owner, perhaps with input."""

    job_id: str
    user_id: str
    interactive: bool
    expires_at: datetime


class TokenRefused(Exception):
    """Why a token opens nothing: `code` is "expired", "used" or "unknown"."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class LiveTokens:
    def __init__(self, db: async_sessionmaker[AsyncSession]) -> None:
        self._db = db

    async def issue(
        self, job_id: str, user_id: str, *, interactive: bool, ttl_s: float
    ) -> tuple[str, LiveGrant]:
        token = TOKEN_PREFIX + secrets.token_urlsafe(24)
        grant = LiveGrant(job_id, user_id, interactive, utc_now() + timedelta(seconds=ttl_s))
        async with self._db.begin() as session:
            session.add(
                LiveTokenRow(
                    token_hash=token_hash(token),
                    job_id=job_id,
                    user_id=user_id,
                    interactive=interactive,
                    expires_at=grant.expires_at,
                )
            )
        return token, grant

    async def peek(self, token: str) -> LiveGrant:
        """The grant of a token still usable, without using it (the viewer page's first load)."""
        async with self._db() as session:
            row = await session.get(LiveTokenRow, token_hash(token))
        _check(row, utc_now())
        assert row is not None
        return _grant(row)

    async def redeem(self, token: str) -> LiveGrant:
        """Uses the token up; a second call with it is refused as "used"."""
        now = utc_now()
        digest = token_hash(token)
        async with self._db.begin() as session:
            result = await session.execute(
                update(LiveTokenRow)
                .where(
                    LiveTokenRow.token_hash == digest,
                    LiveTokenRow.used_at.is_(None),
                    LiveTokenRow.expires_at > now,
                )
                .values(used_at=now)
            )
            row = await session.get(LiveTokenRow, digest)
            if not result.rowcount:  # type: ignore[attr-defined]
                _check(row, now)
                raise TokenRefused("used", "This live link was already used")
        assert row is not None
        return _grant(row)

    async def prune(self, before: datetime) -> int:
        """Forgets tokens that expired before `before`."""
        async with self._db.begin() as session:
            result = await session.execute(
                delete(LiveTokenRow).where(LiveTokenRow.expires_at < before)
            )
            return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _check(row: LiveTokenRow | None, now: datetime) -> None:
    if row is None:
        raise TokenRefused("unknown", "This live link is not valid")
    if row.used_at is not None:
        raise TokenRefused("used", "This live link was already used")
    if row.expires_at <= now:
        raise TokenRefused("expired", "This live link has expired")


def _grant(row: LiveTokenRow) -> LiveGrant:
    return LiveGrant(row.job_id, row.user_id, row.interactive, row.expires_at)
