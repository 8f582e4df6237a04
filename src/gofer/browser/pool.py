"""One Chromium for the whole server, relaunched if it dies; each job gets its own context."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import structlog
from playwright.async_api import Browser, BrowserContext, Page, Playwright, async_playwright

# Flags for the distro Chromium on a machine without outside network: the background-networking
# ones stop Chromium from dialling home, which would otherwise fail loudly at every start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]

log = structlog.get_logger("gofer.browser")


@dataclass(frozen=True)
class Warmup:
    """How to bring a context to a site's first screen before any job asks for one.

    What a person waits for first is the site's first screen (for a booking, the BankID QR
    behind it), so the pool keeps a context that has already loaded it, refreshed when old.
    """

    key: str
    prepare: Callable[[Page], Awaitable[None]]
    max_age_s: float = 240.0
    timeout_s: float = 30.0


class BrowserPool:
    """Owns the Playwright driver and the shared browser."""

    def __init__(
        self,
        executable_path: str,
        *,
        headless: bool = True,
        launch_timeout_s: float = 30.0,
        action_timeout_ms: int = 15000,
        per_job: bool = False,
        spare_contexts: int = 2,
        warm_contexts: int = 1,
        extra_args: list[str] | None = None,
    ) -> None:
        self._executable_path = executable_path
        self._headless = headless
        self._launch_timeout_ms = launch_timeout_s * 1000
        self._action_timeout_ms = action_timeout_ms
        self._per_job = per_job
        self._args = [*CHROMIUM_ARGS, *(extra_args or [])]
        # Contexts made ahead of time, each with a blank page, so a job starts without waiting
        # for Chromium to create them (most of a job's start-up time otherwise).
        self._spare_target = 0 if per_job else spare_contexts
        self._spares: list[BrowserContext] = []
        self._refill: asyncio.Task[None] | None = None
        # Per Warmup key: contexts already at that site's first screen, and when each got there.
        self._warm_target = 0 if per_job else warm_contexts
        self._warm: dict[str, list[tuple[BrowserContext, float]]] = {}
        self._warming: dict[str, asyncio.Task[None]] = {}
        self.warm_handed_out = 0
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._lock = asyncio.Lock()
        self.contexts_in_use = 0
        self._contexts_in_use: set[BrowserContext] = set()
        self.launches = 0

    async def start(self) -> None:
        self._playwright = await async_playwright().start()
        if not self._per_job:
            async with self._lock:
                await self._launch()
            self._schedule_refill()

    async def stop(self) -> None:
        tasks = [t for t in (self._refill, *self._warming.values()) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for spare in self._spares:
            await _close_quietly(spare)
        self._spares.clear()
        for warm in self._warm.values():
            for context, _ in warm:
                await _close_quietly(context)
        self._warm.clear()
        async with self._lock:
            if self._browser is not None:
                browser, self._browser = self._browser, None
                try:
                    await browser.close()
                except Exception as exc:  # already gone: nothing left to close
                    log.debug("browser_close_failed", error=str(exc))
            if self._playwright is not None:
                await self._playwright.stop()
                self._playwright = None

    @property
    def pages_in_use(self) -> int:
        """Open pages of the jobs' contexts: a job waiting between searches should have none."""
        return sum(len(context.pages) for context in self._contexts_in_use)

    @property
    def connected(self) -> bool:
        if self._per_job:
            return self._playwright is not None
        return self._browser is not None and self._browser.is_connected()

    @property
    def version(self) -> str | None:
        return self._browser.version if self.connected and self._browser else None

    async def _new_browser(self) -> Browser:
        assert self._playwright is not None, "BrowserPool.start() was not called"
        return await self._playwright.chromium.launch(
            executable_path=self._executable_path,
            headless=self._headless,
            args=self._args,
            timeout=self._launch_timeout_ms,
            # Ctrl-C reaches the Playwright driver too (same process group): the server closes
            # the browser itself during its graceful stop, after the jobs have let go of it.
            handle_sigint=False,
        )

    async def _launch(self) -> Browser:
        browser = await self._new_browser()
        browser.on("disconnected", self._on_disconnected)
        self._browser = browser
        self.launches += 1
        log.info("browser_launched", version=browser.version, launches=self.launches)
        return browser

    def _on_disconnected(self, browser: Browser) -> None:
        if self._browser is browser:  # not our own close in stop(), which forgets it first
            log.warning("browser_disconnected")

    async def browser(self) -> Browser:
        """The live browser, relaunched first if it has died."""
        if self._browser is not None and self._browser.is_connected():
            return self._browser
        async with self._lock:
            if self._browser is None or not self._browser.is_connected():
                await self._launch()
            assert self._browser is not None
            return self._browser

    @asynccontextmanager
    async def context(
        self, warmup: Warmup | None = None, **options: Any
    ) -> AsyncIterator[BrowserContext]:
        """A fresh context for one job; with `warmup`, one already at that site's first screen
        when the pool has one ready (the caller checks where its page is either way)."""
        warm = self._take_warm(warmup) if warmup is not None and not options else None
        if warm is not None:
            async with self._in_use(warm) as context:
                yield context
            return
        if self._per_job:
            browser = await self._new_browser()
            try:
                async with self._context_in(browser, **options) as context:
                    yield context
            finally:
                await asyncio.shield(browser.close())
            return
        spare = self._take_spare() if not options else None
        if spare is not None:
            async with self._in_use(spare) as context:
                yield context
            return
        async with self._context_in(await self.browser(), **options) as context:
            yield context

    def _take_warm(self, warmup: Warmup) -> BrowserContext | None:
        if not self._warm_target:
            return None
        ready = self._warm.setdefault(warmup.key, [])
        found = None
        while ready and found is None:
            context, since = ready.pop(0)
            fresh = time.monotonic() - since < warmup.max_age_s
            if fresh and context.browser is not None and context.browser.is_connected():
                found = context
            else:
                task = asyncio.create_task(_close_quietly(context))
                task.add_done_callback(lambda _: None)
        self._schedule_warming(warmup)
        self.warm_handed_out += found is not None
        return found

    def _schedule_warming(self, warmup: Warmup) -> None:
        running = self._warming.get(warmup.key)
        if running is None or running.done():
            self._warming[warmup.key] = asyncio.create_task(
                self._fill_warm(warmup), name=f"browser-warm-{warmup.key}"
            )

    async def _fill_warm(self, warmup: Warmup) -> None:
        ready = self._warm.setdefault(warmup.key, [])
        while len(ready) < self._warm_target:
            context: BrowserContext | None = None
            try:
                context = await self._new_context(await self.browser())
                page = await context.new_page()
                async with asyncio.timeout(warmup.timeout_s):
                    await warmup.prepare(page)
            except Exception as exc:  # the site or the browser is down; a job will say so
                log.info("warm_context_failed", key=warmup.key, error=type(exc).__name__)
                if context is not None:
                    await _close_quietly(context)
                return
            ready.append((context, time.monotonic()))

    def _take_spare(self) -> BrowserContext | None:
        while self._spares:
            spare = self._spares.pop(0)
            self._schedule_refill()
            if spare.browser is not None and spare.browser.is_connected():
                return spare
        self._schedule_refill()
        return None

    def _schedule_refill(self) -> None:
        if self._spare_target and (self._refill is None or self._refill.done()):
            self._refill = asyncio.create_task(self._fill_spares(), name="browser-spares")

    async def _fill_spares(self) -> None:
        while len(self._spares) < self._spare_target:
            try:
                context = await self._new_context(await self.browser())
                await context.new_page()
            except Exception as exc:  # the browser is dying; the next job relaunches it
                log.warning("spare_context_failed", error=str(exc))
                return
            self._spares.append(context)

    async def _new_context(self, browser: Browser, **options: Any) -> BrowserContext:
        # A modest desktop viewport: compositor memory grows with the page area (about 2 MB a job
        # less than Playwright's 1280x720), and the sites' desktop layouts start well below it.
        options.setdefault("viewport", {"width": 1024, "height": 768})
        context = await browser.new_context(
            locale="sv-SE", timezone_id="Europe/Stockholm", **options
        )
        context.set_default_timeout(self._action_timeout_ms)
        return context

    @asynccontextmanager
    async def _context_in(self, browser: Browser, **options: Any) -> AsyncIterator[BrowserContext]:
        context = await self._new_context(browser, **options)
        async with self._in_use(context):
            yield context

    @asynccontextmanager
    async def _in_use(self, context: BrowserContext) -> AsyncIterator[BrowserContext]:
        self.contexts_in_use += 1
        self._contexts_in_use.add(context)
        try:
            yield context
        finally:
            self.contexts_in_use -= 1
            self._contexts_in_use.discard(context)
            # Shielded so that a cancelled job still closes its pages and frees the memory.
            await asyncio.shield(_close_quietly(context))


async def _close_quietly(context: BrowserContext) -> None:
    try:
        await context.close()
    except Exception as exc:  # the browser may have died with the job
        log.debug("context_close_failed", error=str(exc))
