"""The booking demo end to end in the browser: form, live QR scanned from the page, proof."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Page, expect

from gofer.browser.qr import decode_data_url
from gofer.serving import BackgroundServer
from tests.e2e.conftest import PERSONNUMMER
from tests.e2e.ui.conftest import Account, UiServer, check_screen, sign_in

pytestmark = pytest.mark.e2e
QR = "img[data-testid=bankid-qr]"


async def scan_qr_from_page(page: Page, replica: BackgroundServer) -> dict[str, object]:
    """Plays the person's phone: decodes the QR the UI shows and scans it on the replica.

    A code can go stale between reading and scanning; the phone then scans the next one.
    """
    async with httpx.AsyncClient(base_url=replica.url, timeout=30) as phone:
        answers: list[dict[str, object]] = []
        for _ in range(10):
            image = page.locator(QR)
            await image.wait_for()
            src = await image.get_attribute("src")
            assert src and src.startswith("data:image/png;base64,")
            payload = decode_data_url(src)
            assert payload and payload.startswith("bankid."), "the UI's QR does not decode"
            answer = await phone.post(
                "/_replica/bankid/scan",
                json={"qr": payload, "personalNumber": PERSONNUMMER, "action": "approve"},
            )
            answers.append(answer.json())
            if answer.status_code == 200:
                return answer.json()
            await expect(page.locator(QR)).not_to_have_attribute("src", src)
        raise AssertionError(f"no scan was accepted: {answers}")


async def test_books_a_driving_test_through_the_ui(
    page: Page,
    ui_server: UiServer,
    replica: BackgroundServer,
    site: httpx.Client,
    alice: Account,
) -> None:
    await sign_in(page, ui_server.url, alice)
    await page.get_by_role("link", name="New booking").first.click()
    await expect(page.get_by_label("Uppsala")).to_be_visible()
    await check_screen(page, "new booking", shot="new-booking")
    await page.get_by_label("Uppsala").check()
    await page.get_by_label("Järfälla").check()
    await page.get_by_role("button", name="Start booking").click()

    await page.wait_for_url(f"{ui_server.url}/jobs/**")
    job_id = page.url.rsplit("/", 1)[1]
    await page.locator(QR).wait_for(timeout=60_000)
    await expect(page.get_by_text("Log in with BankID")).to_be_visible()
    await check_screen(page, "job page with QR", shot="job-qr", phone_shot=True)

    scanned = await scan_qr_from_page(page, replica)
    assert scanned.get("ok") is True

    result = page.get_by_test_id("job-result")
    await expect(result).to_be_visible(timeout=90_000)
    await expect(page.locator(QR)).to_have_count(0)
    await expect(page.get_by_role("status").filter(has_text="Finished")).to_be_visible()
    await check_screen(page, "job result", shot="job-result")

    bookings = site.get("/_replica/bookings", params={"ssn": PERSONNUMMER}).json()["bookings"]
    assert len(bookings) == 1 and bookings[0]["status"] == "confirmed"
    booking = bookings[0]
    shown = await result.inner_text()
    assert booking["bookingId"] in shown and booking["locationName"] in shown

    await page.get_by_role("link", name="Jobs").first.click()
    row = page.locator("li.job-row", has_text=job_id)
    await expect(row).to_be_visible()
    await expect(row.get_by_text("completed")).to_be_visible()
    await check_screen(page, "jobs list", shot="jobs")


async def test_a_bad_request_shows_its_sentence(
    page: Page, ui_server: UiServer, alice: Account
) -> None:
    await sign_in(page, ui_server.url, alice)
    await page.goto(f"{ui_server.url}/book")
    # Stockholm City holds no driving tests (Körprov): the server refuses before any browser work.
    await page.get_by_label("Stockholm City").check()
    await page.get_by_role("button", name="Start booking").click()
    alert = page.get_by_role("alert")
    await expect(alert).to_be_visible()
    assert "locations" in (await alert.inner_text())
    await expect(page).to_have_url(f"{ui_server.url}/book")


async def test_cancel_from_the_job_page(page: Page, ui_server: UiServer, alice: Account) -> None:
    await sign_in(page, ui_server.url, alice)
    # A user, not the admin: no system screen in the header.
    await expect(page.get_by_role("link", name="System")).to_have_count(0)
    await page.goto(f"{ui_server.url}/book")
    await page.get_by_label("Uppsala").check()
    await page.get_by_role("button", name="Start booking").click()
    await page.wait_for_url(f"{ui_server.url}/jobs/**")
    job_id = page.url.rsplit("/", 1)[1]
    await page.get_by_role("button", name="Cancel job").click()
    await expect(page.locator(".job-head .chip")).to_have_text("cancelled", timeout=60_000)
    await expect(page.get_by_role("button", name="Cancel job")).to_have_count(0)
    with httpx.Client(base_url=ui_server.url, headers=alice.headers, timeout=30) as client:
        assert client.get(f"/api/v1/jobs/{job_id}").json()["state"] == "cancelled"
