"""What a workflow is, and the StepContext through which it reports and reaches the browser."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import structlog
from pydantic import BaseModel

from gofer.events.model import HUMAN_NEEDED, QR_CODE_UPDATE, STATUS_UPDATE
from gofer.jobs.model import STARTING_STEP, JobFailure

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext

    from gofer.browser.pool import BrowserPool, Warmup
    from gofer.config import Settings
    from gofer.jobs.model import JobView
    from gofer.jobs.store import JobStore
    from gofer.jobs.worker import ExecutionSlot
    from gofer.live.runtime import LiveRuntime
    from gofer.live.takeover import Takeover

# Capacity pools: interactive work (forms, voice) never queues behind long bookings.
BOOKING_KIND = "booking"
INTERACTIVE_KIND = "interactive"


class Workflow(Protocol):
    """A site errand. `run` returns the result a client sees in the completion event."""

    name: ClassVar[str]
    # The capacity pool its jobs run in (BOOKING_KIND or INTERACTIVE_KIND).
    kind: ClassVar[str]
    params_model: ClassVar[type[BaseModel]]
    # Progress shown for each of its steps when a step does not give its own figure.
    progress: ClassVar[dict[str, int]]
    # Event types that end the job: the completion event (with success) and, optionally, an extra
    # event emitted on failure for clients that listen for one type only (the seed's webhooks do).
    completed_event: ClassVar[str]
    failed_event: ClassVar[str | None]
    # Sent at the start of the job, if set (the seed's `booking_started`).
    started_event: ClassVar[str | None]

    async def run(self, ctx: StepContext) -> dict[str, Any]: ...


class StepContext:
    """A running job's voice: statuses, events, QR hand-off; and its browser context."""

    def __init__(
        self,
        job: JobView,
        params: BaseModel,
        settings: Settings,
        store: JobStore,
        pool: BrowserPool | None,
        *,
        progress: dict[str, int],
        slot: ExecutionSlot | None = None,
        live: LiveRuntime | None = None,
    ) -> None:
        self.job = job
        self.job_id = job.job_id
        self.params = params
        self.settings = settings
        self._store = store
        self._pool = pool
        self._progress = progress
        self._slot = slot
        self._last_qr_payload: str | None = None
        self.step_value = job.step or STARTING_STEP
        self._live = live
        self._gate = live.gate(job.job_id) if live is not None else None
        self._steps_taken = 0
        # How many times a person has handed this job back: a workflow that sees it change
        # re-reads the page instead of trusting what it did before the takeover.
        self.handbacks = 0
        # Set by a workflow whose page may be closed at a safe point (a monitoring job waits
        # without one): called before a person takes over, so there is a page to take over.
        self.page_for_person: Callable[[], Awaitable[None]] | None = None
        self.log = structlog.get_logger("gofer.workflow").bind(
            job_id=job.job_id, workflow=job.workflow
        )

    async def step(
        self, step: str, message: str, *, progress: int | None = None, **data: Any
    ) -> bool:
        """Moves the job to its workflow's `step` and tells every client (`status_update`).

        A safe point for a takeover: returns True if a person held the job here, in which case
        the page may not be as the workflow left it.
        """
        step = str(step)
        progress = self._progress.get(step, 0) if progress is None else progress
        self.step_value = step
        payload = {"message": message, "progress": progress, **data}
        await self._store.record(
            self.job_id, STATUS_UPDATE, payload, step=step, progress=progress, message=message
        )
        self.log.info("step", step=step, message=message)
        if self._live is not None:
            self._steps_taken += 1
            page = self._live.current_page(self.job_id)
            self._live.recorder.step_screenshot(self.job_id, page, self._steps_taken, step)
        return await self._safe_point(step)

    # --- takeover: a person holds the job's browser --------------------------------------

    async def _safe_point(self, step: str | None = None) -> bool:
        """Pauses here if a person asked to take over (at this step, or at the next safe point)."""
        gate = self._gate
        request = gate.request if gate is not None else None
        if request is None or request.state != "requested":
            return False
        if request.at_step is not None and request.at_step != step:
            return False
        await self._hold(request.reason, "A person has taken over the browser")
        return True

    async def takeover(self, reason: str, message: str, **data: Any) -> None:
        """Asks a person to finish what the workflow cannot (a page it does not understand).

        Keeps a picture of the page, tells every client (`human_needed`, action "takeover") and
        waits, holding no execution slot, until the person hands the job back.
        """
        if self._live is None:
            raise JobFailure(message, "takeover_unavailable")
        await self._live.takeovers.request(self.job_id, "workflow", reason, state="active")
        await self._live.refresh(self.job_id)
        await self._hold(reason, message, **data)

    async def offer_takeover(self, reason: str, message: str, wait_s: float, **data: Any) -> bool:
        """Offers a person the browser for `wait_s` (`human_needed`, action "takeover_offer").

        Returns True once a person took over and handed back (the page is theirs to have
        changed), False if nobody asked in time or there is no live view here.
        """
        gate = self._gate
        if self._live is None or gate is None or wait_s <= 0:
            return False
        await self.human_needed(
            reason, "takeover_offer", message=message, offer_expires_in_s=wait_s, **data
        )
        try:
            async with asyncio.timeout(wait_s):
                while gate.request is None or gate.request.state != "requested":
                    gate.changed.clear()
                    await gate.changed.wait()
        except TimeoutError:
            return False
        await self._hold(reason, "A person has taken over the browser")
        return True

    async def _hold(self, reason: str, message: str, **data: Any) -> None:
        assert self._live is not None and self._gate is not None
        live, gate = self._live, self._gate
        if self.page_for_person is not None:
            await self.page_for_person()
        await live.takeovers.activate(self.job_id)
        await live.refresh(self.job_id)
        await live.recorder.snapshot(
            self.job_id, live.current_page(self.job_id), f"takeover-{self.handbacks + 1:02d}"
        )
        timed_out = False
        async with self.waiting():
            # Told once the job holds no slot, so a client that hears it sees the job waiting.
            # A link to the pictures, never a picture: this event also goes out by webhook.
            artifacts = f"{self.settings.effective_public_base_url}/api/v1/jobs/{self.job_id}"
            await self.human_needed(
                reason,
                "takeover",
                message=message,
                artifacts_url=f"{artifacts}/artifacts",
                **data,
            )
            self.log.info("takeover_started", reason=reason)
            try:
                async with asyncio.timeout(self.settings.takeover_timeout_s):
                    while not gate.handed_back:
                        gate.changed.clear()
                        await gate.changed.wait()
            except TimeoutError:
                timed_out = True
        await live.takeovers.clear(self.job_id)
        gate.update(None)
        self.handbacks += 1
        if timed_out and self.settings.takeover_timeout_action == "fail":
            raise JobFailure(
                "Nobody handed the job back before the takeover time limit.", "takeover_timeout"
            )
        note = (
            "The takeover time limit passed; carrying on from the page as it is"
            if timed_out
            else "Handed back by the person; reading the page again"
        )
        await self._store.record(
            self.job_id,
            STATUS_UPDATE,
            {"message": note, "progress": self._progress.get(self.step_value, 0), "resumed": True},
            message=note,
        )
        self.log.info("takeover_ended", timed_out=timed_out)

    @asynccontextmanager
    async def waiting(self) -> AsyncIterator[None]:
        """While inside, the job holds no execution slot (a person's scan, the next poll)."""
        if self._slot is None:
            yield
        else:
            self._slot.release()
            await self._store.set_waiting(self.job_id, True)
            # Only a job that goes on takes a slot back: one that is ending (cancelled, failed)
            # must not wait for a free slot first.
            yield
            await self._slot.acquire()
            await self._store.set_waiting(self.job_id, False)
        # Coming back from a wait (a scan, the next poll) is a safe point for a takeover.
        await self._safe_point()

    async def idle(self, seconds: float) -> None:
        """Waits `seconds` holding no slot (the next poll); a person asking to take over ends
        the wait at once, and the job pauses for them."""
        async with self.waiting():
            gate = self._gate
            if gate is None:
                await asyncio.sleep(seconds)
                return
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(seconds):
                    while not _asked_now(gate.request):
                        gate.changed.clear()
                        await gate.changed.wait()

    async def emit(self, event_type: str, data: dict[str, Any]) -> None:
        await self._store.record(self.job_id, event_type, data)

    async def qr(self, image_data: str, payload: str | None) -> bool:
        """Relays a BankID QR to the user; only a changed code is sent. Returns whether it was."""
        key = payload or image_data
        if key == self._last_qr_payload:
            return False
        self._last_qr_payload = key
        await self._store.record(
            self.job_id,
            QR_CODE_UPDATE,
            {"image_data": image_data, "qr_payload": payload},
        )
        return True

    def forget_qr(self) -> None:
        """The next QR is news even if it repeats an old one (a new login attempt)."""
        self._last_qr_payload = None

    async def human_needed(self, reason: str, action: str, **data: Any) -> None:
        """Asks the person for something only they can do (scan a QR, confirm)."""
        await self.emit(HUMAN_NEEDED, {"reason": reason, "action": action, **data})

    @asynccontextmanager
    async def browser(
        self, warmup: Warmup | None = None, *, trace: bool = True
    ) -> AsyncIterator[BrowserContext]:
        """A fresh browser context for this job, closed on every exit path; with `warmup`,
        possibly one already at the site's first screen.

        While open, the live view can watch and drive its current page; a failure inside keeps
        the page (screenshot, HTML, URL) and, per setting and unless `trace` is off, a
        Playwright trace.
        """
        if self._pool is None:
            raise RuntimeError("this server runs without a browser")
        async with self._pool.context(warmup) as context:
            if self._live is None:
                yield context
                return
            recorder = self._live.recorder
            tracing = trace and await recorder.start_trace(context)
            async with self._live.attached(self.job_id, context) as attached:
                try:
                    yield context
                except asyncio.CancelledError:
                    if tracing:
                        await asyncio.shield(
                            recorder.finish_trace(context, self.job_id, failed=False)
                        )
                    raise
                except BaseException:
                    await recorder.snapshot(self.job_id, attached.page, "failure")
                    if tracing:
                        await recorder.finish_trace(context, self.job_id, failed=True)
                    raise
                if tracing:
                    await recorder.finish_trace(context, self.job_id, failed=False)


def _asked_now(request: Takeover | None) -> bool:
    """A takeover request for the next safe point (not for a later step)."""
    return request is not None and request.state == "requested" and request.at_step is None
