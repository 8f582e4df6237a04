"""Runs jobs in this process: capacity per workflow kind, heartbeats, cancel requests, recovery.

How a job id reaches `Worker.execute` is the executor's business (in-process tasks, or SAQ on
Redis); everything that must hold across processes lives in the database: the claim on a job,
the stored cancel request, and the heartbeat that tells a live worker from a dead one.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

import structlog
from pydantic import ValidationError

from gofer.browser.pool import BrowserPool
from gofer.config import Settings
from gofer.events.model import JOB_REQUEUED, utc_now
from gofer.jobs import endings
from gofer.jobs.model import STARTING_STEP, JobFailure, JobView
from gofer.jobs.store import JobStore
from gofer.jobs.workers import WorkerRegistry, new_worker_id
from gofer.live.runtime import LiveRuntime
from gofer.logs import job_log_context
from gofer.workflows.base import BOOKING_KIND, INTERACTIVE_KIND, StepContext, Workflow
from gofer.workflows.registry import WorkflowRegistry

log = structlog.get_logger("gofer.worker")

WORKER_LOST = "The worker running this job stopped; it was tried again and could not finish."
MAX_ATTEMPTS = 3


class CapacityPool:
    """The execution slots of one kind of work, with the figures /health shows."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.semaphore = asyncio.Semaphore(size)
        self.queued = 0  # jobs waiting here for their first slot
        self.active = 0  # jobs holding a slot
        self.waiting = 0  # jobs running but holding none (a scan, the next poll)


class ExecutionSlot:
    """One job's hold on its pool; released while the job waits, taken back when it resumes."""

    def __init__(self, pool: CapacityPool) -> None:
        self._pool = pool
        self.held = False
        self._started = False

    @classmethod
    def taken(cls, pool: CapacityPool) -> ExecutionSlot:
        """A slot for a permit of the pool's semaphore the caller already holds (a queue consumer
        takes one before it pulls a job, so that a worker never pulls more than it can run)."""
        slot = cls(pool)
        slot.held = True
        slot._started = True
        pool.active += 1
        return slot

    async def acquire(self) -> None:
        if self.held:
            return
        await self._pool.semaphore.acquire()
        self.held = True
        if self._started:
            self._pool.waiting -= 1
        self._started = True
        self._pool.active += 1

    def release(self, *, finished: bool = False) -> None:
        if not self.held:
            if finished and self._started:
                self._pool.waiting -= 1
            return
        self.held = False
        self._pool.active -= 1
        if not finished:
            self._pool.waiting += 1
        self._pool.semaphore.release()


Requeue = Callable[[JobView], Awaitable[None]]


