"""The live view's test kit: a server with small browser workflows, a viewer, and the person's eyes."""

from __future__ import annotations

import asyncio
import base64
import io
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

import websockets
from PIL import Image
from pydantic import BaseModel

from gofer.jobs.model import JobFailure
from gofer.live.runtime import LiveRuntime
from gofer.workflows.base import BOOKING_KIND, StepContext

T = TypeVar("T")


class PageParams(BaseModel):
    url: str
    # "hold": keep the page open until cancelled; "ask": ask a person to take over, then
    # report whether the cookie banner was accepted; "fail": fail on the page; "tab": open
    # `second_url` in a new tab when the test says so, then hold.
    then: str = "hold"
    second_url: str | None = None


class PageWorkflow:
    """Opens one replica page in the job's browser, then holds it, asks for help, or fails."""

    name: ClassVar[str] = "test.live.page"
    kind: ClassVar[str] = BOOKING_KIND
    progress: ClassVar[dict[str, int]] = {"open": 50}
    params_model: ClassVar[type[BaseModel]] = PageParams
    completed_event: ClassVar[str] = "task_completed"
    failed_event: ClassVar[str | None] = "task_failed"
    started_event: ClassVar[str | None] = None

    def __init__(self) -> None:
        # Per job, set by a test (on the server's loop) to make the job open its second tab.
        self.open_tab: dict[str, asyncio.Event] = {}

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        params = ctx.params
        assert isinstance(params, PageParams)
        go = self.open_tab.setdefault(ctx.job_id, asyncio.Event())
        async with ctx.browser() as context:
            page = context.pages[0] if context.pages else await context.new_page()
            await page.goto(params.url)
            await ctx.step("open", "The page is open")
            if params.then == "fail":
                raise JobFailure("The page was not understood", "page_not_understood")
            if params.then == "ask":
                await ctx.takeover("unknown_page", "Please accept the cookies on this page")
                cookies = await context.cookies()
                return {"consent": any(c["name"] == "TrvCookieConsent" for c in cookies)}
            if params.then == "tab" and params.second_url:
                await go.wait()
                second = await context.new_page()
                await second.goto(params.second_url)
                await ctx.step("open", "The second tab is open")
            async with ctx.waiting():
                await asyncio.Event().wait()
        return {}


@dataclass
class Viewer:
    """A person's viewer, speaking the viewer page's protocol over the WebSocket."""

    ws: Any
    frames: list[dict[str, Any]] = field(default_factory=list)
    others: list[dict[str, Any]] = field(default_factory=list)

    async def next(self, kind: str, timeout_s: float = 30) -> dict[str, Any]:
        async with asyncio.timeout(timeout_s):
            while True:
                message = json.loads(await self.ws.recv())
                (self.frames if message["type"] == "frame" else self.others).append(message)
                if message["type"] == kind:
                    return message

    async def send(self, message: dict[str, Any]) -> None:
        await self.ws.send(json.dumps(message))

    async def click(self, x: float, y: float, frame: dict[str, Any]) -> None:
        """A click where the person sees (x, y) on a picture shown at the frame's own size."""
        size = {"view_w": frame["width"], "view_h": frame["height"]}
        await self.send({"type": "mouse", "action": "move", "x": x, "y": y, **size})
        await self.send({"type": "mouse", "action": "down", "x": x, "y": y, **size})
        await self.send({"type": "mouse", "action": "up", "x": x, "y": y, **size})


def view_url(server_url: str, live_url: str, job_id: str) -> str:
    token = live_url.rsplit("/", 1)[1]
    return server_url.replace("http://", "ws://") + f"/ws/{job_id}/view?token={token}"


def connect(server_url: str, live_url: str, job_id: str) -> Any:
    return websockets.connect(view_url(server_url, live_url, job_id), max_size=2**24)


def jpeg_size(frame: dict[str, Any]) -> tuple[int, int]:
    image = Image.open(io.BytesIO(base64.b64decode(frame["data"])))
    assert image.format == "JPEG"
    return image.size


async def on_server(runtime: LiveRuntime, work: Callable[[], Awaitable[T]]) -> T:
    """Runs `work` on the server's loop: the test's stand-in for the person's eyes, which find
    where a control is drawn. What the person then does goes through the viewer only."""
    assert runtime.loop is not None
    future = asyncio.run_coroutine_threadsafe(work(), runtime.loop)
    return await asyncio.wrap_future(future)


async def centre_of(runtime: LiveRuntime, job_id: str, selector: str) -> tuple[float, float]:
    async def look() -> tuple[float, float]:
        page = runtime.current_page(job_id)
        assert page is not None
        box = await page.locator(selector).first.bounding_box()
        assert box is not None, selector
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    return await on_server(runtime, look)
