"""Speech to text: local faster-whisper (default, offline) or an OpenAI-compatible URL."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path
from typing import Any, ClassVar, Protocol

import httpx
import numpy as np

from gofer.voice import models
from gofer.voice.audio import pcm_to_wav, resample

WHISPER_RATE = 16000
# Domain words (places, form terms) steer the small models towards the right spellings.
PROMPTS: dict[str, str] = json.loads(Path(__file__).with_name("prompts.json").read_text())


class Transcriber(Protocol):
    async def transcribe(self, pcm16: bytes, sample_rate: int, language: str) -> str: ...


class WhisperTranscriber:
    """faster-whisper on the CPU: multilingual base for vi/sv (and en), tiny.en for English.

    Models are loaded once per process and shared by every call (CTranslate2 is thread-safe);
    the language is always forced, never detected.
    """

    _loaded: ClassVar[dict[str, Any]] = {}
    _lock = threading.Lock()

    def __init__(self, models_root: Path, english_model: str = "tiny.en", cpu_threads: int = 2):
        self.models_root = models_root
        self.english_model = english_model
        self.cpu_threads = cpu_threads

    def model_name(self, language: str) -> str:
        if language == "en" and self.english_model == "tiny.en":
            return models.TINY_EN
        return models.BASE

    def _model(self, name: str) -> Any:
        with self._lock:
            key = f"{self.models_root}/{name}"
            if key not in self._loaded:
                from faster_whisper import WhisperModel

                folder = models.require(self.models_root, name)
                self._loaded[key] = WhisperModel(
                    str(folder), device="cpu", compute_type="int8", cpu_threads=self.cpu_threads
                )
            return self._loaded[key]

    def warm_up(self, languages: list[str]) -> None:
        for language in languages:
            self._model(self.model_name(language))

    def transcribe_sync(self, pcm16: bytes, sample_rate: int, language: str) -> str:
        audio = resample(pcm16, sample_rate, WHISPER_RATE)
        samples = np.frombuffer(audio, dtype=np.int16).astype(np.float32) / 32768.0
        model = self._model(self.model_name(language))
        segments, _info = model.transcribe(
            samples,
            language=language,
            beam_size=1,
            without_timestamps=True,
            condition_on_previous_text=False,
            vad_filter=False,
            initial_prompt=PROMPTS.get(language),
        )
        # Segments decode lazily: joining them here runs the model, in the caller's thread.
        text = " ".join(s.text.strip() for s in segments if s.no_speech_prob < 0.8)
        return text.strip()

    async def transcribe(self, pcm16: bytes, sample_rate: int, language: str) -> str:
        return await asyncio.to_thread(self.transcribe_sync, pcm16, sample_rate, language)


class OpenAITranscriber:
    """Any OpenAI-compatible `/v1/audio/transcriptions` endpoint (cloud or local)."""

    def __init__(self, base_url: str, api_key: str | None, model: str, timeout_s: float = 15.0):
        self.base_url = base_url.rstrip("/")
        self.model = model
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.AsyncClient(headers=headers, timeout=timeout_s)

    def _url(self) -> str:
        if self.base_url.endswith("/v1"):
            return f"{self.base_url}/audio/transcriptions"
        return f"{self.base_url}/v1/audio/transcriptions"

    async def transcribe(self, pcm16: bytes, sample_rate: int, language: str) -> str:
        files = {"file": ("speech.wav", pcm_to_wav(pcm16, sample_rate), "audio/wav")}
        data = {"model": self.model, "language": language, "response_format": "json"}
        response = await self._client.post(self._url(), files=files, data=data)
        response.raise_for_status()
        return str(response.json().get("text", "")).strip()

    async def aclose(self) -> None:
        await self._client.aclose()
