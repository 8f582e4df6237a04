"""Offline STT/TTS round trips per language, and the OpenAI-compatible engines against a fake."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import numpy as np
import pytest

from gofer.serving import BackgroundServer
from gofer.voice.audio import duration_s, resample
from gofer.voice.booking_request import parse
from gofer.voice.pipeline import trim_leading_silence
from gofer.voice.stt import WHISPER_RATE, OpenAITranscriber, WhisperTranscriber
from gofer.voice.tts import EspeakSynthesizer, LocalSynthesizer, OpenAISynthesizer, Speech
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


async def test_a_short_turn_is_heard_in_the_short_window(transcriber: WhisperTranscriber) -> None:
    speech = await LocalSynthesizer().synthesize("What is the status of my booking?", "en")
    samples = resample(speech.pcm16, speech.sample_rate, WHISPER_RATE)
    audio = np.frombuffer(samples, dtype=np.int16).astype(np.float32) / 32768.0
    model = transcriber._model(transcriber.model_name("en"))
    short = transcriber._transcribe_short(model, audio, "en")
    # Piper's reading varies run to run; tiny.en sometimes ends it "… my book?" either way.
    assert short is not None and "status of my book" in short.lower()
    full = WhisperTranscriber(models_root(), short_window_s=None)
    heard = await full.transcribe(speech.pcm16, speech.sample_rate, "en")
    assert "status of my book" in heard.lower()


async def test_english_speech_is_synthesized_once_per_sentence() -> None:
    synthesizer = LocalSynthesizer(cache_size=2)
    calls: list[str] = []

    async def piper(text: str, language: str) -> Speech:
        calls.append(text)
        return Speech(tone(0.1, 22050), 22050)

    synthesizer.piper.synthesize = piper  # type: ignore[method-assign]
    first = await synthesizer.synthesize("Hello.", "en")
    assert await synthesizer.synthesize("Hello.", "en") is first
    await synthesizer.synthesize("One.", "en")
    await synthesizer.synthesize("Two.", "en")  # the cache holds two: "Hello." goes
    await synthesizer.synthesize("Hello.", "en")
    assert calls == ["Hello.", "One.", "Two.", "Hello."]


def test_leading_silence_is_cut_to_ten_milliseconds() -> None:
    rate = 24000
    pcm = bytes(rate // 10 * 2) + tone(0.2, rate)  # 100 ms of silence, then sound
    trimmed = trim_leading_silence(pcm, rate)
    assert len(trimmed) == len(pcm) - (rate // 10 - rate // 100) * 2
    assert trim_leading_silence(bytes(rate * 2), rate) == bytes(rate * 2)


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


def median_pitch_hz(pcm16: bytes, rate: int) -> float:
    """The median fundamental frequency of the voiced 40 ms windows (autocorrelation)."""
    samples = np.frombuffer(pcm16, dtype=np.int16).astype(np.float64)
    window = int(rate * 0.04)
    found: list[float] = []
    for start in range(0, len(samples) - window, window):
        piece = samples[start : start + window]
        if np.sqrt(np.mean(piece**2)) < 500:
            continue  # silence or a consonant
        piece = piece - piece.mean()
        correlation = np.correlate(piece, piece, "full")[window - 1 :]
        low, high = int(rate / 400), int(rate / 70)
        found.append(rate / (low + int(np.argmax(correlation[low:high]))))
    return float(np.median(found))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("vi", "Tôi đã điền số tiền vay hai trăm triệu."),
        ("en", "Booked: Uppsala, the twelfth of March, at nine forty."),
    ],
)
async def test_a_female_voice_is_higher_than_a_male_one(language: str, text: str) -> None:
    male = await EspeakSynthesizer().synthesize(text, language, "male")
    female = await EspeakSynthesizer().synthesize(text, language, "female")
    assert median_pitch_hz(female.pcm16, female.sample_rate) > 1.3 * median_pitch_hz(
        male.pcm16, male.sample_rate
    )


async def test_the_local_voices_follow_the_callers_choice() -> None:
    """English: Piper's (male) voice by default and for "male", espeak-ng's female variant for
    "female"; Vietnamese: espeak-ng with the chosen variant."""
    local = LocalSynthesizer()
    espeak = EspeakSynthesizer()
    text = "Your booking is confirmed."
    assert (await local.synthesize(text, "en", "female")).pcm16 == (
        await espeak.synthesize(text, "en", "female")
    ).pcm16
    assert (await local.synthesize(text, "en", "male")).pcm16 != (
        await espeak.synthesize(text, "en", "male")
    ).pcm16  # Piper, not espeak-ng
    assert (await local.synthesize("Xin chào", "vi", "female")).pcm16 == (
        await espeak.synthesize("Xin chào", "vi", "female")
    ).pcm16
    assert (await espeak.synthesize("Xin chào", "vi", "female")).pcm16 != (
        await espeak.synthesize("Xin chào", "vi")
    ).pcm16


def test_a_callers_model_replaces_the_servers_and_no_llm_stays_none() -> None:
    from gofer.config import Settings
    from gofer.voice.engines import make_intent_model

    on = Settings(  # type: ignore[call-arg]
        env="dev",
        voice_use_llm=True,
        llm_base_url="http://127.0.0.1:9/v1",
        llm_model="server-model",
        _env_file=None,
    )
    server = make_intent_model(on)
    theirs = make_intent_model(on, "their-model")
    assert server is not None and server.model == "server-model"
    assert theirs is not None and theirs.model == "their-model"
    off = Settings(env="dev", llm_base_url=None, _env_file=None)  # type: ignore[call-arg]
    assert make_intent_model(off, "their-model") is None
