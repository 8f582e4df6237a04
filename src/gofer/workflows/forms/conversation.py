"""A forms conversation as a service: one `turn()` per user message, wherever it comes from.

REST (`/api/execute`), the voice bot and the web UI all call `turn()`. A turn is a `forms.fill`
job: events, WebSocket and webhooks see it like any job. One turn at a time per conversation.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from gofer.accounts.preferences import UserSettingsStore
from gofer.config import Settings
from gofer.errors import GoferError, InvalidInput, NotFound, TimedOut, Unavailable, UpstreamFailed
from gofer.jobs.model import JobState, JobView
from gofer.jobs.service import JobService
from gofer.principal import Principal
from gofer.sessions.store import SessionStore
from gofer.workflows.forms.params import SESSION_KEY_PATTERN, checked_form_key
from gofer.workflows.forms.state import (
    WORKFLOW,
    ConversationLocks,
    FormSession,
    FormSessions,
    FormTurn,
)

_SESSION_KEY = re.compile(SESSION_KEY_PATTERN)
# Time allowed beyond the job's own limit for the worker to record the ending.
_WAIT_GRACE_S = 5.0


class TurnResult(BaseModel):
    """What one message did to the form."""

    session_id: str
    job_id: str
    message: str = Field(description="What was done, in one or two sentences.")
    form: str | None = None
    filled: dict[str, str] = Field(default_factory=dict)
    missing: list[str] = Field(default_factory=list)
    question: str | None = None
    submitted: bool = False
    url: str | None = None
    step: int | None = None
    steps: int | None = None
    changes: dict[str, Any] = Field(default_factory=dict)
    mismatches: dict[str, dict[str, str]] = Field(default_factory=dict)
    skipped: dict[str, str] = Field(default_factory=dict)
    rejected: dict[str, str] = Field(default_factory=dict)
    form_values: dict[str, str] = Field(default_factory=dict)
    timings_ms: dict[str, int] = Field(default_factory=dict)

    @property
    def reply(self) -> str:
        return self.message + (f" {self.question}" if self.question else "")


class FormConversations:
    def __init__(
        self,
        settings: Settings,
        jobs: JobService,
        forms: FormSessions,
        locks: ConversationLocks,
        history: SessionStore,
        *,
        browser_here: bool,
        user_settings: UserSettingsStore | None = None,
    ) -> None:
        self._settings = settings
        self._jobs = jobs
        self.forms = forms
        self._locks = locks
        self._history = history
        self._browser_here = browser_here
        self._user_settings = user_settings

    async def turn(
        self,
        principal: Principal,
        message: str,
        *,
        session_id: str | None = None,
        form: str | None = None,
        language: str | None = None,
    ) -> TurnResult:
        """Applies one message to the caller's conversation (a new one without `session_id`).

        `language` ("vi"/"en") is the conversation's, for replies to messages that show none.
        """
        try:
            checked_form_key(form)
        except ValueError as exc:
            raise InvalidInput(
                f"Invalid value for 'form': {exc}",
                "validation_error",
                details=[{"field": "form", "message": str(exc)}],
            ) from exc
        if not self._browser_here and self._settings.job_queue == "inprocess":
            raise Unavailable("This server runs without a browser", "browser_unavailable")
        session = await self._session_for(principal, session_id, message)
        session_id = session.session_id
        timeout_s = self._settings.forms_timeout_s
        async with self._locks.hold(session_id):
            current = await self.forms.get(session_id)
            state = (current or session).state
            await self._remember(session_id, "user", message)
            params: dict[str, Any] = {
                "message": message,
                "session_id": session_id,
                "state": state.model_dump(),
                "timeout_s": timeout_s,
            }
            if form and form.strip():
                params["form"] = form
            if language in ("vi", "en"):
                params["language"] = language
            model = await self.chosen_model(principal)
            if model:
                params["model"] = model  # the caller's own LLM, when the server runs one
            job, _ = await self._jobs.submit(principal, WORKFLOW, params, params_field=())
            await self._note_execution(session_id, job.job_id, "running")
            ended = await self._jobs.wait_for_end(job.job_id, timeout_s + _WAIT_GRACE_S)
            if ended is None:
                ended = await self._jobs.stop(job.job_id, "timeout")
        return await self._answer(session_id, ended)

    async def chosen_model(self, principal: Principal) -> str:
        """The LLM model the caller chose in their settings ("" for the server's)."""
        if self._user_settings is None or not self._settings.llm_base_url:
            return ""
        return (await self._user_settings.get(principal.user_id)).model

    async def _answer(self, session_id: str, ended: JobView) -> TurnResult:
        outcome = "completed" if ended.state == JobState.COMPLETED else ended.state.value
        await self._note_execution(session_id, ended.job_id, outcome, ended.message or "")
        if ended.state != JobState.COMPLETED or ended.result is None:
            code = ended.error_code or "failed"
            error = ended.error or "The form could not be filled."
            await self._remember(session_id, "assistant", error)
            kind: type[GoferError] = TimedOut if code == "timeout" else UpstreamFailed
            raise kind(error, code, session_id=session_id, job_id=ended.job_id)
        result = ended.result
        turn = TurnResult(
            session_id=session_id,
            job_id=ended.job_id,
            message=str(result.get("message", "")),
            **{k: v for k, v in result.items() if k in _RESULT_FIELDS and v is not None},
        )
        await self._remember(
            session_id,
            "assistant",
            turn.reply,
            {"job_id": ended.job_id, "form": turn.form, "filled": turn.filled},
        )
        return turn

    async def session(self, principal: Principal, session_id: str) -> FormSession:
        found = await self.forms.get(session_id) if _SESSION_KEY.match(session_id) else None
        if found is None or not principal.can_see(found.user_id):
            raise NotFound("Session not found", "session_not_found")
        return found

    async def turns(
        self, principal: Principal, session_id: str
    ) -> tuple[FormSession, list[FormTurn]]:
        found = await self.session(principal, session_id)
        return found, await self.forms.turns(session_id)

    async def latest(self, principal: Principal) -> FormSession | None:
        return await self.forms.latest_for_user(None if principal.is_admin else principal.user_id)

    async def _session_for(
        self, principal: Principal, session_id: str | None, message: str
    ) -> FormSession:
        """The conversation to continue (NotFound unless it is the caller's), or a new one."""
        if session_id is None:
            new_id = await self._history.create(principal.user_id, "forms", message[:80])
            return await self.forms.create(principal.user_id, new_id)
        not_found = NotFound("Session not found", "session_not_found")
        if not _SESSION_KEY.match(session_id):
            raise not_found
        found = await self.forms.get(session_id)
        if found is None:
            # A conversation started elsewhere (the sessions API) can continue here.
            owner = await self._history.owner(session_id)
            if owner is None or not principal.can_see(owner):
                raise not_found
            return await self.forms.create(owner, session_id)
        if not principal.can_see(found.user_id):
            raise not_found
        return found

    async def _remember(
        self, session_id: str, role: str, content: str, data: dict[str, Any] | None = None
    ) -> None:
        """Adds to the conversation history; history never blocks a turn."""
        try:
            await self._history.add_message(session_id, role, content, data)
        except Exception:  # a deleted conversation: the form state still holds
            return

    async def _note_execution(
        self, session_id: str, job_id: str, status: str, summary: str = ""
    ) -> None:
        """Records the turn's job in the history; called again at the end, so no race can
        leave it marked running."""
        try:
            await self._history.add_execution(session_id, job_id, WORKFLOW, status, summary)
        except Exception:
            return


_RESULT_FIELDS = frozenset(TurnResult.model_fields) - {"session_id", "job_id", "message"}
