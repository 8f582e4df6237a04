"""API keys for machine clients: shown once, stored hashed, listed by a visible prefix, revocable."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

import structlog
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.accounts.tables import ApiKeyRow, UserRow
from gofer.accounts.tokens import sha256_hex
from gofer.errors import Conflict, Forbidden, NotFound
from gofer.events.model import utc_now
from gofer.principal import Principal

log = structlog.get_logger("gofer.api_keys")

KEY_PREFIX = "gk_"
MAX_KEYS_PER_USER = 50
# Writing last-used on every request would turn each read into a write; a minute is precise enough.
LAST_USED_RESOLUTION = timedelta(seconds=60)


def key_view(row: ApiKeyRow) -> dict[str, Any]:
    def iso(value: Any) -> str | None:
        return value.isoformat().replace("+00:00", "Z") if value is not None else None

    return {
        "id": row.id,
        "name": row.name,
        "prefix": row.prefix,
        "user_id": row.user_id,
        "created_at": iso(row.created_at),
        "last_used_at": iso(row.last_used_at),
        "revoked": row.revoked_at is not None,
        "revoked_at": iso(row.revoked_at),
    }


class ApiKeyStore:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def create(self, user_id: str, name: str) -> tuple[dict[str, Any], str]:
        """A new key for the user: (its listing, the secret, which is never shown again)."""
        async with self._sessions() as session:
            user = await session.get(UserRow, user_id)
            if user is None or not user.active:
                raise Forbidden(
                    "API keys belong to user accounts; sign in as a user", "no_user_account"
                )
            count = await session.scalar(
                select(func.count())
                .select_from(ApiKeyRow)
                .where(ApiKeyRow.user_id == user_id, ApiKeyRow.revoked_at.is_(None))
            )
        if (count or 0) >= MAX_KEYS_PER_USER:
            raise Conflict(f"At most {MAX_KEYS_PER_USER} active API keys per user", "too_many_keys")
        visible = KEY_PREFIX + secrets.token_hex(4)
        secret = f"{visible}_{secrets.token_urlsafe(32)}"
        row = ApiKeyRow(
            id="key_" + secrets.token_hex(12),
            user_id=user_id,
            name=name,
            prefix=visible,
            key_hash=sha256_hex(secret),
            created_at=utc_now(),
        )
        async with self._sessions.begin() as session:
            session.add(row)
        log.info("api_key_created", user_id=user_id, key_id=row.id)
        return key_view(row), secret

    async def list(self, user_id: str | None) -> list[dict[str, Any]]:
        query = select(ApiKeyRow).order_by(ApiKeyRow.created_at.desc(), ApiKeyRow.id.desc())
        if user_id is not None:
            query = query.where(ApiKeyRow.user_id == user_id)
        async with self._sessions() as session:
            return [key_view(row) for row in await session.scalars(query)]

    async def revoke(self, principal: Principal, key_id: str) -> dict[str, Any]:
        async with self._sessions.begin() as session:
            row = await session.get(ApiKeyRow, key_id)
            if row is None or not principal.can_see(row.user_id):
                raise NotFound("API key not found", "api_key_not_found")
            if row.revoked_at is None:
                row.revoked_at = utc_now()
        log.info("api_key_revoked", user_id=row.user_id, key_id=row.id)
        return key_view(row)

    async def principal_for_key(self, token: str) -> Principal | None:
        if not token.startswith(KEY_PREFIX):
            return None
        now = utc_now()
        async with self._sessions() as session:
            found = (
                await session.execute(
                    select(ApiKeyRow.id, ApiKeyRow.user_id, ApiKeyRow.last_used_at)
                    .join(UserRow, UserRow.id == ApiKeyRow.user_id)
                    .where(
                        ApiKeyRow.key_hash == sha256_hex(token),
                        ApiKeyRow.revoked_at.is_(None),
                        UserRow.active.is_(True),
                    )
                )
            ).first()
        if found is None:
            return None
        key_id, user_id, last_used = found
        if last_used is None or now - last_used >= LAST_USED_RESOLUTION:
            async with self._sessions.begin() as session:
                await session.execute(
                    update(ApiKeyRow).where(ApiKeyRow.id == key_id).values(last_used_at=now)
                )
        return Principal(user_id)
