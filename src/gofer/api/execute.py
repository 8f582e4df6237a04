"""The forms agent's seed paths: POST /api/execute, GET /api/live, GET /api/health.

A message becomes a `forms.fill` job; the route waits for it to end (events, WebSocket and
webhooks see the same job) and answers with what the form now holds.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Query
from pydantic import BaseModel, Field

from gofer import __version__
from gofer.api.auth import Principal, require_principal
from gofer.api.errors import ApiError
from gofer.api.jobs import create_job, links
from gofer.events.model import JOB_CANCELLED, JOB_FAILED, TASK_COMPLETED
from gofer.jobs.model import JobStatus, JobView
from gofer.services import Services, services
from gofer.workflows.forms.directory import FORMS
from gofer.workflows.forms.params import (
    MAX_MESSAGE_CHARS,
    SESSION_KEY_PATTERN,
    checked_form_key,
)
from gofer.workflows.forms.state import WORKFLOW, FormSession, FormSessions, SessionLocks

router = APIRouter(tags=["forms"])

_TERMINAL_EVENTS = frozenset({TASK_COMPLETED, JOB_FAILED, JOB_CANCELLED})
_SESSION_KEY = re.compile(SESSION_KEY_PATTERN)
# Time the route allows beyond the job's own limit for the runner to record the ending.
_WAIT_GRACE_S = 5.0


class ExecuteBody(BaseModel):
    """The seed's body; `form` optionally forces the form (loan, crm, hr, compliance, operations)."""

    user_message: str | None = Field(
        None, max_length=MAX_MESSAGE_CHARS, examples=["Mở đơn vay cho Nguyễn Văn An, 500 triệu"]
    )
    session_id: str | None = Field(None, max_length=200)
    form: str | None = Field(None, max_length=64, examples=["loan"])
    language: Literal["vi", "en"] | None = Field(
        None, description="The conversation's language, for messages that do not show one."
    )


class ExecuteAnswer(BaseModel):
    success: bool = True
    result: str = Field(description="What was done, in one or two sentences.")
    session_id: str
    job_id: str
    form: str | None = None
    filled: dict[str, str] = Field(
        default_factory=dict, description="Values the agent set and read back, by field name."
    )
    missing: list[str] = Field(default_factory=list, description="Fields still without a value.")
    question: str | None = Field(None, description="What to ask the user next, if anything.")
    submitted: bool = False
    url: str | None = Field(None, description="The form page of this conversation.")
    step: int | None = None
    steps: int | None = None
    changes: dict[str, Any] = Field(default_factory=dict)
    mismatches: dict[str, dict[str, str]] = Field(default_factory=dict)
    skipped: dict[str, str] = Field(default_factory=dict)
    rejected: dict[str, str] = Field(default_factory=dict)
    form_values: dict[str, str] = Field(
        default_factory=dict, description="Every non-empty control of the page after the turn."
    )
    timings_ms: dict[str, int] = Field(default_factory=dict)
    websocket_url: str
    events_url: str


class LiveView(BaseModel):
    success: bool = True
    live_url: str | None
    session_id: str | None = None
    form: str | None = None


class TurnView(BaseModel):
    job_id: str
    turn: int
    message: str
    status: str
    outcome: dict[str, Any]


class FormSessionView(BaseModel):
    success: bool = True
    session_id: str
    form: str | None
    url: str | None
    filled: dict[str, str]
    step: int
    turns: list[TurnView]


def _parts(svc: Services) -> tuple[FormSessions, SessionLocks]:
    sessions = svc.extras.get("form_sessions")
    locks = svc.extras.get("form_locks")
    if sessions is None or locks is None:
        raise ApiError(503, "The forms agent is not running on this server", "forms_disabled")
    return sessions, locks


async def _conversation_owner(svc: Services, session_id: str) -> str | None:
    store = svc.extras.get("sessions")
    if store is None:
        return None
    try:
        owner = await store.owner(session_id)
    except Exception:
        return None
    return str(owner) if owner else None


