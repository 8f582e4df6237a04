"""The default executor: jobs run as tasks of this process, one per job, gated by capacity."""

from __future__ import annotations

import asyncio

import structlog

from gofer.jobs.model import JobView
from gofer.jobs.store import JobStore
from gofer.jobs.worker import Worker

log = structlog.get_logger("gofer.executor")


class InProcessExecutor:
    """A task per submitted job; the worker's capacity pools decide when each runs."""

    def __init__(self, store: JobStore, worker: Worker) -> None:
        self._store = store
        self.worker = worker
        self._tasks: set[asyncio.Task[None]] = set()
        self._submitted: set[str] = set()  # a job handed over twice still runs once
        worker.requeue = self.submit

    async def start(self) -> None:
        await self.worker.start()
        # Jobs left queued by a previous run of this server (or re-queued by the worker's first
        # sweep, which runs at start) are run now.
        for job in await self._store.queued():
            await self.submit(job)

    async def stop(self) -> None:
        tasks = list(self._tasks)
        await self.worker.stop()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def submit(self, job: JobView) -> None:
        if job.job_id in self._submitted:
            return
        self._submitted.add(job.job_id)
        task = asyncio.create_task(self._run(job.job_id), name=f"gofer-job-{job.job_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, job_id: str) -> None:
        try:
            await self.worker.execute(job_id)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("job_execution_crashed", job_id=job_id)
        finally:
            self._submitted.discard(job_id)

    async def cancel(self, job_id: str, reason: str) -> None:
        self.worker.cancel_local(job_id, reason)

    def describe(self) -> dict[str, object]:
        return {"kind": "inprocess", "depth": sum(p.queued for p in self.worker.pools.values())}
