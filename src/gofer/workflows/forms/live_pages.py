"""Form pages kept open per conversation between turns, and closed once they have idled.

A later turn then finds its page loaded, at the step it was left on, with its autosave alive.
Each page lives in its own browser context, held open by a small task that owns the context
manager the job's StepContext handed out (so the pool's bookkeeping stays right).

Two spare contexts are kept ready for new conversations; given a page to warm up with, each
loads that page once (its writes blocked) and goes back to a blank page, so that a
conversation's own first load finds the site's scripts and styles at hand.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field

import structlog
from playwright.async_api import BrowserContext, Page

from gofer.workflows.forms.discovery import block_writes

ContextOpener = Callable[[], AbstractAsyncContextManager[BrowserContext]]

log = structlog.get_logger("gofer.forms.pages")

# How long a new conversation waits for a spare still on its way, rather than open its own.
SPARE_WAIT_S = 2.0
WARM_TIMEOUT_S = 10.0


@dataclass
class LivePage:
    """One conversation's browser context and its form page."""

    key: str
    context: BrowserContext
    page: Page
    release: asyncio.Event
    holder: asyncio.Task[None]
    busy: bool = False
    last_used: float = field(default_factory=time.monotonic)
    last_edit_at: float | None = None
    idle_timer: asyncio.TimerHandle | None = None

    @property
    def usable(self) -> bool:
        return (
            not self.page.is_closed()
            and self.context.browser is not None
            and (self.context.browser.is_connected())
        )


async def _warm_up(page: Page, url: str) -> None:
    """Loads `url` with its writes blocked, then leaves it for a blank page (best effort)."""
    try:
        await page.route("**/*", block_writes)
        try:
            await page.goto(url, wait_until="load", timeout=WARM_TIMEOUT_S * 1000)
            await page.goto("about:blank")
        finally:
            await page.unroute("**/*", block_writes)
    except Exception as exc:
        log.debug("spare_warm_up_failed", error=type(exc).__name__)


