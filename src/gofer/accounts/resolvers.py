"""Bearer-token resolvers for user access tokens, API keys and external (OIDC) tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gofer.api.auth import Principal

if TYPE_CHECKING:
    from fastapi import FastAPI

    from gofer.accounts.api_keys import ApiKeyStore
    from gofer.accounts.oidc import OidcVerifier
    from gofer.accounts.service import AccountService


def _extra(app: FastAPI, name: str) -> object | None:
    # Resolvers are registered when the app is built; the parts they use exist once it has started.
    services = getattr(app.state, "services", None)
    return services.extras.get(name) if services is not None else None


class AccessTokenResolver:
    """Gofer's own access JWTs (from /api/auth/login and /refresh)."""

    def __init__(self, app: FastAPI) -> None:
        self._app = app

    async def __call__(self, token: str) -> Principal | None:
        accounts: AccountService | None = _extra(self._app, "accounts")  # type: ignore[assignment]
        if accounts is None or token.count(".") != 2:
            return None
        return await accounts.principal_for_access_token(token)


class ApiKeyResolver:
    def __init__(self, app: FastAPI) -> None:
        self._app = app

    async def __call__(self, token: str) -> Principal | None:
        keys: ApiKeyStore | None = _extra(self._app, "api_keys")  # type: ignore[assignment]
        if keys is None:
            return None
        return await keys.principal_for_key(token)


class OidcResolver:
    """Access tokens from the configured Cognito/OIDC provider, mapped to local users."""

    def __init__(self, app: FastAPI) -> None:
        self._app = app

    async def __call__(self, token: str) -> Principal | None:
        verifier: OidcVerifier | None = _extra(self._app, "oidc")  # type: ignore[assignment]
        accounts: AccountService | None = _extra(self._app, "accounts")  # type: ignore[assignment]
        if verifier is None or accounts is None or token.count(".") != 2:
            return None
        identity = await verifier.verify(token)
        if identity is None:
            return None
        user_id = await accounts.user_for_external_subject(
            identity.subject, identity.email, identity.email_verified
        )
        return Principal(user_id)
