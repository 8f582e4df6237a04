"""The Pipecat pipeline of one call: Silero VAD → STT → turn end → dialogue → TTS, with barge-in."""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from typing import Any

import numpy as np
from pipecat.audio.turn.smart_turn.local_smart_turn_v3 import LocalSmartTurnAnalyzerV3
from pipecat.audio.vad.silero import SileroVADAnalyzer
from pipecat.audio.vad.vad_analyzer import VADParams
from pipecat.frames.frames import (
    BotStartedSpeakingFrame,
    BotStoppedSpeakingFrame,
    EndFrame,
    Frame,
    InterruptionFrame,
    TranscriptionFrame,
    TTSAudioRawFrame,
    TTSSpeakFrame,
    UserStartedSpeakingFrame,
    UserStoppedSpeakingFrame,
    VADUserStoppedSpeakingFrame,
)
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineParams, PipelineWorker
from pipecat.processors.audio.vad_processor import VADProcessor
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor
from pipecat.services.settings import STTSettings, TTSSettings
from pipecat.services.stt_service import SegmentedSTTService
from pipecat.services.tts_service import TTSService
from pipecat.transcriptions.language import Language
from pipecat.transports.base_transport import BaseTransport
from pipecat.turns.user_start import VADUserTurnStartStrategy
from pipecat.turns.user_stop import (
    SpeechTimeoutUserTurnStopStrategy,
    TurnAnalyzerUserTurnStopStrategy,
)
from pipecat.turns.user_turn_processor import UserTurnProcessor
from pipecat.turns.user_turn_strategies import UserTurnStrategies
from pipecat.utils.time import time_now_iso8601

from gofer.voice.metrics import STT_SECONDS, TTS_SECONDS, TURN_SECONDS
from gofer.voice.stt import Transcriber
from gofer.voice.tts import Synthesizer

IN_RATE = 16000
OUT_RATE = 24000
# Smart Turn v3 is trained on these languages among ours; Swedish ends turns on silence instead.
SMART_TURN_LANGUAGES = frozenset({"en", "vi"})
VAD_STOP_S = 0.2
SILENCE_TURN_END_S = 0.6
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
# Engines start their speech with a little silence (Piper ~60 ms); it is cut so the first
# audio sent is heard at once. Kept: 10 ms before the first 10 ms window louder than this RMS.
LEAD_SILENCE_RMS = 200
_TRACE = os.environ.get("GOFER_VOICE_TRACE")


def trace(event: str) -> None:
    """A debugging switch (GOFER_VOICE_TRACE=<file>): one timestamped line per turn stage, for
    reading where a turn's time goes next to the benchmark client's own trace."""
    if _TRACE:
        with open(_TRACE, "a") as handle:
            handle.write(f"{time.perf_counter():.4f} {event}\n")


def trim_leading_silence(pcm16: bytes, sample_rate: int) -> bytes:
    samples = np.frombuffer(pcm16, dtype=np.int16).astype(np.float32)
    window = sample_rate // 100
    for start in range(0, len(samples) - window + 1, window):
        if np.sqrt(np.mean(samples[start : start + window] ** 2)) > LEAD_SILENCE_RMS:
            return pcm16[max(0, start - window) * 2 :]
    return pcm16


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


class TranscriberSTT(SegmentedSTTService):
    """Pipecat STT over a Gofer `Transcriber`; the session's language is forced."""

    def __init__(self, transcriber: Transcriber, language: str, **kwargs: Any) -> None:
        super().__init__(
            settings=STTSettings(model=None, language=language), ttfs_p99_latency=1.0, **kwargs
        )
        self._transcriber = transcriber
        self._language = language

    @property
    def wants_wav_segments(self) -> bool:
        return False

    async def run_stt(self, audio: bytes) -> AsyncGenerator[Frame, None]:
        started = time.perf_counter()
        trace(f"stt_start {len(audio) / 2 / self.sample_rate:.2f}s")
        text = await self._transcriber.transcribe(audio, self.sample_rate, self._language)
        trace(f"stt_end {len(text)} chars")  # never the words: they may hold a personal number
        STT_SECONDS.labels(self._language).observe(time.perf_counter() - started)
        if text:
            yield TranscriptionFrame(
                text, self._user_id, time_now_iso8601(), Language(self._language)
            )


class SynthesizerTTS(TTSService):
    """Pipecat TTS over a Gofer `Synthesizer` (one sentence per call)."""

    def __init__(
        self, synthesizer: Synthesizer, language: str, voice: str = "default", **kwargs: Any
    ) -> None:
        super().__init__(
            push_start_frame=True,
            push_stop_frames=True,
            settings=TTSSettings(model=None, voice=None, language=language),
            **kwargs,
        )
        self._synthesizer = synthesizer
        self._language = language
        self._voice = voice

    async def run_tts(self, text: str, context_id: str) -> AsyncGenerator[Frame, None]:
        started = time.perf_counter()
        trace(f"tts_start {len(text)} chars")
        speech = await self._synthesizer.synthesize(text, self._language, self._voice)
        trace("tts_end")
        TTS_SECONDS.labels(self._language).observe(time.perf_counter() - started)
        chunk = speech.sample_rate // 5 * 2  # 200 ms pieces, so an interruption cuts in quickly
        pcm = trim_leading_silence(speech.pcm16, speech.sample_rate)

        async def pieces() -> AsyncIterator[bytes]:
            for start in range(0, len(pcm), chunk):
                yield pcm[start : start + chunk]

        async for frame in self._stream_audio_frames_from_iterator(
            pieces(), in_sample_rate=speech.sample_rate, context_id=context_id
        ):
            yield frame


