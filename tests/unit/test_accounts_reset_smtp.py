"""The password reset flow through a real SMTP server (aiosmtpd on 127.0.0.1), with credentials."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from gofer.serving import free_port
from tests.unit.accounts_support import PASSWORD, accounts_app, sign_in

# Plain SMTP with AUTH is fine on 127.0.0.1 in a test; aiosmtpd warns about it anyway.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

SMTP_USER = "gofer-mailer"
SMTP_PASSWORD = "smtp-password-for-tests"


class Mailbox:
    """Collects delivered messages; a test waits for the next one without sleeping."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.logins: list[str] = []
        self._arrived = threading.Condition()

    async def handle_DATA(
        self, server: Any, session: Any, envelope: Any
    ) -> str:  # aiosmtpd calls this name
        with self._arrived:
            self.messages.append(message_from_bytes(envelope.content))
            self._arrived.notify_all()
        return "250 OK"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        if isinstance(data, LoginPassword):
            ok = data.login.decode() == SMTP_USER and data.password.decode() == SMTP_PASSWORD
            if ok:
                self.logins.append(data.login.decode())
            return AuthResult(success=ok)
        return AuthResult(success=False)

    async def next_to(self, recipient: str, count: int, timeout: float = 10) -> Message:
        """Waits until `count` messages to `recipient` arrived; returns the last one."""

        def wait() -> Message:
            with self._arrived:
                ok = self._arrived.wait_for(lambda: len(self.to(recipient)) >= count, timeout)
                assert ok, f"no message {count} to {recipient}"
                return self.to(recipient)[count - 1]

        return await asyncio.to_thread(wait)

    def to(self, recipient: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == recipient]


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, int]]:
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=mailbox.authenticate,
        auth_require_tls=False,
        auth_required=True,
    )
    controller.start()
    yield mailbox, port
    controller.stop()


def code_in(message: Message) -> str:
    body = message.get_payload(decode=True).decode()
    found = re.search(r"\b(\d{6})\b", body)
    assert found, body
    return found.group(1)


async def test_reset_flow_through_real_smtp(make_settings, run_app, smtp):
    mailbox, port = smtp
    settings = make_settings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_tls="none",
        smtp_username=SMTP_USER,
        smtp_password=SMTP_PASSWORD,
        mail_from="no-reply@gofer.test",
        rate_limit_login="1000/minute",
    )
    async with run_app(accounts_app(settings)) as running:
        c = running.client
        email = "reset.me@example.com"
        await c.post("/api/auth/register", json={"email": email, "password": PASSWORD})
        welcome = await mailbox.next_to(email, 1)
        assert welcome["From"] == "no-reply@gofer.test"
        await c.post("/api/auth/verify", json={"email": email, "code": code_in(welcome)})

        asked = await c.post("/api/auth/forgot-password", json={"email": email})
        assert asked.status_code == 200
        reset_mail = await mailbox.next_to(email, 2)
        assert "reset" in reset_mail["Subject"].lower()
        code = code_in(reset_mail)
        new_password = "freshly chosen passphrase"
        done = await c.post(
            "/api/auth/reset-password",
            json={"email": email, "code": code, "newPassword": new_password},
        )
        assert done.status_code == 200, done.text
        await sign_in(c, email, new_password)
        assert mailbox.logins and set(mailbox.logins) == {SMTP_USER}
        # With SMTP configured nothing is written to the dev outbox.
        assert await running.core.accounts.mailer.outbox() == []


async def test_smtp_down_still_answers_the_same(make_settings, run_app):
    settings = make_settings(smtp_host="127.0.0.1", smtp_port=free_port(), smtp_tls="none")
    async with run_app(accounts_app(settings)) as running:
        answer = await running.client.post(
            "/api/auth/register", json={"email": "nomail@example.com", "password": PASSWORD}
        )
        # The account exists; the code can be sent again once mail works.
        assert answer.status_code == 201
        forgot = await running.client.post(
            "/api/auth/forgot-password", json={"email": "nomail@example.com"}
        )
        assert forgot.status_code == 200
