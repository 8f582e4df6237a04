"""Retention: how long each kind of data is kept, and the pruner that enforces it in small batches."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import delete, exists, select, tuple_
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from gofer.config import Settings
from gofer.events.model import utc_now
from gofer.lifecycle import qr
from gofer.lifecycle.artifacts import ArtifactStore
from gofer.lifecycle.metrics import PRUNE_DURATION, PRUNE_RUNS, PRUNED
from gofer.lifecycle.removal import (
    ATTEMPTS,
    CONVERSATIONS,
    EVENTS,
    FINISHED,
    FORM_SESSIONS,
    JOBS,
    MESSAGES,
    delete_conversations,
    delete_jobs,
)
from gofer.lifecycle.vacuum import incremental_vacuum
from gofer.webhooks.tables import MESSAGE_PENDING

log = structlog.get_logger("gofer.lifecycle.retention")

DAY = 86400.0
SWEEP_OVERLAP = timedelta(minutes=1)


def _age(seconds: float) -> timedelta | None:
    """0 means "keep forever"."""
    return timedelta(seconds=seconds) if seconds > 0 else None


@dataclass(frozen=True)
class RetentionPolicy:
    """How long each kind of data is kept; None keeps it forever."""

    job_events: timedelta | None
    qr_images: timedelta | None
    artifacts: timedelta | None
    conversations: timedelta | None
    webhook_messages: timedelta | None
    webhook_attempts: timedelta | None
    finished_jobs: timedelta | None

    @classmethod
    def from_settings(cls, settings: Settings) -> RetentionPolicy:
        return cls(
            job_events=_age(settings.retention_job_events_days * DAY),
            qr_images=_age(settings.retention_qr_images_s),
            artifacts=_age(settings.retention_artifacts_days * DAY),
            conversations=_age(settings.retention_conversations_days * DAY),
            webhook_messages=_age(settings.retention_webhook_messages_days * DAY),
            webhook_attempts=_age(settings.retention_webhook_attempts_days * DAY),
            finished_jobs=_age(settings.retention_finished_jobs_days * DAY),
        )


class Pruner:
    """Deletes what has outlived its retention, a batch per short transaction.

    Each batch selects at most `batch_size` keys and deletes them in its own transaction, so a
    job writing events waits at most one small batch (SQLite has one writer at a time).
    """

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        engine: AsyncEngine,
        policy: RetentionPolicy,
        artifacts: ArtifactStore,
        *,
        batch_size: int = 500,
    ) -> None:
        self._sessions = sessions
        self._engine = engine
        self.policy = policy
        self._artifacts = artifacts
        self._batch = batch_size
        self._task: asyncio.Task[None] | None = None
        # When the last QR sweep began; the first sweep after start looks at every job.
        self._swept_at: datetime | None = None

    async def run_once(self, now: datetime | None = None) -> dict[str, int]:
        """One pass over every kind of data; returns what was removed, by kind."""
        now = now or utc_now()
        started = time.perf_counter()
        p = self.policy
        counts: dict[str, int] = {}
        try:
            since = self._swept_at
            self._swept_at = now
            if since is not None:
                # Room for commits in flight and for images that became superseded meanwhile.
                since -= SWEEP_OVERLAP + (p.qr_images or timedelta(0))
            counts["qr_images"] = await qr.sweep(
                self._sessions,
                superseded_before=now - p.qr_images if p.qr_images else None,
                batch_size=self._batch,
                since=since,
            )
            if p.webhook_attempts:
                counts["webhook_attempts"] = await self._webhook_attempts(now - p.webhook_attempts)
            if p.webhook_messages:
                counts["webhook_messages"] = await self._webhook_messages(now - p.webhook_messages)
            if p.job_events:
                counts["job_events"] = await self._job_events(now - p.job_events)
            if p.conversations:
                counts["conversations"] = await self._conversations(now - p.conversations)
            if p.finished_jobs:
                counts["finished_jobs"] = await self._finished_jobs(now - p.finished_jobs)
            counts["artifact_files"] = await self._artifact_files(now, p.artifacts)
            if any(counts.values()):
                counts["vacuum_pages"] = await incremental_vacuum(self._engine)
        except Exception:
            PRUNE_RUNS.labels("error").inc()
            raise
        for kind, count in counts.items():
            if kind not in ("qr_images", "vacuum_pages") and count:
                PRUNED.labels(kind).inc(count)
        PRUNE_RUNS.labels("ok").inc()
        PRUNE_DURATION.observe(time.perf_counter() - started)
        if any(counts.values()):
            log.info("retention_pruned", **counts)
        return counts

    def start(self, interval_s: float) -> None:
        self._task = asyncio.create_task(self._run(interval_s), name="retention-pruner")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self, interval_s: float) -> None:
        # The first pass waits an interval too: a starting server has other work first.
        while True:
            await asyncio.sleep(interval_s)
            try:
                await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("retention_pass_failed")  # the next pass tries again

    async def _batches(self, step: Callable[[AsyncSession], Any], full: int | None = None) -> int:
        """Runs `step` (one batch, returns rows removed) until a batch comes back short."""
        full = full or self._batch
        total = 0
        while True:
            async with self._sessions.begin() as session:
                removed = int(await step(session))
            total += removed
            if removed < full:
                return total
            await asyncio.sleep(0)  # writers first

    async def _webhook_attempts(self, cutoff: datetime) -> int:
        async def step(session: AsyncSession) -> int:
            ids = (
                await session.scalars(
                    select(ATTEMPTS.c.id).where(ATTEMPTS.c.started_at < cutoff).limit(self._batch)
                )
            ).all()
            if ids:
                await session.execute(delete(ATTEMPTS).where(ATTEMPTS.c.id.in_(ids)))
            return len(ids)

        return await self._batches(step)

    async def _webhook_messages(self, cutoff: datetime) -> int:
        async def step(session: AsyncSession) -> int:
            # Pending messages are the outbox itself: only finished ones are history.
            ids = (
                await session.scalars(
                    select(MESSAGES.c.id)
                    .where(MESSAGES.c.status != MESSAGE_PENDING, MESSAGES.c.created_at < cutoff)
                    .limit(self._batch)
                )
            ).all()
            if ids:
                await session.execute(delete(ATTEMPTS).where(ATTEMPTS.c.message_id.in_(ids)))
                await session.execute(delete(MESSAGES).where(MESSAGES.c.id.in_(ids)))
            return len(ids)

        return await self._batches(step)

    async def _job_events(self, cutoff: datetime) -> int:
        async def step(session: AsyncSession) -> int:
            # A finished job keeps its last event, so a WebSocket replay still sees it end.
            keys = (
                await session.execute(
                    select(EVENTS.c.job_id, EVENTS.c.seq)
                    .join(JOBS, JOBS.c.id == EVENTS.c.job_id)
                    .where(
                        JOBS.c.state.in_(FINISHED),
                        JOBS.c.finished_at < cutoff,
                        EVENTS.c.timestamp < cutoff,
                        EVENTS.c.seq < JOBS.c.last_seq,
                    )
                    .limit(self._batch)
                )
            ).all()
            if keys:
                await session.execute(
                    delete(EVENTS).where(
                        tuple_(EVENTS.c.job_id, EVENTS.c.seq).in_([tuple(k) for k in keys])
                    )
                )
            return len(keys)

        return await self._batches(step)

    async def _conversations(self, cutoff: datetime) -> int:
        async def step(session: AsyncSession) -> int:
            ids = (
                await session.scalars(
                    select(CONVERSATIONS.c.id)
                    .where(CONVERSATIONS.c.updated_at < cutoff)
                    .limit(self._batch)
                )
            ).all()
            # Form state saved for a conversation that no longer has (or never had) a session row.
            form_ids = (
                await session.scalars(
                    select(FORM_SESSIONS.c.id)
                    .where(FORM_SESSIONS.c.updated_at < cutoff)
                    .limit(self._batch)
                )
            ).all()
            await delete_conversations(session, [*ids, *form_ids])
            return max(len(ids), len(form_ids))

        return await self._batches(step)

    async def _finished_jobs(self, cutoff: datetime) -> int:
        batch = max(1, self._batch // 10)  # a job brings its events and webhook log along
        removed: list[str] = []

        async def step(session: AsyncSession) -> int:
            waiting = exists().where(
                MESSAGES.c.job_id == JOBS.c.id, MESSAGES.c.status == MESSAGE_PENDING
            )
            ids = (
                await session.scalars(
                    select(JOBS.c.id)
                    .where(JOBS.c.state.in_(FINISHED), JOBS.c.finished_at < cutoff, ~waiting)
                    .limit(batch)
                )
            ).all()
            if ids:
                await delete_jobs(session, list(ids), include_pending_messages=False)
                removed.extend(ids)
            return len(ids)

        await self._batches(step, batch)
        for job_id in removed:
            await asyncio.to_thread(self._artifacts.remove_job, job_id)
        return len(removed)

    async def _artifact_files(self, now: datetime, older_than: timedelta | None) -> int:
        names = await asyncio.to_thread(self._artifacts.job_ids)
        if not names:
            return 0
        async with self._sessions() as session:
            known = set(
                (await session.scalars(select(JOBS.c.id).where(JOBS.c.id.in_(names)))).all()
            )
        counts = await asyncio.to_thread(
            self._artifacts.prune,
            names,
            known,
            older_than.total_seconds() if older_than else None,
            now.timestamp(),
        )
        return counts.files
