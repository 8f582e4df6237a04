"""UI fixtures: Gofer serving the built web UI, real Chromium, accounts, axe-core and screenshots."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from playwright.async_api import Browser, BrowserContext, Locator, Page, async_playwright
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from gofer.app import create_app
from gofer.browser.pool import CHROMIUM_ARGS
from gofer.core import Core
from gofer.serving import BackgroundServer
from gofer.web_ui import default_dist
from tests.e2e.conftest import e2e_settings
from tests.unit.voice.support import models_root

ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
# The README's screenshots are refreshed on request (GOFER_DOC_SCREENSHOTS=1 make test); other
# runs still take them, into a scratch folder, so a test run leaves the work tree as it was.
IMAGES = (
    ROOT / "docs" / "images"
    if os.environ.get("GOFER_DOC_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "gofer-ui-screenshots"
)
PASSWORD = "a long enough passphrase"
PHONE = (390, 844)
DESKTOP = (1280, 860)
WAIT_MS = 20_000


@dataclass
class UiServer:
    server: BackgroundServer
    database: Path
    app: FastAPI

    @property
    def core(self) -> Core:
        found: Core = self.app.state.core
        return found

    @property
    def url(self) -> str:
        return self.server.url

    def latest_code(self, email: str) -> str:
        """The 6-digit code in the newest mail to `email` (the dev outbox table)."""
        with sqlite3.connect(self.database) as db:
            row = db.execute(
                "SELECT body FROM mail_outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1",
                (email,),
            ).fetchone()
        assert row, f"no mail to {email}"
        found = re.search(r"\b(\d{6})\b", row[0])
        assert found, "no code in the mail"
        return found.group(1)


@pytest.fixture(scope="session")
def ui_server(
    replica: BackgroundServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[UiServer]:
    assert (default_dist() / "index.html").is_file(), "the web UI is not built: run `make web`"
    assert AXE.is_file(), "axe-core is missing: run `make web` (npm ci)"
    data_dir = tmp_path_factory.mktemp("gofer-ui")
    settings = e2e_settings(
        data_dir,
        replica.url,
        webhook_allow_hosts=["127.0.0.1"],
        rate_limit_login="1000/minute",  # every test signs in from the same address
        voice_models_dir=models_root(),  # the microphone's calls use the offline models
    )
    app = create_app(settings)
    server = BackgroundServer(app, ws="websockets").start(timeout_s=60)
    settings.port = server.port
    yield UiServer(server, data_dir / "gofer.db", app)
    server.stop()


@dataclass
class Account:
    email: str
    password: str = PASSWORD
    access_token: str = ""

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


def new_email(tag: str) -> str:
    return f"{tag}-{uuid.uuid4().hex[:8]}@example.com"


def sign_up(ui_server: UiServer, tag: str) -> Account:
    """A verified account made over the API (the UI's own sign-up has its own test)."""
    account = Account(new_email(tag))
    with httpx.Client(base_url=ui_server.url, timeout=30) as client:
        body = {"email": account.email, "password": account.password, "name": tag}
        client.post("/api/auth/register", json=body).raise_for_status()
        code = ui_server.latest_code(account.email)
        client.post(
            "/api/auth/verify", json={"email": account.email, "code": code}
        ).raise_for_status()
        login = client.post(
            "/api/auth/login", json={"email": account.email, "password": account.password}
        )
        login.raise_for_status()
    account.access_token = login.json()["tokens"]["accessToken"]
    return account


@pytest.fixture(scope="session")
def alice(ui_server: UiServer) -> Account:
    return sign_up(ui_server, "alice")


@pytest.fixture(scope="session")
async def chromium() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        await browser.close()


@pytest.fixture
async def context(chromium: Browser) -> AsyncIterator[BrowserContext]:
    ctx = await chromium.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
    yield ctx
    await ctx.close()


@pytest.fixture
async def page(context: BrowserContext) -> AsyncIterator[Page]:
    tab = await context.new_page()
    tab.set_default_timeout(WAIT_MS)
    yield tab


async def sign_in(page: Page, base_url: str, account: Account) -> None:
    await page.goto(f"{base_url}/signin")
    await page.get_by_label("Email", exact=True).fill(account.email)
    await page.get_by_label("Password", exact=True).fill(account.password)
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_role("heading", name="Jobs", level=1).wait_for()


async def sign_in_with_token(page: Page, base_url: str, token: str) -> None:
    await page.goto(f"{base_url}/token")
    await page.get_by_label("API token", exact=True).fill(token)
    await page.get_by_role("button", name="Use an API token").click()
    await page.get_by_role("heading", name="Jobs", level=1).wait_for()


@dataclass
class AxeReport:
    screen: str
    violations: list[dict[str, Any]] = field(default_factory=list)

    def serious(self) -> list[str]:
        return [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in self.violations
            if v.get("impact") in ("serious", "critical")
        ]


async def axe(page: Page, screen: str) -> AxeReport:
    """Runs axe-core (from npm) in the page; returns its violations."""
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        await page.add_script_tag(path=str(AXE))
    result = await page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return AxeReport(screen, json.loads(json.dumps(result)))


async def check_screen(
    page: Page,
    screen: str,
    *,
    shot: str | None = None,
    phone_shot: bool = False,
    show: Locator | None = None,
) -> None:
    """No serious axe violation, on desktop and phone widths; optionally a screenshot for docs."""
    for width, height in (DESKTOP, PHONE):
        await page.set_viewport_size({"width": width, "height": height})
        report = await axe(page, screen)
        assert report.serious() == [], f"{screen} at {width}px: {report.serious()}"
        overflow = await page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        wide = await page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
            " > document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.outerHTML.slice(0, 120))"
        )
        assert overflow <= 1, f"{screen} scrolls sideways at {width}px: {wide}"
        if shot and phone_shot and width == PHONE[0]:
            IMAGES.mkdir(parents=True, exist_ok=True)
            await page.screenshot(path=str(IMAGES / f"{shot}-phone.png"))
    await page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
    if show is not None:
        await show.scroll_into_view_if_needed()
    if shot:
        IMAGES.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(IMAGES / f"{shot}.png"), full_page=False)


class Receiver:
    """A webhook receiver on 127.0.0.1 that answers 200 and keeps what it got."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []

        async def hook(request: Request) -> JSONResponse:
            self.received.append(json.loads(await request.body()))
            return JSONResponse({"ok": True})

        self.app = Starlette(routes=[Route("/hook", hook, methods=["POST"])])


@pytest.fixture(scope="session")
def receiver() -> Iterator[tuple[Receiver, str]]:
    hooks = Receiver()
    server = BackgroundServer(hooks.app).start()
    yield hooks, f"{server.url}/hook"
    server.stop()
