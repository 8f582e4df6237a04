"""Erasure routes: delete a finished job, your account, or (the admin) anyone's account."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel

from gofer.api.auth import Principal, require_principal
from gofer.api.errors import ApiError
from gofer.api.jobs import visible_job
from gofer.lifecycle.erasure import ACTOR_ADMIN, ACTOR_OWNER, Erased, Eraser, StillRunning
from gofer.services import Services, services

router = APIRouter(tags=["privacy"])


class ErasureDone(BaseModel):
    success: bool = True
    kind: str
    id: str
    erased_at: str
    # What was removed, by kind (events, webhook_messages, artifact_files, ...).
    removed: dict[str, int]


def eraser(request: Request) -> Eraser:
    found = request.app.state.services.extras.get("eraser")
    if found is None:
        raise ApiError(503, "Erasure is not available on this server", "erasure_unavailable")
    return found  # type: ignore[no-any-return]


def actor(principal: Principal) -> str:
    return ACTOR_ADMIN if principal.is_admin else ACTOR_OWNER


def done(erased: Erased) -> ErasureDone:
    return ErasureDone(
        kind=erased.kind,
        id=erased.subject_id,
        erased_at=erased.erased_at.isoformat().replace("+00:00", "Z"),
        removed=erased.counts,
    )


@router.delete("/api/v1/jobs/{job_id}", response_model=ErasureDone)
async def erase_job(
    job_id: str = Path(..., min_length=1, max_length=64),
    principal: Principal = Depends(require_principal),
    svc: Services = Depends(services),
    erasure: Eraser = Depends(eraser),
) -> ErasureDone:
    """Erases a finished job: its events, artifacts, webhook messages and conversation record."""
    job = await visible_job(svc, principal, job_id)
    if not job.status.terminal:
        raise ApiError(409, "The job has not finished; cancel it first", "job_not_finished")
    try:
        return done(await erasure.erase_job(job_id, actor(principal)))
    except StillRunning as exc:
        raise ApiError(
            409, "The job has not finished; cancel it first", "job_not_finished"
        ) from exc


@router.delete("/api/v1/me", response_model=ErasureDone)
async def erase_me(
    principal: Principal = Depends(require_principal),
    erasure: Eraser = Depends(eraser),
) -> ErasureDone:
    """Erases your account and everything it owns; running jobs are cancelled first."""
    if principal.is_admin:
        raise ApiError(
            409,
            "The admin key has no account to erase; use DELETE /api/v1/users/{user_id}",
            "not_an_account",
        )
    return await _erase_account(erasure, principal.user_id, ACTOR_OWNER)


@router.delete("/api/v1/users/{user_id}", response_model=ErasureDone)
async def erase_user(
    user_id: str = Path(..., min_length=1, max_length=128),
    principal: Principal = Depends(require_principal),
    erasure: Eraser = Depends(eraser),
) -> ErasureDone:
    """The admin erases any account (anyone else: 404, like a missing user)."""
    if not principal.can_see(user_id) or not await erasure.account_exists(user_id):
        raise ApiError(404, "User not found", "user_not_found")
    return await _erase_account(erasure, user_id, actor(principal))


async def _erase_account(erasure: Eraser, user_id: str, who: str) -> ErasureDone:
    try:
        return done(await erasure.erase_account(user_id, who))
    except StillRunning as exc:
        raise ApiError(
            409, "Some jobs could not be stopped; try again shortly", "jobs_still_running"
        ) from exc
