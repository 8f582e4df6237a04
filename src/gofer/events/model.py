"""The events every client sees (WebSocket, polling, webhooks): one typed model per event type.

The envelope is `{seq, job_id, type, timestamp, data}`. Each type has a data model; the store
checks an event's data against it before the event exists, so a client can rely on the published
schema (`event_schema()`, served at /api/v1/events/schema). Every event's data carries `status`:
the job's status after the event, in the seed's words.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

# Booking workflow event types; the first four keep the seed's names.
BOOKING_STARTED = "booking_started"
STATUS_UPDATE = "status_update"
QR_CODE_UPDATE = "qr_code_update"
BOOKING_COMPLETED = "booking_completed"
SLOT_FOUND = "slot_found"
HUMAN_NEEDED = "human_needed"
# Rebooking and cancelling a booking a person already holds.
EARLIER_SLOT_FOUND = "earlier_slot_found"
CANCELLATION_NOTICE = "cancellation_notice"
# Something unexpected the job handled by itself (a survey dialog it closed); worth knowing.
WARNING = "warning"
# Generic job lifecycle.
JOB_FAILED = "job_failed"
JOB_CANCELLED = "job_cancelled"
JOB_REQUEUED = "job_requeued"
# Forms workflow (the seed voice agent's names).
TASK_COMPLETED = "task_completed"
TASK_FAILED = "task_failed"
# Webhooks.
WEBHOOK_DISABLED = "webhook_disabled"

# The events that can be a job's last one: the one place that says so.
ENDING_EVENTS = frozenset(
    {BOOKING_COMPLETED, JOB_FAILED, JOB_CANCELLED, TASK_COMPLETED, TASK_FAILED}
)


def utc_now() -> datetime:
    return datetime.now(UTC)


class EventData(BaseModel):
    """Fields every event carries. Workflows may add their own details (extra keys are kept)."""

    model_config = ConfigDict(extra="allow")

    status: str = Field(description="The job's status after this event, in the seed's words.")


class BookingStartedData(EventData):
    params: dict[str, Any]


class StatusUpdateData(EventData):
    message: str
    progress: int = Field(ge=0, le=100)


class QrCodeUpdateData(EventData):
    image_data: str | None = Field(description="PNG data URL of the BankID QR, as drawn.")
    qr_payload: str | None = Field(description="The decoded QR text, when it could be read.")


class CompletionData(EventData):
    """The seed's completion event: sent however the job ends, with the cause when it failed."""

    success: bool
    message: str | None = None
    error: str | None = None
    code: str | None = Field(None, description="Why the job did not succeed (machine code).")
    details: dict[str, Any] | None = Field(
        None, description="For some codes (site_changed): the step, element, page and evidence."
    )


class SlotFoundData(EventData):
    auto_book: bool


class EarlierSlotFoundData(EventData):
    """A free slot earlier than the booking the person holds, fitting their wishes."""

    auto_book: bool = Field(description="Whether the job goes on to move the booking to it.")
    start: str = Field(description="The earlier slot's start, ISO 8601 with offset.")
    location: str
    current_start: str = Field(description="The start of the booking held now.")
    current_location: str


class CancellationNoticeData(EventData):
    """What cancelling a booking will cost, told before the booking is cancelled."""

    examination_id: int
    start: str
    location: str
    late: bool = Field(description="Less than 24 hours before the test: the fee is not refunded.")
    message: str


class HumanNeededData(EventData):
    reason: str
    action: str = Field(description="What the person should do: scan_qr, takeover, pay_in_cart…")
    message: str | None = None


class JobFailedData(EventData):
    error: str
    code: str
    progress: int = 100
    details: dict[str, Any] | None = Field(
        None, description="For some codes (site_changed): the step, element, page and evidence."
    )


class WarningData(EventData):
    message: str
    code: str = Field(description="What kind of warning: dialog_closed, …")


class JobCancelledData(EventData):
    message: str
    code: str = "cancelled"
    progress: int = 100


class JobRequeuedData(EventData):
    reason: str
    attempt: int


class WebhookDisabledData(EventData):
    pass


DATA_MODELS: dict[str, type[EventData]] = {
    BOOKING_STARTED: BookingStartedData,
    STATUS_UPDATE: StatusUpdateData,
    QR_CODE_UPDATE: QrCodeUpdateData,
    BOOKING_COMPLETED: CompletionData,
    SLOT_FOUND: SlotFoundData,
    HUMAN_NEEDED: HumanNeededData,
    EARLIER_SLOT_FOUND: EarlierSlotFoundData,
    CANCELLATION_NOTICE: CancellationNoticeData,
    WARNING: WarningData,
    JOB_FAILED: JobFailedData,
    JOB_CANCELLED: JobCancelledData,
    JOB_REQUEUED: JobRequeuedData,
    TASK_COMPLETED: CompletionData,
    TASK_FAILED: CompletionData,
    WEBHOOK_DISABLED: WebhookDisabledData,
}


class UnknownEventType(ValueError):
    pass


def checked_data(event_type: str, data: dict[str, Any]) -> dict[str, Any]:
    """The event's data, validated against its type's model; raises for an unknown type."""
    model = DATA_MODELS.get(event_type)
    if model is None:
        raise UnknownEventType(f"unknown event type {event_type!r}")
    model.model_validate(data)
    return data


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


def _typed_envelope(event_type: str, data_model: type[EventData]) -> type[BaseModel]:
    class Envelope(BaseModel):
        seq: int = Field(ge=1)
        job_id: str
        type: Literal[event_type]  # type: ignore[valid-type]
        timestamp: datetime
        data: data_model  # type: ignore[valid-type]

    name = "".join(part.title() for part in event_type.split("_")) + "Event"
    Envelope.__name__ = Envelope.__qualname__ = name
    return Envelope


TYPED_EVENTS = tuple(_typed_envelope(t, m) for t, m in DATA_MODELS.items())
# One union over every envelope, told apart by `type` (built from the table above).
AnyEvent = Annotated[Union[TYPED_EVENTS], Field(discriminator="type")]  # type: ignore[valid-type]  # noqa: UP007
EVENT_ADAPTER: TypeAdapter[Any] = TypeAdapter(AnyEvent)


def event_schema() -> dict[str, Any]:
    """JSON Schema of every event envelope, discriminated by `type`."""
    schema = EVENT_ADAPTER.json_schema()
    schema["title"] = "GoferEvent"
    schema["description"] = (
        "A job event as sent over WebSocket, polling and webhooks. `ending` lists the types "
        "that can end a job."
    )
    schema["ending"] = sorted(ENDING_EVENTS)
    return schema
