"""Accounts in the browser: sign up, verify, sign in, stay signed in, switch language."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect

from tests.e2e.ui.conftest import PASSWORD, UiServer, check_screen, new_email, sign_up

pytestmark = pytest.mark.e2e


async def test_sign_up_verify_sign_in_and_stay_signed_in(page: Page, ui_server: UiServer) -> None:
    email = new_email("signup")
    await page.goto(f"{ui_server.url}/")
    await expect(page).to_have_url(f"{ui_server.url}/signin")
    await check_screen(page, "sign in", shot="sign-in")

    await page.get_by_role("link", name="Create account").click()
    await check_screen(page, "register")
    await page.get_by_label("Name", exact=True).fill("Signup Test")
    await page.get_by_label("Email", exact=True).fill(email)
    await page.get_by_label("Password", exact=True).fill(PASSWORD)
    await page.get_by_role("button", name="Create account").click()

    await expect(page.get_by_role("heading", name="Verify email")).to_be_visible()
    await check_screen(page, "verify")
    await expect(page.get_by_label("Email", exact=True)).to_have_value(email)
    await page.get_by_label("6-digit code").fill(ui_server.latest_code(email))
    await page.get_by_role("button", name="Verify email").click()

    await expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    await page.get_by_label("Password", exact=True).fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("heading", name="Jobs", level=1)).to_be_visible()
    await expect(page.get_by_text("No jobs yet.")).to_be_visible()

    # A reload keeps the session; a stale access token is refreshed with the rotated refresh token.
    await page.evaluate(
        "() => { const s = JSON.parse(localStorage.getItem('gofer.session'));"
        " s.accessToken = 'expired'; localStorage.setItem('gofer.session', JSON.stringify(s)); }"
    )
    before = await page.evaluate("JSON.parse(localStorage.getItem('gofer.session')).refreshToken")
    await page.reload()
    await expect(page.get_by_text("No jobs yet.")).to_be_visible()
    after = await page.evaluate("JSON.parse(localStorage.getItem('gofer.session')).refreshToken")
    assert after != before

    # The language switch changes every string, and the page's lang attribute.
    await page.get_by_label("Language").first.select_option("sv")
    await expect(page.get_by_role("heading", name="Jobb", level=1)).to_be_visible()
    assert await page.evaluate("document.documentElement.lang") == "sv"
    await page.get_by_label("Språk").first.select_option("vi")
    await expect(page.get_by_role("heading", name="Công việc", level=1)).to_be_visible()
    await page.get_by_label("Ngôn ngữ").first.select_option("en")

    await page.get_by_role("button", name="Sign out").click()
    await expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


async def test_wrong_password_shows_the_servers_sentence(page: Page, ui_server: UiServer) -> None:
    await page.goto(f"{ui_server.url}/signin")
    await page.get_by_label("Email", exact=True).fill(new_email("nobody"))
    await page.get_by_label("Password", exact=True).fill("not the password at all")
    await page.get_by_role("button", name="Sign in").click()
    alert = page.get_by_role("alert")
    await expect(alert).to_be_visible()
    assert (await alert.inner_text()).strip() != ""


async def test_forgot_reset_and_token_screens_are_accessible(
    page: Page, ui_server: UiServer
) -> None:
    await page.goto(f"{ui_server.url}/forgot")
    await check_screen(page, "forgot password")
    await page.goto(f"{ui_server.url}/reset?email=someone%40example.com")
    await check_screen(page, "reset password")
    await page.goto(f"{ui_server.url}/token")
    await check_screen(page, "API token")


async def test_signing_in_works_from_the_keyboard_alone(page: Page, ui_server: UiServer) -> None:
    account = sign_up(ui_server, "keys")
    await page.goto(f"{ui_server.url}/signin")
    for _ in range(12):
        await page.keyboard.press("Tab")
        if await page.evaluate("document.activeElement.type") == "email":
            break
    else:
        raise AssertionError("the email field cannot be reached with Tab")
    await page.keyboard.type(account.email)
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.type") == "password"
    await page.keyboard.type(account.password)
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("heading", name="Jobs", level=1)).to_be_visible()
    # Every link and button in the header is reachable and named.
    unnamed = await page.evaluate(
        "[...document.querySelectorAll('a, button, input, select, textarea')]"
        ".filter(e => !(e.labels?.length || e.getAttribute('aria-label') || e.textContent.trim()))"
        ".map(e => e.outerHTML)"
    )
    assert unnamed == []
