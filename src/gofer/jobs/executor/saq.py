"""The scale-out executor: job ids on SAQ queues in Redis, run by `gofer worker` processes.

One SAQ queue per kind of work (`<prefix>:booking`, `<prefix>:interactive`). A worker pulls a job
only when its capacity pool for that kind has a free slot, so jobs wait in Redis, where any idle
worker can take them, rather than in one busy worker (SAQ's own worker would pull up to its
concurrency at once). The slot is taken before the pull and handed to `Worker.execute`, which
claims the job in the database: a job delivered twice still runs once.

Cancels are published on `<prefix>:cancel`; the worker running the job cancels it at once. The
stored cancel request, which every worker polls, covers a lost message.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError
from saq.job import Job as SaqJob
from saq.job import Status
from saq.queue.redis import RedisQueue

from gofer.jobs.model import JobView
from gofer.jobs.store import JobStore
from gofer.jobs.worker import ExecutionSlot, Worker
from gofer.workflows.base import BOOKING_KIND, INTERACTIVE_KIND
from gofer.workflows.registry import WorkflowRegistry

log = structlog.get_logger("gofer.executor.saq")

RUN_JOB = "gofer.run_job"
KINDS = (BOOKING_KIND, INTERACTIVE_KIND)
# How long one pull waits for a job before the consumer gives its slot back for a moment (so a
# job resuming after a wait is not kept from its slot by an idle pull).
PULL_TIMEOUT_S = 1
# A finished queue entry is kept this long, so a second submit of the same attempt is ignored.
FINISHED_TTL_S = 300
DEPTH_REFRESH_S = 1.0
RECONNECT_DELAY_S = 0.5


class SaqExecutor:
    """Submits to Redis from any process; consumes in processes that run jobs (`worker` set)."""

    def __init__(
        self,
        redis_url: str,
        prefix: str,
        store: JobStore,
        registry: WorkflowRegistry,
        worker: Worker | None,
    ) -> None:
        self._redis: Redis = Redis.from_url(redis_url)
        self._store = store
        self._registry = registry
        self.worker = worker
        self.queues = {kind: RedisQueue(self._redis, name=f"{prefix}:{kind}") for kind in KINDS}
        self.cancel_channel = f"{prefix}:cancel"
        self._tasks: list[asyncio.Task[None]] = []
        self._running: set[asyncio.Task[None]] = set()
        self._depth: dict[str, dict[str, int]] = {}
        self._depth_ok = False
        if worker is not None:
            worker.requeue = self.submit

    # --- the JobExecutor protocol --------------------------------------------------------------

    async def start(self) -> None:
        for queue in self.queues.values():
            await queue.connect()
        self._spawn(self._refresh_depth(), "gofer-saq-depth")
        if self.worker is None:
            return
        listening = asyncio.Event()
        self._spawn(self._listen_for_cancels(listening), "gofer-saq-cancels")
        await listening.wait()
        await self.worker.start()
        for kind in KINDS:
            self._spawn(self._consume(kind), f"gofer-saq-consume-{kind}")
        # Jobs left queued in the database (an API that stopped between storing a job and
        # queueing it): queued again; a copy that is already in Redis is ignored by its key.
        for job in await self._store.queued():
            await self.submit(job)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        if self.worker is not None:
            await self.worker.stop()
        running = list(self._running)
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        await self._redis.aclose()

    async def submit(self, job: JobView) -> None:
        workflow = self._registry.get(job.workflow)
        kind = workflow.kind if workflow is not None and workflow.kind in KINDS else BOOKING_KIND
        # The key names the attempt: a re-queued job is a new entry, a repeated submit is not.
        await self.queues[kind].enqueue(
            RUN_JOB,
            key=f"{job.job_id}.{job.attempt}",
            job_id=job.job_id,
            timeout=0,
            retries=1,
            ttl=FINISHED_TTL_S,
        )

    async def cancel(self, job_id: str, reason: str) -> None:
        if self.worker is not None and self.worker.cancel_local(job_id, reason):
            return
        message = json.dumps({"job_id": job_id, "reason": reason})
        await self._redis.publish(self.cancel_channel, message)

    def describe(self) -> dict[str, object]:
        queued = {kind: d.get("queued", 0) for kind, d in self._depth.items()}
        return {
            "kind": "saq",
            "depth": sum(queued.values()),
            "queues": self._depth,
            "redis_ok": self._depth_ok,
        }

    # --- consuming -----------------------------------------------------------------------------

    async def _consume(self, kind: str) -> None:
        assert self.worker is not None
        queue = self.queues[kind]
        pool = self.worker.pools[kind]
        while True:
            await pool.semaphore.acquire()
            handed = False
            try:
                entry = await queue.dequeue(timeout=PULL_TIMEOUT_S)
                if entry is not None:
                    self._start_run(entry, ExecutionSlot.taken(pool))
                    handed = True
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError) as exc:
                log.warning("saq_pull_failed", kind=kind, error=type(exc).__name__)
                await asyncio.sleep(RECONNECT_DELAY_S)
            finally:
                if not handed:
                    pool.semaphore.release()

    def _start_run(self, entry: SaqJob, slot: ExecutionSlot) -> None:
        task = asyncio.create_task(self._run(entry, slot), name=f"gofer-job-{entry.key}")
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    async def _run(self, entry: SaqJob, slot: ExecutionSlot) -> None:
        assert self.worker is not None
        job_id = str((entry.kwargs or {}).get("job_id", ""))
        try:
            await self.worker.execute(job_id, slot)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("job_execution_crashed", job_id=job_id)
        finally:
            # The database is the record of the job; the queue entry only has to leave `active`.
            with contextlib.suppress(Exception):
                await asyncio.shield(entry.queue.finish(entry, Status.COMPLETE))  # type: ignore[union-attr]

    async def _listen_for_cancels(self, listening: asyncio.Event) -> None:
        assert self.worker is not None
        worker = self.worker
        await _listen(
            self._redis,
            self.cancel_channel,
            lambda data: _cancel_from_message(worker, data),
            listening,
        )

    async def _refresh_depth(self) -> None:
        while True:
            try:
                depth = {}
                for kind, queue in self.queues.items():
                    depth[kind] = {
                        "queued": await queue.count("queued"),
                        "active": await queue.count("active"),
                    }
                self._depth, self._depth_ok = depth, True
            except (RedisError, OSError):
                self._depth_ok = False
            await asyncio.sleep(DEPTH_REFRESH_S)

    def _spawn(self, coroutine: Awaitable[None], name: str) -> None:
        self._tasks.append(asyncio.ensure_future(coroutine))
        self._tasks[-1].set_name(name)


async def _cancel_from_message(worker: Worker, data: bytes) -> None:
    try:
        message = json.loads(data)
        worker.cancel_local(str(message["job_id"]), str(message["reason"]))
    except (ValueError, KeyError, TypeError):
        log.warning("bad_cancel_message")


async def _listen(
    redis: Redis,
    channel: str,
    handle: Callable[[bytes], Awaitable[None]],
    listening: asyncio.Event,
) -> None:
    """Calls `handle` for each message on `channel`, reconnecting when the connection breaks."""
    while True:
        pubsub = redis.pubsub()
        try:
            await pubsub.subscribe(channel)
            while True:
                message = await pubsub.get_message(timeout=None)
                if message is None:
                    continue
                if message["type"] == "subscribe":
                    listening.set()
                elif message["type"] == "message":
                    await handle(message["data"])
        except asyncio.CancelledError:
            raise
        except (RedisError, OSError) as exc:
            log.warning("saq_cancel_channel_lost", error=type(exc).__name__)
            await asyncio.sleep(RECONNECT_DELAY_S)
        finally:
            with contextlib.suppress(Exception):
                await pubsub.aclose()
