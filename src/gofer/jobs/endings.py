"""How a job ends: one rule for every cause, so every client hears the end the same way.

Whatever ends a job (success, a workflow failure, a time limit, a cancel, a lost worker), the
workflow's own completion event comes first (the seed's `booking_completed`/`task_failed`, with
`success` and the cause's `code`), then, unless it succeeded, the generic `job_failed` or
`job_cancelled`, which carries the final state.
"""

from __future__ import annotations

from typing import Any

from gofer.events.model import JOB_CANCELLED, JOB_FAILED
from gofer.jobs.model import JobState
from gofer.jobs.store import JobStore
from gofer.workflows.base import Workflow

CANCELLED_MESSAGE = "Cancelled by the user"
TIMEOUT_MESSAGE = "The job took longer than its time limit."


async def complete(
    store: JobStore, job_id: str, workflow: Workflow, result: dict[str, Any]
) -> None:
    message = str(result.get("message", "Completed"))
    await store.record(
        job_id,
        workflow.completed_event,
        {"success": True, **result},
        state=JobState.COMPLETED,
        progress=100,
        message=message,
        result=result,
    )


async def fail(
    store: JobStore,
    job_id: str,
    workflow: Workflow | None,
    message: str,
    code: str,
    details: dict[str, Any] | None = None,
) -> None:
    extra = {"details": details} if details else {}
    await _seed_ending(store, job_id, workflow, message, code, extra)
    await store.record(
        job_id,
        JOB_FAILED,
        {"error": message, "code": code, "progress": 100, **extra},
        state=JobState.FAILED,
        progress=100,
        message=message,
        error=(message, code),
    )


async def cancelled(
    store: JobStore, job_id: str, workflow: Workflow | None, message: str = CANCELLED_MESSAGE
) -> None:
    await _seed_ending(store, job_id, workflow, message, "cancelled")
    await store.record(
        job_id,
        JOB_CANCELLED,
        {"message": message, "code": "cancelled", "progress": 100},
        state=JobState.CANCELLED,
        progress=100,
        message=message,
        error=(message, "cancelled"),
    )


async def _seed_ending(
    store: JobStore,
    job_id: str,
    workflow: Workflow | None,
    message: str,
    code: str,
    extra: dict[str, Any] | None = None,
) -> None:
    if workflow is None:
        return
    event_type = workflow.failed_event or workflow.completed_event
    await store.record(
        job_id,
        event_type,
        {"success": False, "message": message, "error": message, "code": code, **(extra or {})},
    )


async def on_cancel_request(
    store: JobStore, job_id: str, workflow: Workflow | None, reason: str
) -> None:
    """Ends a job for a stored cancel request: a caller's time limit is a timeout, not a cancel."""
    if reason == "timeout":
        await fail(store, job_id, workflow, TIMEOUT_MESSAGE, "timeout")
    else:
        await cancelled(store, job_id, workflow)
