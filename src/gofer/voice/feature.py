"""Plugs voice into the app: routes when it is built, the hub (engines, calls) while it runs."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import structlog

from gofer.voice.backend import GoferBackend
from gofer.voice.hub import VoiceHub
from gofer.voice.routes import router

if TYPE_CHECKING:
    from fastapi import FastAPI

    from gofer.core import Core

log = structlog.get_logger("gofer.voice")


class VoiceFeature:
    def __init__(self) -> None:
        self.hub: VoiceHub | None = None

    def setup(self, app: FastAPI) -> None:
        app.include_router(router)

    async def start(self, app: FastAPI, core: Core) -> None:
        self.hub = VoiceHub(core.settings, GoferBackend(core))
        app.state.voice = self.hub
        warm_up = getattr(self.hub.transcriber, "warm_up", None)
        if callable(warm_up):
            # Load the Whisper models before the first call needs them (a second or two).
            try:
                await asyncio.to_thread(warm_up, ["en", "vi"])
            except Exception as exc:
                log.warning("voice_models_unavailable", reason=str(exc))

    async def stop(self, app: FastAPI) -> None:
        if self.hub is not None:
            try:
                await asyncio.wait_for(self.hub.close(), 5.0)
            except TimeoutError:
                log.warning("voice_shutdown_timeout")
        app.state.voice = None
