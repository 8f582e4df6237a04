"""What is kept of a job's browser: a cheap screenshot per step, the page at failure, a trace."""

from __future__ import annotations

import asyncio
import contextlib
import re
import tempfile
from pathlib import Path

import structlog
from playwright.async_api import BrowserContext, Page

from gofer.config import Settings
from gofer.live.artifacts import ArtifactStore

log = structlog.get_logger("gofer.recorder")

# No screenshot while the BankID QR is up: that step relays the QR every few hundred ms and a
# screenshot would compete with it for the page (and would only show the QR the client has).
QUIET_STEPS = frozenset({"bankid", "qr_waiting"})
TRACE_NAME = "trace.zip"


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)[:40] or "step"


class Recorder:
    def __init__(self, settings: Settings, artifacts: ArtifactStore) -> None:
        self._settings = settings
        self.artifacts = artifacts
        self._pending: set[asyncio.Task[None]] = set()
        self._busy: set[str] = set()

    @property
    def enabled(self) -> bool:
        return self._settings.artifacts_enabled

    def step_screenshot(self, job_id: str, page: Page | None, number: int, step: str) -> None:
        """Starts a screenshot of the step in the background; the step itself never waits."""
        if not self.enabled or page is None or step in QUIET_STEPS or job_id in self._busy:
            return  # one at a time per job: a burst of steps keeps the first picture
        self._busy.add(job_id)
        task = asyncio.create_task(self._shoot(job_id, page, f"step-{number:03d}-{_safe(step)}"))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _shoot(self, job_id: str, page: Page, name: str) -> None:
        try:
            image = await page.screenshot(
                type="jpeg", quality=self._settings.artifacts_screenshot_quality, timeout=5000
            )
            await self.artifacts.save(job_id, f"{name}.jpg", image)
        except Exception as exc:  # the page moved on or closed: that step has no picture
            log.debug("step_screenshot_skipped", job_id=job_id, error=type(exc).__name__)
        finally:
            self._busy.discard(job_id)

    async def snapshot(self, job_id: str, page: Page | None, name: str) -> None:
        """The page now: a screenshot, its HTML and its URL (at failure, at a takeover)."""
        if not self.enabled or page is None or page.is_closed():
            return
        with contextlib.suppress(Exception):
            image = await page.screenshot(
                type="jpeg", quality=self._settings.artifacts_screenshot_quality, timeout=5000
            )
            await self.artifacts.save(job_id, f"{name}.jpg", image)
        with contextlib.suppress(Exception):
            await self.artifacts.save(job_id, f"{name}.html", (await page.content()).encode())
        with contextlib.suppress(Exception):
            await self.artifacts.save(job_id, f"{name}-url.txt", page.url.encode())

    async def start_trace(self, context: BrowserContext) -> bool:
        if not self.enabled or self._settings.artifacts_trace == "off":
            return False
        try:
            # No screenshots in the trace: they would need a second screencast of the page.
            await context.tracing.start(screenshots=False, snapshots=True)
        except Exception as exc:
            log.warning("trace_start_failed", error=type(exc).__name__)
            return False
        return True

    async def finish_trace(self, context: BrowserContext, job_id: str, *, failed: bool) -> None:
        keep = failed or self._settings.artifacts_trace == "always"
        try:
            if not keep:
                await context.tracing.stop()
                return
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / TRACE_NAME
                await context.tracing.stop(path=str(path))
                await self.artifacts.save(
                    job_id, TRACE_NAME, await asyncio.to_thread(path.read_bytes)
                )
        except Exception as exc:  # the browser died with the job: no trace to keep
            log.warning("trace_stop_failed", job_id=job_id, error=type(exc).__name__)

    async def drain(self) -> None:
        """Waits for screenshots still being written (a job's browser is about to close)."""
        if self._pending:
            await asyncio.gather(*tuple(self._pending), return_exceptions=True)
