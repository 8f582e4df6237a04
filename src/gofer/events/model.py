"""The event envelope every client sees: WebSocket, polling and webhooks alike."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field

# Booking workflow event types; the first four keep the seed's names.
BOOKING_STARTED = "booking_started"
STATUS_UPDATE = "status_update"
QR_CODE_UPDATE = "qr_code_update"
BOOKING_COMPLETED = "booking_completed"
SLOT_FOUND = "slot_found"
HUMAN_NEEDED = "human_needed"
JOB_FAILED = "job_failed"
JOB_CANCELLED = "job_cancelled"
# Forms workflow.
TASK_COMPLETED = "task_completed"
TASK_FAILED = "task_failed"

# Events that can be a job's last one; anything else means the job is still going.
ENDING_EVENTS = frozenset(
    {BOOKING_COMPLETED, JOB_FAILED, JOB_CANCELLED, TASK_COMPLETED, TASK_FAILED}
)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Event(BaseModel):
    """One fact about a job. `seq` starts at 1 and has no gaps within a job."""

    seq: int
    job_id: str
    type: str
    timestamp: datetime = Field(default_factory=utc_now)
    data: dict[str, Any] = Field(default_factory=dict)

    def envelope(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "job_id": self.job_id,
            "type": self.type,
            "timestamp": self.timestamp.isoformat().replace("+00:00", "Z"),
            "data": self.data,
        }
