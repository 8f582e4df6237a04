"""Settings in the browser: API keys (secret once, revoke), webhook endpoints and their log."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Page, expect

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


async def test_admin_sees_system_health(page: Page, ui_server: UiServer) -> None:
    await sign_in_with_token(page, ui_server.url, ADMIN_TOKEN)
    await page.get_by_role("link", name="System").click()
    await expect(page.get_by_role("heading", name="browser")).to_be_visible()
    await expect(page.get_by_role("heading", name="queue")).to_be_visible()
    await check_screen(page, "system health", shot="health")
