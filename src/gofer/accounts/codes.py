"""One-time 6-digit codes sent by mail: single use, short-lived, at most five tries, stored as HMACs."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.accounts.tables import OneTimeCodeRow
from gofer.events.model import utc_now

MAX_TRIES = 5


class CodePurpose(StrEnum):
    VERIFY_EMAIL = "verify_email"
    RESET_PASSWORD = "reset_password"  # noqa: S105 - a purpose name, not a password


LIFETIMES = {
    CodePurpose.VERIFY_EMAIL: timedelta(hours=24),
    CodePurpose.RESET_PASSWORD: timedelta(minutes=15),
}


class CodeCheck(StrEnum):
    OK = "ok"
    WRONG = "wrong"  # no such live code, expired, or a mismatch
    LOCKED = "locked"  # the tries are used up


class OneTimeCodes:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], key: bytes) -> None:
        self._sessions = sessions
        # A keyed hash: a leaked table does not let anyone try the million codes offline.
        self._key = key

    def _digest(self, code_id: str, code: str) -> str:
        return hmac.new(self._key, f"{code_id}:{code}".encode(), hashlib.sha256).hexdigest()

    async def issue(self, user_id: str, purpose: CodePurpose) -> str:
        """A fresh code; earlier unused codes for the same purpose stop working."""
        now = utc_now()
        code = f"{secrets.randbelow(1_000_000):06d}"
        code_id = "otc_" + secrets.token_hex(12)
        async with self._sessions.begin() as session:
            await session.execute(
                update(OneTimeCodeRow)
                .where(
                    OneTimeCodeRow.user_id == user_id,
                    OneTimeCodeRow.purpose == purpose.value,
                    OneTimeCodeRow.used_at.is_(None),
                )
                .values(used_at=now)
            )
            session.add(
                OneTimeCodeRow(
                    id=code_id,
                    user_id=user_id,
                    purpose=purpose.value,
                    code_hash=self._digest(code_id, code),
                    attempts=0,
                    created_at=now,
                    expires_at=now + LIFETIMES[purpose],
                )
            )
        return code

    async def check(self, user_id: str, purpose: CodePurpose, code: str) -> CodeCheck:
        """Spends one try on the user's live code and uses it up when it matches."""
        now = utc_now()
        async with self._sessions.begin() as session:
            row = await session.scalar(
                select(OneTimeCodeRow)
                .where(
                    OneTimeCodeRow.user_id == user_id,
                    OneTimeCodeRow.purpose == purpose.value,
                    OneTimeCodeRow.used_at.is_(None),
                    OneTimeCodeRow.expires_at > now,
                )
                .order_by(OneTimeCodeRow.created_at.desc())
                .limit(1)
            )
            if row is None:
                return CodeCheck.WRONG
            # Count the try before comparing, in one conditional update, so parallel guesses
            # cannot exceed the limit.
            counted = await session.execute(
                update(OneTimeCodeRow)
                .where(OneTimeCodeRow.id == row.id, OneTimeCodeRow.attempts < MAX_TRIES)
                .values(attempts=OneTimeCodeRow.attempts + 1)
            )
            if counted.rowcount == 0:  # type: ignore[attr-defined]
                return CodeCheck.LOCKED
            if not hmac.compare_digest(row.code_hash, self._digest(row.id, code)):
                return CodeCheck.WRONG
            used = await session.execute(
                update(OneTimeCodeRow)
                .where(OneTimeCodeRow.id == row.id, OneTimeCodeRow.used_at.is_(None))
                .values(used_at=now)
            )
            return CodeCheck.OK if used.rowcount == 1 else CodeCheck.WRONG  # type: ignore[attr-defined]
