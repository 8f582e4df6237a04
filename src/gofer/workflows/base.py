"""What a workflow is, and the StepContext through which it reports and reaches the browser."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import structlog
from pydantic import BaseModel

from gofer.events.model import HUMAN_NEEDED, QR_CODE_UPDATE, STATUS_UPDATE
from gofer.jobs.model import DEFAULT_PROGRESS, JobStatus

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext

    from gofer.browser.pool import BrowserPool
    from gofer.config import Settings
    from gofer.jobs.model import JobView
    from gofer.jobs.store import JobStore


class Workflow(Protocol):
    """A site errand. `run` returns the result a client sees in the completion event."""

    name: ClassVar[str]
    params_model: ClassVar[type[BaseModel]]
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
    ) -> None:
        self.job = job
        self.job_id = job.job_id
        self.params = params
        self.settings = settings
        self._store = store
        self._pool = pool
        self._last_qr_payload: str | None = None
        self.status_value = JobStatus(job.status)
        self.log = structlog.get_logger("gofer.workflow").bind(
            job_id=job.job_id, workflow=job.workflow
        )

    async def status(
        self, status: JobStatus, message: str, *, progress: int | None = None, **data: Any
    ) -> None:
        """Moves the job to `status` and tells every client (a `status_update` event)."""
        progress = DEFAULT_PROGRESS[status] if progress is None else progress
        self.status_value = status
        payload = {"status": status.value, "message": message, "progress": progress, **data}
        await self._store.record(
            self.job_id, STATUS_UPDATE, payload, status=status, progress=progress, message=message
        )
        self.log.info("status", status=status.value, message=message)

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
            {"image_data": image_data, "qr_payload": payload, "status": self.status_value.value},
        )
        return True

    def forget_qr(self) -> None:
        """The next QR is news even if it repeats an old one (a new login attempt)."""
        self._last_qr_payload = None

    async def human_needed(self, reason: str, action: str, **data: Any) -> None:
        """Asks the person for something only they can do (scan a QR, confirm)."""
        await self.emit(HUMAN_NEEDED, {"reason": reason, "action": action, **data})

    @asynccontextmanager
    async def browser(self) -> AsyncIterator[BrowserContext]:
        """A fresh browser context for this job, closed on every exit path."""
        if self._pool is None:
            raise RuntimeError("this server runs without a browser")
        async with self._pool.context() as context:
            yield context
