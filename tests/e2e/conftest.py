"""End-to-end fixtures: the replicas and a Gofer server on 127.0.0.1, with real Chromium."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from playwright.async_api import Browser, async_playwright

from gofer.app import create_app
from gofer.browser.pool import CHROMIUM_ARGS
from gofer.config import Settings
from gofer.replicas.server import create_replicas_app
from gofer.serving import BackgroundServer
from tests.conftest import ADMIN_TOKEN

PERSONNUMMER = "191212121212"
AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@pytest.fixture(scope="session")
def replica() -> Iterator[BackgroundServer]:
    server = BackgroundServer(create_replicas_app()).start()
    yield server
    server.stop()


def e2e_settings(data_dir: Path, replica_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "env": "test",
        "api_secret_token": ADMIN_TOKEN,
        "data_dir": data_dir,
        "trafikverket_base_url": replica_url,
        "forms_base_url": f"{replica_url}/vpbank",
        "min_poll_interval_s": 0.2,
        "login_timeout_s": 60,
        "max_concurrent_jobs": 4,
        # Scenario tests change the replica between jobs; a page the pool loaded earlier would
        # show them the site as it was. The warm path has its own test.
        "browser_warm_contexts": 0,
        "log_level": "WARNING",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def gofer(
    replica: BackgroundServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BackgroundServer]:
    settings = e2e_settings(tmp_path_factory.mktemp("gofer"), replica.url)
    server = BackgroundServer(create_app(settings)).start(timeout_s=60)
    settings.port = server.port
    yield server
    server.stop()


@pytest.fixture
def site(replica: BackgroundServer) -> Iterator[httpx.Client]:
    """The replica's test controls, reset before each test."""
    with httpx.Client(base_url=replica.url, timeout=30) as client:
        client.post("/_replica/reset", json={"seed": 1}).raise_for_status()
        yield client


@pytest.fixture
def api(gofer: BackgroundServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=gofer.url, headers=AUTH, timeout=30) as client:
        yield client


@dataclass
class Watch:
    """What a client saw over the WebSocket while playing the person's phone."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    scans: list[dict[str, Any]] = field(default_factory=list)

    def types(self) -> list[str]:
        return [m["type"] for m in self.messages]

    def statuses(self) -> list[str]:
        return [m["data"]["status"] for m in self.messages if m["type"] == "status_update"]

    def last(self, event_type: str) -> dict[str, Any]:
        found = [m for m in self.messages if m["type"] == event_type]
        assert found, f"no {event_type} event; last messages: {self.messages[-3:]}"
        return found[-1]


async def watch_job(
    gofer: BackgroundServer,
    replica: BackgroundServer,
    job_id: str,
    *,
    after: int = 0,
    scan: bool = True,
    actions: list[str] | None = None,
    stop_when: Any = None,
    timeout_s: float = 120,
) -> Watch:
    """Follows a job over the WebSocket; scans each relayed QR with the simulated phone.

    The phone sees only what the user sees: the payload decoded from the relayed QR.
    """
    watch = Watch()
    actions = list(actions or [])
    ws_url = (
        gofer.url.replace("http://", "ws://") + f"/ws/{job_id}?after={after}&token={ADMIN_TOKEN}"
    )
    async with httpx.AsyncClient(base_url=replica.url, timeout=30) as phone:
        async with asyncio.timeout(timeout_s), websockets.connect(ws_url) as ws:
            async for raw in ws:
                message = json.loads(raw)
                watch.messages.append(message)
                if scan and message["type"] == "qr_update" and message.get("qr_payload"):
                    action = actions.pop(0) if actions else "approve"
                    answer = await phone.post(
                        "/_replica/bankid/scan",
                        json={
                            "qr": message["qr_payload"],
                            "personalNumber": PERSONNUMMER,
                            "action": action,
                        },
                    )
                    watch.scans.append(answer.json())
                    if answer.status_code == 200:
                        scan = False  # one approval per login; the next QR is for a new login
                if message["type"] == "human_needed":
                    scan = True
                if stop_when is not None and stop_when(message):
                    break
    return watch


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    """The distro Chromium through Playwright, for tests that drive pages themselves."""
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        await chromium.close()
