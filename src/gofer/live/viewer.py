"""One person's live view of a job: frames out, input in (when the view is interactive).

The session talks only to the bus, so it works on any API node: it subscribes to the job's
frames before announcing itself, keeps saying it is there, and says goodbye when it ends.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from typing import Any, Protocol

from pydantic import ValidationError

from gofer.config import Settings
from gofer.events.bus import EventBus, LiveSubscription, Subscription
from gofer.events.model import ENDING_EVENTS, HUMAN_NEEDED, STATUS_UPDATE, Event
from gofer.live.input import INPUT_TYPES, VIEWER_INPUT
from gofer.live.runtime import control_key
from gofer.live.tokens import LiveGrant


class ViewerChannel(Protocol):
    """The viewer's connection (a WebSocket): text messages both ways; None once it is gone."""

    async def send_text(self, text: str) -> None: ...

    async def receive_text(self) -> str | None: ...


class ViewerSession:
    def __init__(self, settings: Settings, bus: EventBus, grant: LiveGrant) -> None:
        self._settings = settings
        self._bus = bus
        self.grant = grant
        self.viewer_id = secrets.token_hex(8)

    async def run(self, channel: ViewerChannel) -> None:
        job_id = self.grant.job_id
        async with (
            self._bus.subscribe_live(job_id) as frames,
            self._bus.subscribe(job_id) as events,
        ):
            await self._send(
                channel,
                {"type": "hello", "job_id": job_id, "interactive": self.grant.interactive},
            )
            await self._announce("join")
            tasks = [
                asyncio.create_task(self._frames(channel, frames)),
                asyncio.create_task(self._events(channel, events)),
                asyncio.create_task(self._input(channel)),
                asyncio.create_task(self._keep_alive()),
            ]
            try:
                await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
                await self._announce("leave")

    async def _announce(self, kind: str) -> None:
        await self._bus.publish_live(
            control_key(self.grant.job_id), {"type": kind, "viewer": self.viewer_id}
        )

    async def _send(self, channel: ViewerChannel, message: dict[str, Any]) -> None:
        await channel.send_text(json.dumps(message))

    async def _frames(self, channel: ViewerChannel, frames: LiveSubscription) -> None:
        async for payload in frames:
            await self._send(channel, payload)
            if payload.get("type") == "ended":
                return  # the job's browser has closed: nothing more to show

    async def _events(self, channel: ViewerChannel, events: Subscription) -> None:
        """What the job says about itself, so the viewer can show "paused" or "finished"."""
        async for event in events:
            if not isinstance(event, Event):
                continue  # a gap: statuses are only hints here; the frames say when it ends
            if event.type in (STATUS_UPDATE, HUMAN_NEEDED):
                await self._send(
                    channel,
                    {
                        "type": "status",
                        "status": event.data.get("status"),
                        "message": event.data.get("message"),
                        "takeover": event.data.get("action") == "takeover",
                    },
                )
            elif event.type in ENDING_EVENTS:
                await self._send(channel, {"type": "ended", "status": event.data.get("status")})
                return

    async def _input(self, channel: ViewerChannel) -> None:
        while True:
            text = await channel.receive_text()
            if text is None:
                return
            try:
                message = json.loads(text)
            except ValueError:
                await self._refuse(channel, "Messages are JSON objects", "invalid_input")
                continue
            if not isinstance(message, dict) or message.get("type") not in INPUT_TYPES:
                await self._refuse(channel, "Unknown message type", "invalid_input")
                continue
            if not self.grant.interactive:
                await self._refuse(channel, "This live view is view-only", "view_only")
                continue
            try:
                event = VIEWER_INPUT.validate_python(message)
            except ValidationError as exc:
                first = exc.errors()[0]
                field = ".".join(str(p) for p in first["loc"][1:]) or "type"
                await self._refuse(channel, f"Invalid '{field}': {first['msg']}", "invalid_input")
                continue
            await self._bus.publish_live(
                control_key(self.grant.job_id),
                {
                    "type": "input",
                    "viewer": self.viewer_id,
                    "interactive": True,
                    "event": event.model_dump(),
                },
            )

    async def _refuse(self, channel: ViewerChannel, error: str, code: str) -> None:
        await self._send(channel, {"type": "refused", "error": error, "code": code})

    async def _keep_alive(self) -> None:
        while True:
            await asyncio.sleep(self._settings.live_viewer_stale_s / 3)
            await self._announce("alive")
