"""A voice call from the forms screen's microphone button: Chromium's microphone is a WAV file of
speech made at test time; the call is in the language the person saved, and it starts a booking."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, async_playwright, expect

from gofer.browser.pool import CHROMIUM_ARGS
from tests.e2e.ui.conftest import DESKTOP, WAIT_MS, Account, UiServer, check_screen, sign_up
from tests.e2e.voice.test_voice_browser import FAKE_MEDIA, conversation_wav

pytestmark = pytest.mark.e2e


@pytest.fixture
def microphone(tmp_path: Path) -> Path:
    # The bot greets first (about six seconds); then the request, and the yes after its question.
    return conversation_wav(
        tmp_path / "mic.wav",
        [(9.0, "Book a driving test in Uppsala or Järfälla before March."), (12.0, "Yes, please.")],
    )


@pytest.fixture
async def talking_browser(microphone: Path) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=[
                *CHROMIUM_ARGS,
                *FAKE_MEDIA,
                f"--use-file-for-fake-audio-capture={microphone}%noloop",
            ],
        )
        yield browser
        await browser.close()


async def sign_in_swedish(page: Page, base_url: str, account: Account) -> None:
    await page.goto(f"{base_url}/signin")
    await page.get_by_label("Email", exact=True).fill(account.email)
    await page.get_by_label("Password", exact=True).fill(account.password)
    await page.get_by_role("button", name="Sign in").click()
    # The saved settings turn the screens Swedish.
    await expect(page.get_by_role("heading", name="Jobb", level=1)).to_be_visible()


async def test_a_voice_call_from_the_microphone_button_starts_a_booking(
    ui_server: UiServer, talking_browser: Browser
) -> None:
    caller = sign_up(ui_server, "caller")
    with httpx.Client(base_url=ui_server.url, headers=caller.headers, timeout=30) as api:
        # Swedish screens, English calls: the call must follow the saved voice-call language.
        saved = api.put(
            "/api/v1/me/settings",
            json={"language": "sv", "voice_language": "en", "voice": "default", "model": ""},
        )
        assert saved.status_code == 200, saved.text
        assert api.get("/api/v1/jobs").json()["jobs"] == []

        context = await talking_browser.new_context(
            viewport={"width": DESKTOP[0], "height": DESKTOP[1]}
        )
        try:
            page = await context.new_page()
            page.set_default_timeout(WAIT_MS)
            await sign_in_swedish(page, ui_server.url, caller)
            await page.get_by_role("link", name="Formulärassistent").click()
            await page.get_by_role("button", name="Prata").click()
            await expect(page.get_by_role("button", name="Sluta prata")).to_have_attribute(
                "aria-pressed", "true"
            )
            chat = page.get_by_role("list", name="Konversation")
            # The person's words, heard, and the bot's question, in English, in the chat.
            await expect(chat).to_contain_text("Uppsala", timeout=90_000)
            await expect(chat).to_contain_text("Shall I start?", timeout=90_000)
            await expect(page.get_by_test_id("forms-session")).to_be_visible()
            await check_screen(page, "forms assistant, voice call", shot="forms-voice")
            await expect(chat).to_contain_text("Starting the booking now.", timeout=90_000)

            await page.get_by_role("button", name="Sluta prata").click()
            await expect(page.get_by_role("button", name="Prata")).to_be_visible()
            # The booking the call started is the caller's, on the jobs screen.
            await page.get_by_role("link", name="Jobb").first.click()
            await expect(page.locator("li.job-row")).to_have_count(1)
        finally:
            await context.close()
            for job in api.get("/api/v1/jobs").json()["jobs"]:
                api.post(f"/api/v1/jobs/{job['job_id']}/cancel")
        jobs = api.get("/api/v1/jobs").json()["jobs"]
    assert len(jobs) == 1 and jobs[0]["workflow"] == "trafikverket.book"
    assert jobs[0]["params"]["locations"] == ["Uppsala", "Järfälla"]
