"""Runs queued jobs through their workflows, with a concurrency limit, timeouts and cancel."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import structlog
from pydantic import ValidationError

from gofer.browser.pool import BrowserPool
from gofer.config import Settings
from gofer.events.model import JOB_CANCELLED, JOB_FAILED, utc_now
from gofer.jobs.model import JobFailure, JobStatus, JobView
from gofer.jobs.queue import JobQueue
from gofer.jobs.store import JobStore
from gofer.logs import job_log_context
from gofer.workflows.base import StepContext
from gofer.workflows.registry import WorkflowRegistry

log = structlog.get_logger("gofer.runner")

RESTART_REASON = "The server restarted while this job was running; start it again."


class Runner:
    """Takes job ids from the queue; at most `max_concurrent_jobs` run at once."""

    def __init__(
        self,
        settings: Settings,
        store: JobStore,
        queue: JobQueue,
        registry: WorkflowRegistry,
        pool: BrowserPool | None,
    ) -> None:
        self._settings = settings
        self._store = store
        self._queue = queue
        self._registry = registry
        self._pool = pool
        self._workers: list[asyncio.Task[None]] = []
        self._running: dict[str, asyncio.Task[None]] = {}
        self._cancel_requested: set[str] = set()

    @property
    def running_count(self) -> int:
        return len(self._running)

    def queue_depth(self) -> int:
        return self._queue.depth()

    async def start(self) -> None:
        await self.recover()
        for index in range(self._settings.max_concurrent_jobs):
            self._workers.append(asyncio.create_task(self._work(), name=f"gofer-runner-{index}"))

    async def stop(self) -> None:
        for task in list(self._running.values()):
            task.cancel()
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, *self._running.values(), return_exceptions=True)
        self._workers.clear()

    async def recover(self) -> None:
        """Jobs left running by a dead server fail with a clear reason; queued ones run again."""
        for job in await self._store.unfinished():
            if job.status == JobStatus.QUEUED:
                await self._queue.put(job.job_id)
                continue
            await self._store.record(
                job.job_id,
                JOB_FAILED,
                {"error": RESTART_REASON, "code": "server_restarted", "status": job.status.value},
                status=JobStatus.FAILED,
                message=RESTART_REASON,
                error=(RESTART_REASON, "server_restarted"),
            )
            log.warning("job_interrupted_by_restart", job_id=job.job_id)

    async def submit(self, job: JobView) -> None:
        await self._queue.put(job.job_id)

    async def cancel(self, job_id: str) -> bool:
        """Stops a queued or running job. Returns False if it had already ended."""
        job = await self._store.get(job_id)
        if job is None or job.status.terminal:
            return False
        self._cancel_requested.add(job_id)
        task = self._running.get(job_id)
        if task is not None:
            task.cancel()
            # The task records the cancellation itself; wait so the caller sees the final state.
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(asyncio.shield(task), timeout=5)
            return True
        await self._record_cancelled(job_id)
        return True

    async def _record_cancelled(self, job_id: str) -> None:
        self._cancel_requested.discard(job_id)
        job = await self._store.get(job_id)
        if job is None or job.status.terminal:
            return
        await self._store.record(
            job_id,
            JOB_CANCELLED,
            {"status": JobStatus.CANCELLED.value, "message": "Cancelled by the user"},
            status=JobStatus.CANCELLED,
            progress=100,
            message="Cancelled by the user",
        )

    async def _work(self) -> None:
        while True:
            job_id = await self._queue.get()
            job = await self._store.get(job_id)
            if job is None or job.status != JobStatus.QUEUED:
                continue  # cancelled while queued, or already handled
            task = asyncio.create_task(self._execute(job), name=f"gofer-job-{job_id}")
            self._running[job_id] = task
            try:
                await asyncio.wait({task})
            finally:
                self._running.pop(job_id, None)

    async def _execute(self, job: JobView) -> None:
        with job_log_context(job.job_id, job.workflow):
            await self._execute_bound(job)

    async def _execute_bound(self, job: JobView) -> None:
        workflow = self._registry.get(job.workflow)
        bound = log.bind(job_id=job.job_id, workflow=job.workflow)
        try:
            if workflow is None:
                raise JobFailure(f"Unknown workflow {job.workflow!r}", "unknown_workflow")
            try:
                params = workflow.params_model.model_validate(job.params)
            except ValidationError as exc:
                message = f"Invalid parameters: {exc.errors()[0]['msg']}"
                raise JobFailure(message, "invalid_params") from exc
            ctx = StepContext(job, params, self._settings, self._store, self._pool)
            await ctx.status(JobStatus.STARTING, "Starting")
            if workflow.started_event:
                await ctx.emit(workflow.started_event, {"params": _public_params(job.params)})
            timeout = _job_timeout(self._settings, params)
            async with asyncio.timeout(timeout):
                result = await workflow.run(ctx)
            await self._store.record(
                job.job_id,
                workflow.completed_event,
                {"success": True, **result},
                status=JobStatus.COMPLETED,
                progress=100,
                message=str(result.get("message", "Completed")),
                result=result,
            )
            bound.info("job_completed")
        except asyncio.CancelledError:
            if job.job_id in self._cancel_requested:
                await asyncio.shield(self._record_cancelled(job.job_id))
                bound.info("job_cancelled")
                return
            raise
        except TimeoutError:
            await self._fail(job, workflow, "The job took longer than its time limit.", "timeout")
        except JobFailure as exc:
            await self._fail(job, workflow, exc.message, exc.code)
        except Exception as exc:
            bound.exception("job_crashed")
            await self._fail(job, workflow, f"Unexpected error: {type(exc).__name__}", "internal")

    async def _fail(self, job: JobView, workflow: Any, message: str, code: str) -> None:
        # The seed-compatible event goes first so that the status change rides on the last event:
        # a client that stops at the terminal status has then seen everything.
        if workflow is not None and workflow.failed_event:
            await self._store.record(
                job.job_id,
                workflow.failed_event,
                {"success": False, "error": message, "code": code},
            )
        await self._store.record(
            job.job_id,
            JOB_FAILED,
            {"error": message, "code": code},
            status=JobStatus.FAILED,
            progress=100,
            message=message,
            error=(message, code),
        )
        log.warning("job_failed", job_id=job.job_id, code=code)


def _job_timeout(settings: Settings, params: Any) -> float:
    """A workflow's own limit if its parameters define one, else `timeout_s`, else the default."""
    time_limit = getattr(params, "time_limit_s", None)
    if callable(time_limit):
        return float(time_limit(utc_now(), settings))
    requested = getattr(params, "timeout_s", None)
    if isinstance(requested, int | float) and requested > 0:
        return float(requested)
    return settings.job_timeout_s


def _public_params(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters safe to echo in events (no personal numbers or URLs with secrets)."""
    hidden = {"personal_number", "webhook_url", "password"}
    return {k: v for k, v in params.items() if k not in hidden}