class Worker:
    def __init__(
        self,
        settings: Settings,
        store: JobStore,
        registry: WorkflowRegistry,
        pool: BrowserPool | None,
        workers: WorkerRegistry,
    ) -> None:
        self._settings = settings
        self._store = store
        self._registry = registry
        self._pool = pool
        self._workers = workers
        self.worker_id = new_worker_id()
        self.pools = {
            BOOKING_KIND: CapacityPool(settings.max_concurrent_jobs),
            INTERACTIVE_KIND: CapacityPool(settings.max_interactive_jobs),
        }
        self._running: dict[str, asyncio.Task[None]] = {}
        self._cancel_reasons: dict[str, str] = {}
        self._watch: asyncio.Task[None] | None = None
        # Set by the executor: how a dead worker's job goes back into the queue.
        self.requeue: Requeue | None = None
        # Set by the core: the live view, takeovers and recordings of jobs run here.
        self.live: LiveRuntime | None = None

    @property
    def running_count(self) -> int:
        return len(self._running)

    def describe(self) -> dict[str, object]:
        return {
            "worker_id": self.worker_id,
            "pools": {
                kind: {
                    "size": p.size,
                    "active": p.active,
                    "waiting": p.waiting,
                    "queued": p.queued,
                }
                for kind, p in self.pools.items()
            },
        }

    async def start(self) -> None:
        capacity = {kind: p.size for kind, p in self.pools.items()}
        await self._workers.register(self.worker_id, capacity)
        self._watch = asyncio.create_task(self._watch_loop(), name="gofer-worker-watch")

    async def stop(self) -> None:
        """Stops this worker. Its unfinished jobs stay claimed by it; with its heartbeat gone,
        the next sweep of any worker (or of this server when it starts again) re-queues them."""
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
        # Before the jobs are cancelled: a job cancelled mid-write can hold SQLite's write lock
        # until the engine is disposed.
        await self._workers.deregister(self.worker_id)
        tasks = list(self._running.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # --- running one job -------------------------------------------------------------------

    async def execute(self, job_id: str, slot: ExecutionSlot | None = None) -> None:
        """Runs a queued job to its end in this process (returns when it has ended or moved).

        `slot` is a slot already taken for it (see `ExecutionSlot.taken`); it is released here.
        """
        task = asyncio.current_task()
        job = await self._store.get(job_id)
        if job is None or job.state.terminal:
            if slot is not None:
                slot.release(finished=True)
            return
        workflow = self._registry.get(job.workflow)
        pool = self.pools[workflow.kind if workflow is not None else BOOKING_KIND]
        slot = slot or ExecutionSlot(pool)
        pool.queued += 1
        try:
            await slot.acquire()
        finally:
            pool.queued -= 1
        try:
            claimed = await self._store.claim(job_id, self.worker_id)
            if claimed is None:
                return  # cancelled while queued, or taken by another worker
            if task is not None:
                self._running[job_id] = task
            if claimed.cancel_requested is not None:
                # Cancelled between the check and the claim: end it without running it.
                self._running.pop(job_id, None)
                await endings.on_cancel_request(
                    self._store, job_id, workflow, claimed.cancel_requested
                )
                return
            try:
                with job_log_context(job_id, claimed.workflow):
                    await self._run(claimed, workflow, slot)
            finally:
                self._running.pop(job_id, None)
        finally:
            slot.release(finished=True)

    async def _run(self, job: JobView, workflow: Workflow | None, slot: ExecutionSlot) -> None:
        bound = log.bind(job_id=job.job_id, workflow=job.workflow)
        try:
            if workflow is None:
                raise JobFailure(f"Unknown workflow {job.workflow!r}", "unknown_workflow")
            try:
                params = workflow.params_model.model_validate(job.params)
            except ValidationError as exc:
                message = f"Invalid parameters: {exc.errors()[0]['msg']}"
                raise JobFailure(message, "invalid_params") from exc
            ctx = StepContext(
                job,
                params,
                self._settings,
                self._store,
                self._pool,
                progress=workflow.progress,
                slot=slot,
                live=self.live,
            )
            await ctx.step(STARTING_STEP, "Starting")
            if workflow.started_event and job.attempt <= 1:
                await ctx.emit(workflow.started_event, {"params": _public_params(job.params)})
            async with asyncio.timeout(_job_timeout(self._settings, params)):
                result = await workflow.run(ctx)
            await endings.complete(self._store, job.job_id, workflow, result)
            bound.info("job_completed")
        except asyncio.CancelledError:
            reason = self._cancel_reasons.pop(job.job_id, None)
            if reason is None:
                raise  # the worker is stopping: the job goes back to the queue
            await asyncio.shield(
                endings.on_cancel_request(self._store, job.job_id, workflow, reason)
            )
            bound.info("job_cancelled", reason=reason)
        except TimeoutError:
            await endings.fail(
                self._store, job.job_id, workflow, endings.TIMEOUT_MESSAGE, "timeout"
            )
        except JobFailure as exc:
            await endings.fail(
                self._store, job.job_id, workflow, exc.message, exc.code, exc.details
            )
            log.warning("job_failed", job_id=job.job_id, code=exc.code)
        except Exception as exc:
            bound.exception("job_crashed")
            await endings.fail(
                self._store,
                job.job_id,
                workflow,
                f"Unexpected error: {type(exc).__name__}",
                "internal",
            )
        finally:
            if self.live is not None:
                self.live.forget(job.job_id)

    # --- cancel requests, heartbeats and dead workers ----------------------------------------

    def cancel_local(self, job_id: str, reason: str) -> bool:
        """Cancels a job running in this process at once (the stored request covers the rest)."""
        task = self._running.get(job_id)
        if task is None:
            return False
        self._cancel_reasons[job_id] = reason
        task.cancel()
        return True

    async def _watch_loop(self) -> None:
        tick = 0
        interval = self._settings.cancel_check_interval_s
        beats_every = max(1, round(self._settings.worker_heartbeat_s / interval))
        sweeps_every = max(1, round(self._settings.worker_sweep_s / interval))
        while True:
            try:
                requests = await self._store.cancel_requests(list(self._running))
                for job_id, reason in requests.items():
                    if job_id not in self._cancel_reasons:
                        self.cancel_local(job_id, reason)
                if tick % beats_every == 0:
                    await self._workers.beat(self.worker_id, len(self._running))
                if tick % sweeps_every == 0:
                    await self.requeue_orphans()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("worker_watch_failed")
            tick += 1
            await asyncio.sleep(interval)

    async def requeue_orphans(self) -> None:
        """Jobs of workers that stopped beating go back to the queue (or fail after 3 tries)."""
        live = await self._workers.live_ids()
        if self.worker_id not in live:
            live.append(self.worker_id)
        for job in await self._store.orphans(live):
            await self._requeue(job)

    async def _requeue(self, job: JobView) -> None:
        if not await self._store.release_to_queue(job.job_id, job.worker_id):
            return
        if job.attempt >= MAX_ATTEMPTS:
            workflow = self._registry.get(job.workflow)
            await endings.fail(self._store, job.job_id, workflow, WORKER_LOST, "worker_lost")
            return
        await self._store.record(
            job.job_id,
            JOB_REQUEUED,
            {"reason": "The worker running this job stopped.", "attempt": job.attempt + 1},
            message="Queued again after its worker stopped",
        )
        log.warning("job_requeued", job_id=job.job_id, attempt=job.attempt + 1)
        if self.requeue is not None:
            await self.requeue(job)


def _job_timeout(settings: Settings, params: object) -> float:
    """A workflow's own limit if its parameters define one, else `timeout_s`, else the default."""
    time_limit = getattr(params, "time_limit_s", None)
    if callable(time_limit):
        return float(time_limit(utc_now(), settings))
    requested = getattr(params, "timeout_s", None)
    if isinstance(requested, int | float) and requested > 0:
        return float(requested)
    return settings.job_timeout_s


def _public_params(params: dict[str, object]) -> dict[str, object]:
    """Parameters safe to echo in events (no personal numbers or URLs with secrets)."""
    hidden = {"personal_number", "webhook_url", "password"}
    return {k: v for k, v in params.items() if k not in hidden}