async def _session_for(
    svc: Services, principal: Principal, session_id: str | None, message: str
) -> FormSession:
    """The conversation to continue (404 unless it is the caller's), or a new one."""
    forms, _ = _parts(svc)
    if session_id is None:
        store = svc.extras.get("sessions")
        new_id = None
        if store is not None:
            new_id = await store.create(principal.user_id, "forms", message[:80])
        return await forms.create(principal.user_id, new_id)
    not_found = ApiError(404, "Session not found", "session_not_found")
    if not _SESSION_KEY.match(session_id):
        raise not_found
    found = await forms.get(session_id)
    if found is None:
        # A conversation started elsewhere (the sessions API) can continue here.
        owner = await _conversation_owner(svc, session_id)
        if owner is None or not principal.can_see(owner):
            raise not_found
        return await forms.create(owner, session_id)
    if not principal.can_see(found.user_id):
        raise not_found
    return found


async def _remember(
    svc: Services, session_id: str, role: str, content: str, data: dict[str, Any] | None = None
) -> None:
    """Adds to the conversation history when that part runs; history never blocks a turn."""
    store = svc.extras.get("sessions")
    if store is None:
        return
    try:
        await store.add_message(session_id, role, content, data)
    except Exception:  # a deleted conversation or no history part: the form state still holds
        return


async def _note_execution(
    svc: Services, session_id: str, job_id: str, status: str, summary: str = ""
) -> None:
    """Records the turn's job in the history; called again at the end, so no race can leave it
    marked running."""
    store = svc.extras.get("sessions")
    if store is None:
        return
    try:
        await store.add_execution(session_id, job_id, WORKFLOW, status, summary)
    except Exception:
        return


async def wait_for_job(svc: Services, job_id: str, timeout_s: float) -> JobView | None:
    """The job once it has ended, or None if it is still running after `timeout_s`."""
    async with svc.bus.subscribe(job_id) as subscription:
        job = await svc.store.get(job_id)
        try:
            async with asyncio.timeout(timeout_s):
                while job is not None and not job.status.terminal:
                    event = await subscription.get()
                    if event.type in _TERMINAL_EVENTS or subscription.lagged:
                        subscription.lagged = False
                        job = await svc.store.get(job_id)
        except TimeoutError:
            return None
        return job


