"""Account operations: register, verify, sign in, rotate refresh tokens, sign out, reset a password."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.accounts.codes import CodeCheck, CodePurpose, OneTimeCodes
from gofer.accounts.mail import Mailer
from gofer.accounts.passwords import hash_password, password_problem, verify_password
from gofer.accounts.tables import RefreshTokenRow, UserRow
from gofer.accounts.tokens import TokenSigner, new_secret, sha256_hex
from gofer.errors import BadRequest, Conflict, Forbidden, InvalidInput, NotAuthenticated
from gofer.events.model import utc_now
from gofer.principal import Principal

log = structlog.get_logger("gofer.accounts")

INVALID_CREDENTIALS = NotAuthenticated("Incorrect email or password", "invalid_credentials")
INVALID_REFRESH = NotAuthenticated(
    "Refresh token is invalid or expired; sign in again", "invalid_refresh_token"
)
REFRESH_REUSED = NotAuthenticated(
    "This refresh token was already used; every session from that sign-in is now signed out",
    "refresh_token_reused",
)
INVALID_CODE = BadRequest("The code is wrong or has expired", "invalid_code")
CODE_LOCKED = BadRequest(
    "Too many wrong tries for this code; request a new one", "code_attempts_exceeded"
)


def new_user_id() -> str:
    return "usr_" + secrets.token_hex(12)


def user_view(row: UserRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "email": row.email,
        "name": row.name,
        "emailVerified": row.email_verified,
        "createdAt": row.created_at.isoformat().replace("+00:00", "Z"),
    }


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    id_token: str
    refresh_token: str
    expires_in: int
    user: dict[str, Any]

    def body(self) -> dict[str, Any]:
        """The seed's sign-in answer."""
        return {
            "success": True,
            "tokens": {
                "accessToken": self.access_token,
                "idToken": self.id_token,
                "refreshToken": self.refresh_token,
                "expiresIn": self.expires_in,
                "tokenType": "Bearer",
            },
            "user": self.user,
        }


