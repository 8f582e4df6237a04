"""Reads and writes of jobs and their events; every event is stored before anyone sees it."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.events.bus import EventBus
from gofer.events.model import Event, checked_data, utc_now
from gofer.jobs.model import (
    ACTIVE_STATES,
    STARTING_STEP,
    TERMINAL_STATES,
    JobState,
    JobView,
    display_status,
)
from gofer.store.tables import EventRow, JobRow

# Called inside the transaction that stores an event (the webhook outbox uses it, so that an
# event and its deliveries are committed together or not at all). The job is the updated row,
# with the jobs table's columns as attributes.
InTransactionHook = Callable[[AsyncSession, Any, Event], Awaitable[None]]
AfterCommitHook = Callable[[Event], None]


JOBS: Table = JobRow.__table__  # type: ignore[assignment]
EVENTS: Table = EventRow.__table__  # type: ignore[assignment]


def new_job_id() -> str:
    return "job_" + secrets.token_hex(12)


def job_view(row: JobRow) -> JobView:
    return JobView(
        job_id=row.id,
        user_id=row.user_id,
        workflow=row.workflow,
        state=JobState(row.state),
        step=row.step,
        progress=row.progress,
        message=row.message,
        params=row.params,
        result=row.result,
        error=row.error,
        error_code=row.error_code,
        webhook_configured=bool(row.webhook_url),
        last_seq=row.last_seq,
        attempt=row.attempt,
        worker_id=row.worker_id,
        cancel_requested=row.cancel_requested,
        created_at=row.created_at,
        updated_at=row.updated_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
    )


class IdempotencyConflict(Exception):
    """The same idempotency key was used before; carries the job it made."""

    def __init__(self, job: JobView) -> None:
        super().__init__(job.job_id)
        self.job = job


class JobStore:
    """Jobs and events in the database, with live fan-out after each commit."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        bus: EventBus,
        *,
        in_transaction_hooks: Sequence[InTransactionHook] = (),
        after_commit_hooks: Sequence[AfterCommitHook] = (),
    ) -> None:
        self._sessions = sessions
        self.bus = bus
        # Given once, when the store is built: every process that records events runs the same.
        self.in_transaction_hooks: tuple[InTransactionHook, ...] = tuple(in_transaction_hooks)
        self.after_commit_hooks: tuple[AfterCommitHook, ...] = tuple(after_commit_hooks)

    async def create(
        self,
        *,
        user_id: str,
        workflow: str,
        params: dict[str, Any],
        webhook_url: str | None = None,
        idempotency_key: str | None = None,
    ) -> JobView:
        now = utc_now()
        row = JobRow(
            id=new_job_id(),
            user_id=user_id,
            workflow=workflow,
            params=params,
            state=JobState.QUEUED.value,
            step=None,
            progress=0,
            message="Queued",
            idempotency_key=idempotency_key,
            webhook_url=webhook_url,
            last_seq=0,
            attempt=0,
            created_at=now,
            updated_at=now,
        )
        try:
            async with self._sessions.begin() as session:
                session.add(row)
        except IntegrityError:
            if idempotency_key is None:
                raise
            existing = await self.get_by_idempotency_key(user_id, idempotency_key)
            if existing is None:
                raise
            raise IdempotencyConflict(existing) from None
        return job_view(row)

    async def get(self, job_id: str) -> JobView | None:
        async with self._sessions() as session:
            row = await session.get(JobRow, job_id)
            return job_view(row) if row else None

    async def get_by_idempotency_key(self, user_id: str, key: str) -> JobView | None:
        async with self._sessions() as session:
            row = await session.scalar(
                select(JobRow).where(JobRow.user_id == user_id, JobRow.idempotency_key == key)
            )
            return job_view(row) if row else None

    async def list_jobs(
        self,
        *,
        user_id: str | None,
        states: Sequence[str] = (),
        steps: Sequence[str] = (),
        workflow: str | None = None,
        before: tuple[datetime, str] | None = None,
        limit: int = 50,
    ) -> list[JobView]:
        """Newest first; `before` is the (created_at, id) of the last job of the previous page."""
        query = select(JobRow)
        if user_id is not None:
            query = query.where(JobRow.user_id == user_id)
        if states or steps:
            query = query.where(
                JobRow.state.in_(list(states))
                | (
                    JobRow.state.in_([s.value for s in ACTIVE_STATES])
                    & JobRow.step.in_(list(steps))
                )
            )
        if workflow:
            query = query.where(JobRow.workflow == workflow)
        if before is not None:
            created, job_id = before
            query = query.where(
                (JobRow.created_at < created)
                | ((JobRow.created_at == created) & (JobRow.id < job_id))
            )
        query = query.order_by(JobRow.created_at.desc(), JobRow.id.desc()).limit(limit)
        async with self._sessions() as session:
            return [job_view(row) for row in await session.scalars(query)]

    async def count(self, states: Sequence[JobState]) -> int:
        async with self._sessions() as session:
            query = (
                select(func.count())
                .select_from(JobRow)
                .where(JobRow.state.in_([s.value for s in states]))
            )
            return int(await session.scalar(query) or 0)

    async def record(
        self,
        job_id: str,
        event_type: str,
        data: dict[str, Any],
        *,
        state: JobState | None = None,
        step: str | None = None,
        progress: int | None = None,
        message: str | None = None,
        result: dict[str, Any] | None = None,
        error: tuple[str, str] | None = None,
    ) -> Event:
        """Stores one event (and any job change that goes with it) atomically, then publishes it.

        The event's data gets the job's status after it, and is checked against its type's model.
        """
        now = utc_now()
        changes: dict[str, Any] = {"last_seq": JOBS.c.last_seq + 1, "updated_at": now}
        if state is not None:
            changes["state"] = state.value
            if state in TERMINAL_STATES:
                changes["finished_at"] = now
                changes["cancel_requested"] = None
        if step is not None:
            changes["step"] = step
        if progress is not None:
            changes["progress"] = progress
        if message is not None:
            changes["message"] = message
        if result is not None:
            changes["result"] = result
        if error is not None:
            changes["error"], changes["error_code"] = error
        async with self._sessions.begin() as session:
            # Core statements, not ORM objects: this runs for every event on the hot path.
            row = (
                await session.execute(
                    update(JOBS).where(JOBS.c.id == job_id).values(**changes).returning(JOBS)
                )
            ).first()
            if row is None:
                raise LookupError(f"no job {job_id}")
            data = checked_data(
                event_type, {**data, "status": display_status(JobState(row.state), row.step)}
            )
            event = Event(
                seq=row.last_seq, job_id=job_id, type=event_type, timestamp=now, data=data
            )
            await session.execute(
                insert(EVENTS).values(
                    job_id=job_id, seq=event.seq, type=event_type, timestamp=now, data=data
                )
            )
            for hook in self.in_transaction_hooks:
                await hook(session, row, event)
        self.bus.publish(event)
        for after in self.after_commit_hooks:
            after(event)
        return event

    async def events_after(self, job_id: str, after: int = 0, limit: int = 1000) -> list[Event]:
        query = (
            select(EventRow)
            .where(EventRow.job_id == job_id, EventRow.seq > after)
            .order_by(EventRow.seq)
            .limit(limit)
        )
        async with self._sessions() as session:
            return [
                Event(seq=r.seq, job_id=r.job_id, type=r.type, timestamp=r.timestamp, data=r.data)
                for r in await session.scalars(query)
            ]

    async def latest_event(self, job_id: str, event_type: str) -> Event | None:
        query = (
            select(EventRow)
            .where(EventRow.job_id == job_id, EventRow.type == event_type)
            .order_by(EventRow.seq.desc())
            .limit(1)
        )
        async with self._sessions() as session:
            r = await session.scalar(query)
            if r is None:
                return None
            return Event(
                seq=r.seq, job_id=r.job_id, type=r.type, timestamp=r.timestamp, data=r.data
            )

    async def queued(self) -> list[JobView]:
        """Jobs waiting for a worker, oldest first (re-submitted when an executor starts)."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(JobRow)
                .where(JobRow.state == JobState.QUEUED.value)
                .order_by(JobRow.created_at)
            )
            return [job_view(r) for r in rows]

    # --- the worker side: claims, waiting, cancel requests ---------------------------------

    async def claim(self, job_id: str, worker_id: str) -> JobView | None:
        """Takes a queued job for a worker; None if it was cancelled or taken meanwhile."""
        now = utc_now()
        async with self._sessions.begin() as session:
            row = (
                await session.execute(
                    update(JOBS)
                    .where(JOBS.c.id == job_id, JOBS.c.state == JobState.QUEUED.value)
                    .values(
                        state=JobState.RUNNING.value,
                        step=STARTING_STEP,
                        worker_id=worker_id,
                        attempt=JOBS.c.attempt + 1,
                        started_at=func.coalesce(JOBS.c.started_at, now),
                        updated_at=now,
                    )
                    .returning(JOBS)
                )
            ).first()
        return job_view(row) if row is not None else None  # type: ignore[arg-type]

    async def set_waiting(self, job_id: str, waiting: bool) -> None:
        """Marks a running job as holding no execution slot (or as running again)."""
        target, source = (
            (JobState.WAITING, JobState.RUNNING)
            if waiting
            else (JobState.RUNNING, JobState.WAITING)
        )
        async with self._sessions.begin() as session:
            await session.execute(
                update(JOBS)
                .where(JOBS.c.id == job_id, JOBS.c.state == source.value)
                .values(state=target.value)
            )

    async def request_cancel(self, job_id: str, reason: str) -> JobView | None:
        """Stores a cancel request that any worker sees; returns the job as it now is."""
        async with self._sessions.begin() as session:
            await session.execute(
                update(JOBS)
                .where(
                    JOBS.c.id == job_id,
                    JOBS.c.state.not_in([s.value for s in TERMINAL_STATES]),
                )
                .values(cancel_requested=reason)
            )
        return await self.get(job_id)

    async def cancel_requests(self, job_ids: Sequence[str]) -> dict[str, str]:
        """Of these jobs, those with a stored cancel request, and its reason."""
        if not job_ids:
            return {}
        async with self._sessions() as session:
            rows = await session.execute(
                select(JobRow.id, JobRow.cancel_requested).where(
                    JobRow.id.in_(list(job_ids)), JobRow.cancel_requested.is_not(None)
                )
            )
            return {job_id: str(reason) for job_id, reason in rows}

    async def release_to_queue(self, job_id: str, worker_id: str | None) -> bool:
        """Puts a dead worker's job back in the queue; False if someone else already did."""
        async with self._sessions.begin() as session:
            result = await session.execute(
                update(JOBS)
                .where(
                    JOBS.c.id == job_id,
                    JOBS.c.worker_id.is_(None)
                    if worker_id is None
                    else JOBS.c.worker_id == worker_id,
                    JOBS.c.state.in_([s.value for s in ACTIVE_STATES]),
                )
                .values(state=JobState.QUEUED.value, worker_id=None, updated_at=utc_now())
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

    async def orphans(self, live_workers: Sequence[str]) -> list[JobView]:
        """Running or waiting jobs whose worker is not among the live ones."""
        query = select(JobRow).where(JobRow.state.in_([s.value for s in ACTIVE_STATES]))
        if live_workers:
            query = query.where(
                JobRow.worker_id.is_(None) | JobRow.worker_id.not_in(list(live_workers))
            )
        async with self._sessions() as session:
            return [job_view(r) for r in await session.scalars(query.order_by(JobRow.created_at))]
