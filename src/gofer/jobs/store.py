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
from gofer.events.model import Event, utc_now
from gofer.jobs.model import TERMINAL_STATUSES, JobStatus, JobView
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
        status=JobStatus(row.status),
        progress=row.progress,
        message=row.message,
        params=row.params,
        result=row.result,
        error=row.error,
        error_code=row.error_code,
        webhook_configured=bool(row.webhook_url),
        last_seq=row.last_seq,
        created_at=row.created_at,
        updated_at=row.updated_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
    )


class IdempotencyConflict(Exception):
    """The same idempotency key was used before; carries the existing job."""

    def __init__(self, job: JobView) -> None:
        super().__init__(job.job_id)
        self.job = job


class JobStore:
    """Jobs and events in the database, with live fan-out after each commit."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], bus: EventBus) -> None:
        self._sessions = sessions
        self.bus = bus
        self.in_transaction_hooks: list[InTransactionHook] = []
        self.after_commit_hooks: list[AfterCommitHook] = []

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
            status=JobStatus.QUEUED.value,
            progress=0,
            message="Queued",
            idempotency_key=idempotency_key,
            webhook_url=webhook_url,
            last_seq=0,
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
        statuses: Sequence[str] = (),
        workflow: str | None = None,
        before: tuple[datetime, str] | None = None,
        limit: int = 50,
    ) -> list[JobView]:
        """Newest first; `before` is the (created_at, id) of the last job of the previous page."""
        query = select(JobRow)
        if user_id is not None:
            query = query.where(JobRow.user_id == user_id)
        if statuses:
            query = query.where(JobRow.status.in_(list(statuses)))
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

    async def count(self, statuses: Sequence[str]) -> int:
        async with self._sessions() as session:
            query = (
                select(func.count()).select_from(JobRow).where(JobRow.status.in_(list(statuses)))
            )
            return int(await session.scalar(query) or 0)

    async def record(
        self,
        job_id: str,
        event_type: str,
        data: dict[str, Any],
        *,
        status: JobStatus | None = None,
        progress: int | None = None,
        message: str | None = None,
        result: dict[str, Any] | None = None,
        error: tuple[str, str] | None = None,
    ) -> Event:
        """Stores one event (and any job change that goes with it) atomically, then publishes it."""
        now = utc_now()
        changes: dict[str, Any] = {"last_seq": JOBS.c.last_seq + 1, "updated_at": now}
        if status is not None:
            changes["status"] = status.value
            if status == JobStatus.STARTING:
                changes["started_at"] = now
            if status in TERMINAL_STATUSES:
                changes["finished_at"] = now
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
        await self.bus.publish(event)
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

    async def unfinished(self) -> list[JobView]:
        """Jobs that were queued or running; used for restart recovery."""
        active = [s.value for s in JobStatus if not s.terminal]
        async with self._sessions() as session:
            rows = await session.scalars(
                select(JobRow).where(JobRow.status.in_(active)).order_by(JobRow.created_at)
            )
            return [job_view(r) for r in rows]