class AccountService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        signer: TokenSigner,
        codes: OneTimeCodes,
        mailer: Mailer,
        refresh_ttl_s: int,
    ) -> None:
        self._sessions = sessions
        self.signer = signer
        self.codes = codes
        self.mailer = mailer
        self._refresh_ttl = timedelta(seconds=refresh_ttl_s)

    # --- registration and email verification ---

    async def register(self, email: str, password: str, name: str) -> dict[str, Any]:
        problem = password_problem(password, email)
        if problem:
            raise InvalidInput(f"Invalid value for 'password': {problem}", "weak_password")
        now = utc_now()
        row = UserRow(
            id=new_user_id(),
            email=email.lower(),
            name=name,
            password_hash=await hash_password(password),
            email_verified=False,
            active=True,
            created_at=now,
            updated_at=now,
        )
        try:
            async with self._sessions.begin() as session:
                session.add(row)
        except IntegrityError:
            raise Conflict("An account with this email already exists", "email_taken") from None
        await self._send_code(row, CodePurpose.VERIFY_EMAIL)
        log.info("user_registered", user_id=row.id)
        return user_view(row)

    async def resend_verification(self, email: str) -> None:
        user = await self._by_email(email)
        if user is not None and user.active and not user.email_verified:
            await self._send_code(user, CodePurpose.VERIFY_EMAIL)

    async def verify_email(self, email: str, code: str) -> dict[str, Any]:
        user = await self._by_email(email)
        if user is None or not user.active:
            raise INVALID_CODE
        if user.email_verified:
            return user_view(user)
        await self._check_code(user, CodePurpose.VERIFY_EMAIL, code)
        async with self._sessions.begin() as session:
            await session.execute(
                update(UserRow)
                .where(UserRow.id == user.id)
                .values(email_verified=True, updated_at=utc_now())
            )
        user.email_verified = True
        log.info("email_verified", user_id=user.id)
        return user_view(user)

    # --- sign in, refresh, sign out ---

    async def login(self, email: str, password: str) -> IssuedTokens:
        user = await self._by_email(email)
        ok = await verify_password(password, user.password_hash if user else None)
        if user is None or not ok or not user.active:
            log.info("login_failed", reason="credentials")
            raise INVALID_CREDENTIALS
        if not user.email_verified:
            raise Forbidden(
                "This email address is not verified yet; enter the code we sent to it",
                "email_not_verified",
            )
        tokens = await self._start_family(user)
        log.info("login_succeeded", user_id=user.id)
        return tokens

    async def _start_family(self, user: UserRow) -> IssuedTokens:
        family_id = "fam_" + secrets.token_hex(12)
        refresh = await self._add_refresh_token(user.id, family_id)
        return self._issue(user, family_id, refresh)

    async def _add_refresh_token(
        self, user_id: str, family_id: str, session: AsyncSession | None = None
    ) -> str:
        token = new_secret("rt_", 32)
        now = utc_now()
        row = RefreshTokenRow(
            id="rtk_" + secrets.token_hex(12),
            token_hash=sha256_hex(token),
            family_id=family_id,
            user_id=user_id,
            created_at=now,
            expires_at=now + self._refresh_ttl,
        )
        if session is not None:
            session.add(row)
        else:
            async with self._sessions.begin() as own:
                own.add(row)
        return token

    def _issue(self, user: UserRow, family_id: str, refresh_token: str) -> IssuedTokens:
        view = user_view(user)
        return IssuedTokens(
            access_token=self.signer.access_token(user.id, family_id),
            id_token=self.signer.id_token(view),
            refresh_token=refresh_token,
            expires_in=self.signer.access_ttl_s,
            user=view,
        )

    async def refresh(self, refresh_token: str) -> IssuedTokens:
        """Swaps a refresh token for new tokens. Presenting a used one revokes its whole family."""
        now = utc_now()
        reused_family: str | None = None
        async with self._sessions.begin() as session:
            row = await session.scalar(
                select(RefreshTokenRow).where(
                    RefreshTokenRow.token_hash == sha256_hex(refresh_token)
                )
            )
            if row is None or row.revoked_at is not None or row.expires_at <= now:
                raise INVALID_REFRESH
            claimed = await session.execute(
                update(RefreshTokenRow)
                .where(RefreshTokenRow.id == row.id, RefreshTokenRow.used_at.is_(None))
                .values(used_at=now)
            )
            if claimed.rowcount == 0:  # type: ignore[attr-defined]
                # Someone holds a copy of a rotated token: end every session of this sign-in.
                reused_family = row.family_id
                await self._revoke_family(session, row.family_id, now)
            else:
                user = await session.get(UserRow, row.user_id)
                if user is None or not user.active:
                    raise INVALID_REFRESH
                new_token = await self._add_refresh_token(user.id, row.family_id, session)
        if reused_family is not None:
            log.warning("refresh_token_reuse", user_id=row.user_id, family_id=reused_family)
            raise REFRESH_REUSED
        assert user is not None
        return self._issue(user, row.family_id, new_token)

    async def logout(self, refresh_token: str) -> None:
        async with self._sessions.begin() as session:
            row = await session.scalar(
                select(RefreshTokenRow).where(
                    RefreshTokenRow.token_hash == sha256_hex(refresh_token)
                )
            )
            if row is not None:
                await self._revoke_family(session, row.family_id, utc_now())
                log.info("logout", user_id=row.user_id)

    async def logout_session(self, family_id: str) -> None:
        async with self._sessions.begin() as session:
            await self._revoke_family(session, family_id, utc_now())

    @staticmethod
    async def _revoke_family(session: AsyncSession, family_id: str, now: datetime) -> None:
        await session.execute(
            update(RefreshTokenRow)
            .where(RefreshTokenRow.family_id == family_id, RefreshTokenRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    # --- password reset ---

    async def forgot_password(self, email: str) -> None:
        """Mails a reset code if the account exists; the answer is the same either way."""
        user = await self._by_email(email)
        if user is None or not user.active:
            log.info("password_reset_requested", known=False)
            return
        await self._send_code(user, CodePurpose.RESET_PASSWORD)
        log.info("password_reset_requested", known=True, user_id=user.id)

    async def reset_password(self, email: str, code: str, new_password: str) -> None:
        problem = password_problem(new_password, email)
        if problem:
            raise InvalidInput(f"Invalid value for 'newPassword': {problem}", "weak_password")
        user = await self._by_email(email)
        if user is None or not user.active:
            raise INVALID_CODE
        await self._check_code(user, CodePurpose.RESET_PASSWORD, code)
        password_hash = await hash_password(new_password)
        now = utc_now()
        async with self._sessions.begin() as session:
            # Receiving the code proves the mailbox, so the address counts as verified too.
            await session.execute(
                update(UserRow)
                .where(UserRow.id == user.id)
                .values(password_hash=password_hash, email_verified=True, updated_at=now)
            )
            # A new password ends every existing session.
            await session.execute(
                update(RefreshTokenRow)
                .where(RefreshTokenRow.user_id == user.id, RefreshTokenRow.revoked_at.is_(None))
                .values(revoked_at=now)
            )
        log.info("password_reset", user_id=user.id)

    # --- lookups ---

    async def user(self, user_id: str) -> dict[str, Any] | None:
        async with self._sessions() as session:
            row = await session.get(UserRow, user_id)
            return user_view(row) if row is not None else None

    async def principal_for_access_token(self, token: str) -> Principal | None:
        """A principal for a valid access token of an active user whose sign-in is not revoked."""
        claims = self.signer.read_access_token(token)
        if claims is None:
            return None
        live = exists().where(
            RefreshTokenRow.family_id == claims.family_id,
            RefreshTokenRow.user_id == claims.user_id,
            RefreshTokenRow.revoked_at.is_(None),
        )
        query = select(UserRow.id).where(
            UserRow.id == claims.user_id, UserRow.active.is_(True), live
        )
        async with self._sessions() as session:
            found = await session.scalar(query)
        return Principal(claims.user_id) if found else None

    async def user_for_external_subject(
        self, subject: str, email: str | None, email_verified: bool
    ) -> str:
        """The local user id for an external identity, created on first sight."""
        async with self._sessions() as session:
            user_id = await session.scalar(
                select(UserRow.id).where(UserRow.external_subject == subject)
            )
        if user_id is not None:
            return user_id
        now = utc_now()
        row = UserRow(
            id=new_user_id(),
            # Only claim the address if no local account uses it: never merge accounts silently.
            email=email if email and await self._by_email(email) is None else None,
            name="",
            password_hash=None,
            email_verified=bool(email and email_verified),
            active=True,
            external_subject=subject,
            created_at=now,
            updated_at=now,
        )
        try:
            async with self._sessions.begin() as session:
                session.add(row)
        except IntegrityError:
            # Created by a parallel request with the same token.
            async with self._sessions() as session:
                existing = await session.scalar(
                    select(UserRow.id).where(UserRow.external_subject == subject)
                )
            if existing is None:
                raise
            return existing
        log.info("external_user_created", user_id=row.id)
        return row.id

    async def _by_email(self, email: str) -> UserRow | None:
        async with self._sessions() as session:
            return await session.scalar(select(UserRow).where(UserRow.email == email.lower()))

    async def _check_code(self, user: UserRow, purpose: CodePurpose, code: str) -> None:
        result = await self.codes.check(user.id, purpose, code)
        if result == CodeCheck.LOCKED:
            raise CODE_LOCKED
        if result == CodeCheck.WRONG:
            raise INVALID_CODE

    async def _send_code(self, user: UserRow, purpose: CodePurpose) -> None:
        if user.email is None:
            return
        code = await self.codes.issue(user.id, purpose)
        if purpose == CodePurpose.VERIFY_EMAIL:
            subject = "Your Gofer verification code"
            body = (
                f"Your Gofer verification code is {code}.\n\n"
                "It is valid for 24 hours. If you did not create an account, ignore this mail.\n"
            )
        else:
            subject = "Your Gofer password reset code"
            body = (
                f"Your Gofer password reset code is {code}.\n\n"
                "It is valid for 15 minutes and can be used once. If you did not ask to reset "
                "your password, ignore this mail: your password stays as it is.\n"
            )
        await self.mailer.send(user.email, subject, body, purpose=purpose.value)
