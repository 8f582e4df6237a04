"""The forms assistant in the browser: a chat that fills the Loan form, then confirm and submit."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Page, expect

from gofer.serving import BackgroundServer
from tests.e2e.ui.conftest import Account, UiServer, check_screen, sign_in

pytestmark = pytest.mark.e2e

REQUEST = (
    "Mở đơn vay cho Nguyễn Văn An, số điện thoại 0912345678, email an@example.com, "
    "vay 500 triệu trong 24 tháng, mục đích mua xe"
)


async def test_chat_fills_and_submits_the_loan_form(
    page: Page, ui_server: UiServer, replica: BackgroundServer, alice: Account
) -> None:
    await sign_in(page, ui_server.url, alice)
    await page.get_by_role("link", name="Forms assistant").click()
    await expect(page.get_by_role("heading", name="Forms assistant", level=1)).to_be_visible()
    await check_screen(page, "forms assistant (empty)")

    await page.get_by_label("Message").fill(REQUEST)
    await page.get_by_role("button", name="Send").click()
    fields = page.get_by_test_id("filled-fields")
    await expect(fields).to_be_visible(timeout=60_000)
    await expect(fields.get_by_role("row", name="loanAmount")).to_contain_text("500000000")
    await expect(fields.get_by_role("row", name="customerName")).to_contain_text("Nguyễn Văn An")
    # Each value says which message it came from.
    await expect(fields.get_by_role("row", name="phoneNumber")).to_contain_text("0912345678")
    await expect(fields.get_by_role("row", name="phoneNumber")).to_contain_text("Mở đơn vay")
    session = await page.get_by_test_id("forms-session").inner_text()
    await expect(page.get_by_title("The form, live")).to_be_visible()
    await check_screen(page, "forms assistant", shot="forms")

    async with httpx.AsyncClient(base_url=replica.url, timeout=30) as site:
        state = (await site.get("/_replica/forms/loan/state", params={"session": session})).json()
        assert state["submissions"] == []

        await page.get_by_role("button", name="Confirm and submit").click()
        await expect(page.get_by_test_id("form-submitted")).to_be_visible(timeout=60_000)
        state = (await site.get("/_replica/forms/loan/state", params={"session": session})).json()
    assert len(state["submissions"]) == 1
    submitted = state["submissions"][0]["values"]
    assert submitted["loanAmount"] == "500000000" and submitted["phoneNumber"] == "0912345678"

    # The conversation is in the history.
    await page.get_by_role("link", name="History").click()
    await page.get_by_role("button", name=REQUEST[:40]).first.click()
    await expect(page.locator("#session-title")).to_be_visible()
    await check_screen(page, "history", shot="history")
