"""Password hashing (argon2 through pwdlib) and the password policy."""

from __future__ import annotations

import asyncio
from functools import cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from gofer.accounts.common_passwords import COMMON_PASSWORDS

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256

_hasher = PasswordHash((Argon2Hasher(),))


@cache
def _dummy_hash() -> str:
    # Verified against when the email is unknown, so a wrong email costs as much time as a wrong
    # password and response times do not reveal which accounts exist.
    return _hasher.hash("gofer-timing-equaliser-not-a-password")


def password_problem(password: str, email: str | None = None) -> str | None:
    """Why a new password is refused, as a sentence for the client; None when it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"must be at least {MIN_PASSWORD_LENGTH} characters"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"must be at most {MAX_PASSWORD_LENGTH} characters"
    if password.lower() in COMMON_PASSWORDS:
        return "is too common; choose one that is not on lists of leaked passwords"
    if email and password.lower() == email.lower():
        return "must not be the same as the email address"
    return None


async def hash_password(password: str) -> str:
    # argon2 is deliberately slow: keep it off the event loop.
    return await asyncio.to_thread(_hasher.hash, password)


async def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        await asyncio.to_thread(_hasher.verify, password, _dummy_hash())
        return False
    return await asyncio.to_thread(_hasher.verify, password, password_hash)
