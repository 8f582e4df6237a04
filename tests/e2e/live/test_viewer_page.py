"""The viewer page itself, in a real browser: it shows the job's page and a person's click on it
reaches the job's browser; framed only by allowed origins."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, async_playwright, expect

from gofer.browser.pool import CHROMIUM_ARGS
from tests.e2e.live.conftest import LiveServer
from tests.e2e.live.support import on_server
from tests.e2e.live.test_live_view import (
    BANNER_BUTTON,
    at_step,
    events_until,
    live_link,
    page_job,
)
from tests.e2e.test_auth_matrix import sign_up

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
async def person_browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        await browser.close()


async def test_a_person_drives_the_job_from_the_viewer_page(
    live_server: LiveServer, replica, person_browser: Browser, tmp_path
):
    import httpx

    db = live_server.core.settings.data_dir / "gofer.db"
    with httpx.Client(base_url=live_server.url, timeout=30) as http:
        carol = sign_up(http, db, "carol.live@example.com").headers
    runtime = live_server.core.live_runtime
    async with page_job(live_server, replica.url, carol) as job_id:
        await events_until(live_server, job_id, at_step("open"))
        url = live_link(live_server, carol, job_id, interactive=True)

        # The person's own browser window is half the page's size: clicks are scaled back.
        context = await person_browser.new_context(viewport={"width": 540, "height": 480})
        viewer = await context.new_page()
        await viewer.goto(url)
        frame = viewer.locator("#frame")
        # The page's CSP allows no eval: wait through a locator, as a person's eyes would.
        await expect(frame).to_have_attribute("src", re.compile(r"^data:image/jpeg;base64,"))
        assert await viewer.locator("#mode").inner_text() == "You are in control"
        assert viewer.url.endswith("/live/used")  # the spent token is out of the history
        await viewer.screenshot(path=str(tmp_path / "viewer.png"))

        async def where() -> dict[str, float]:
            page = runtime.current_page(job_id)
            box = await page.locator(BANNER_BUTTON).first.bounding_box()
            size = page.viewport_size
            return {**box, "page_w": size["width"], "page_h": size["height"]}

        spot = await on_server(runtime, where)
        shown = await frame.bounding_box()
        assert shown is not None and shown["width"] < spot["page_w"]
        scale = shown["width"] / spot["page_w"]
        await frame.click(
            position={
                "x": (spot["x"] + spot["width"] / 2) * scale,
                "y": (spot["y"] + spot["height"] / 2) * scale,
            }
        )

        async def banner_gone() -> None:
            page = runtime.current_page(job_id)
            await page.locator(BANNER_BUTTON).wait_for(state="hidden", timeout=15000)

        await on_server(runtime, banner_gone)
        await context.close()
