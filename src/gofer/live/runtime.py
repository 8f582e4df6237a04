"""The live side of the jobs running in this process: their pages, screencasts and takeover gates.

Only the process that runs a job holds its browser, so only it can screencast it. Viewers, on any
API node, talk to it through the bus's live-only channel: they announce themselves (and keep
saying they are there) on the job's control key, and send input there; frames come back on the
job's own key. One screencast runs per watched job, however many people watch, and none runs
while nobody does.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import structlog
from playwright.async_api import BrowserContext, Page
from pydantic import ValidationError

from gofer.browser.screencast import Frame, Screencast
from gofer.config import Settings
from gofer.events.bus import EventBus
from gofer.live.input import VIEWER_INPUT, cdp_call
from gofer.live.recorder import Recorder
from gofer.live.takeover import Takeover, TakeoverStore

log = structlog.get_logger("gofer.live")


# A page still being created can leave a CDP call unanswered: give up, and retry on its load.
SCREENCAST_START_S = 5.0


def control_key(job_id: str) -> str:
    """The live-only key on which viewers talk to the process running the job."""
    return f"{job_id}:control"


class TakeoverGate:
    """What this process knows of a job's takeover request (refreshed from the store)."""

    def __init__(self) -> None:
        self.request: Takeover | None = None
        self.changed = asyncio.Event()

    def update(self, request: Takeover | None) -> None:
        if request != self.request:
            self.request = request
            self.changed.set()

    @property
    def handed_back(self) -> bool:
        return self.request is None or self.request.state == "handback"


class JobBrowser:
    """One job's browser context here: which page is current, who watches, the screencast."""

    def __init__(self, job_id: str, context: BrowserContext) -> None:
        self.job_id = job_id
        self.context = context
        self.page: Page | None = context.pages[-1] if context.pages else None
        self.viewers: dict[str, float] = {}  # viewer id -> when last heard of
        self.screencast: Screencast | None = None
        self.screencasts_started = 0
        self.last_frame: dict[str, Any] | None = None
        self.lock = asyncio.Lock()
        # Input waits here, not on the bus: the live channel drops its oldest payloads when
        # full, which is right for frames and wrong for a person's keystrokes.
        self.input: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=1000)


