"""What a workflow is, and the StepContext through which it reports and reaches the browser."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import structlog
from pydantic import BaseModel

from gofer.events.model import HUMAN_NEEDED, QR_CODE_UPDATE, STATUS_UPDATE
from gofer.jobs.model import STARTING_STEP

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext

    from gofer.browser.pool import BrowserPool, Warmup
    from gofer.config import Settings
    from gofer.jobs.model import JobView
    from gofer.jobs.store import JobStore
    from gofer.jobs.worker import ExecutionSlot

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
        self.log = structlog.get_logger("gofer.workflow").bind(
            job_id=job.job_id, workflow=job.workflow
        )

    async def step(
        self, step: str, message: str, *, progress: int | None = None, **data: Any
    ) -> None:
        """Moves the job to its workflow's `step` and tells every client (`status_update`)."""
        step = str(step)
        progress = self._progress.get(step, 0) if progress is None else progress
        self.step_value = step
        payload = {"message": message, "progress": progress, **data}
        await self._store.record(
            self.job_id, STATUS_UPDATE, payload, step=step, progress=progress, message=message
        )
        self.log.info("step", step=step, message=message)

    @asynccontextmanager
    async def waiting(self) -> AsyncIterator[None]:
        """While inside, the job holds no execution slot (a person's scan, the next poll)."""
        if self._slot is None:
            yield
            return
        self._slot.release()
        await self._store.set_waiting(self.job_id, True)
        # Only a job that goes on takes a slot back: one that is ending (cancelled, failed)
        # must not wait for a free slot first.
        yield
        await self._slot.acquire()
        await self._store.set_waiting(self.job_id, False)

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
    async def browser(self, warmup: Warmup | None = None) -> AsyncIterator[BrowserContext]:
        """A fresh browser context for this job, closed on every exit path; with `warmup`,
        possibly one already at the site's first screen."""
        if self._pool is None:
            raise RuntimeError("this server runs without a browser")
        async with self._pool.context(warmup) as context:
            yield context
