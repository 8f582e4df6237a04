"""Settings in the browser: API keys (secret once, revoke), webhook endpoints and their log, and
the person's language, voice and model kept on the server."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.e2e.conftest import ADMIN_TOKEN
from tests.e2e.ui.conftest import (
    Account,
    Receiver,
    UiServer,
    check_screen,
    sign_in,
    sign_in_with_token,
    sign_up,
)

pytestmark = pytest.mark.e2e


async def test_api_key_is_shown_once_works_and_can_be_revoked(
    page: Page, ui_server: UiServer, alice: Account
) -> None:
    await sign_in(page, ui_server.url, alice)
    await page.get_by_role("link", name="Settings").click()
    await page.get_by_label("Name", exact=True).fill("nightly sync")
    await page.get_by_role("button", name="Create key").click()
    secret = await page.get_by_test_id("secret-value").input_value()
    assert secret
    await expect(
        page.get_by_test_id("api-keys").get_by_role("row", name="nightly sync")
    ).to_be_visible()
    await check_screen(page, "settings", shot="settings")

    with httpx.Client(base_url=ui_server.url, timeout=30) as client:
        auth = {"Authorization": f"Bearer {secret}"}
        assert client.get("/api/v1/jobs", headers=auth).status_code == 200
        await page.get_by_role("button", name="Revoke nightly sync").click()
        await expect(page.get_by_test_id("api-keys").get_by_text("revoked")).to_be_visible()
        assert client.get("/api/v1/jobs", headers=auth).status_code == 401
    # The secret is not shown again after a reload.
    await page.reload()
    await expect(page.get_by_test_id("secret-value")).to_have_count(0)


async def test_webhook_endpoint_test_delivery_shows_in_the_log(
    page: Page, ui_server: UiServer, receiver: tuple[Receiver, str]
) -> None:
    hooks, url = receiver
    account = sign_up(ui_server, "hooks")
    await sign_in(page, ui_server.url, account)
    await page.get_by_role("link", name="Settings").click()
    await page.get_by_label("URL", exact=True).fill(url)
    await page.get_by_label("Description").fill("local receiver")
    await page.get_by_label("booking_completed").check()
    await page.get_by_role("button", name="Add endpoint").click()
    assert (await page.get_by_test_id("secret-value").input_value()).startswith("whsec_")

    await page.get_by_role("button", name="Send a test").click()
    log = page.get_by_test_id("delivery-log")
    await expect(log.get_by_text("delivered")).to_be_visible(timeout=30_000)
    assert hooks.received, "the receiver got nothing"
    await check_screen(page, "webhook delivery log", shot="webhooks", show=log)

    await log.get_by_role("button", name="Redeliver").first.click()
    await expect(page.get_by_text("Queued for redelivery.")).to_be_visible()


async def test_a_second_user_sees_none_of_the_first_users_jobs(
    page: Page, ui_server: UiServer
) -> None:
    first = sign_up(ui_server, "first")
    with httpx.Client(base_url=ui_server.url, headers=first.headers, timeout=90) as client:
        started = client.post(
            "/api/v1/booking/start", json={"locations": ["Uppsala"], "auto_book": False}
        )
        assert started.status_code == 201, started.text
        job_id = started.json()["job_id"]
        client.post(f"/api/v1/jobs/{job_id}/cancel").raise_for_status()

    second = sign_up(ui_server, "second")
    await sign_in(page, ui_server.url, second)
    await expect(page.get_by_text("No jobs yet.")).to_be_visible()
    await page.goto(f"{ui_server.url}/jobs/{job_id}")
    await expect(page.get_by_role("alert")).to_have_text("Job not found")
    await check_screen(page, "job not found")


async def test_admin_sees_system_health(page: Page, ui_server: UiServer) -> None:
    await sign_in_with_token(page, ui_server.url, ADMIN_TOKEN)
    await page.get_by_role("link", name="System").click()
    await expect(page.get_by_role("heading", name="browser")).to_be_visible()
    await expect(page.get_by_role("heading", name="queue")).to_be_visible()
    await check_screen(page, "system health", shot="health")


async def test_language_voice_and_model_follow_the_user_to_another_browser(
    page: Page, ui_server: UiServer, chromium: Browser
) -> None:
    account = sign_up(ui_server, "prefs")
    await sign_in(page, ui_server.url, account)
    await page.get_by_role("link", name="Settings").click()
    prefs = page.get_by_test_id("preferences")
    await prefs.get_by_label("Language", exact=True).select_option("sv")
    await prefs.get_by_label("Language of voice calls").select_option("vi")
    await prefs.get_by_label("Voice", exact=True).select_option("female")
    # A model name the server refuses: its sentence, and nothing saved.
    await prefs.get_by_label("Language model").fill("gpt 4")
    await prefs.get_by_role("button", name="Save settings").click()
    await expect(prefs.locator("xpath=..").get_by_role("alert")).to_contain_text("'model'")
    await prefs.get_by_label("Language model").fill("llama3.1:8b")
    await prefs.get_by_role("button", name="Save settings").click()
    await expect(prefs.get_by_role("status")).to_have_text("Sparat.")
    await expect(page.get_by_role("heading", name="Inställningar", level=1)).to_be_visible()
    await check_screen(page, "settings (Swedish)")

    # Another browser, nothing in its storage: the person's settings come from the server.
    other = await chromium.new_context(viewport={"width": 1280, "height": 860})
    try:
        second = await other.new_page()
        await second.goto(f"{ui_server.url}/signin")
        await second.get_by_label("Email", exact=True).fill(account.email)
        await second.get_by_label("Password", exact=True).fill(account.password)
        await second.get_by_role("button", name="Sign in").click()
        await expect(second.get_by_role("heading", name="Jobb", level=1)).to_be_visible()
        await second.get_by_role("link", name="Inställningar").click()
        saved = second.get_by_test_id("preferences")
        await expect(saved.get_by_label("Språk i röstsamtal")).to_have_value("vi")
        await expect(saved.get_by_label("Röst", exact=True)).to_have_value("female")
        await expect(saved.get_by_label("Språkmodell")).to_have_value("llama3.1:8b")
        # The header's switch is the person's choice too.
        await second.get_by_label("Språk").first.select_option("en")
        await expect(second.get_by_role("heading", name="Settings", level=1)).to_be_visible()
    finally:
        await other.close()
    with httpx.Client(base_url=ui_server.url, headers=account.headers, timeout=30) as client:
        stored = client.get("/api/v1/me/settings").json()
    assert (stored["language"], stored["voice_language"], stored["model"]) == (
        "en",
        "vi",
        "llama3.1:8b",
    )