@router.post(
    "/api/execute",
    response_model=ExecuteAnswer,
    responses={400: {"description": "user_message is required"}, 404: {}, 502: {}, 504: {}},
)
async def execute(
    body: ExecuteBody | None = Body(None),
    principal: Principal = Depends(require_principal),
    svc: Services = Depends(services),
) -> ExecuteAnswer:
    """Fills a form from one message; pass `session_id` back to continue the same form."""
    message = (body.user_message if body else None) or ""
    if not message.strip():
        raise ApiError(400, "user_message is required", "user_message_required")
    assert body is not None
    try:
        checked_form_key(body.form)
    except ValueError as exc:
        raise ApiError(
            422,
            f"Invalid value for 'form': {exc}",
            "validation_error",
            details=[{"field": "form", "message": str(exc)}],
        ) from exc
    if svc.pool is None:
        raise ApiError(503, "This server runs without a browser", "browser_unavailable")
    forms, locks = _parts(svc)
    session = await _session_for(svc, principal, body.session_id, message)
    session_id = session.session_id
    timeout_s = svc.settings.forms_timeout_s
    async with locks.hold(session_id):
        current = await forms.get(session_id)
        state = (current or session).state
        await _remember(svc, session_id, "user", message)
        params: dict[str, Any] = {
            "message": message,
            "session_id": session_id,
            "state": state.model_dump(),
            "timeout_s": timeout_s,
        }
        if body.form and body.form.strip():
            params["form"] = body.form
        if body.language:
            params["language"] = body.language
        job, _ = await create_job(
            svc,
            principal,
            WORKFLOW,
            params,
            webhook_url=None,
            idempotency_key=None,
            params_field="body",
        )
        await _note_execution(svc, session_id, job.job_id, "running")
        ended = await wait_for_job(svc, job.job_id, timeout_s + _WAIT_GRACE_S)
        if ended is None:
            await svc.runner.cancel(job.job_id)
            raise ApiError(
                504,
                "The form took longer than its time limit.",
                "timeout",
                session_id=session_id,
                job_id=job.job_id,
            )
    outcome = "completed" if ended.status == JobStatus.COMPLETED else ended.status.value
    await _note_execution(svc, session_id, job.job_id, outcome, ended.message or "")
    if ended.status != JobStatus.COMPLETED or ended.result is None:
        code = ended.error_code or "failed"
        status = 504 if code == "timeout" else 502
        await _remember(svc, session_id, "assistant", ended.error or "The turn failed.")
        raise ApiError(
            status,
            ended.error or "The form could not be filled.",
            code,
            session_id=session_id,
            job_id=job.job_id,
        )
    result = ended.result
    answer = ExecuteAnswer(
        result=str(result.get("message", "")),
        session_id=session_id,
        job_id=job.job_id,
        form=result.get("form"),
        filled=result.get("filled") or {},
        missing=result.get("missing") or [],
        question=result.get("question"),
        submitted=bool(result.get("submitted")),
        url=result.get("url"),
        step=result.get("step"),
        steps=result.get("steps"),
        changes=result.get("changes") or {},
        mismatches=result.get("mismatches") or {},
        skipped=result.get("skipped") or {},
        rejected=result.get("rejected") or {},
        form_values=result.get("form_values") or {},
        timings_ms=result.get("timings_ms") or {},
        websocket_url=links(svc, job.job_id)["websocket_url"],
        events_url=links(svc, job.job_id)["events_url"],
    )
    reply = answer.result + (f" {answer.question}" if answer.question else "")
    await _remember(
        svc,
        session_id,
        "assistant",
        reply,
        {"job_id": job.job_id, "form": answer.form, "filled": answer.filled},
    )
    return answer


@router.get("/api/live", response_model=LiveView)
async def live(
    session_id: str | None = Query(None, max_length=200),
    principal: Principal = Depends(require_principal),
    svc: Services = Depends(services),
) -> LiveView:
    """The page to watch a conversation's form on (its latest one by default), or null."""
    forms, _ = _parts(svc)
    if session_id is not None:
        found = await forms.get(session_id) if _SESSION_KEY.match(session_id) else None
        if found is None or not principal.can_see(found.user_id):
            raise ApiError(404, "Session not found", "session_not_found")
    else:
        found = await forms.latest_for_user(None if principal.is_admin else principal.user_id)
    if found is None:
        return LiveView(live_url=None)
    return LiveView(live_url=found.url, session_id=found.session_id, form=found.state.form)


@router.get("/api/forms/sessions/{session_id}", response_model=FormSessionView)
async def form_session(
    session_id: str,
    principal: Principal = Depends(require_principal),
    svc: Services = Depends(services),
) -> FormSessionView:
    """A conversation's form state and every turn taken: the audit trail."""
    forms, _ = _parts(svc)
    found = await forms.get(session_id) if _SESSION_KEY.match(session_id) else None
    if found is None or not principal.can_see(found.user_id):
        raise ApiError(404, "Session not found", "session_not_found")
    turns = await forms.turns(session_id)
    return FormSessionView(
        session_id=found.session_id,
        form=found.state.form,
        url=found.url,
        filled=found.state.values,
        step=found.state.step,
        turns=[
            TurnView(
                job_id=t.job_id,
                turn=t.turn,
                message=t.message,
                status=t.status,
                outcome=t.outcome,
            )
            for t in turns
        ],
    )


@router.get("/api/health")
async def api_health(svc: Services = Depends(services)) -> dict[str, Any]:
    """Public liveness in the seed's shape."""
    browser = svc.pool is not None and svc.pool.connected
    return {
        "success": True,
        "status": "ok" if browser else "degraded",
        "version": __version__,
        "browser": browser,
        "forms": list(FORMS),
    }
