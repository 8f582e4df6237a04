"""A real browser call: headless Chromium uses a WAV file as its microphone and talks to Gofer."""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Page, async_playwright

from gofer.browser.pool import CHROMIUM_ARGS
from gofer.config import Settings
from gofer.voice.audio import pcm_to_wav
from gofer.voice.booking_request import parse
from gofer.voice.stt import WhisperTranscriber
from gofer.voice.tts import PiperSynthesizer
from tests.e2e.voice.conftest import User, VoiceServer
from tests.unit.voice.support import models_root

pytestmark = pytest.mark.e2e

# Chromium's fake devices: no permission prompt, the WAV as microphone, autoplay of the bot's voice.
FAKE_MEDIA = [
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
]


def conversation_wav(path: Path, turns: list[tuple[float, str]]) -> Path:
    """English speech turns, each after a pause, then silence (Piper, made at test time)."""
    piper = PiperSynthesizer()
    rate = 22050
    pcm = b""
    for pause_s, text in turns:
        speech = piper.synthesize_sync(text)
        pcm += bytes(int(pause_s * rate) * 2) + speech.pcm16
    pcm += bytes(int(4 * rate) * 2)
    path.write_bytes(pcm_to_wav(pcm, rate))
    return path


async def items_of(page: Page, kind: str) -> list[dict[str, Any]]:
    return list(await page.evaluate(f"window.gofer.items.filter(i => i.type === '{kind}')"))


async def test_browser_booking_call(voice_server: VoiceServer, alice: User, tmp_path: Path) -> None:
    wav = conversation_wav(
        tmp_path / "mic.wav",
        [(3.0, "Book a driving test in Uppsala or Järfälla before March."), (9.0, "Yes, please.")],
    )
    async with async_playwright() as playwright:
        # The project's default browser, Debian's headless shell, plays the fake audio file too.
        browser = await playwright.chromium.launch(
            executable_path=Settings(_env_file=None).effective_browser_executable,  # type: ignore[call-arg]
            headless=True,
            args=[*CHROMIUM_ARGS, *FAKE_MEDIA, f"--use-file-for-fake-audio-capture={wav}%noloop"],
        )
        try:
            page = await browser.new_page()
            await page.goto(f"{voice_server.url}/voice?token={alice.token}&language=en&greet=0")
            await page.click("#start")
            await page.wait_for_function("window.gofer.state === 'connected'", timeout=30000)
            try:
                await page.wait_for_function(
                    "window.gofer.items.some(i => i.type === 'transcript' && /shall i start/i.test(i.message.content))",
                    timeout=60000,
                )
            except Exception:
                said = await page.evaluate("JSON.stringify(window.gofer.items)")
                raise AssertionError(f"no confirmation question; the call so far: {said}") from None
            await page.wait_for_function("window.gofer.botAudioSeen === true", timeout=30000)
            try:
                await page.wait_for_function(
                    "window.gofer.items.some(i => i.type === 'job_started')", timeout=60000
                )
            except Exception:
                said = await page.evaluate("JSON.stringify(window.gofer.items)")
                raise AssertionError(f"no booking started; the call so far: {said}") from None
            [started] = await items_of(page, "job_started")
            said = [i["message"]["content"] for i in await items_of(page, "transcript")]
            assert started["params"]["locations"] == ["Uppsala", "Järfälla"], said
            assert started["params"]["exam_type"] == "Körprov"
            # What the browser played, transcribed back, is the bot's confirmation question.
            recorded = base64.b64decode(await page.evaluate("window.gofer.takeRecording()"))
            heard = await WhisperTranscriber(models_root()).transcribe(recorded, 16000, "en")
            assert parse(heard, date.today()).locations[:1] == ["Uppsala"]
            await page.evaluate("window.gofer.stop()")
        finally:
            await browser.close()
