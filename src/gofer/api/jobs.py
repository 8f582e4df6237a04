"""The generic job resource: create, read, list, cancel, events, QR."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Header, Query
from pydantic import BaseModel, Field, ValidationError

from gofer.api.auth import Principal, require_principal
from gofer.api.errors import ApiError, validation_details
from gofer.events.model import QR_CODE_UPDATE
from gofer.jobs.model import JobStatus, JobView
from gofer.jobs.store import IdempotencyConflict
from gofer.services import Services, services

router = APIRouter(prefix="/api/v1/jobs", tags=["jobs"])


class JobCreate(BaseModel):
    workflow: str = Field(..., min_length=1, max_length=64, examples=["trafikverket.book"])
    params: dict[str, Any] = Field(default_factory=dict)
    webhook_url: str | None = Field(None, max_length=2048)
    idempotency_key: str | None = Field(None, min_length=1, max_length=255)


class JobCreated(JobView):
    websocket_url: str
    qr_polling_url: str
    events_url: str


class JobPage(BaseModel):
    jobs: list[JobView]
    next_cursor: str | None


class CancelResult(BaseModel):
    success: bool
    job_id: str
    status: JobStatus
    message: str


class EventList(BaseModel):
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
    status: JobStatus


def links(svc: Services, job_id: str) -> dict[str, str]:
    base = svc.settings.effective_public_base_url
    ws_base = base.replace("http://", "ws://", 1).replace("https://", "wss://", 1)
    return {
        "websocket_url": f"{ws_base}/ws/{job_id}",
        "qr_polling_url": f"{base}/api/v1/booking/{job_id}/qr",
        "events_url": f"{base}/api/v1/jobs/{job_id}/events",
    }


async def create_job(
    svc: Services,
    principal: Principal,
    workflow_name: str,
    params: dict[str, Any],
    *,
    webhook_url: str | None,
    idempotency_key: str | None,
    params_field: str = "params",
) -> tuple[JobView, bool]:
    """Validates and stores a job, then queues it. Returns (job, created_now)."""
    workflow = svc.registry.get(workflow_name)
    if workflow is None:
        raise ApiError(422, f"Unknown workflow '{workflow_name}'", "unknown_workflow")
    try:
        model = workflow.params_model.model_validate(params)
    except ValidationError as exc:
        errors = [{**e, "loc": (params_field, *e["loc"])} for e in exc.errors()]
        sentence, details = validation_details(errors)
        raise ApiError(422, sentence, "validation_error", details=details) from exc
    check = getattr(model, "admission_error", None)
    if callable(check):
        problem = check(svc.settings)
        if problem is not None:
            field, message = problem
            raise ApiError(
                422,
                f"Invalid value for '{field}': {message}",
                "validation_error",
                details=[{"field": field, "message": message}],
            )
    validators = svc.extras.get("webhook_url_validator")
    if webhook_url and validators is not None:
        await validators(webhook_url)
    try:
        job = await svc.store.create(
            user_id=principal.user_id,
            workflow=workflow_name,
            params=model.model_dump(mode="json", exclude_none=True),
            webhook_url=webhook_url,
            idempotency_key=idempotency_key,
        )
    except IdempotencyConflict as conflict:
        return conflict.job, False
    await svc.runner.submit(job)
    return job, True


async def visible_job(svc: Services, principal: Principal, job_id: str) -> JobView:
    """The job if this caller may see it; otherwise the same 404 as for a missing job."""
    job = await svc.store.get(job_id)
    if job is None or not principal.can_see(job.user_id):
        raise ApiError(404, "Job not found", "job_not_found")
    return job


@router.post("", status_code=201, response_model=JobCreated)
async def create(
    body: JobCreate,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=255),
    principal: Principal = Depends(require_principal),
    svc: Services = Depends(services),
) -> JobCreated:
    job, _ = await create_job(
        svc,
        principal,
        body.workflow,
        body.params,
        webhook_url=body.webhook_url,
        idempotency_key=body.idempotency_key or idempotency_key,
    )
    return JobCreated.model_validate({**job.model_dump(), **links(svc, job.job_id)})


def _encode_cursor(job: JobView) -> str:
    raw = json.dumps([job.created_at.isoformat(), job.job_id]).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        created, job_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return datetime.fromisoformat(created), str(job_id)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise ApiError(
            422, "Invalid value for 'cursor': not a cursor from this API", "bad_cursor"
        ) from exc


@router.get("", response_model=JobPage)
async def list_jobs(
    status: list[JobStatus] = Query(default=[]),
    workflow: str | None = Query(None, max_length=64),
    cursor: str | None = Query(None, max_length=512),
    limit: int = Query(50, ge=1, le=200),
    principal: Principal = Depends(require_principal),
    svc: Services = Depends(services),
) -> JobPage:
    jobs = await svc.store.list_jobs(
        user_id=None if principal.is_admin else principal.user_id,
        statuses=[s.value for s in status],
        workflow=workflow,
        before=_decode_cursor(cursor) if cursor else None,
        limit=limit + 1,
    )
    page, more = jobs[:limit], len(jobs) > limit
    return JobPage(jobs=page, next_cursor=_encode_cursor(page[-1]) if more else None)


@router.get("/{job_id}", response_model=JobView)
async def get_job(
    job_id: str,
    principal: Principal = Depends(require_principal),
    svc: Services = Depends(services),
) -> JobView:
    return await visible_job(svc, principal, job_id)


async def cancel_job(svc: Services, principal: Principal, job_id: str) -> CancelResult:
    job = await visible_job(svc, principal, job_id)
    if job.status.terminal:
        raise ApiError(409, f"Job already ended ({job.status.value})", "job_finished")
    await svc.runner.cancel(job_id)
    after = await visible_job(svc, principal, job_id)
    return CancelResult(
        success=after.status == JobStatus.CANCELLED,
        job_id=job_id,
        status=after.status,
        message="Job cancelled" if after.status == JobStatus.CANCELLED else after.message,
    )


@router.post("/{job_id}/cancel", response_model=CancelResult)
async def cancel(
    job_id: str,
    principal: Principal = Depends(require_principal),
    svc: Services = Depends(services),
) -> CancelResult:
    return await cancel_job(svc, principal, job_id)


@router.get("/{job_id}/events", response_model=EventList)
async def events(
    job_id: str,
    after: int = Query(0, ge=0),
    limit: int = Query(500, ge=1, le=1000),
    principal: Principal = Depends(require_principal),
    svc: Services = Depends(services),
) -> EventList:
    job = await visible_job(svc, principal, job_id)
    found = await svc.store.events_after(job_id, after, limit)
    return EventList(job_id=job_id, events=[e.envelope() for e in found], last_seq=job.last_seq)


async def latest_qr(svc: Services, principal: Principal, job_id: str) -> QrView:
    job = await visible_job(svc, principal, job_id)
    event = await svc.store.latest_event(job_id, QR_CODE_UPDATE)
    # A QR event whose image was dropped (the job left the QR step before) is not a current QR.
    if (
        event is None
        or job.status not in (JobStatus.QR_WAITING, JobStatus.BANKID)
        or not event.data.get("image_data")
    ):
        raise ApiError(404, "No QR code is waiting to be scanned for this job", "qr_not_available")
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
    svc: Services = Depends(services),
) -> QrView:
    return await latest_qr(svc, principal, job_id)
