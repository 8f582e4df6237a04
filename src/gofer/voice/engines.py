"""Chooses the speech engines from the settings: offline by default, a URL when configured."""

from __future__ import annotations

from gofer.config import Settings
from gofer.voice.llm import IntentModel
from gofer.voice.stt import OpenAITranscriber, Transcriber, WhisperTranscriber
from gofer.voice.tts import LocalSynthesizer, OpenAISynthesizer, Synthesizer


def secret(value: object) -> str | None:
    getter = getattr(value, "get_secret_value", None)
    return getter() if getter else None


def make_transcriber(settings: Settings) -> Transcriber:
    if settings.voice_stt_url:
        return OpenAITranscriber(
            settings.voice_stt_url, secret(settings.voice_stt_api_key), settings.voice_stt_model
        )
    return WhisperTranscriber(settings.effective_voice_models_dir, settings.voice_english_model)


def make_synthesizer(settings: Settings) -> Synthesizer:
    if settings.voice_tts_url:
        return OpenAISynthesizer(
            settings.voice_tts_url,
            secret(settings.voice_tts_api_key),
            settings.voice_tts_model,
            settings.voice_tts_voice,
        )
    return LocalSynthesizer()


def make_intent_model(settings: Settings, model: str = "") -> IntentModel | None:
    """The voice dialogue's LLM when configured; `model` (a caller's choice) replaces LLM_MODEL."""
    if not (settings.voice_use_llm and settings.llm_base_url and settings.llm_model):
        return None
    return IntentModel(
        settings.llm_base_url,
        secret(settings.llm_api_key),
        model or settings.llm_model,
        settings.llm_timeout_s,
    )
