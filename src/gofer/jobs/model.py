"""Job statuses, their order, and the job as clients see it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel


class JobStatus(StrEnum):
    """The seed's statuses in flow order, plus queueing, monitoring and the two bad endings."""

    QUEUED = "queued"
    STARTING = "starting"
    NAVIGATING = "navigating"
    LOGIN = "login"
    BANKID = "bankid"
    QR_WAITING = "qr_waiting"
    AUTHENTICATED = "authenticated"
    CONFIGURING = "configuring"
    LOCATIONS = "locations"
    SEARCHING = "searching"
    MONITORING = "monitoring"
    BOOKING = "booking"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def terminal(self) -> bool:
        return self in TERMINAL_STATUSES


TERMINAL_STATUSES = frozenset({JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED})

# Progress shown for each status when a workflow does not give its own figure.
DEFAULT_PROGRESS: dict[JobStatus, int] = {
    JobStatus.QUEUED: 0,
    JobStatus.STARTING: 5,
    JobStatus.NAVIGATING: 10,
    JobStatus.LOGIN: 15,
    JobStatus.BANKID: 20,
    JobStatus.QR_WAITING: 25,
    JobStatus.AUTHENTICATED: 40,
    JobStatus.CONFIGURING: 50,
    JobStatus.LOCATIONS: 60,
    JobStatus.SEARCHING: 70,
    JobStatus.MONITORING: 75,
    JobStatus.BOOKING: 90,
    JobStatus.COMPLETED: 100,
    JobStatus.FAILED: 100,
    JobStatus.CANCELLED: 100,
}


class JobView(BaseModel):
    """A job as the API returns it."""

    job_id: str
    user_id: str
    workflow: str
    status: JobStatus
    progress: int
    message: str
    params: dict[str, Any]
    result: dict[str, Any] | None = None
    error: str | None = None
    error_code: str | None = None
    webhook_configured: bool = False
    last_seq: int = 0
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None


class JobFailure(Exception):
    """A workflow's way to end a job as failed with a clear reason and a machine code."""

    def __init__(self, message: str, code: str = "workflow_failed") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
