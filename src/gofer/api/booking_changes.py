"""Moving and cancelling a booked test: aliases over the job resource, in the booking paths' style."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import Field

from gofer.api.auth import require_principal
from gofer.api.booking import BookingStarted
from gofer.api.deps import core
from gofer.api.jobs import links
from gofer.core import Core
from gofer.principal import Principal
from gofer.workflows.trafikverket.change_params import CancelParams, RebookParams

REBOOK_WORKFLOW = "trafikverket.rebook"
CANCEL_WORKFLOW = "trafikverket.cancel"
JOB_OPTIONS = {"webhook_url", "idempotency_key"}

router = APIRouter(prefix="/api/v1/booking", tags=["booking"])


class RebookStart(RebookParams):
    """What to move and how early, plus the job options of `/api/v1/booking/start`."""

    webhook_url: str | None = Field(None, max_length=2048)
    idempotency_key: str | None = Field(None, min_length=1, max_length=255)


class CancelStart(CancelParams):
    """Which test to cancel (with `confirm: true`), plus the job options."""

    webhook_url: str | None = Field(None, max_length=2048)
    idempotency_key: str | None = Field(None, min_length=1, max_length=255)


async def _start(
    gofer: Core,
    principal: Principal,
    workflow: str,
    body: RebookStart | CancelStart,
    what: str,
) -> BookingStarted:
    params = body.model_dump(mode="json", exclude=JOB_OPTIONS)
    job, created = await gofer.jobs.submit(
        principal,
        workflow,
        params,
        webhook_url=body.webhook_url,
        idempotency_key=body.idempotency_key,
        params_field=(),
    )
    urls = links(gofer, job.job_id)
    return BookingStarted(
        job_id=job.job_id,
        status=job.status,
        message=f"{what} job started" if created else f"{what} job already exists for this key",
        webhook_configured=job.webhook_configured or gofer.jobs.default_webhook,
        websocket_url=urls["websocket_url"],
        qr_polling_url=urls["qr_polling_url"],
    )


@router.post("/rebook", response_model=BookingStarted, status_code=201)
async def rebook(
    body: RebookStart,
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> BookingStarted:
    """Watch for a slot earlier than the person's booked test and move the test to it."""
    return await _start(gofer, principal, REBOOK_WORKFLOW, body, "Rebooking")


@router.post("/cancel", response_model=BookingStarted, status_code=201)
async def cancel(
    body: CancelStart,
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> BookingStarted:
    """Cancel a booked test. `confirm` must be true; a late cancellation is reported first."""
    return await _start(gofer, principal, CANCEL_WORKFLOW, body, "Cancellation")
