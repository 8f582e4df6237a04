"""A job's lifecycle, and the job as clients see it.

The lifecycle is the same for every workflow; what a job is doing inside it is the workflow's own
`step` ("qr_waiting", "filling", ...). `status` is what the seed's clients always saw: the step
while the job runs, else the lifecycle state.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, computed_field


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    # Running, but holding no execution slot: waiting for a person or for the next poll.
    WAITING = "waiting"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def terminal(self) -> bool:
        return self in TERMINAL_STATES


TERMINAL_STATES = frozenset({JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED})
ACTIVE_STATES = frozenset({JobState.RUNNING, JobState.WAITING})
# The step every job starts in, whatever its workflow.
STARTING_STEP = "starting"


def display_status(state: JobState, step: str | None) -> str:
    """The seed's single status word: the step while the job runs, else the lifecycle state."""
    if state in ACTIVE_STATES and step:
        return step
    return state.value


class JobView(BaseModel):
    """A job as the API returns it."""

    job_id: str
    user_id: str
    workflow: str
    state: JobState
    step: str | None = None
    progress: int
    message: str
    params: dict[str, Any]
    result: dict[str, Any] | None = None
    error: str | None = None
    error_code: str | None = None
    webhook_configured: bool = False
    last_seq: int = 0
    attempt: int = 0
    # Internal: which worker runs it (never shown to clients).
    worker_id: str | None = Field(None, exclude=True)
    cancel_requested: str | None = Field(None, exclude=True)
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status(self) -> str:
        return display_status(self.state, self.step)


class JobFailure(Exception):
    """A workflow's way to end a job as failed with a clear reason and a machine code."""

    def __init__(
        self, message: str, code: str = "workflow_failed", details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        # What a client needs to act on the failure (e.g. which page element changed).
        self.details = details
