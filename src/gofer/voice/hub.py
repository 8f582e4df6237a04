"""Everything voice keeps while the server runs: engines, live calls, WebRTC handler, voice tokens."""

from __future__ import annotations

import asyncio
from typing import Any

from pipecat.transports.smallwebrtc.connection import IceServer, SmallWebRTCConnection
from pipecat.transports.smallwebrtc.request_handler import (
    SmallWebRTCPatchRequest,
    SmallWebRTCRequest,
    SmallWebRTCRequestHandler,
)

from gofer.config import Settings
from gofer.principal import Principal
from gofer.voice.backend import GoferBackend
from gofer.voice.call import CallChoices, VoiceCall
from gofer.voice.engines import make_intent_model, make_synthesizer, make_transcriber
from gofer.voice.llm import IntentModel
from gofer.voice.metrics import WEBRTC_CONNECTIONS
from gofer.voice.tokens import VoiceTokens

MAX_CALLER_MODELS = 32


class VoiceHub:
    def __init__(self, settings: Settings, backend: GoferBackend) -> None:
        self.settings = settings
        self.backend = backend
        self.transcriber = make_transcriber(settings)
        self.synthesizer = make_synthesizer(settings)
        self.intents = make_intent_model(settings)
        self._intents_by_model: dict[str, IntentModel | None] = {}
        self.tokens = VoiceTokens(settings.voice_token_ttl_s)
        ice = [IceServer(urls=url) for url in settings.voice_ice_servers] or None
        self.handler = SmallWebRTCRequestHandler(ice_servers=ice)
        self.calls: dict[str, VoiceCall] = {}  # by pc_id
        self.sessions: dict[str, VoiceCall] = {}  # by session id (the latest call of a session)

    async def offer(
        self,
        principal: Principal,
        request: SmallWebRTCRequest,
        language: str,
        session_id: str | None,
        greet: bool,
        choices: CallChoices | None = None,
    ) -> dict[str, Any]:
        created: list[VoiceCall] = []

        async def on_connection(connection: SmallWebRTCConnection) -> None:
            sid = session_id or await self.backend.new_session(
                principal.user_id, f"Voice call ({language})"
            )
            call = VoiceCall(self, connection, principal, sid, language, greet, choices)
            self.calls[call.pc_id] = call
            self.sessions[sid] = call
            WEBRTC_CONNECTIONS.inc()
            call.start()
            created.append(call)

        answer = await self.handler.handle_web_request(request, on_connection)
        if answer is None:
            raise RuntimeError("no SDP answer")
        call = created[0] if created else self.calls[answer["pc_id"]]
        return {
            **answer,
            "session_id": call.session_id,
            "language": call.language,
            "voice": call.voice,
        }

    def intents_for(self, model: str) -> IntentModel | None:
        """The LLM for a caller who chose `model` ("" for the server's); none when the server
        runs no LLM for voice."""
        if self.intents is None or not model:
            return self.intents
        if model not in self._intents_by_model:
            if len(self._intents_by_model) >= MAX_CALLER_MODELS:
                return self.intents  # each holds a connection pool: a bounded number of them
            self._intents_by_model[model] = make_intent_model(self.settings, model)
        return self._intents_by_model[model]

    async def patch(self, request: SmallWebRTCPatchRequest) -> None:
        await self.handler.handle_patch_request(request)

    def forget(self, call: VoiceCall) -> None:
        self.calls.pop(call.pc_id, None)
        if self.sessions.get(call.session_id) is call:
            del self.sessions[call.session_id]

    async def close(self) -> None:
        """Ends every call; each end is bounded, so shutdown never waits on a peer."""
        await asyncio.gather(*(c.end("server_shutdown") for c in list(self.calls.values())))
        await asyncio.wait_for(self.handler.close(), 3.0)
        for model in {self.intents, *self._intents_by_model.values()}:
            if model is not None:
                await model.aclose()
