"""Outgoing mail: SMTP when configured, otherwise the local outbox table (never the log)."""

from __future__ import annotations

from email.message import EmailMessage

import aiosmtplib
import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.accounts.tables import MailOutboxRow
from gofer.config import Settings
from gofer.events.model import utc_now

log = structlog.get_logger("gofer.mail")


class Mailer:
    """Sends one plain-text message. Failures are logged without the message and not raised:
    a caller's response must not reveal whether a mail went out."""

    def __init__(self, settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._settings = settings
        self._sessions = sessions

    @property
    def uses_smtp(self) -> bool:
        return bool(self._settings.smtp_host)

    async def send(self, recipient: str, subject: str, body: str, *, purpose: str) -> bool:
        if not self.uses_smtp:
            async with self._sessions.begin() as session:
                session.add(
                    MailOutboxRow(
                        recipient=recipient, subject=subject, body=body, created_at=utc_now()
                    )
                )
            log.info("mail_written_to_outbox", purpose=purpose)
            return True
        message = EmailMessage()
        message["From"] = self._settings.mail_from
        message["To"] = recipient
        message["Subject"] = subject
        message.set_content(body)
        s = self._settings
        try:
            await aiosmtplib.send(
                message,
                hostname=s.smtp_host,
                port=s.smtp_port,
                username=s.smtp_username,
                password=s.smtp_password.get_secret_value() if s.smtp_password else None,
                use_tls=s.smtp_tls == "tls",
                start_tls=s.smtp_tls == "starttls",
                timeout=15,
            )
        except (aiosmtplib.SMTPException, OSError) as exc:
            log.warning("mail_failed", purpose=purpose, error_type=type(exc).__name__)
            return False
        log.info("mail_sent", purpose=purpose)
        return True

    async def outbox(self, recipient: str | None = None) -> list[MailOutboxRow]:
        """Messages in the dev outbox, oldest first (for local use and tests)."""
        query = select(MailOutboxRow).order_by(MailOutboxRow.id)
        if recipient is not None:
            query = query.where(MailOutboxRow.recipient == recipient)
        async with self._sessions() as session:
            return list(await session.scalars(query))