# The dialogue's side of a call: text in, sentences to speak out.
Reply = Callable[[str], Awaitable[list[str]]]


class DialogueTurns(FrameProcessor):
    """Collects the user's words until the turn ends, asks the dialogue, speaks its answer."""

    def __init__(self, reply: Reply, on_user_speaking: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._reply = reply
        self._words: list[str] = []
        self._turn_ended = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._on_user_speaking = on_user_speaking

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, TranscriptionFrame):
            self._words.append(frame.text)
            if self._turn_ended:
                self._answer()
            return  # the transcript is ours; nothing downstream speaks it
        if isinstance(frame, UserStartedSpeakingFrame):
            self._turn_ended = False
            if self._on_user_speaking:
                self._on_user_speaking()
        elif isinstance(frame, UserStoppedSpeakingFrame):
            trace("turn_end")
            self._turn_ended = True
            if self._words:
                self._answer()
        await self.push_frame(frame, direction)

    def _answer(self) -> None:
        text = " ".join(w.strip() for w in self._words).strip()
        self._words.clear()
        self._turn_ended = False
        if text:
            task = asyncio.get_running_loop().create_task(self._run(text))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _run(self, text: str) -> None:
        trace("dialogue_start")
        replies = await self._reply(text)
        trace("dialogue_end")
        for sentence in replies:
            await self.say(sentence)

    async def say(self, text: str) -> None:
        for sentence in sentences(text):
            await self.push_frame(TTSSpeakFrame(sentence))


class SpeechProbe(FrameProcessor):
    """After TTS: notes when the user's speech ended and when the bot's first audio follows."""

    def __init__(self, language: str, on_bot_audio: Callable[[float], None] | None = None) -> None:
        super().__init__()
        self._language = language
        self._speech_ended_at: float | None = None
        self._on_bot_audio = on_bot_audio
        self.bot_speaking = False

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, VADUserStoppedSpeakingFrame):
            trace("vad_stop")
            # The VAD reports the end after `stop_secs` of silence; the speech ended before that.
            self._speech_ended_at = time.perf_counter() - VAD_STOP_S
        elif isinstance(frame, TTSAudioRawFrame) and self._speech_ended_at is not None:
            latency = time.perf_counter() - self._speech_ended_at
            trace("first_audio")
            self._speech_ended_at = None
            TURN_SECONDS.labels(self._language).observe(latency)
            if self._on_bot_audio:
                self._on_bot_audio(latency)
        elif isinstance(frame, BotStartedSpeakingFrame):
            self.bot_speaking = True
        elif isinstance(frame, (BotStoppedSpeakingFrame, InterruptionFrame)):
            self.bot_speaking = False
        await self.push_frame(frame, direction)


class TracedSmartTurn(LocalSmartTurnAnalyzerV3):
    async def analyze_end_of_turn(self) -> Any:
        trace("smart_turn_start")
        result = await super().analyze_end_of_turn()
        trace(f"smart_turn_end {result[0]}")
        return result


def turn_strategies(language: str) -> UserTurnStrategies:
    stop: Any
    if language in SMART_TURN_LANGUAGES:
        stop = TurnAnalyzerUserTurnStopStrategy(turn_analyzer=TracedSmartTurn())
    else:
        stop = SpeechTimeoutUserTurnStopStrategy(user_speech_timeout=SILENCE_TURN_END_S)
    return UserTurnStrategies(start=[VADUserTurnStartStrategy()], stop=[stop])


def build_task(
    transport: BaseTransport,
    *,
    language: str,
    transcriber: Transcriber,
    synthesizer: Synthesizer,
    dialogue: DialogueTurns,
    probe: SpeechProbe,
    voice: str = "default",
) -> PipelineWorker:
    vad = VADProcessor(vad_analyzer=SileroVADAnalyzer(params=VADParams(stop_secs=VAD_STOP_S)))
    pipeline = Pipeline(
        [
            transport.input(),
            vad,
            TranscriberSTT(transcriber, language),
            UserTurnProcessor(user_turn_strategies=turn_strategies(language)),
            dialogue,
            SynthesizerTTS(synthesizer, language, voice),
            probe,
            transport.output(),
        ]
    )
    return PipelineWorker(
        pipeline,
        params=PipelineParams(audio_in_sample_rate=IN_RATE, audio_out_sample_rate=OUT_RATE),
        enable_rtvi=False,
        idle_timeout_secs=None,
        check_dangling_tasks=False,
    )


__all__ = ["EndFrame", "build_task"]
