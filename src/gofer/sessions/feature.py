"""Plugs conversation sessions into the server: routes, the repository, and job outcome tracking."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import structlog

from gofer.events.model import (
    BOOKING_COMPLETED,
    JOB_CANCELLED,
    JOB_FAILED,
    TASK_COMPLETED,
    TASK_FAILED,
    Event,
)
from gofer.sessions.routes import router
from gofer.sessions.store import SessionStore

if TYPE_CHECKING:
    from fastapi import FastAPI

    from gofer.config import Settings
    from gofer.services import Services

log = structlog.get_logger("gofer.sessions")

# Terminal event -> the execution status shown in the session.
OUTCOMES = {
    BOOKING_COMPLETED: "completed",
    TASK_COMPLETED: "completed",
    JOB_FAILED: "failed",
    TASK_FAILED: "failed",
    JOB_CANCELLED: "cancelled",
}


class SessionsFeature:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()
        self._store: SessionStore | None = None

    def setup(self, app: FastAPI, settings: Settings) -> None:
        app.include_router(router)

    async def start(self, app: FastAPI, svc: Services) -> None:
        self._store = SessionStore(svc.sessions)
        svc.extras["sessions"] = self._store
        svc.store.after_commit_hooks.append(self._follow_job)

    async def stop(self, app: FastAPI, svc: Services) -> None:
        if self._follow_job in svc.store.after_commit_hooks:
            svc.store.after_commit_hooks.remove(self._follow_job)
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def _follow_job(self, event: Event) -> None:
        status = OUTCOMES.get(event.type)
        if status is None or self._store is None:
            return
        # Some workflows end a failed job with their completion event and `success: false`.
        if event.type in (TASK_COMPLETED, BOOKING_COMPLETED) and event.data.get("success") is False:
            status = "failed"
        summary = event.data.get("message") or event.data.get("error")
        task = asyncio.create_task(
            self._update(event.job_id, status, str(summary) if summary else None)
        )
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _update(self, job_id: str, status: str, summary: str | None) -> None:
        assert self._store is not None
        try:
            await self._store.update_job_status(job_id, status, summary)
        except Exception:
            log.exception("session_execution_update_failed", job_id=job_id)
