"""Plugs webhooks into the server: routes, outbox hooks, the URL validator and the dispatcher."""

from __future__ import annotations

from typing import TYPE_CHECKING

import structlog

from gofer.config import Settings
from gofer.webhooks.control import WebhookControl, sync_default_endpoint
from gofer.webhooks.dispatcher import Dispatcher
from gofer.webhooks.outbox import WEBHOOK_DISABLED, EndpointDirectory, Outbox
from gofer.webhooks.retry import RetrySchedule
from gofer.webhooks.signing import new_secret
from gofer.webhooks.ssrf import Resolver, UnsafeUrl, UrlGuard

if TYPE_CHECKING:
    from fastapi import FastAPI

    from gofer.services import Services

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


class WebhookFeature:
    """The webhook part of the server. `resolver` replaces DNS in tests."""

    def __init__(self, *, resolver: Resolver | None = None) -> None:
        self._resolver = resolver
        self.dispatcher: Dispatcher | None = None
        self._outbox: Outbox | None = None

    def setup(self, app: FastAPI, settings: Settings) -> None:
        from gofer.api.webhooks import router

        app.include_router(router)

    async def start(self, app: FastAPI, svc: Services) -> None:
        settings = svc.settings
        guard = UrlGuard(settings.webhook_allow_hosts, self._resolver)

        async def tell_job(job_id: str, data: dict[str, object]) -> None:
            try:
                await svc.store.record(job_id, WEBHOOK_DISABLED, dict(data))
            except LookupError:
                pass  # the job was deleted; the log line is all there is to say

        dispatcher = Dispatcher(
            svc.sessions,
            guard,
            RetrySchedule(settings.webhook_retry_schedule_s),
            default_secret=default_secret(settings),
            timeout_s=settings.webhook_timeout_s,
            concurrency=settings.webhook_concurrency,
            disable_after_s=settings.webhook_disable_after_s,
            idle_poll_s=settings.webhook_idle_poll_s,
            on_disabled=tell_job,
        )
        directory = EndpointDirectory(svc.sessions)
        dispatcher.on_idle = directory.refresh
        dispatcher.on_endpoints_changed = directory.refresh
        outbox = Outbox(directory, dispatcher.wake, lambda: dispatcher.in_flight_ids)
        url = default_url(settings)
        await sync_default_endpoint(svc.sessions, url)
        await directory.refresh()
        if url is not None:
            try:
                await guard.check(url)
            except UnsafeUrl as exc:
                log.warning("webhook_default_url_blocked", reason=exc.reason)
        svc.store.in_transaction_hooks.append(outbox.enqueue)
        svc.store.after_commit_hooks.append(outbox.after_commit)
        control = WebhookControl(svc.sessions, guard, dispatcher, directory)
        svc.extras["webhooks"] = control
        svc.extras["webhook_url_validator"] = control.validate_job_webhook_url
        svc.extras["webhook_dispatcher"] = dispatcher  # erasure waits for its in-flight messages
        self.dispatcher, self._outbox = dispatcher, outbox
        await dispatcher.start()

    async def stop(self, app: FastAPI, svc: Services) -> None:
        if self._outbox is not None:
            svc.store.in_transaction_hooks.remove(self._outbox.enqueue)
            svc.store.after_commit_hooks.remove(self._outbox.after_commit)
        if self.dispatcher is not None:
            await self.dispatcher.stop()
