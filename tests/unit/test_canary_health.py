"""The canary's verdicts: the site_health gauge, one signed webhook per turn to red, the schedule."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
from prometheus_client import REGISTRY
from standardwebhooks import Webhook

from gofer.canary.health import CanaryWebhook, SiteHealth, canary_periodically
from gofer.canary.probe import CanaryRequest, CanaryResult
from gofer.config import Settings
from gofer.webhooks.signing import new_secret

SITE = "trafikverket"


def gauge(step: str) -> float | None:
    return REGISTRY.get_sample_value("site_health", {"site": SITE, "step": step})


async def test_red_sets_the_failing_step_to_zero_and_notifies_once_per_turn() -> None:
    told: list[str | None] = []

    async def notify(result: CanaryResult) -> None:
        told.append(result.step)

    health = SiteHealth(notify)
    await health.record(CanaryResult(SITE, True, step="slot_found"))
    assert gauge("booking") == 1 and told == []
    red = CanaryResult(SITE, False, step="bankid", code="site_changed")
    await health.record(red)
    await health.record(red)
    assert gauge("bankid") == 0 and gauge("login") == 1 and told == ["bankid"]
    await health.record(CanaryResult(SITE, True, step="slot_found"))
    assert gauge("bankid") == 1
    await health.record(red)
    assert told == ["bankid", "bankid"]


async def test_the_red_webhook_is_signed_and_names_the_step() -> None:
    secret = new_secret()
    received: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        received.append(request)
        return httpx.Response(204)

    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client:
        hook = CanaryWebhook("https://ops.example.com/hook", secret, client)
        await hook(CanaryResult(SITE, False, step="searching", code="site_changed"))
    (request,) = received
    payload = Webhook(secret).verify(request.content, dict(request.headers))
    assert payload["type"] == "site_health.red"
    assert payload["data"]["step"] == "searching" and payload["data"]["code"] == "site_changed"
    assert json.loads(request.content)["data"]["healthy"] is False


async def test_the_schedule_runs_the_canary_again_and_again(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path, canary_interval_s=0.01)  # type: ignore[call-arg]
    seen: list[CanaryRequest] = []
    enough = asyncio.Event()

    async def probe(request: CanaryRequest) -> CanaryResult:
        seen.append(request)
        if len(seen) == 3:
            enough.set()
        return CanaryResult(SITE, len(seen) != 2, step="searching")

    told: list[CanaryResult] = []

    async def notify(result: CanaryResult) -> None:
        told.append(result)

    health = SiteHealth(notify)
    task = asyncio.create_task(canary_periodically(settings, health, probe))
    await asyncio.wait_for(enough.wait(), timeout=10)
    task.cancel()
    assert seen[0].phone_url is None  # no simulated phone unless configured
    assert seen[0].body["locations"] == ["Uppsala"]
    assert len(told) == 1 and health.red is False  # red on the second run, green on the third
