"""Plugs accounts into the server: routes, token resolvers, and the services they need."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gofer.accounts.api_keys import ApiKeyStore
from gofer.accounts.codes import OneTimeCodes
from gofer.accounts.mail import Mailer
from gofer.accounts.oidc import OidcVerifier
from gofer.accounts.resolvers import AccessTokenResolver, ApiKeyResolver, OidcResolver
from gofer.accounts.routes import keys_router, router
from gofer.accounts.service import AccountService
from gofer.accounts.tokens import TokenSigner, derived_key, signing_key

if TYPE_CHECKING:
    from fastapi import FastAPI

    from gofer.config import Settings
    from gofer.services import Services


class AccountsFeature:
    def __init__(self) -> None:
        self._key = b""

    def setup(self, app: FastAPI, settings: Settings) -> None:
        from gofer.app import admin_token

        # Here rather than at start, so a missing JWT_SECRET in production stops the build early.
        self._key = signing_key(settings, admin_token(settings))
        app.include_router(router)
        app.include_router(keys_router)
        app.state.token_resolvers.extend(
            [AccessTokenResolver(app), ApiKeyResolver(app), OidcResolver(app)]
        )

    async def start(self, app: FastAPI, svc: Services) -> None:
        settings = svc.settings
        signer = TokenSigner(self._key, settings.access_token_ttl_s)
        svc.extras["accounts"] = AccountService(
            svc.sessions,
            signer,
            OneTimeCodes(svc.sessions, derived_key(self._key, "one-time-codes")),
            Mailer(settings, svc.sessions),
            settings.refresh_token_ttl_s,
        )
        svc.extras["api_keys"] = ApiKeyStore(svc.sessions)
        if settings.oidc_jwks_url and settings.oidc_issuer:
            svc.extras["oidc"] = OidcVerifier(settings)

    async def stop(self, app: FastAPI, svc: Services) -> None:
        verifier = svc.extras.pop("oidc", None)
        if verifier is not None:
            await verifier.close()