class LiveRuntime:
    def __init__(
        self, settings: Settings, bus: EventBus, takeovers: TakeoverStore, recorder: Recorder
    ) -> None:
        self._settings = settings
        self._bus = bus
        self.takeovers = takeovers
        self.recorder = recorder
        self._browsers: dict[str, JobBrowser] = {}
        self._gates: dict[str, TakeoverGate] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._watch: asyncio.Task[None] | None = None
        self.screencasts_started = 0
        # The event loop the jobs' browsers live on (set at start).
        self.loop: asyncio.AbstractEventLoop | None = None

    # --- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        self.loop = asyncio.get_running_loop()
        self._watch = asyncio.create_task(self._watch_loop(), name="gofer-live-watch")

    async def stop(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
        for task in tuple(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    # --- jobs and their pages --------------------------------------------------------------

    def runs(self, job_id: str) -> bool:
        return job_id in self._gates

    def gate(self, job_id: str) -> TakeoverGate:
        return self._gates.setdefault(job_id, TakeoverGate())

    def forget(self, job_id: str) -> None:
        self._gates.pop(job_id, None)

    def browser(self, job_id: str) -> JobBrowser | None:
        return self._browsers.get(job_id)

    def current_page(self, job_id: str) -> Page | None:
        found = self._browsers.get(job_id)
        return found.page if found is not None else None

    @asynccontextmanager
    async def attached(self, job_id: str, context: BrowserContext) -> AsyncIterator[JobBrowser]:
        """Registers a job's browser context for the live view while the job uses it."""
        job = JobBrowser(job_id, context)
        if job.page is not None:
            self._watch_page(job, job.page)
        context.on("page", lambda page: self._follow(job, page))
        self._browsers[job_id] = job
        ready = asyncio.Event()
        listener = self._spawn(self._control_loop(job, ready))
        typist = self._spawn(self._input_loop(job))
        await ready.wait()
        try:
            yield job
        finally:
            listener.cancel()
            typist.cancel()
            self._browsers.pop(job_id, None)
            async with job.lock:
                await self._stop_screencast(job)
            await self._bus.publish_live(job_id, {"type": "ended"})

    def _follow(self, job: JobBrowser, page: Page) -> None:
        """A new tab or popup becomes what the viewers see."""
        self._watch_page(job, page)
        job.page = page
        self._spawn(self._switch(job))

    def _watch_page(self, job: JobBrowser, page: Page) -> None:
        page.on("close", lambda _: self._closed(job, page))
        # A tab that was too new for a screencast when it opened gets one once it has loaded.
        page.on("load", lambda _: self._loaded(job, page))

    def _loaded(self, job: JobBrowser, page: Page) -> None:
        if job.page is page and job.viewers and not (job.screencast and job.screencast.running):
            self._spawn(self._switch(job))

    def _closed(self, job: JobBrowser, page: Page) -> None:
        if job.page is not page:
            return
        still_open = [p for p in job.context.pages if p is not page and not p.is_closed()]
        job.page = still_open[-1] if still_open else None
        self._spawn(self._switch(job))

    async def _switch(self, job: JobBrowser) -> None:
        async with job.lock:
            if job.screencast is not None and job.screencast.page is not job.page:
                await self._stop_screencast(job)
            await self._ensure_screencast(job)

    # --- viewers ---------------------------------------------------------------------------

    async def _control_loop(self, job: JobBrowser, ready: asyncio.Event) -> None:
        async with self._bus.subscribe_live(control_key(job.job_id)) as messages:
            ready.set()
            async for message in messages:
                try:
                    await self._on_control(job, message)
                except Exception as exc:  # one bad message must not end the live view
                    log.warning("live_control_failed", job_id=job.job_id, error=str(exc))

    async def _on_control(self, job: JobBrowser, message: dict[str, Any]) -> None:
        kind = message.get("type")
        viewer = str(message.get("viewer", ""))
        if kind in ("join", "alive"):
            new = viewer not in job.viewers
            job.viewers[viewer] = time.monotonic()
            if new:
                async with job.lock:
                    started = await self._ensure_screencast(job)
                if not started and job.last_frame is not None:
                    # A static page paints nothing new: the newcomer gets the current picture.
                    await self._bus.publish_live(job.job_id, job.last_frame)
        elif kind == "leave":
            job.viewers.pop(viewer, None)
            if not job.viewers:
                async with job.lock:
                    await self._stop_screencast(job)
        elif kind == "input" and message.get("interactive"):
            try:
                job.input.put_nowait(message.get("event") or {})
            except asyncio.QueueFull:
                log.warning("live_input_dropped", job_id=job.job_id)

    async def _input_loop(self, job: JobBrowser) -> None:
        while True:
            event = await job.input.get()
            try:
                await self._dispatch(job, event)
            except Exception as exc:  # the page navigated or closed under the input
                log.info("live_input_failed", job_id=job.job_id, error=type(exc).__name__)

    async def _dispatch(self, job: JobBrowser, raw: dict[str, Any]) -> None:
        try:
            event = VIEWER_INPUT.validate_python(raw)
        except ValidationError:
            return  # checked by the viewer's server already; a forged message is dropped
        screencast = job.screencast
        if screencast is None:
            if job.page is None:
                return
            screencast = Screencast(
                job.page,
                self._sink(job),
                quality=self._settings.live_jpeg_quality,
                max_width=self._settings.live_max_width,
                max_height=self._settings.live_max_height,
            )
            job.screencast = screencast
        method, params = cdp_call(event, screencast.css_width, screencast.css_height)
        await screencast.dispatch(method, params)

    def _sink(self, job: JobBrowser) -> Any:
        async def publish(frame: Frame) -> None:
            payload = frame.payload()
            job.last_frame = payload
            await self._bus.publish_live(job.job_id, payload)

        return publish

    async def _ensure_screencast(self, job: JobBrowser) -> bool:
        """Starts the screencast if someone watches and none runs; True if it started one."""
        if not job.viewers or job.page is None or job.page.is_closed():
            return False
        if job.screencast is not None and job.screencast.running:
            return False
        screencast = job.screencast
        if screencast is None or screencast.page is not job.page:
            screencast = Screencast(
                job.page,
                self._sink(job),
                quality=self._settings.live_jpeg_quality,
                max_width=self._settings.live_max_width,
                max_height=self._settings.live_max_height,
            )
        job.screencast = screencast
        try:
            async with asyncio.timeout(SCREENCAST_START_S):
                await screencast.start()
        except Exception as exc:  # the page is closing, or too new: its next load retries
            log.info("screencast_start_failed", job_id=job.job_id, error=type(exc).__name__)
            job.screencast = None
            await screencast.stop()
            return False
        job.screencasts_started += 1
        self.screencasts_started += 1
        log.info("screencast_started", job_id=job.job_id, viewers=len(job.viewers))
        return True

    async def _stop_screencast(self, job: JobBrowser) -> None:
        screencast, job.screencast = job.screencast, None
        if screencast is not None:
            await screencast.stop()

    # --- takeover requests and stale viewers ------------------------------------------------

    async def refresh(self, job_id: str) -> None:
        """Reads a job's takeover request now (the API in this process just changed it)."""
        gate = self._gates.get(job_id)
        if gate is not None:
            gate.update(await self.takeovers.get(job_id))

    async def _watch_loop(self) -> None:
        interval = self._settings.cancel_check_interval_s
        while True:
            try:
                if self._gates:
                    found = await self.takeovers.of_jobs(list(self._gates))
                    for job_id, gate in tuple(self._gates.items()):
                        gate.update(found.get(job_id))
                await self._drop_stale_viewers()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("live_watch_failed")
            await asyncio.sleep(interval)

    async def _drop_stale_viewers(self) -> None:
        oldest = time.monotonic() - self._settings.live_viewer_stale_s
        for job in tuple(self._browsers.values()):
            stale = [v for v, seen in job.viewers.items() if seen < oldest]
            for viewer in stale:
                job.viewers.pop(viewer, None)
            if stale and not job.viewers:
                async with job.lock:
                    await self._stop_screencast(job)

    def _spawn(self, work: Any) -> asyncio.Task[None]:
        task: asyncio.Task[None] = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task
