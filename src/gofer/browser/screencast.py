"""One page's live picture and remote input through Chrome's DevTools protocol (CDP).

`Page.startScreencast` sends a JPEG whenever the page paints; the next one comes only after the
previous is acknowledged, so a slow consumer slows the stream instead of piling frames up.
Input goes the other way through `Input.dispatchMouseEvent` / `dispatchKeyEvent` / `insertText`.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import structlog
from playwright.async_api import CDPSession, Page

log = structlog.get_logger("gofer.screencast")


@dataclass(frozen=True)
class Frame:
    """One JPEG of the page. `width`/`height` are the page's CSS size the image shows."""

    data: str  # base64 JPEG, as CDP gives it
    width: int
    height: int
    painted_at: float  # seconds since the epoch, when the compositor made it
    number: int

    def payload(self) -> dict[str, Any]:
        return {
            "type": "frame",
            "data": self.data,
            "width": self.width,
            "height": self.height,
            "painted_at": self.painted_at,
            "n": self.number,
        }


FrameSink = Callable[[Frame], Awaitable[None]]


class Screencast:
    """The screencast and the input channel of one page, on its own CDP session."""

    def __init__(
        self, page: Page, sink: FrameSink, *, quality: int, max_width: int, max_height: int
    ) -> None:
        self.page = page
        self._sink = sink
        self._quality = quality
        self._max_width = max_width
        self._max_height = max_height
        self._session: CDPSession | None = None
        self.frames = 0
        self.running = False
        viewport = page.viewport_size or {"width": max_width, "height": max_height}
        self.css_width = int(viewport["width"])
        self.css_height = int(viewport["height"])

    async def start(self) -> None:
        session = self._session or await self.page.context.new_cdp_session(self.page)
        self._session = session
        session.on("Page.screencastFrame", self._on_frame)
        await session.send(
            "Page.startScreencast",
            {
                "format": "jpeg",
                "quality": self._quality,
                "maxWidth": self._max_width,
                "maxHeight": self._max_height,
                "everyNthFrame": 1,
            },
        )
        self.running = True

    async def stop(self) -> None:
        self.running = False
        session, self._session = self._session, None
        if session is None:
            return
        # The page may be closing or gone: nothing is left to stop then.
        with contextlib.suppress(Exception):
            await session.send("Page.stopScreencast")
        with contextlib.suppress(Exception):
            await session.detach()

    async def _on_frame(self, params: dict[str, Any]) -> None:
        session = self._session
        if session is None:
            return
        meta = params.get("metadata") or {}
        self.css_width = int(meta.get("deviceWidth") or self.css_width)
        self.css_height = int(meta.get("deviceHeight") or self.css_height)
        self.frames += 1
        frame = Frame(
            data=params["data"],
            width=self.css_width,
            height=self.css_height,
            painted_at=float(meta.get("timestamp") or time.time()),
            number=self.frames,
        )
        # Acknowledged once handed on (not once every viewer has it): the live channel drops
        # stale frames for a slow viewer, so the page is paced by the fastest path, not blocked.
        await self._sink(frame)
        with contextlib.suppress(Exception):  # the session closed meanwhile
            await session.send("Page.screencastFrameAck", {"sessionId": params["sessionId"]})

    async def dispatch(self, method: str, params: dict[str, Any]) -> None:
        """Sends one input event to the page (a session is opened for it if none runs)."""
        if self._session is None:
            self._session = await self.page.context.new_cdp_session(self.page)
        await self._session.send(method, params)
