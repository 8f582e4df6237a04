"""Bearer-token resolvers for user access tokens, API keys and external (OIDC) tokens."""

from __future__ import annotations

from gofer.accounts.api_keys import ApiKeyStore
from gofer.accounts.oidc import OidcVerifier
from gofer.accounts.service import AccountService
from gofer.principal import Principal


class AccessTokenResolver:
    """Gofer's own access JWTs (from /api/auth/login and /refresh)."""

    def __init__(self, accounts: AccountService) -> None:
        self._accounts = accounts

    async def __call__(self, token: str) -> Principal | None:
        if token.count(".") != 2:
            return None
        return await self._accounts.principal_for_access_token(token)


class ApiKeyResolver:
    def __init__(self, keys: ApiKeyStore) -> None:
        self._keys = keys

    async def __call__(self, token: str) -> Principal | None:
        return await self._keys.principal_for_key(token)


class OidcResolver:
    """Access tokens from the configured Cognito/OIDC provider, mapped to local users."""

    def __init__(self, verifier: OidcVerifier, accounts: AccountService) -> None:
        self._verifier = verifier
        self._accounts = accounts

    async def __call__(self, token: str) -> Principal | None:
        if token.count(".") != 2:
            return None
        identity = await self._verifier.verify(token)
        if identity is None:
            return None
        user_id = await self._accounts.user_for_external_subject(
            identity.subject, identity.email, identity.email_verified
        )
        return Principal(user_id)
