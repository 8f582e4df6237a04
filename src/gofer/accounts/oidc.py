"""External identity: Cognito/OIDC access tokens checked against the provider's JWKS."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
import structlog

from gofer.config import Settings

log = structlog.get_logger("gofer.oidc")

ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "PS256"]
JWKS_MAX_AGE_S = 3600.0
# An unknown key id triggers a refetch (key rotation), but not more often than this.
JWKS_REFETCH_MIN_INTERVAL_S = 30.0


@dataclass(frozen=True)
class ExternalIdentity:
    subject: str  # "<issuer>|<sub>": unique across providers
    email: str | None
    email_verified: bool


class OidcVerifier:
    def __init__(self, settings: Settings) -> None:
        if not settings.oidc_jwks_url or not settings.oidc_issuer:
            raise ValueError("OIDC needs OIDC_JWKS_URL and OIDC_ISSUER")
        self._jwks_url = settings.oidc_jwks_url
        self._issuer = settings.oidc_issuer
        self._audience = settings.oidc_audience
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at = float("-inf")
        self._attempted_at = float("-inf")
        self._lock = asyncio.Lock()
        self._client = httpx.AsyncClient(timeout=10.0, follow_redirects=False)

    async def close(self) -> None:
        await self._client.aclose()

    def claims_issuer(self, token: str) -> str | None:
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            return None
        issuer = claims.get("iss")
        return issuer if isinstance(issuer, str) else None

    async def verify(self, token: str) -> ExternalIdentity | None:
        """The identity in a valid access token from the configured issuer; None otherwise."""
        if self.claims_issuer(token) != self._issuer:
            return None
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            return None
        kid = header.get("kid")
        if not isinstance(kid, str) or header.get("alg") not in ALGORITHMS:
            return None
        key = await self._key(kid)
        if key is None:
            return None
        try:
            claims = jwt.decode(
                token,
                key.key,
                algorithms=[header["alg"]],
                issuer=self._issuer,
                options={"require": ["exp", "iat", "sub", "iss"], "verify_aud": False},
            )
        except jwt.PyJWTError:
            return None
        if not self._audience_matches(claims):
            return None
        # Cognito marks its tokens; an ID token is not a key to the API.
        if claims.get("token_use") not in (None, "access"):
            return None
        sub = claims.get("sub")
        if not isinstance(sub, str) or not sub:
            return None
        email = claims.get("email")
        return ExternalIdentity(
            subject=f"{self._issuer}|{sub}",
            email=email.lower() if isinstance(email, str) else None,
            email_verified=claims.get("email_verified") is True,
        )

    def _audience_matches(self, claims: dict[str, Any]) -> bool:
        if not self._audience:
            return True
        audience = claims.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        # Cognito access tokens carry the app client in `client_id` instead of `aud`.
        return self._audience in audiences or claims.get("client_id") == self._audience

    async def _key(self, kid: str) -> jwt.PyJWK | None:
        if kid in self._keys and time.monotonic() - self._fetched_at < JWKS_MAX_AGE_S:
            return self._keys[kid]
        async with self._lock:
            now = time.monotonic()
            needed = kid not in self._keys or now - self._fetched_at >= JWKS_MAX_AGE_S
            if needed and now - self._attempted_at >= JWKS_REFETCH_MIN_INTERVAL_S:
                self._attempted_at = now
                await self._fetch()
        return self._keys.get(kid)

    async def _fetch(self) -> None:
        try:
            response = await self._client.get(self._jwks_url)
            response.raise_for_status()
            key_set = jwt.PyJWKSet.from_dict(response.json())
        except (httpx.HTTPError, ValueError, jwt.PyJWTError) as exc:
            # Keep the old keys; the next try waits for the minimum interval.
            log.warning("jwks_fetch_failed", error_type=type(exc).__name__)
            return
        self._keys = {k.key_id: k for k in key_set.keys if k.key_id}
        self._fetched_at = time.monotonic()
