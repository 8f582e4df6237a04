"""The webhook parts of a Gofer process: outbox hooks, the dispatcher, and the control API."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.config import Settings
from gofer.jobs.store import JobStore
from gofer.webhooks.control import WebhookControl, sync_default_endpoint
from gofer.webhooks.dispatcher import Dispatcher
from gofer.webhooks.outbox import WEBHOOK_DISABLED, EndpointDirectory, Outbox
from gofer.webhooks.retry import RetrySchedule
from gofer.webhooks.signing import new_secret
from gofer.webhooks.ssrf import Resolver, UnsafeUrl, UrlGuard
from gofer.webhooks.transport import WebhookClient, verifying_ssl_context

log = structlog.get_logger("gofer.webhooks")


def default_secret(settings: Settings) -> str:
    """WEBHOOK_SECRET, or a generated one kept in the data folder (read it there to verify)."""
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    path = settings.data_dir / "webhook_secret"
    if path.exists():
        return path.read_text().strip()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    secret = new_secret()
    path.write_text(secret + "\n")
    path.chmod(0o600)
    log.warning("webhook_secret_generated", path=str(path))
    return secret


def default_url(settings: Settings) -> str | None:
    return settings.webhook_url or settings.supabase_webhook_url or None


@dataclass
class WebhookParts:
    guard: UrlGuard
    dispatcher: Dispatcher
    directory: EndpointDirectory
    outbox: Outbox
    control: WebhookControl
    db: async_sessionmaker[AsyncSession]
    default_url: str | None

    async def start(self) -> None:
        await sync_default_endpoint(self.db, self.default_url)
        await self.directory.refresh()
        if self.default_url is not None:
            try:
                await self.guard.check(self.default_url)
            except UnsafeUrl as exc:
                log.warning("webhook_default_url_blocked", reason=exc.reason)
        await self.dispatcher.start()

    async def stop(self) -> None:
        await self.dispatcher.stop()


async def build_webhook_parts(
    settings: Settings,
    db: async_sessionmaker[AsyncSession],
    store: Callable[[], JobStore],
    *,
    resolver: Resolver | None = None,
) -> WebhookParts:
    """`store` is read late: the job store is built with this outbox's hooks in it."""
    guard = UrlGuard(settings.webhook_allow_hosts, resolver)

    async def tell_job(job_id: str, data: dict[str, object]) -> None:
        try:
            await store().record(job_id, WEBHOOK_DISABLED, dict(data))
        except LookupError:
            pass  # the job was deleted; the log line is all there is to say

    dispatcher = Dispatcher(
        db,
        guard,
        RetrySchedule(settings.webhook_retry_schedule_s),
        default_secret=default_secret(settings),
        timeout_s=settings.webhook_timeout_s,
        concurrency=settings.webhook_concurrency,
        disable_after_s=settings.webhook_disable_after_s,
        idle_poll_s=settings.webhook_idle_poll_s,
        on_disabled=tell_job,
        client=WebhookClient(
            concurrency=settings.webhook_concurrency,
            timeout_s=settings.webhook_timeout_s,
            ssl_context=verifying_ssl_context(settings.webhook_ca_bundle),
        ),
    )
    directory = EndpointDirectory(db)
    dispatcher.on_idle = directory.refresh
    dispatcher.on_endpoints_changed = directory.refresh
    outbox = Outbox(directory, dispatcher.wake)
    control = WebhookControl(db, guard, dispatcher, directory)
    return WebhookParts(guard, dispatcher, directory, outbox, control, db, default_url(settings))
