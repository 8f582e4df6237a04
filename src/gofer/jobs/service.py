"""Jobs as a service: submit, cancel, read, list, events, and wait for the end.

Every entry point (REST, the forms conversation, voice, the CLI through the API) goes through
here; it raises domain errors only, and knows nothing of HTTP.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from gofer.config import Settings
from gofer.errors import Conflict, NotFound, invalid_field, validation_failure
from gofer.events.bus import Gap
from gofer.events.model import ENDING_EVENTS, QR_CODE_UPDATE, Event
from gofer.jobs import endings
from gofer.jobs.executor import JobExecutor
from gofer.jobs.model import JobState, JobView
from gofer.jobs.store import IdempotencyConflict, JobStore
from gofer.principal import Principal
from gofer.workflows.registry import WorkflowRegistry

# A check of a job's own webhook URL (the SSRF guard); raises InvalidInput.
WebhookUrlCheck = Callable[[str], Awaitable[None]]
# The claim a cancel takes on a job that never started, so no worker starts it after.
CANCELLER = "cancel-request"
# How long `cancel` waits for the job to record its end before answering.
CANCEL_WAIT_S = 5.0
# The QR is served only while the job is at a step that shows one.
QR_STEPS = frozenset({"qr_waiting", "bankid"})


class JobService:
    def __init__(
        self,
        settings: Settings,
        store: JobStore,
        registry: WorkflowRegistry,
        executor: JobExecutor,
        *,
        webhook_url_check: WebhookUrlCheck | None = None,
        default_webhook: bool = False,
    ) -> None:
        self.settings = settings
        self.store = store
        self.registry = registry
        self.executor = executor
        self._webhook_url_check = webhook_url_check
        # A global webhook (WEBHOOK_URL) hears every job.
        self.default_webhook = default_webhook

    async def submit(
        self,
        principal: Principal,
        workflow_name: str,
        params: dict[str, Any],
        *,
        webhook_url: str | None = None,
        idempotency_key: str | None = None,
        params_field: tuple[str, ...] = ("params",),
    ) -> tuple[JobView, bool]:
        """Validates and stores a job, then hands it to the executor. Returns (job, created)."""
        workflow = self.registry.get(workflow_name)
        if workflow is None:
            raise invalid_field(
                "workflow", f"unknown workflow '{workflow_name}'", "unknown_workflow"
            )
        try:
            model = workflow.params_model.model_validate(params)
        except ValidationError as exc:
            raise validation_failure(exc.errors(), params_field) from exc
        check = getattr(model, "admission_error", None)
        if callable(check):
            problem = check(self.settings)
            if problem is not None:
                raise invalid_field(*problem)
        if webhook_url and self._webhook_url_check is not None:
            await self._webhook_url_check(webhook_url)
        stored = model.model_dump(mode="json", exclude_none=True)
        try:
            job = await self.store.create(
                user_id=principal.user_id,
                workflow=workflow_name,
                params=stored,
                webhook_url=webhook_url,
                idempotency_key=idempotency_key,
            )
        except IdempotencyConflict as conflict:
            earlier = conflict.job
            if (
                earlier.workflow != workflow_name
                or earlier.params != stored
                or (earlier.webhook_configured != bool(webhook_url))
            ):
                raise Conflict(
                    "This Idempotency-Key was used before with different parameters.",
                    "idempotency_key_reused",
                    job_id=earlier.job_id,
                ) from None
            return earlier, False
        await self.executor.submit(job)
        return job, True

    async def get(self, principal: Principal, job_id: str) -> JobView:
        """The job if this caller may see it; otherwise the same NotFound as for a missing job."""
        job = await self.store.get(job_id)
        if job is None or not principal.can_see(job.user_id):
            raise NotFound("Job not found", "job_not_found")
        return job

    async def search(
        self,
        principal: Principal,
        *,
        statuses: Sequence[str] = (),
        workflow: str | None = None,
        before: tuple[datetime, str] | None = None,
        limit: int = 50,
    ) -> list[JobView]:
        """Newest first. A status is a lifecycle state (`running`) or a workflow step."""
        lifecycle = {s.value for s in JobState}
        known = lifecycle | self.registry.steps()
        unknown = [s for s in statuses if s not in known]
        if unknown:
            raise invalid_field(
                "status", f"'{unknown[0]}' is not a status; use one of {', '.join(sorted(known))}"
            )
        return await self.store.list_jobs(
            user_id=None if principal.is_admin else principal.user_id,
            states=[s for s in statuses if s in lifecycle],
            steps=[s for s in statuses if s not in lifecycle],
            workflow=workflow,
            before=before,
            limit=limit,
        )

    async def cancel(self, principal: Principal, job_id: str, reason: str = "user") -> JobView:
        """Stops a job wherever it runs; answers once its end is recorded (or after 5 s)."""
        job = await self.get(principal, job_id)
        if job.state.terminal:
            raise Conflict(f"Job already ended ({job.status})", "job_finished")
        return await self.stop(job_id, reason)

    async def stop(self, job_id: str, reason: str) -> JobView:
        """Cancel without the ownership check (for a service that owns the job already)."""
        await self.store.request_cancel(job_id, reason)
        queued = await self.store.claim(job_id, CANCELLER)
        if queued is not None:
            # It never started: end it here rather than when a slot frees up for it.
            workflow = self.registry.get(queued.workflow)
            await endings.on_cancel_request(self.store, job_id, workflow, reason)
        else:
            await self.executor.cancel(job_id, reason)
        ended = await self.wait_for_end(job_id, CANCEL_WAIT_S)
        if ended is not None:
            return ended
        current = await self.store.get(job_id)
        assert current is not None
        return current

    async def events(
        self, principal: Principal, job_id: str, after: int = 0, limit: int = 500
    ) -> tuple[JobView, list[Event]]:
        job = await self.get(principal, job_id)
        return job, await self.store.events_after(job_id, after, limit)

    async def latest_qr(self, principal: Principal, job_id: str) -> tuple[JobView, Event]:
        job = await self.get(principal, job_id)
        event = await self.store.latest_event(job_id, QR_CODE_UPDATE)
        if event is None or job.state.terminal or job.step not in QR_STEPS:
            raise NotFound("No QR code is waiting to be scanned for this job", "qr_not_available")
        return job, event

    async def wait_for_end(self, job_id: str, timeout_s: float) -> JobView | None:
        """The job once it has ended, or None if it is still going after `timeout_s`."""
        async with self.store.bus.subscribe(job_id) as subscription:
            job = await self.store.get(job_id)
            try:
                async with asyncio.timeout(timeout_s):
                    while job is not None and not job.state.terminal:
                        event = await anext(subscription)
                        if isinstance(event, Gap) or event.type in ENDING_EVENTS:
                            job = await self.store.get(job_id)
            except TimeoutError:
                return None
            return job
