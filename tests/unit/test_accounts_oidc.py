"""External identity: Cognito/OIDC access tokens checked against a JWKS served on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from gofer.serving import BackgroundServer
from tests.unit.accounts_support import accounts_app

ISSUER = "https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_TEST"
CLIENT_ID = "gofer-app-client"


class Provider:
    """An identity provider: a signing key and its published JWKS."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        self.jwks: dict[str, Any] = {"keys": [{**jwk, "kid": "k1", "alg": "RS256", "use": "sig"}]}
        self.fetches = 0

    def token(self, kid: str = "k1", key: Any = None, **overrides: Any) -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "sub": "4a1f-sub-anna",
            "client_id": CLIENT_ID,
            "token_use": "access",
            "iat": now,
            "exp": now + 600,
            **overrides,
        }
        claims = {k: v for k, v in claims.items() if v is not None}
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": kid})

    def app(self) -> Starlette:
        async def jwks(_: Any) -> JSONResponse:
            self.fetches += 1
            return JSONResponse(self.jwks)

        return Starlette(routes=[Route("/.well-known/jwks.json", jwks)])


@pytest.fixture(scope="module")
def provider() -> Iterator[tuple[Provider, str]]:
    idp = Provider()
    server = BackgroundServer(idp.app()).start()
    yield idp, f"{server.url}/.well-known/jwks.json"
    server.stop()


def oidc_settings(make_settings: Any, jwks_url: str) -> Any:
    return make_settings(oidc_jwks_url=jwks_url, oidc_issuer=ISSUER, oidc_audience=CLIENT_ID)


async def test_provider_token_maps_to_one_local_user(make_settings, run_app, provider):
    idp, url = provider
    async with run_app(accounts_app(oidc_settings(make_settings, url))) as running:
        c = running.client
        headers = {"Authorization": f"Bearer {idp.token()}"}
        me = await c.get("/api/auth/me", headers=headers)
        assert me.status_code == 200, me.text
        user_id = me.json()["user"]["id"]
        job = await c.post("/api/v1/jobs", json={"workflow": "test.gate"}, headers=headers)
        assert job.json()["user_id"] == user_id
        # A later token for the same subject is the same user.
        again = {"Authorization": f"Bearer {idp.token(jti='second')}"}
        assert (await c.get("/api/auth/me", headers=again)).json()["user"]["id"] == user_id
        # Another subject is another user and cannot see the job.
        bo = {"Authorization": f"Bearer {idp.token(sub='sub-bo')}"}
        assert (await c.get("/api/auth/me", headers=bo)).json()["user"]["id"] != user_id
        hidden = await c.get(f"/api/v1/jobs/{job.json()['job_id']}", headers=bo)
        assert hidden.status_code == 404


@pytest.mark.parametrize(
    "change",
    [
        {"iss": "https://evil.example.com"},
        {"client_id": "another-client"},
        {"exp": int(time.time()) - 60},
        {"token_use": "id"},
        {"sub": None},
    ],
    ids=["issuer", "audience", "expired", "id-token", "no-subject"],
)
async def test_bad_provider_tokens_are_401(make_settings, run_app, provider, change):
    idp, url = provider
    async with run_app(accounts_app(oidc_settings(make_settings, url))) as running:
        token = idp.token(**change)
        answer = await running.client.get(
            "/api/auth/me", headers={"Authorization": f"Bearer {token}"}
        )
        assert answer.status_code == 401


async def test_token_signed_by_another_key_is_401(make_settings, run_app, provider):
    idp, url = provider
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    async with run_app(accounts_app(oidc_settings(make_settings, url))) as running:
        for kid in ("k1", "unknown-kid"):
            token = idp.token(kid=kid, key=forger)
            answer = await running.client.get(
                "/api/auth/me", headers={"Authorization": f"Bearer {token}"}
            )
            assert answer.status_code == 401


async def test_without_oidc_settings_provider_tokens_are_401(make_settings, run_app, provider):
    idp, _ = provider
    async with run_app(accounts_app(make_settings())) as running:
        answer = await running.client.get(
            "/api/auth/me", headers={"Authorization": f"Bearer {idp.token()}"}
        )
        assert answer.status_code == 401
