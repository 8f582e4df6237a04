"""The one place voice calls Gofer's services (jobs, forms turns, sessions history).

Everything the dialogue needs from the rest of Gofer goes through `GoferBackend`, over the
`Core`'s services: `core.jobs` (submit, cancel), `core.forms.turn()` and `core.sessions`.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import structlog

from gofer.accounts.preferences import UserSettings
from gofer.errors import GoferError, NotFound
from gofer.events.bus import Gap
from gofer.events.model import Event
from gofer.jobs.model import JobView
from gofer.principal import Principal
from gofer.voice.metrics import OPERATION_DURATION

if TYPE_CHECKING:
    from gofer.core import Core

log = structlog.get_logger("gofer.voice")

BOOKING_WORKFLOW = "trafikverket.book"


class BackendError(RuntimeError):
    """A service refused or failed; the message is safe to read to the user."""


@dataclass
class FormsReply:
    message: str
    form: str | None = None
    filled: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    question: str | None = None
    submitted: bool = False
    job_id: str | None = None
    url: str | None = None


class GoferBackend:
    def __init__(self, core: Core) -> None:
        self.core = core

    # --- sessions history ---
    async def new_session(self, user_id: str, title: str) -> str:
        return await self.core.sessions.create(user_id, "voice", title)

    async def remember(self, session_id: str, role: str, content: str) -> None:
        try:
            await self.core.sessions.add_message(session_id, role, content)
        except LookupError:
            return

    async def note_execution(
        self, session_id: str, job_id: str, workflow: str, status: str, summary: str = ""
    ) -> None:
        await self.core.sessions.add_execution(session_id, job_id, workflow, status, summary)

    async def saved_settings(self, user_id: str) -> UserSettings:
        """The person's saved settings (the server's defaults if none): call language, voice,
        model."""
        return await self.core.user_settings.get(user_id)

    async def session_owner(self, session_id: str) -> str | None:
        owner = await self.core.sessions.owner(session_id)
        return str(owner) if owner else None

    # --- forms: one conversation turn on the session's form ---
    async def forms_turn(self, principal: Principal, session_id: str, message: str) -> FormsReply:
        started = time.perf_counter()
        try:
            result = await self.core.forms.turn(principal, message, session_id=session_id)
        except GoferError as exc:
            raise BackendError(exc.error) from exc
        finally:
            OPERATION_DURATION.labels("forms_turn").observe(time.perf_counter() - started)
        return FormsReply(
            message=result.message,
            form=result.form,
            filled=dict(result.filled),
            missing=list(result.missing),
            question=result.question,
            submitted=result.submitted,
            job_id=result.job_id,
            url=result.url,
        )

    # --- jobs ---
    def booking_problem(self, params: dict[str, Any]) -> str | None:
        """Why the booking workflow would refuse these parameters (a sentence), or None."""
        from pydantic import ValidationError

        workflow = self.core.registry.get(BOOKING_WORKFLOW)
        if workflow is None:
            return "booking is not available on this server"
        try:
            model = workflow.params_model.model_validate(params)
        except ValidationError as exc:
            return "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
        check = getattr(model, "admission_error", None)
        problem = check(self.core.settings) if callable(check) else None
        return str(problem[1]) if problem else None

    async def start_booking(self, principal: Principal, params: dict[str, Any]) -> JobView:
        started = time.perf_counter()
        try:
            job, _ = await self.core.jobs.submit(principal, BOOKING_WORKFLOW, params)
        except GoferError as exc:
            raise BackendError(exc.error) from exc
        finally:
            OPERATION_DURATION.labels("booking_start").observe(time.perf_counter() - started)
        return job

    async def job(self, principal: Principal, job_id: str) -> JobView | None:
        try:
            return await self.core.jobs.get(principal, job_id)
        except NotFound:
            return None

    async def cancel(self, principal: Principal, job_id: str) -> bool:
        try:
            await self.core.jobs.cancel(principal, job_id, reason="voice")
        except GoferError:  # not theirs, or already ended
            return False
        return True

    @asynccontextmanager
    async def job_events(self, job_id: str) -> AsyncIterator[AsyncIterator[Event]]:
        """Live events of one job (the caller checked it may see the job)."""
        async with self.core.bus.subscribe(job_id) as subscription:

            async def stream() -> AsyncIterator[Event]:
                last = 0
                async for item in subscription:
                    # A lagging reader gets a Gap: what it missed comes from the store.
                    found = (
                        await self.core.store.events_after(job_id, last)
                        if isinstance(item, Gap)
                        else [item]
                    )
                    for event in found:
                        if event.seq > last:
                            last = event.seq
                            yield event

            yield stream()
