"""One voice call: its WebRTC transport, Pipecat pipeline, dialogue and transcript, and its end."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import structlog
from pipecat.frames.frames import TTSSpeakFrame
from pipecat.transports.base_transport import TransportParams
from pipecat.transports.smallwebrtc.connection import SmallWebRTCConnection
from pipecat.transports.smallwebrtc.transport import SmallWebRTCTransport
from pipecat.workers.runner import WorkerRunner

from gofer.principal import Principal
from gofer.voice.dialogue import Dialogue
from gofer.voice.metrics import WEBRTC_ACTIVE
from gofer.voice.pipeline import DialogueTurns, SpeechProbe, build_task, sentences
from gofer.voice.transcripts import TranscriptLog

if TYPE_CHECKING:
    from gofer.voice.hub import VoiceHub

log = structlog.get_logger("gofer.voice")


@dataclass(frozen=True)
class CallChoices:
    """What the caller chose in their settings: the voice they hear and the LLM model."""

    voice: str = "default"
    model: str = ""


class VoiceCall:
    def __init__(
        self,
        hub: VoiceHub,
        connection: SmallWebRTCConnection,
        principal: Principal,
        session_id: str,
        language: str,
        greet: bool,
        choices: CallChoices | None = None,
    ) -> None:
        choices = choices or CallChoices()
        self.hub = hub
        self.connection = connection
        self.pc_id: str = connection.pc_id
        self.principal = principal
        self.session_id = session_id
        self.language = language
        self.voice = choices.voice
        self.greet = greet
        self.transcript = TranscriptLog()
        self.turn_latencies_s: list[float] = []
        self.dialogue = Dialogue(
            hub.backend,
            principal,
            session_id,
            language,
            self.transcript,
            self.say,
            intents=hub.intents_for(choices.model),
        )
        self.turns = DialogueTurns(self.dialogue.reply)
        self.probe = SpeechProbe(language, self.turn_latencies_s.append)
        transport = SmallWebRTCTransport(
            webrtc_connection=connection,
            params=TransportParams(audio_in_enabled=True, audio_out_enabled=True),
        )
        self.task = build_task(
            transport,
            language=language,
            transcriber=hub.transcriber,
            synthesizer=hub.synthesizer,
            dialogue=self.turns,
            probe=self.probe,
            voice=choices.voice,
        )
        self._runner_task: asyncio.Task[None] | None = None
        self._ended = asyncio.Event()

        @transport.event_handler("on_client_connected")
        async def _connected(_transport: Any, _connection: Any) -> None:
            if self.greet:
                await self.say(await self.dialogue.greet())

        @transport.event_handler("on_client_disconnected")
        async def _disconnected(_transport: Any, _connection: Any) -> None:
            asyncio.get_running_loop().create_task(self.end("peer_closed"))

    @property
    def ended(self) -> bool:
        return self._ended.is_set()

    def start(self) -> None:
        WEBRTC_ACTIVE.inc()
        runner = WorkerRunner(handle_sigint=False, handle_sigterm=False)
        self._runner_task = asyncio.get_running_loop().create_task(self._run(runner))

    async def _run(self, runner: WorkerRunner) -> None:
        try:
            await runner.add_workers(self.task)
            await runner.run()
        except Exception as exc:
            log.warning("voice_pipeline_failed", error_type=type(exc).__name__)
        finally:
            await self.end("pipeline_ended")

    async def say(self, text: str) -> None:
        await self.task.queue_frames([TTSSpeakFrame(s) for s in sentences(text)])

    async def end(self, reason: str, timeout_s: float = 3.0) -> None:
        """Idempotent: stops the pipeline, closes the peer connection, frees the audio."""
        if self._ended.is_set():
            return
        self._ended.set()
        WEBRTC_ACTIVE.dec()
        log.info("voice_call_ended", reason=reason, session_id=self.session_id)
        self.hub.forget(self)
        await self.dialogue.close()
        self.transcript.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.task.cancel(reason=reason), timeout_s)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.connection.disconnect(), timeout_s)
        runner = self._runner_task
        if runner is not None and runner is not asyncio.current_task() and not runner.done():
            runner.cancel()
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(runner, timeout_s)
