"""Speech to text: local faster-whisper (default, offline) or an OpenAI-compatible URL."""

from __future__ import annotations

import asyncio
import json
import threading
import zlib
from pathlib import Path
from typing import Any, ClassVar, Protocol

import httpx
import numpy as np

from gofer.voice import models
from gofer.voice.audio import pcm_to_wav, resample

WHISPER_RATE = 16000
# Whisper's encoder reads a 30 s window however short the audio; most of a turn's STT time is
# that encoder. A turn that fits in this many seconds is encoded in a window this long instead
# (about a third of the work) and decoded once, greedily. A result that looks unreliable
# (repeated text, low confidence) is redone the usual way over the full window.
SHORT_WINDOW_S = 10
FRAMES_PER_S = 100  # Whisper's mel frames (10 ms hop)
MIN_AVG_LOGPROB = -1.0  # faster-whisper's own thresholds for a decode worth keeping
MAX_COMPRESSION_RATIO = 2.4
NO_SPEECH = 0.8
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
    _tokenizers: ClassVar[dict[tuple[int, str], tuple[Any, list[int]]]] = {}
    _lock = threading.Lock()

    def __init__(
        self,
        models_root: Path,
        english_model: str = "tiny.en",
        cpu_threads: int = 2,
        short_window_s: int | None = SHORT_WINDOW_S,
    ):
        self.models_root = models_root
        self.english_model = english_model
        self.cpu_threads = cpu_threads
        self.short_window_s = short_window_s

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

    def _tokenizer(self, model: Any, language: str) -> tuple[Any, list[int]]:
        with self._lock:
            key = (id(model), language)
            if key not in self._tokenizers:
                from faster_whisper.tokenizer import Tokenizer
                from faster_whisper.transcribe import get_suppressed_tokens

                tokenizer = Tokenizer(
                    model.hf_tokenizer,
                    model.model.is_multilingual,
                    task="transcribe",
                    language=language,
                )
                self._tokenizers[key] = (tokenizer, get_suppressed_tokens(tokenizer, [-1]))
            return self._tokenizers[key]

    def _transcribe_short(self, model: Any, samples: np.ndarray, language: str) -> str | None:
        """One greedy decode over a short encoder window; None when the result looks unreliable."""
        import ctranslate2

        assert self.short_window_s is not None
        frames = self.short_window_s * FRAMES_PER_S
        features = model.feature_extractor(samples)[:, :frames]
        features = np.pad(features, ((0, 0), (0, frames - features.shape[-1])))
        tokenizer, suppressed = self._tokenizer(model, language)
        prompt: list[int] = []
        if PROMPTS.get(language):
            # As faster-whisper places an initial prompt: after <|startofprev|>, at most 223 tokens.
            prompt = [tokenizer.sot_prev, *tokenizer.encode(" " + PROMPTS[language].strip())[-223:]]
        prompt += [*tokenizer.sot_sequence, tokenizer.no_timestamps]
        result = model.model.generate(
            ctranslate2.StorageView.from_array(np.ascontiguousarray(features[None], np.float32)),
            [prompt],
            beam_size=1,
            max_length=448,
            return_scores=True,
            return_no_speech_prob=True,
            suppress_blank=True,
            suppress_tokens=suppressed,
        )[0]
        tokens = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
        text = str(tokenizer.decode(tokens)).strip()
        if result.no_speech_prob > NO_SPEECH:
            return ""
        avg_logprob = result.scores[0] * len(tokens) / (len(tokens) + 1)
        compression = len(text.encode()) / max(1, len(zlib.compress(text.encode())))
        if avg_logprob < MIN_AVG_LOGPROB or compression > MAX_COMPRESSION_RATIO:
            return None
        return text

    def transcribe_sync(self, pcm16: bytes, sample_rate: int, language: str) -> str:
        audio = resample(pcm16, sample_rate, WHISPER_RATE)
        samples = np.frombuffer(audio, dtype=np.int16).astype(np.float32) / 32768.0
        model = self._model(self.model_name(language))
        if self.short_window_s and len(samples) < (self.short_window_s - 1) * WHISPER_RATE:
            text = self._transcribe_short(model, samples, language)
            if text is not None:
                return text
        segments, _info = model.transcribe(
            samples,
            language=language,
            beam_size=1,
            without_timestamps=True,
            condition_on_previous_text=False,
            vad_filter=False,
            initial_prompt=PROMPTS.get(language),
            # One greedy decode: the fallback ladder (temperatures 0.2 … 1.0) re-decoded
            # unclear speech up to five more times, 10 s and more per turn with base.
            temperature=0.0,
        )
        # Segments decode lazily: joining them here runs the model, in the caller's thread.
        text = " ".join(s.text.strip() for s in segments if s.no_speech_prob < NO_SPEECH)
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
