"""Erasure routes: delete a finished job, your account, or (the admin) anyone's account."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel

from gofer.api.auth import require_principal
from gofer.api.deps import core
from gofer.core import Core
from gofer.errors import Conflict, NotFound
from gofer.lifecycle.erasure import ACTOR_ADMIN, ACTOR_OWNER, Erased, Eraser, StillRunning
from gofer.principal import Principal

router = APIRouter(tags=["privacy"])

JOB_NOT_FINISHED = Conflict("The job has not finished; cancel it first", "job_not_finished")


class ErasureDone(BaseModel):
    success: bool = True
    kind: str
    id: str
    erased_at: str
    # What was removed, by kind (events, webhook_messages, artifact_files, ...).
    removed: dict[str, int]


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
    gofer: Core = Depends(core),
) -> ErasureDone:
    """Erases a finished job: its events, artifacts, webhook messages and conversation record."""
    job = await gofer.jobs.get(principal, job_id)
    if not job.state.terminal:
        raise JOB_NOT_FINISHED
    try:
        return done(await gofer.lifecycle.eraser.erase_job(job_id, actor(principal)))
    except StillRunning as exc:
        raise JOB_NOT_FINISHED from exc


@router.delete("/api/v1/me", response_model=ErasureDone)
async def erase_me(
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> ErasureDone:
    """Erases your account and everything it owns; running jobs are cancelled first."""
    if principal.is_admin:
        raise Conflict(
            "The admin key has no account to erase; use DELETE /api/v1/users/{user_id}",
            "not_an_account",
        )
    return await _erase_account(gofer.lifecycle.eraser, principal.user_id, ACTOR_OWNER)


@router.delete("/api/v1/users/{user_id}", response_model=ErasureDone)
async def erase_user(
    user_id: str = Path(..., min_length=1, max_length=128),
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> ErasureDone:
    """The admin erases any account (anyone else: 404, like a missing user)."""
    eraser = gofer.lifecycle.eraser
    if not principal.can_see(user_id) or not await eraser.account_exists(user_id):
        raise NotFound("User not found", "user_not_found")
    return await _erase_account(eraser, user_id, actor(principal))


async def _erase_account(eraser: Eraser, user_id: str, who: str) -> ErasureDone:
    try:
        return done(await eraser.erase_account(user_id, who))
    except StillRunning as exc:
        raise Conflict(
            "Some jobs could not be stopped; try again shortly", "jobs_still_running"
        ) from exc
