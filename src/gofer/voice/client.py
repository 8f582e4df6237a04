"""A headless WebRTC voice client on aiortc: speaks PCM into a call and records the bot's audio.

Used by the tests and bench/voice.py; also handy for scripting a call without a browser.
"""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import time
from dataclasses import dataclass, field
from typing import Any, cast

import httpx
import numpy as np
from aiortc import MediaStreamTrack, RTCPeerConnection, RTCSessionDescription
from av import AudioFrame
from av.audio.resampler import AudioResampler

from gofer.voice.audio import resample

RATE = 48000
FRAME = 960  # 20 ms
SILENCE_LEVEL = 300  # int16 RMS above this counts as the bot speaking


class SpeakerTrack(MediaStreamTrack):
    """A microphone that plays queued speech in real time and silence in between."""

    kind = "audio"

    def __init__(self) -> None:
        super().__init__()
        self._buffer = np.zeros(0, dtype=np.int16)
        self._pts = 0
        self._started: float | None = None
        self.speech_ended_at: float | None = None  # perf_counter when the last queued sample went
        self.drained = asyncio.Event()

    def speak(self, pcm16: bytes, sample_rate: int) -> float:
        """Queues speech; returns its length in seconds."""
        samples = np.frombuffer(resample(pcm16, sample_rate, RATE), dtype=np.int16)
        self._buffer = np.concatenate([self._buffer, samples])
        self.speech_ended_at = None
        self.drained.clear()
        return len(samples) / RATE

    @property
    def speaking(self) -> bool:
        return len(self._buffer) > 0

    async def recv(self) -> AudioFrame:
        if self._started is None:
            self._started = time.perf_counter()
        else:
            self._pts += FRAME
            wait = self._started + self._pts / RATE - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
        chunk = self._buffer[:FRAME]
        had_speech = len(chunk) > 0
        self._buffer = self._buffer[FRAME:]
        if had_speech and len(self._buffer) == 0:
            self.speech_ended_at = time.perf_counter()
            self.drained.set()
        if len(chunk) < FRAME:
            chunk = np.concatenate([chunk, np.zeros(FRAME - len(chunk), dtype=np.int16)])
        frame = AudioFrame.from_ndarray(chunk.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = RATE
        frame.pts = self._pts
        frame.time_base = fractions.Fraction(1, RATE)
        return frame


@dataclass
class Recording:
    """The bot's audio at 16 kHz, with the time each 20 ms piece arrived."""

    chunks: list[tuple[float, np.ndarray]] = field(default_factory=list)

    def since(self, t0: float) -> bytes:
        return b"".join(c.tobytes() for t, c in self.chunks if t >= t0)

    def first_sound_after(self, t0: float) -> float | None:
        for t, chunk in self.chunks:
            if t >= t0 and _rms(chunk) > SILENCE_LEVEL:
                return t
        return None

    def last_sound(self) -> float | None:
        for t, chunk in reversed(self.chunks):
            if _rms(chunk) > SILENCE_LEVEL:
                return t
        return None


def _rms(chunk: np.ndarray) -> float:
    return float(np.sqrt(np.mean(chunk.astype(np.float32) ** 2))) if len(chunk) else 0.0


class VoiceClient:
    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.pc = RTCPeerConnection()
        self.mic = SpeakerTrack()
        self.recording = Recording()
        self.answer: dict[str, Any] = {}
        self._reader: asyncio.Task[None] | None = None
        self._resampler = AudioResampler(format="s16", layout="mono", rate=16000)

    async def connect(self, **request_data: Any) -> dict[str, Any]:
        self.pc.addTrack(self.mic)

        @self.pc.on("track")
        def _on_track(track: MediaStreamTrack) -> None:
            if track.kind == "audio":
                self._reader = asyncio.get_running_loop().create_task(self._read(track))

        await self.pc.setLocalDescription(await self.pc.createOffer())
        async with httpx.AsyncClient(timeout=30) as http:
            response = await http.post(
                f"{self.base_url}/offer",
                json={
                    "sdp": self.pc.localDescription.sdp,
                    "type": "offer",
                    "request_data": request_data,
                },
                headers={"Authorization": f"Bearer {self.token}"},
            )
        response.raise_for_status()
        self.answer = response.json()
        await self.pc.setRemoteDescription(
            RTCSessionDescription(sdp=self.answer["sdp"], type=self.answer["type"])
        )
        return self.answer

    async def _read(self, track: MediaStreamTrack) -> None:
        with contextlib.suppress(Exception):
            while True:
                frame = cast(AudioFrame, await track.recv())
                arrived = time.perf_counter()
                for out in self._resampler.resample(frame):
                    self.recording.chunks.append((arrived, out.to_ndarray().reshape(-1).copy()))

    async def say(self, pcm16: bytes, sample_rate: int) -> float:
        """Speaks and returns when the last sample has been sent (perf_counter time)."""
        self.mic.speak(pcm16, sample_rate)
        await self.mic.drained.wait()
        assert self.mic.speech_ended_at is not None
        return self.mic.speech_ended_at

    async def wait_for_bot(self, after: float, timeout_s: float = 20.0) -> float | None:
        """When the bot's first audible audio arrived after `after`, or None."""
        deadline = time.perf_counter() + timeout_s
        while time.perf_counter() < deadline:
            found = self.recording.first_sound_after(after)
            if found is not None:
                return found
            await asyncio.sleep(0.02)
        return None

    async def wait_for_quiet(self, quiet_s: float = 1.0, timeout_s: float = 30.0) -> None:
        """Until the bot has been silent for `quiet_s`."""
        deadline = time.perf_counter() + timeout_s
        while time.perf_counter() < deadline:
            last = self.recording.last_sound()
            if last is not None and time.perf_counter() - last > quiet_s:
                return
            await asyncio.sleep(0.05)

    async def close(self) -> None:
        await self.pc.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(BaseException):
                await self._reader
