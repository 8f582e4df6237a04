"""Test helpers for accounts: sign up a verified user through the API, read codes from the outbox."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI

from gofer.accounts.mail import Mailer
from gofer.app import create_app
from gofer.config import Settings
from tests.unit.fake_workflows import Gates, registry_with_gate

PASSWORD = "a long enough passphrase"


def accounts_app(settings: Settings, gates: Gates | None = None) -> FastAPI:
    return create_app(
        settings,
        registry=registry_with_gate(gates or Gates()),
        with_browser=False,
    )


@dataclass
class SignedInUser:
    email: str
    user_id: str
    access_token: str
    refresh_token: str
    id_token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


def mailer(services: Any) -> Mailer:
    return services.accounts.mailer  # type: ignore[no-any-return]


async def latest_code(services: Any, email: str) -> str:
    """The 6-digit code in the newest message to `email` in the dev outbox."""
    messages = await mailer(services).outbox(email)
    assert messages, f"no mail to {email}"
    found = re.search(r"\b(\d{6})\b", messages[-1].body)
    assert found, "no code in the mail"
    return found.group(1)


async def sign_up(
    client: httpx.AsyncClient, services: Any, email: str, password: str = PASSWORD
) -> SignedInUser:
    """Registers, verifies with the mailed code and signs in: a ready user."""
    registered = await client.post(
        "/api/auth/register", json={"email": email, "password": password, "name": "Test"}
    )
    assert registered.status_code == 201, registered.text
    code = await latest_code(services, email)
    verified = await client.post("/api/auth/verify", json={"email": email, "code": code})
    assert verified.status_code == 200, verified.text
    return await sign_in(client, email, password)


async def sign_in(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> SignedInUser:
    answer = await client.post("/api/auth/login", json={"email": email, "password": password})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return SignedInUser(
        email=email,
        user_id=body["user"]["id"],
        access_token=body["tokens"]["accessToken"],
        refresh_token=body["tokens"]["refreshToken"],
        id_token=body["tokens"]["idToken"],
    )
