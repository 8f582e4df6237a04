"""Webhook endpoints and the delivery log: register, rotate, pause, test, inspect, redeliver."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field, field_validator

from gofer.api.auth import require_principal
from gofer.api.deps import core
from gofer.core import Core
from gofer.principal import Principal
from gofer.webhooks.control import WebhookControl
from gofer.webhooks.outbox import EVENT_TYPES
from gofer.webhooks.tables import (
    MESSAGE_PENDING,
    WebhookAttemptRow,
    WebhookEndpointRow,
    WebhookMessageRow,
)

router = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"])


def control(gofer: Core = Depends(core)) -> WebhookControl:
    return gofer.webhooks.control


class EndpointCreate(BaseModel):
    url: str = Field(
        ..., min_length=1, max_length=2048, examples=["https://example.com/hooks/gofer"]
    )
    event_types: list[str] = Field(
        default_factory=list,
        max_length=32,
        description="Event types to receive; empty means every type.",
        examples=[["booking_completed", "qr_code_update"]],
    )
    description: str = Field("", max_length=500)

    @field_validator("event_types")
    @classmethod
    def _known_types(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - EVENT_TYPES)
        if unknown:
            raise ValueError(
                f"unknown event type {unknown[0]!r}; known types: {', '.join(sorted(EVENT_TYPES))}"
            )
        return value


class EndpointView(BaseModel):
    id: str
    kind: Literal["registered", "job", "default"]
    url: str
    description: str
    event_types: list[str]
    status: Literal["active", "paused", "disabled"]
    disabled_reason: str | None
    failing_since: datetime | None
    last_success_at: datetime | None
    created_at: datetime
    updated_at: datetime


class EndpointCreated(EndpointView):
    secret: str = Field(description="The signing secret. It is shown only once; keep it.")


class EndpointList(BaseModel):
    success: bool = True
    endpoints: list[EndpointView]


class SecretRotated(BaseModel):
    endpoint_id: str
    secret: str = Field(description="The new signing secret. It is shown only once.")
    previous_secret_valid_until: datetime | None = Field(
        description="Until then each webhook carries signatures from the old and the new secret."
    )


class MessageView(BaseModel):
    id: str = Field(description="The webhook-id header; the same on every attempt.")
    endpoint_id: str
    job_id: str | None
    seq: int
    event_type: str
    status: Literal["pending", "succeeded", "failed", "superseded"]
    attempt_count: int
    next_attempt_at: datetime | None
    created_at: datetime
    last_attempt_at: datetime | None
    delivered_at: datetime | None


class MessageDetail(MessageView):
    payload: dict[str, Any]


class MessagePage(BaseModel):
    success: bool = True
    messages: list[MessageView]
    next_cursor: str | None


class AttemptView(BaseModel):
    number: int
    started_at: datetime
    succeeded: bool
    status_code: int | None
    latency_ms: float
    error: str | None
    response_body: str | None = Field(description="The first 1 KB of the receiver's answer.")


class AttemptList(BaseModel):
    success: bool = True
    message_id: str
    attempts: list[AttemptView]


class TestSent(BaseModel):
    message_id: str
    endpoint_id: str
    status: str


def endpoint_view(row: WebhookEndpointRow) -> EndpointView:
    return EndpointView(
        id=row.id,
        kind=row.kind,  # type: ignore[arg-type]
        url=row.url,
        description=row.description,
        event_types=list(row.event_types or []),
        status=row.status,  # type: ignore[arg-type]
        disabled_reason=row.disabled_reason,
        failing_since=row.failing_since,
        last_success_at=row.last_success_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def message_fields(row: WebhookMessageRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "endpoint_id": row.endpoint_id,
        "job_id": row.job_id,
        "seq": row.seq,
        "event_type": row.event_type,
        "status": row.status,
        "attempt_count": row.attempt_count,
        "next_attempt_at": row.next_attempt_at if row.status == MESSAGE_PENDING else None,
        "created_at": row.created_at,
        "last_attempt_at": row.last_attempt_at,
        "delivered_at": row.delivered_at,
    }


def attempt_view(row: WebhookAttemptRow) -> AttemptView:
    return AttemptView(
        number=row.number,
        started_at=row.started_at,
        succeeded=row.succeeded,
        status_code=row.status_code,
        latency_ms=row.latency_ms,
        error=row.error,
        response_body=row.response_body,
    )


@router.post("/endpoints", status_code=201, response_model=EndpointCreated)
async def create_endpoint(
    body: EndpointCreate,
    principal: Principal = Depends(require_principal),
    webhooks: WebhookControl = Depends(control),
) -> EndpointCreated:
    row, secret = await webhooks.create_endpoint(
        principal, body.url, body.event_types, body.description
    )
    return EndpointCreated(**endpoint_view(row).model_dump(), secret=secret)


@router.get("/endpoints", response_model=EndpointList)
async def list_endpoints(
    principal: Principal = Depends(require_principal),
    webhooks: WebhookControl = Depends(control),
) -> EndpointList:
    rows = await webhooks.list_endpoints(principal)
    return EndpointList(endpoints=[endpoint_view(r) for r in rows])


@router.get("/endpoints/{endpoint_id}", response_model=EndpointView)
async def get_endpoint(
    endpoint_id: str,
    principal: Principal = Depends(require_principal),
    webhooks: WebhookControl = Depends(control),
) -> EndpointView:
    return endpoint_view(await webhooks.endpoint(principal, endpoint_id))


@router.delete("/endpoints/{endpoint_id}", status_code=204)
async def delete_endpoint(
    endpoint_id: str,
    principal: Principal = Depends(require_principal),
    webhooks: WebhookControl = Depends(control),
) -> Response:
    await webhooks.delete_endpoint(principal, endpoint_id)
    return Response(status_code=204)


@router.post("/endpoints/{endpoint_id}/rotate-secret", response_model=SecretRotated)
async def rotate_secret(
    endpoint_id: str,
    principal: Principal = Depends(require_principal),
    webhooks: WebhookControl = Depends(control),
) -> SecretRotated:
    _, secret, grace = await webhooks.rotate_secret(principal, endpoint_id)
    return SecretRotated(endpoint_id=endpoint_id, secret=secret, previous_secret_valid_until=grace)


@router.post("/endpoints/{endpoint_id}/pause", response_model=EndpointView)
async def pause_endpoint(
    endpoint_id: str,
    principal: Principal = Depends(require_principal),
    webhooks: WebhookControl = Depends(control),
) -> EndpointView:
    return endpoint_view(await webhooks.set_paused(principal, endpoint_id, paused=True))


@router.post("/endpoints/{endpoint_id}/resume", response_model=EndpointView)
async def resume_endpoint(
    endpoint_id: str,
    principal: Principal = Depends(require_principal),
    webhooks: WebhookControl = Depends(control),
) -> EndpointView:
    return endpoint_view(await webhooks.set_paused(principal, endpoint_id, paused=False))


@router.post("/endpoints/{endpoint_id}/test", status_code=202, response_model=TestSent)
async def test_endpoint(
    endpoint_id: str,
    principal: Principal = Depends(require_principal),
    webhooks: WebhookControl = Depends(control),
) -> TestSent:
    message = await webhooks.send_test(principal, endpoint_id)
    return TestSent(message_id=message.id, endpoint_id=endpoint_id, status=message.status)


@router.get("/messages", response_model=MessagePage)
async def list_messages(
    job_id: str | None = Query(None, max_length=40),
    endpoint_id: str | None = Query(None, max_length=40),
    status: Literal["pending", "succeeded", "failed", "superseded"] | None = Query(None),
    cursor: str | None = Query(None, max_length=40, description="next_cursor of the previous page"),
    limit: int = Query(100, ge=1, le=500),
    principal: Principal = Depends(require_principal),
    webhooks: WebhookControl = Depends(control),
) -> MessagePage:
    rows = await webhooks.list_messages(
        principal,
        job_id=job_id,
        endpoint_id=endpoint_id,
        status=status,
        after=cursor,
        limit=limit + 1,
    )
    page, more = rows[:limit], len(rows) > limit
    return MessagePage(
        messages=[MessageView(**message_fields(r)) for r in page],
        next_cursor=page[-1].id if more else None,
    )


@router.get("/messages/{message_id}", response_model=MessageDetail)
async def get_message(
    message_id: str,
    principal: Principal = Depends(require_principal),
    webhooks: WebhookControl = Depends(control),
) -> MessageDetail:
    row = await webhooks.message(principal, message_id)
    return MessageDetail(**message_fields(row), payload=json.loads(row.payload))


@router.get("/messages/{message_id}/attempts", response_model=AttemptList)
async def list_attempts(
    message_id: str,
    principal: Principal = Depends(require_principal),
    webhooks: WebhookControl = Depends(control),
) -> AttemptList:
    rows = await webhooks.attempts(principal, message_id)
    return AttemptList(message_id=message_id, attempts=[attempt_view(r) for r in rows])


@router.post("/messages/{message_id}/redeliver", status_code=202, response_model=MessageView)
async def redeliver(
    message_id: str,
    principal: Principal = Depends(require_principal),
    webhooks: WebhookControl = Depends(control),
) -> MessageView:
    return MessageView(**message_fields(await webhooks.redeliver(principal, message_id)))
