"""The site's health as the canary last saw it: a Prometheus gauge, and a webhook on turning red."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable

import httpx
import structlog
from prometheus_client import Gauge

from gofer.authn import admin_token
from gofer.canary.probe import CanaryRequest, CanaryResult, run_canary
from gofer.config import Settings
from gofer.webhooks.signing import new_message_id, signed_headers
from gofer.workflows.trafikverket.steps import BookingStep

log = structlog.get_logger("gofer.canary")

SITE_HEALTH = Gauge(
    "site_health",
    "1 while the canary finds this step of the site working, 0 once the site changed there.",
    ["site", "step"],
)
STEPS: tuple[str, ...] = tuple(str(s) for s in BookingStep if s != BookingStep.STARTING)
RED_EVENT = "site_health.red"

Notify = Callable[[CanaryResult], Awaitable[None]]


class SiteHealth:
    """Keeps the gauge; tells `notify` once each time the site turns from green to red."""

    def __init__(self, notify: Notify | None = None) -> None:
        self._notify = notify
        self.red = False

    async def record(self, result: CanaryResult) -> None:
        failed_at = None if result.healthy else (result.step or "unknown")
        for step in STEPS:
            if failed_at is None or (
                failed_at in STEPS and STEPS.index(step) < STEPS.index(failed_at)
            ):
                SITE_HEALTH.labels(result.site, step).set(1)
        if failed_at is not None:
            SITE_HEALTH.labels(result.site, failed_at).set(0)
        turned_red = failed_at is not None and not self.red
        self.red = failed_at is not None
        if turned_red and self._notify is not None:
            await self._notify(result)
        log.info("canary_result", site=result.site, healthy=result.healthy, step=result.step)


class CanaryWebhook:
    """POSTs the red verdict to the operator's URL, signed as Gofer's webhooks are."""

    def __init__(self, url: str, secret: str = "", client: httpx.AsyncClient | None = None) -> None:
        self.url = url
        self.secret = secret
        self._client = client

    async def __call__(self, result: CanaryResult) -> None:
        body = json.dumps({"type": RED_EVENT, "data": result.as_json()})
        headers = (
            signed_headers(new_message_id(), body, [self.secret])
            if self.secret
            else {"content-type": "application/json"}
        )
        try:
            if self._client is not None:
                await self._client.post(self.url, content=body, headers=headers)
            else:
                async with httpx.AsyncClient(timeout=15) as client:
                    await client.post(self.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            log.warning("canary_webhook_failed", error=type(exc).__name__)


def canary_request(settings: Settings) -> CanaryRequest:
    return CanaryRequest(
        server=settings.effective_public_base_url,
        token=admin_token(settings),
        body={
            "license_type": "B",
            "exam_type": "Körprov",
            "vehicle": "manual",
            "locations": settings.canary_locations,
            "poll_interval_s": max(settings.min_poll_interval_s, 10.0),
        },
        phone_url=settings.canary_phone_url or None,
    )


Probe = Callable[[CanaryRequest], Awaitable[CanaryResult]]


async def canary_periodically(
    settings: Settings, health: SiteHealth | None = None, probe: Probe = run_canary
) -> None:
    """Runs the canary every `canary_interval_s` while the server runs."""
    if health is None:
        notify = (
            CanaryWebhook(settings.canary_webhook_url, settings.canary_webhook_secret)
            if settings.canary_webhook_url
            else None
        )
        health = SiteHealth(notify)
    while True:
        await asyncio.sleep(settings.canary_interval_s)
        try:
            await health.record(await probe(canary_request(settings)))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("canary_failed")
