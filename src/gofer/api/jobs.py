"""The generic job resource: create, read, list, cancel, events, QR; and the event schema."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Header, Query
from pydantic import BaseModel, Field

from gofer.api.auth import require_principal
from gofer.api.deps import core
from gofer.core import Core
from gofer.errors import invalid_field
from gofer.events.model import event_schema
from gofer.jobs.model import JobView
from gofer.principal import Principal

router = APIRouter(prefix="/api/v1/jobs", tags=["jobs"])
schema_router = APIRouter(prefix="/api/v1/events", tags=["events"])

# Sequence numbers and other counters fit a signed 32-bit column on every database.
MAX_SEQ = 2**31 - 1


class JobCreate(BaseModel):
    workflow: str = Field(..., min_length=1, max_length=64, examples=["trafikverket.book"])
    params: dict[str, Any] = Field(default_factory=dict)
    webhook_url: str | None = Field(None, max_length=2048)
    idempotency_key: str | None = Field(None, min_length=1, max_length=255)


class JobCreated(JobView):
    success: bool = True
    websocket_url: str
    qr_polling_url: str
    events_url: str


class JobPage(BaseModel):
    success: bool = True
    jobs: list[JobView]
    next_cursor: str | None


class JobAnswer(JobView):
    success: bool = True


class CancelResult(BaseModel):
    success: bool
    job_id: str
    status: str
    message: str


class EventList(BaseModel):
    success: bool = True
    job_id: str
    events: list[dict[str, Any]]
    last_seq: int


class QrView(BaseModel):
    success: bool = True
    job_id: str
    image_data: str
    qr_payload: str | None
    seq: int
    timestamp: datetime
    status: str


def links(gofer: Core, job_id: str) -> dict[str, str]:
    base = gofer.settings.effective_public_base_url
    ws_base = base.replace("http://", "ws://", 1).replace("https://", "wss://", 1)
    return {
        "websocket_url": f"{ws_base}/ws/{job_id}",
        "qr_polling_url": f"{base}/api/v1/booking/{job_id}/qr",
        "events_url": f"{base}/api/v1/jobs/{job_id}/events",
    }


@router.post("", status_code=201, response_model=JobCreated)
async def create(
    body: JobCreate,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=255),
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> JobCreated:
    job, _ = await gofer.jobs.submit(
        principal,
        body.workflow,
        body.params,
        webhook_url=body.webhook_url,
        idempotency_key=body.idempotency_key or idempotency_key,
    )
    return JobCreated.model_validate({**job.model_dump(), **links(gofer, job.job_id)})


def _encode_cursor(job: JobView) -> str:
    raw = json.dumps([job.created_at.isoformat(), job.job_id]).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        created, job_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return datetime.fromisoformat(created), str(job_id)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise invalid_field("cursor", "not a cursor from this API", "bad_cursor") from exc


@router.get("", response_model=JobPage)
async def list_jobs(
    status: list[str] = Query(
        default=[], max_length=20, description="Lifecycle states or workflow steps to keep."
    ),
    workflow: str | None = Query(None, max_length=64),
    cursor: str | None = Query(None, max_length=512),
    limit: int = Query(50, ge=1, le=200),
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> JobPage:
    if any(len(s) > 32 for s in status):
        raise invalid_field("status", "a status is at most 32 characters")
    jobs = await gofer.jobs.search(
        principal,
        statuses=status,
        workflow=workflow,
        before=_decode_cursor(cursor) if cursor else None,
        limit=limit + 1,
    )
    page, more = jobs[:limit], len(jobs) > limit
    return JobPage(jobs=page, next_cursor=_encode_cursor(page[-1]) if more else None)


@router.get("/{job_id}", response_model=JobAnswer)
async def get_job(
    job_id: str,
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> JobAnswer:
    return JobAnswer.model_validate((await gofer.jobs.get(principal, job_id)).model_dump())


async def cancel_job(gofer: Core, principal: Principal, job_id: str) -> CancelResult:
    after = await gofer.jobs.cancel(principal, job_id)
    cancelled = after.status == "cancelled"
    return CancelResult(
        success=cancelled,
        job_id=job_id,
        status=after.status,
        message="Job cancelled" if cancelled else after.message,
    )


@router.post("/{job_id}/cancel", response_model=CancelResult)
async def cancel(
    job_id: str,
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> CancelResult:
    return await cancel_job(gofer, principal, job_id)


@router.get("/{job_id}/events", response_model=EventList)
async def events(
    job_id: str,
    after: int = Query(0, ge=0, le=MAX_SEQ),
    limit: int = Query(500, ge=1, le=1000),
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> EventList:
    job, found = await gofer.jobs.events(principal, job_id, after, limit)
    return EventList(job_id=job_id, events=[e.envelope() for e in found], last_seq=job.last_seq)


async def latest_qr(gofer: Core, principal: Principal, job_id: str) -> QrView:
    job, event = await gofer.jobs.latest_qr(principal, job_id)
    return QrView(
        job_id=job_id,
        image_data=event.data["image_data"],
        qr_payload=event.data.get("qr_payload"),
        seq=event.seq,
        timestamp=event.timestamp,
        status=job.status,
    )


@router.get("/{job_id}/qr", response_model=QrView)
async def qr(
    job_id: str,
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> QrView:
    return await latest_qr(gofer, principal, job_id)


@schema_router.get("/schema")
async def schema() -> dict[str, Any]:
    """JSON Schema of every event (WebSocket, polling and webhooks), discriminated by `type`."""
    return event_schema()
