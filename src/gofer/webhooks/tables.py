"""Tables for webhook endpoints, the outbox of messages, and the log of delivery attempts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from gofer.store.db import Base, UtcDateTime

# Endpoint kinds: registered through the API, the per-job `webhook_url`, the settings default.
KIND_REGISTERED = "registered"
KIND_JOB = "job"
KIND_DEFAULT = "default"

# Endpoint states. Paused endpoints keep collecting messages; disabled ones collect none.
ENDPOINT_ACTIVE = "active"
ENDPOINT_PAUSED = "paused"
ENDPOINT_DISABLED = "disabled"
# Deleted endpoints keep their row (messages in flight may still name them) but are never shown.
ENDPOINT_DELETED = "deleted"
RECEIVING_STATUSES = frozenset({ENDPOINT_ACTIVE, ENDPOINT_PAUSED})

# Message states. Only `pending` messages are ever sent; the rest are final.
MESSAGE_PENDING = "pending"
MESSAGE_SUCCEEDED = "succeeded"
MESSAGE_FAILED = "failed"
MESSAGE_SUPERSEDED = "superseded"

DEFAULT_ENDPOINT_ID = "ep_default"


class WebhookEndpointRow(Base):
    __tablename__ = "webhook_endpoints"
    __table_args__ = (Index("ix_webhook_endpoints_owner", "owner_id", "kind"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    owner_id: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))
    url: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    # Event types this endpoint wants; an empty list means every type.
    event_types: Mapped[list[str]] = mapped_column(JSON)
    # None means "sign with the server's WEBHOOK_SECRET" (the seed's behaviour for job URLs).
    secret: Mapped[str | None] = mapped_column(Text, nullable=True)
    # After a rotation the old secret still signs for a while, so receivers can switch over.
    previous_secret: Mapped[str | None] = mapped_column(Text, nullable=True)
    previous_secret_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    disabled_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    failing_since: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_success_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class WebhookMessageRow(Base):
    """One event for one endpoint. Its id is the `webhook-id` header, the same on every attempt."""

    __tablename__ = "webhook_messages"
    __table_args__ = (
        # Due pending messages, oldest first: what the dispatcher claims.
        Index("ix_webhook_messages_due", "status", "next_attempt_at"),
        # The ordering check: is an earlier message of this job still pending for this endpoint?
        Index("ix_webhook_messages_order", "endpoint_id", "job_id", "status", "seq"),
        Index("ix_webhook_messages_job", "job_id"),
        Index("ix_webhook_messages_owner", "owner_id", "id"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    endpoint_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("webhook_endpoints.id", ondelete="CASCADE")
    )
    owner_id: Mapped[str] = mapped_column(String(128))
    job_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    event_type: Mapped[str] = mapped_column(String(64))
    # The exact JSON body, kept as text so every attempt signs and sends the same bytes.
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    attempt_count: Mapped[int] = mapped_column(Integer, default=0)
    # Failures since the last (re)delivery request: the index into the retry schedule.
    failures: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # The dispatcher sending this message right now, and until when its claim holds: another
    # dispatcher takes the message over only after the lease expired (its holder died).
    # Deliberately not indexed: on PostgreSQL, taking a lease then changes no indexed column,
    # so the row is updated in place (HOT) and the claim's index scan meets no dead entries.
    leased_by: Mapped[str | None] = mapped_column(String(40), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class WebhookAttemptRow(Base):
    __tablename__ = "webhook_attempts"
    __table_args__ = (Index("ix_webhook_attempts_message", "message_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    message_id: Mapped[str] = mapped_column(
        String(40), ForeignKey("webhook_messages.id", ondelete="CASCADE")
    )
    endpoint_id: Mapped[str] = mapped_column(String(40))
    number: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    succeeded: Mapped[bool] = mapped_column(Boolean)
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    latency_ms: Mapped[float] = mapped_column(Float)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # First 1 KB of the receiver's answer, for debugging a failing endpoint.
    response_body: Mapped[str | None] = mapped_column(Text, nullable=True)
