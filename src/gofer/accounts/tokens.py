"""Signed access and ID tokens (HS256 JWTs) and the opaque secrets behind refresh tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import jwt

from gofer.config import Settings
from gofer.events.model import utc_now

ISSUER = "gofer"
ALGORITHM = "HS256"
ACCESS = "access"
ID = "id"


def signing_key(settings: Settings, admin_token: str) -> bytes:
    """JWT_SECRET, or in dev and test a key derived from the admin token (stable across restarts)."""
    if settings.jwt_secret is not None:
        return settings.jwt_secret.get_secret_value().encode()
    if settings.env == "prod":
        raise ValueError("JWT_SECRET must be set when ENV=prod")
    return hmac.new(admin_token.encode(), b"gofer-jwt-signing-key", hashlib.sha256).digest()


def derived_key(key: bytes, purpose: str) -> bytes:
    """A separate key per use, so one key's exposure does not expose the others."""
    return hmac.new(key, purpose.encode(), hashlib.sha256).digest()


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def new_secret(prefix: str = "", nbytes: int = 32) -> str:
    return prefix + secrets.token_urlsafe(nbytes)


@dataclass(frozen=True)
class AccessClaims:
    user_id: str
    family_id: str  # the sign-in (refresh-token family) it came from; revoked with it


class TokenSigner:
    """Issues and checks Gofer's own JWTs. `typ` keeps an ID token from passing as an access token."""

    def __init__(self, key: bytes, access_ttl_s: int) -> None:
        self._key = key
        self.access_ttl_s = access_ttl_s

    def _encode(self, claims: dict[str, Any], ttl_s: int, now: datetime | None) -> str:
        issued = now or utc_now()
        payload = {
            "iss": ISSUER,
            "iat": int(issued.timestamp()),
            "exp": int((issued + timedelta(seconds=ttl_s)).timestamp()),
            "jti": secrets.token_hex(8),
            **claims,
        }
        return jwt.encode(payload, self._key, algorithm=ALGORITHM)

    def access_token(
        self, user_id: str, family_id: str, *, ttl_s: int | None = None, now: datetime | None = None
    ) -> str:
        claims: dict[str, Any] = {"sub": user_id, "typ": ACCESS, "sid": family_id}
        return self._encode(claims, self.access_ttl_s if ttl_s is None else ttl_s, now)

    def id_token(self, user: dict[str, Any]) -> str:
        claims = {
            "sub": user["id"],
            "typ": ID,
            "aud": ISSUER,
            "email": user.get("email"),
            "email_verified": user.get("emailVerified", False),
            "name": user.get("name", ""),
        }
        return self._encode(claims, self.access_ttl_s, None)

    def read_access_token(self, token: str) -> AccessClaims | None:
        """The token's claims if it is a valid, unexpired Gofer access token; otherwise None."""
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],
                issuer=ISSUER,
                options={"require": ["exp", "iat", "sub", "iss"], "verify_aud": False},
            )
        except jwt.PyJWTError:
            return None
        user_id, family_id = claims.get("sub"), claims.get("sid")
        if claims.get("typ") != ACCESS or not isinstance(user_id, str):
            return None
        if not isinstance(family_id, str):
            return None
        return AccessClaims(user_id, family_id)
