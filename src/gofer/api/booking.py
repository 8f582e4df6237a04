"""The seed's booking paths, kept as aliases over the generic job resource."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from gofer.api.auth import require_principal
from gofer.api.deps import core
from gofer.api.jobs import QrView, cancel_job, latest_qr, links
from gofer.core import Core
from gofer.jobs.model import JobView
from gofer.principal import Principal
from gofer.workflows.trafikverket.params import BookingParams

BOOKING_WORKFLOW = "trafikverket.book"

router = APIRouter(prefix="/api/v1/booking", tags=["booking"])


class BookingStart(BookingParams):
    """The seed's start body plus Gofer's booking options."""

    webhook_url: str | None = Field(None, max_length=2048)
    idempotency_key: str | None = Field(None, min_length=1, max_length=255)


class BookingStarted(BaseModel):
    success: bool = True
    job_id: str
    status: str
    message: str
    webhook_configured: bool
    websocket_url: str
    qr_polling_url: str


class BookingStatus(BaseModel):
    success: bool = True
    job_id: str
    status: str
    progress: int
    message: str
    result: dict[str, Any] | None = None
    error: str | None = None
    created_at: str
    updated_at: str


class BookingStop(BaseModel):
    job_id: str = Field(..., min_length=1, max_length=64)


class BookingList(BaseModel):
    success: bool = True
    jobs: list[BookingStatus]
    count: int


def _status(job: JobView) -> BookingStatus:
    return BookingStatus(
        job_id=job.job_id,
        status=job.status,
        progress=job.progress,
        message=job.message,
        result=job.result,
        error=job.error,
        created_at=job.created_at.isoformat(),
        updated_at=job.updated_at.isoformat(),
    )


@router.post("/start", response_model=BookingStarted, status_code=201)
async def start(
    body: BookingStart,
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> BookingStarted:
    params = body.model_dump(mode="json", exclude={"webhook_url", "idempotency_key"})
    job, created = await gofer.jobs.submit(
        principal,
        BOOKING_WORKFLOW,
        params,
        webhook_url=body.webhook_url,
        idempotency_key=body.idempotency_key,
        params_field=(),
    )
    urls = links(gofer, job.job_id)
    return BookingStarted(
        job_id=job.job_id,
        status=job.status,
        message="Booking job started" if created else "Booking job already exists for this key",
        webhook_configured=job.webhook_configured or gofer.jobs.default_webhook,
        websocket_url=urls["websocket_url"],
        qr_polling_url=urls["qr_polling_url"],
    )


@router.get("/status/{job_id}", response_model=BookingStatus)
async def status(
    job_id: str,
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> BookingStatus:
    return _status(await gofer.jobs.get(principal, job_id))


@router.get("/status", response_model=BookingList)
async def list_bookings(
    principal: Principal = Depends(require_principal), gofer: Core = Depends(core)
) -> BookingList:
    jobs = await gofer.jobs.search(principal, workflow=BOOKING_WORKFLOW, limit=100)
    return BookingList(jobs=[_status(j) for j in jobs], count=len(jobs))


@router.get("/{job_id}/qr", response_model=QrView)
async def qr(
    job_id: str,
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> QrView:
    return await latest_qr(gofer, principal, job_id)


@router.post("/stop")
async def stop(
    body: BookingStop,
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> dict[str, Any]:
    return (await cancel_job(gofer, principal, body.job_id)).model_dump()