class LivePages:
    """At most `max_open` kept pages; the least recently used idle one makes room."""

    def __init__(
        self,
        idle_s: float = 120.0,
        max_open: int = 8,
        settle_s: float = 0.6,
        *,
        keep_spare: bool = True,
        spares: int = 2,
    ) -> None:
        self.idle_s = idle_s
        self.max_open = max_open
        self.settle_s = settle_s  # time the page's autosave gets after the last edit
        self._pages: dict[str, LivePage] = {}
        self._closing: set[asyncio.Task[None]] = set()
        self._closing_keys: dict[str, asyncio.Task[None]] = {}
        self._lock = asyncio.Lock()
        self.keep_spare = keep_spare
        # Two, so that one is ready while the other is being made after new conversations
        # that come one after the other.
        self.spares = max(1, spares)
        self._spares: list[LivePage] = []
        self._spare_added = asyncio.Event()
        self._spare_task: asyncio.Task[None] | None = None

    def __len__(self) -> int:
        return len(self._pages)

    def is_open(self, key: str) -> bool:
        page = self._pages.get(key)
        return page is not None and page.usable

    @asynccontextmanager
    async def lease(
        self, key: str, opener: ContextOpener, warm_url: str | None = None
    ) -> AsyncIterator[LivePage]:
        """The conversation's page (opened if needed), for one turn. A failed turn closes it.

        `warm_url`: a page the next spare context loads once ahead of time (no conversation's).
        """
        live = await self._take(key, opener)
        try:
            yield live
        except BaseException:
            live.busy = False
            await asyncio.shield(self._close(live))
            raise
        live.busy = False
        live.last_used = time.monotonic()
        if self.idle_s <= 0:
            await asyncio.shield(self._close(live))
            return
        loop = asyncio.get_running_loop()
        live.idle_timer = loop.call_later(self.idle_s, self._close_later, live)
        if self.keep_spare:
            self._prepare_spare(opener, warm_url)

    async def _take(self, key: str, opener: ContextOpener) -> LivePage:
        closing = self._closing_keys.get(key)
        if closing is not None:
            # Its old page is still closing: let its last autosave land before a new page loads.
            await asyncio.wait({closing})
        task = self._spare_task
        if key not in self._pages and not self._spares and task and not task.done():
            # A new conversation: a spare on its way is nearer than a new context.
            self._spare_added.clear()
            added = asyncio.create_task(self._spare_added.wait())
            await asyncio.wait(
                {task, added}, timeout=SPARE_WAIT_S, return_when=asyncio.FIRST_COMPLETED
            )
            added.cancel()
        async with self._lock:
            live = self._pages.get(key)
            if live is not None and live.busy:
                raise RuntimeError(f"the page of conversation {key} is already in use")
            if live is not None and not live.usable:
                await self._close(live)
                live = None
            if live is None:
                self._make_room()
                live = await self._open(key, opener)
                self._pages[key] = live
            if live.idle_timer is not None:
                live.idle_timer.cancel()
                live.idle_timer = None
            live.busy = True
            return live

    async def _open(self, key: str, opener: ContextOpener) -> LivePage:
        while self._spares:
            spare = self._spares.pop(0)
            if spare.usable:
                spare.key = key
                return spare
            await self._close(spare)
        return await self._create(key, opener)

    def _prepare_spare(self, opener: ContextOpener, warm_url: str | None = None) -> None:
        """Opens pages ahead of time, so that the next new conversations start sooner."""
        if len(self._spares) >= self.spares or (self._spare_task and not self._spare_task.done()):
            return

        async def make() -> None:
            while len(self._spares) < self.spares:
                try:
                    spare = await self._create("spare", opener)
                except Exception as exc:
                    log.debug("spare_page_failed", error=type(exc).__name__)
                    return
                if warm_url is not None:
                    await _warm_up(spare.page, warm_url)
                self._spares.append(spare)
                self._spare_added.set()

        self._spare_task = asyncio.create_task(make(), name="gofer-forms-spare-page")

    async def _create(self, key: str, opener: ContextOpener) -> LivePage:
        ready: asyncio.Future[BrowserContext] = asyncio.get_running_loop().create_future()
        release = asyncio.Event()

        async def hold() -> None:
            try:
                async with opener() as context:
                    ready.set_result(context)
                    await release.wait()
            except Exception as exc:
                if not ready.done():
                    ready.set_exception(exc)
                else:
                    log.debug("form_page_context_close_failed", error=type(exc).__name__)

        holder = asyncio.create_task(hold(), name=f"gofer-forms-page-{key}")
        context = await ready
        try:
            page = await context.new_page()
        except BaseException:
            release.set()
            await holder
            raise
        return LivePage(key=key, context=context, page=page, release=release, holder=holder)

    def _make_room(self) -> None:
        """Sets the least recently used idle pages closing, without waiting for them."""
        while len(self._pages) >= self.max_open:
            idle = [p for p in self._pages.values() if not p.busy]
            if not idle:
                return  # every page is mid-turn; allow one more rather than wait
            oldest = min(idle, key=lambda p: p.last_used)
            del self._pages[oldest.key]
            self._close_in_background(oldest)

    def _close_later(self, live: LivePage) -> None:
        if live.busy or self._pages.get(live.key) is not live:
            return
        self._close_in_background(live)

    def _close_in_background(self, live: LivePage) -> None:
        task = asyncio.create_task(self._close(live))
        self._closing.add(task)
        self._closing_keys[live.key] = task

        def done(task: asyncio.Task[None]) -> None:
            self._closing.discard(task)
            if self._closing_keys.get(live.key) is task:
                del self._closing_keys[live.key]

        task.add_done_callback(done)

    async def _close(self, live: LivePage) -> None:
        if self._pages.get(live.key) is live:
            del self._pages[live.key]
        if live.idle_timer is not None:
            live.idle_timer.cancel()
            live.idle_timer = None
        if live.last_edit_at is not None:
            # A page closed right after an edit would lose the autosave still waiting to run.
            wait = self.settle_s - (time.monotonic() - live.last_edit_at)
            if wait > 0:
                await asyncio.sleep(wait)
        live.release.set()
        with contextlib.suppress(Exception):
            await live.holder
        log.debug("form_page_closed", open_pages=len(self._pages))

    async def close(self, key: str) -> None:
        live = self._pages.get(key)
        if live is not None and not live.busy:
            await self._close(live)

    async def close_all(self) -> None:
        if self._spare_task is not None:
            with contextlib.suppress(Exception):
                await self._spare_task
        spares, self._spares = self._spares, []
        for spare in spares:
            await self._close(spare)
        for live in list(self._pages.values()):
            await self._close(live)
        if self._closing:
            await asyncio.gather(*self._closing, return_exceptions=True)
