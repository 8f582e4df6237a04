"""Keeps each conversation's record of its jobs up to date as the jobs end."""

from __future__ import annotations

import asyncio

import structlog

from gofer.events.model import (
    BOOKING_COMPLETED,
    JOB_CANCELLED,
    JOB_FAILED,
    TASK_COMPLETED,
    TASK_FAILED,
    Event,
)
from gofer.sessions.store import SessionStore

log = structlog.get_logger("gofer.sessions")

# Ending event -> the execution status shown in the session.
OUTCOMES = {
    BOOKING_COMPLETED: "completed",
    TASK_COMPLETED: "completed",
    JOB_FAILED: "failed",
    TASK_FAILED: "failed",
    JOB_CANCELLED: "cancelled",
}


class ExecutionOutcomes:
    """An after-commit hook of the event store: updates the execution rows off the hot path."""

    def __init__(self, store: SessionStore) -> None:
        self._store = store
        self._tasks: set[asyncio.Task[None]] = set()

    def after_commit(self, event: Event) -> None:
        status = OUTCOMES.get(event.type)
        if status is None:
            return
        # The seed's completion event also says how a failed or cancelled job ended.
        if event.type in (TASK_COMPLETED, BOOKING_COMPLETED) and event.data.get("success") is False:
            status = "cancelled" if event.data.get("code") == "cancelled" else "failed"
        summary = event.data.get("message") or event.data.get("error")
        task = asyncio.create_task(
            self._update(event.job_id, status, str(summary) if summary else None)
        )
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _update(self, job_id: str, status: str, summary: str | None) -> None:
        try:
            await self._store.update_job_status(job_id, status, summary)
        except Exception:
            log.exception("session_execution_update_failed", job_id=job_id)
