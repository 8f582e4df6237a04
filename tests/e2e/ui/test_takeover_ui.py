"""A takeover through the job page's live view: the person watches the job's browser, takes it
over, drives it in the live view, hands it back, and the job books."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.async_api import Page, expect

from gofer.serving import BackgroundServer
from tests.e2e.conftest import PERSONNUMMER
from tests.e2e.live.support import on_server
from tests.e2e.ui.conftest import Account, UiServer, check_screen, sign_in
from tests.e2e.ui.test_booking_ui import scan_qr_from_page

pytestmark = pytest.mark.e2e


async def test_take_over_drive_and_hand_back_from_the_job_page(
    page: Page,
    ui_server: UiServer,
    replica: BackgroundServer,
    site: httpx.Client,
    alice: Account,
) -> None:
    runtime = ui_server.core.live_runtime
    assert runtime is not None
    await sign_in(page, ui_server.url, alice)
    await page.get_by_role("link", name="New booking").first.click()
    await page.get_by_label("Uppsala").check()
    await page.get_by_role("button", name="Start booking").click()
    await page.wait_for_url(f"{ui_server.url}/jobs/**")
    job_id = page.url.rsplit("/", 1)[1]
    await page.locator("img[data-testid=bankid-qr]").wait_for(timeout=60_000)

    live = page.get_by_role("region", name="Live view")
    await live.get_by_role("button", name="Watch the browser").click()
    viewer = page.frame_locator("iframe.live-frame")
    await expect(viewer.locator("#mode")).to_have_text("Watching")
    await expect(viewer.locator("#frame")).to_have_attribute(
        "src", re.compile(r"^data:image/jpeg;base64,")
    )

    # Taken over while the QR waits: the job pauses for the person once the scan is done.
    await live.get_by_role("button", name="Take over").click()
    await expect(live.get_by_role("status")).to_have_text("You have control")
    await expect(viewer.locator("#mode")).to_have_text("You are in control")
    await scan_qr_from_page(page, replica)
    timeline = page.get_by_role("region", name="Events")
    await expect(timeline.get_by_text("A person has taken over the browser")).to_be_visible(
        timeout=60_000
    )
    await expect(page.locator(".job-head .chip")).to_have_text("taken over")
    # Paused for the person, the page asks nobody to scan.
    await expect(page.get_by_role("heading", name="Log in with BankID")).to_have_count(0)
    await check_screen(page, "job page, taken over", shot="job-takeover", show=live)

    # The person picks licence B in the live view: the click lands in the job's own browser.
    licence_b = ".list-group-item[title='B']"

    async def where() -> dict[str, float]:
        job_page = runtime.current_page(job_id)
        assert job_page is not None and job_page.viewport_size is not None
        box = await job_page.locator(licence_b).first.bounding_box()
        assert box is not None, "the licence page is not showing"
        return {**box, "page_w": job_page.viewport_size["width"]}

    spot = await on_server(runtime, where)
    frame = viewer.locator("#frame")
    shown = await frame.bounding_box()
    assert shown is not None
    scale = shown["width"] / spot["page_w"]
    await frame.click(
        position={
            "x": (spot["x"] + spot["width"] / 2) * scale,
            "y": (spot["y"] + spot["height"] / 2) * scale,
        }
    )

    async def on_the_search_page() -> None:
        job_page = runtime.current_page(job_id)
        assert job_page is not None
        await job_page.wait_for_url("**/Boka/ng/search/**", timeout=15_000)

    await on_server(runtime, on_the_search_page)

    # Handed back, the job reads the page and books.
    await live.get_by_role("button", name="Hand back to Gofer").click()
    await expect(timeline.get_by_text("The person handed the job back")).to_be_visible()
    await expect(page.locator(".job-head .chip")).not_to_have_text("taken over")
    result = page.get_by_test_id("job-result")
    await expect(result).to_be_visible(timeout=90_000)
    bookings = site.get("/_replica/bookings", params={"ssn": PERSONNUMMER}).json()["bookings"]
    assert [b["status"] for b in bookings] == ["confirmed"]
    assert bookings[0]["bookingId"] in await result.inner_text()
    # The job has ended: nothing is left to take over.
    await expect(live.get_by_role("button", name="Take over")).to_be_disabled()
