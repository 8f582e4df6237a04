"""The replica's page drifts, seen in Chromium: each changes the page as named, and the app works on."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from gofer.replicas.trafikverket.app import create_trafikverket_app
from gofer.serving import BackgroundServer

pytestmark = pytest.mark.e2e

CONSENT = "functional%3Dfalse%26analytical%3Dfalse"
SEARCH = "/Boka/ng/search/xYihrXpXhCRiRl/5/12/0/0"
# What the page's own scripts (and a plain query) see, without Playwright's shadow piercing.
PLAIN_QR_CANVAS = "() => document.querySelector('div.qrcode canvas') !== null"
REDRAWN = """(canvas, first) => new Promise((resolve) => {
  const look = setInterval(() => {
    if (canvas.toDataURL('image/png') !== first) { clearInterval(look); resolve(true); }
  }, 50);
})"""


@pytest.fixture(scope="module")
def replica_url() -> Iterator[str]:
    server = BackgroundServer(create_trafikverket_app()).start()
    yield server.url
    server.stop()


@pytest.fixture
def drifts(replica_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=replica_url, timeout=10) as client:
        client.post("/_replica/reset", json={}).raise_for_status()
        yield client
        client.delete("/_replica/controls/drift").raise_for_status()


async def open_page(browser: Browser, url: str, *, consent: bool = True) -> Page:
    context = await browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    if consent:
        await context.add_cookies([{"name": "TrvCookieConsent", "value": CONSENT, "url": url}])
    page = await context.new_page()
    page.set_default_timeout(10_000)
    return page


async def open_qr(page: Page, url: str) -> None:
    await page.goto(f"{url}/Boka/ng/")
    await page.get_by_role("button", name="Logga in", exact=True).click()
    await page.locator("app-login-dialog").get_by_role("button", name="Fortsätt").click()


async def test_renamed_login_button_and_tile_still_open_the_login(browser, replica_url, drifts):
    for name in ("login_button_id", "start_tile_title"):
        drifts.post("/_replica/controls/drift", json={"drift": name}).raise_for_status()
    page = await open_page(browser, replica_url)
    try:
        await page.goto(f"{replica_url}/Boka/ng/")
        await expect(page.locator("button.tile[title='Boka ett prov']")).to_be_visible()
        assert await page.locator("button[title='Boka prov']").count() == 0
        assert await page.locator("#desktop-login-button").count() == 0
        await page.locator("#desktop-signin-button").click()
        await expect(page.locator("app-login-dialog")).to_be_visible()
    finally:
        await page.context.close()


async def test_cookie_button_text_changes(browser, replica_url, drifts):
    drifts.post("/_replica/controls/drift", json={"drift": "cookie_button_text"})
    page = await open_page(browser, replica_url, consent=False)
    try:
        await page.goto(f"{replica_url}/Boka/ng/")
        button = page.locator("#cookie-banner button.btn-primary")
        await expect(button).to_have_text("Endast nödvändiga")
        assert await page.get_by_role("button", name="Godkänn nödvändiga").count() == 0
    finally:
        await page.context.close()


@pytest.mark.parametrize("name", ["qr_container_class", "qr_iframe", "qr_shadow_dom"])
async def test_the_qr_canvas_moves_and_is_still_drawn(browser, replica_url, drifts, name):
    drifts.post("/_replica/controls/drift", json={"drift": name}).raise_for_status()
    page = await open_page(browser, replica_url)
    try:
        await open_qr(page, replica_url)
        dialog = page.locator("app-login-dialog")
        if name == "qr_iframe":
            canvas = dialog.frame_locator("iframe").locator("canvas")
        elif name == "qr_shadow_dom":
            canvas = dialog.locator(".qr-host canvas")  # Playwright looks into open shadow roots
        else:
            canvas = dialog.locator("div.qr-container canvas")
        await expect(canvas).to_be_visible()
        assert await page.evaluate(PLAIN_QR_CANVAS) is False
        first = await canvas.evaluate("c => c.toDataURL('image/png')")
        # Still redrawn every second where it now lives (the page resolves on the change).
        changed = canvas.evaluate(REDRAWN, first)
        assert await asyncio.wait_for(changed, timeout=5) is True
    finally:
        await page.context.close()


@pytest.mark.parametrize(
    ("name", "heading", "close"),
    [
        ("survey_dialog", "Hjälp oss att bli bättre", "Nej tack"),
        ("interstitial_page", "Viktig information", "Fortsätt till bokningen"),
    ],
)
async def test_a_dialog_covers_the_search_page_until_closed(
    browser, replica_url, drifts, name, heading, close
):
    drifts.post("/_replica/controls/drift", json={"drift": name}).raise_for_status()
    page = await open_page(browser, replica_url)
    try:
        await page.goto(f"{replica_url}/Boka/ng/")
        assert await page.get_by_role("dialog").count() == 0  # only over the search page
        await page.goto(f"{replica_url}{SEARCH}")
        dialog = page.get_by_role("dialog").filter(has_text=heading)
        await expect(dialog).to_be_visible()
        with pytest.raises(Exception, match="intercepts pointer events"):
            await page.locator("#desktop-booking-button").click(timeout=1500)
        await dialog.get_by_role("button", name=close).click()
        await expect(dialog).to_have_count(0)
    finally:
        await page.context.close()
