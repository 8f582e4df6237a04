"""The forms agent's seed paths: POST /api/execute, GET /api/live, GET /api/health.

A message is one turn of the caller's forms conversation (`FormConversations.turn`); the answer
says what the form now holds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Query
from pydantic import BaseModel, Field

from gofer import __version__
from gofer.api.auth import require_principal
from gofer.api.deps import core
from gofer.api.jobs import links
from gofer.core import Core
from gofer.errors import BadRequest
from gofer.live.service import LiveLink
from gofer.principal import Principal
from gofer.workflows.forms.directory import FORMS
from gofer.workflows.forms.params import MAX_MESSAGE_CHARS
from gofer.workflows.forms.state import FormSession

router = APIRouter(tags=["forms"])


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
    live_url: str | None = Field(
        description="A one-time, view-only URL of the browser now at work; null when none is."
    )
    expires_at: datetime | None = None
    job_id: str | None = None
    session_id: str | None = None
    form: str | None = None
    form_url: str | None = Field(None, description="The conversation's form page.")


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


@router.post(
    "/api/execute",
    response_model=ExecuteAnswer,
    responses={400: {"description": "user_message is required"}, 404: {}, 502: {}, 504: {}},
)
async def execute(
    body: ExecuteBody | None = Body(None),
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> ExecuteAnswer:
    """Fills a form from one message; pass `session_id` back to continue the same form."""
    message = (body.user_message if body else None) or ""
    if not message.strip():
        raise BadRequest("user_message is required", "user_message_required")
    assert body is not None
    turn = await gofer.forms.turn(
        principal, message, session_id=body.session_id, form=body.form, language=body.language
    )
    urls = links(gofer, turn.job_id)
    return ExecuteAnswer(
        result=turn.message,
        websocket_url=urls["websocket_url"],
        events_url=urls["events_url"],
        **turn.model_dump(exclude={"message"}),
    )


@router.get("/api/live", response_model=LiveView)
async def live(
    session_id: str | None = Query(None, max_length=200),
    job_id: str | None = Query(None, max_length=40),
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> LiveView:
    """A live view URL of the caller's job (or conversation) whose browser is at work, or null.

    With `job_id`, that job; with `session_id`, that conversation's current turn; otherwise the
    caller's newest running job.
    """
    found: FormSession | None = None
    if session_id is not None:
        found = await gofer.forms.session(principal, session_id)
        if job_id is None:
            _, turns = await gofer.forms.turns(principal, session_id)
            job_id = turns[-1].job_id if turns else None
            if job_id is None:
                return _live_view(None, found)
    link = await gofer.live.current(principal, job_id)
    if found is None and job_id is None and link is None:
        found = await gofer.forms.latest(principal)
    return _live_view(link, found)


def _live_view(link: LiveLink | None, found: FormSession | None) -> LiveView:
    return LiveView(
        live_url=link.live_url if link else None,
        expires_at=link.expires_at if link else None,
        job_id=link.job_id if link else None,
        session_id=found.session_id if found else None,
        form=found.state.form if found else None,
        form_url=found.url if found else None,
    )


@router.get("/api/forms/sessions/{session_id}", response_model=FormSessionView)
async def form_session(
    session_id: str,
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> FormSessionView:
    """A conversation's form state and every turn taken: the audit trail."""
    found, turns = await gofer.forms.turns(principal, session_id)
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
async def api_health(gofer: Core = Depends(core)) -> dict[str, Any]:
    """Public liveness in the seed's shape."""
    browser = gofer.pool is not None and gofer.pool.connected
    return {
        "success": True,
        "status": "ok" if browser else "degraded",
        "version": __version__,
        "browser": browser,
        "forms": list(FORMS),
    }
