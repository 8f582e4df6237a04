"""Offline STT/TTS round trips per language, and the OpenAI-compatible engines against a fake."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from gofer.serving import BackgroundServer
from gofer.voice.audio import duration_s
from gofer.voice.booking_request import parse
from gofer.voice.stt import OpenAITranscriber, WhisperTranscriber
from gofer.voice.tts import EspeakSynthesizer, LocalSynthesizer, OpenAISynthesizer
from tests.unit.voice.support import fake_openai_app, models_root, tone


@pytest.fixture(scope="module")
def transcriber() -> WhisperTranscriber:
    return WhisperTranscriber(models_root())


async def test_piper_english_round_trip(transcriber: WhisperTranscriber) -> None:
    speech = await LocalSynthesizer().synthesize(
        "Book a driving test in Uppsala before March.", "en"
    )
    assert speech.sample_rate == 22050 and duration_s(speech.pcm16, speech.sample_rate) > 1.0
    text = await transcriber.transcribe(speech.pcm16, speech.sample_rate, "en")
    assert "driving test" in text.lower()
    assert parse(text, date(2026, 12, 6)).locations == ["Uppsala"]


async def test_swedish_uses_the_multilingual_model(transcriber: WhisperTranscriber) -> None:
    speech = await EspeakSynthesizer().synthesize("Uppsala", "sv")
    assert transcriber.model_name("sv") == "whisper-base"
    assert transcriber.model_name("en") == "whisper-tiny.en"
    text = await transcriber.transcribe(speech.pcm16, speech.sample_rate, "sv")
    assert "uppsala" in text.lower()


async def test_espeak_speaks_vietnamese() -> None:
    speech = await EspeakSynthesizer().synthesize("Xin chào, tôi có thể giúp gì?", "vi")
    assert duration_s(speech.pcm16, speech.sample_rate) > 1.0


async def test_silence_transcribes_to_nothing(transcriber: WhisperTranscriber) -> None:
    assert await transcriber.transcribe(bytes(16000 * 2), 16000, "en") == ""


@pytest.fixture
def fake_openai() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    calls: list[dict[str, Any]] = []
    server = BackgroundServer(fake_openai_app(calls)).start()
    try:
        yield server.url, calls
    finally:
        server.stop()


async def test_openai_transcriber_posts_wav_with_language(
    fake_openai: tuple[str, list[dict[str, Any]]],
) -> None:
    url, calls = fake_openai
    stt = OpenAITranscriber(url, "sk-test", "whisper-1")
    try:
        text = await stt.transcribe(tone(1.0, 16000), 16000, "vi")
    finally:
        await stt.aclose()
    assert text == "fake words in vi"
    assert calls == [
        {
            "path": "transcriptions",
            "model": "whisper-1",
            "language": "vi",
            "auth": "Bearer sk-test",
            "wav": True,
        }
    ]


async def test_openai_synthesizer_reads_wav(fake_openai: tuple[str, list[dict[str, Any]]]) -> None:
    url, calls = fake_openai
    tts = OpenAISynthesizer(url + "/v1", None, "tts-1", "alloy")
    try:
        speech = await tts.synthesize("Hello", "en")
    finally:
        await tts.aclose()
    assert speech.sample_rate == 24000 and duration_s(speech.pcm16, 24000) == pytest.approx(0.5)
    assert calls[0]["input"] == "Hello" and calls[0]["response_format"] == "wav"


async def test_llm_names_the_intent_and_the_dialogue_acts_on_it(
    fake_openai: tuple[str, list[dict[str, Any]]],
) -> None:
    from gofer.api.auth import Principal
    from gofer.voice.dialogue import Dialogue
    from gofer.voice.llm import IntentModel
    from gofer.voice.transcripts import TranscriptLog
    from tests.unit.voice.test_voice_dialogue import RecordingBackend

    url, calls = fake_openai
    model = IntentModel(url, "sk-llm", "small-model")

    async def silent(text: str) -> None:
        return None

    backend = RecordingBackend()
    talk = Dialogue(
        backend,  # type: ignore[arg-type]
        Principal("u1"),
        "ses_1",
        "en",
        TranscriptLog(),
        silent,
        intents=model,
    )
    try:
        [answer] = await talk.reply("I'm lost, what is this thing")
    finally:
        await model.aclose()
    assert "driving test" in answer  # the fake model said "help"
    assert backend.form_messages == []
    assert calls[0]["path"] == "chat" and calls[0]["model"] == "small-model"
