"""The one place voice calls Gofer's services (jobs, forms turns, sessions history).

Everything the dialogue needs from the rest of Gofer goes through `GoferBackend`, so moving to
the core service layer (`core.jobs.submit`, the forms conversation `turn()`) changes only this
module.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import structlog

from gofer.api.auth import Principal
from gofer.api.errors import ApiError
from gofer.events.model import Event
from gofer.jobs.model import JobView
from gofer.services import Services
from gofer.voice.metrics import OPERATION_DURATION

log = structlog.get_logger("gofer.voice")

BOOKING_WORKFLOW = "trafikverket.book"


class BackendError(RuntimeError):
    """A service refused or failed; `message` is safe to read to the user."""


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
    def __init__(self, svc: Services) -> None:
        self.svc = svc

    # --- sessions history ---
    async def new_session(self, user_id: str, title: str) -> str:
        store = self.svc.extras.get("sessions")
        if store is None:
            import secrets

            return "ses_" + secrets.token_hex(12)
        return str(await store.create(user_id, "voice", title))

    async def remember(self, session_id: str, role: str, content: str) -> None:
        store = self.svc.extras.get("sessions")
        if store is None:
            return
        try:
            await store.add_message(session_id, role, content)
        except LookupError:
            return

    async def note_execution(
        self, session_id: str, job_id: str, workflow: str, status: str, summary: str = ""
    ) -> None:
        store = self.svc.extras.get("sessions")
        if store is not None:
            await store.add_execution(session_id, job_id, workflow, status, summary)

    async def session_owner(self, session_id: str) -> str | None:
        store = self.svc.extras.get("sessions")
        if store is None:
            return None
        try:
            owner = await store.owner(session_id)
        except LookupError:
            return None
        return str(owner) if owner else None

    # --- forms: one conversation turn on the session's form ---
    async def forms_turn(self, principal: Principal, session_id: str, message: str) -> FormsReply:
        from gofer.api.execute import ExecuteBody, execute

        started = time.perf_counter()
        try:
            answer = await execute(
                body=ExecuteBody(user_message=message, session_id=session_id),
                principal=principal,
                svc=self.svc,
            )
        except ApiError as exc:
            raise BackendError(str(exc)) from exc
        finally:
            OPERATION_DURATION.labels("forms_turn").observe(time.perf_counter() - started)
        return FormsReply(
            message=answer.result,
            form=answer.form,
            filled=dict(answer.filled),
            missing=list(answer.missing),
            question=answer.question,
            submitted=answer.submitted,
            job_id=answer.job_id,
            url=answer.url,
        )

    # --- jobs ---
    async def start_booking(self, principal: Principal, params: dict[str, Any]) -> JobView:
        from gofer.api.jobs import create_job

        started = time.perf_counter()
        try:
            job, _ = await create_job(
                self.svc,
                principal,
                BOOKING_WORKFLOW,
                params,
                webhook_url=None,
                idempotency_key=None,
            )
        except ApiError as exc:
            raise BackendError(str(exc)) from exc
        finally:
            OPERATION_DURATION.labels("booking_start").observe(time.perf_counter() - started)
        return job

    def booking_problem(self, params: dict[str, Any]) -> str | None:
        """Why the booking workflow would refuse these parameters (a sentence), or None."""
        from pydantic import ValidationError

        workflow = self.svc.registry.get(BOOKING_WORKFLOW)
        if workflow is None:
            return "booking is not available on this server"
        try:
            model = workflow.params_model.model_validate(params)
        except ValidationError as exc:
            return "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
        check = getattr(model, "admission_error", None)
        problem = check(self.svc.settings) if callable(check) else None
        return problem[1] if problem else None

    async def job(self, principal: Principal, job_id: str) -> JobView | None:
        job = await self.svc.store.get(job_id)
        if job is None or not principal.can_see(job.user_id):
            return None
        return job

    async def cancel(self, principal: Principal, job_id: str) -> bool:
        if await self.job(principal, job_id) is None:
            return False
        await self.svc.runner.cancel(job_id)
        return True

    @asynccontextmanager
    async def job_events(self, job_id: str) -> AsyncIterator[AsyncIterator[Event]]:
        """Live events of one job (the caller checked it may see the job)."""
        async with self.svc.bus.subscribe(job_id) as subscription:

            async def stream() -> AsyncIterator[Event]:
                while True:
                    yield await subscription.get()

            yield stream()
