"""Reads and writes of jobs and their events; every event is stored before anyone sees it."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
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
from gofer.store.db import serial_writes
from gofer.store.tables import EventRow, JobRow

# Called inside the transaction that stores an event (the webhook outbox uses it, so that an
# event and its deliveries are committed together or not at all). The job is the updated row,
# with the jobs table's columns as attributes.
InTransactionHook = Callable[[AsyncSession, Any, Event], Awaitable[None]]
AfterCommitHook = Callable[[Event], None]
# Called once per transaction, after the in-transaction hooks of all its events (the webhook
# outbox writes the messages of a whole batch of events with one statement here).
BeforeCommitHook = Callable[[AsyncSession], Awaitable[None]]

# Events committed together at most; more wait for the next transaction.
MAX_BATCH = 256


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


@dataclass(slots=True)
class _Record:
    """One `record` call waiting for its batch to commit."""

    job_id: str
    event_type: str
    data: dict[str, Any]
    at: datetime
    changes: dict[str, Any]
    done: asyncio.Future[Event]


def _fail(batch: list[_Record], error: Exception) -> None:
    for request in batch:
        if not request.done.done():
            request.done.set_exception(error)


class JobStore:
    """Jobs and events in the database, with live fan-out after each commit."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        bus: EventBus,
        *,
        in_transaction_hooks: Sequence[InTransactionHook] = (),
        before_commit_hooks: Sequence[BeforeCommitHook] = (),
        after_commit_hooks: Sequence[AfterCommitHook] = (),
    ) -> None:
        self._sessions = sessions
        self.bus = bus
        # Given once, when the store is built: every process that records events runs the same.
        self.in_transaction_hooks: tuple[InTransactionHook, ...] = tuple(in_transaction_hooks)
        self.before_commit_hooks: tuple[BeforeCommitHook, ...] = tuple(before_commit_hooks)
        self.after_commit_hooks: tuple[AfterCommitHook, ...] = tuple(after_commit_hooks)
        # Events waiting for the next transaction, and the task committing them.
        self._waiting: list[_Record] = []
        self._committer: asyncio.Task[None] | None = None

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
        Returns only after the event's transaction has committed. Events recorded while another
        batch is committing share the next transaction (group commit); if the caller is
        cancelled meanwhile, the event may still be stored.
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
        loop = asyncio.get_running_loop()
        request = _Record(job_id, event_type, data, now, changes, loop.create_future())
        committer = self._committer
        if committer is not None and committer.get_loop() is not loop:
            # The store outlived an event loop (tests run several): what waited there is gone.
            committer = None
            self._waiting = [r for r in self._waiting if r.done.get_loop() is loop]
        self._waiting.append(request)
        if committer is None or committer.done():
            self._committer = loop.create_task(self._commit_waiting(), name="gofer-event-commit")
        return await asyncio.shield(request.done)

    async def _commit_waiting(self) -> None:
        """Commits waiting events in batches until none is left; every request gets an answer."""
        batch: list[_Record] = []
        try:
            while self._waiting:
                batch, self._waiting = self._waiting[:MAX_BATCH], self._waiting[MAX_BATCH:]
                try:
                    await self._commit_batch(batch)
                except Exception as exc:
                    _fail(batch, exc)
        except BaseException:
            # Cancelled (the loop is shutting down): nobody may wait forever.
            for request in [*batch, *self._waiting]:
                request.done.cancel()
            self._waiting = []
            raise

    async def _commit_batch(self, batch: list[_Record]) -> None:
        try:
            outcomes = await self._store(batch)
        except Exception:
            if len(batch) == 1:
                raise
            # One bad event (or a hook failing on it) must not fail its neighbours: the batch
            # was rolled back as a whole, so each event is tried again in its own transaction.
            for request in batch:
                try:
                    await self._commit_batch([request])
                except Exception as exc:
                    _fail([request], exc)
            return
        for request, outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, Exception):
                request.done.set_exception(outcome)
                continue
            try:
                await self.bus.publish(outcome)
                for after in self.after_commit_hooks:
                    after(outcome)
            except Exception as exc:  # as before group commit: the caller hears of it
                request.done.set_exception(exc)
                continue
            request.done.set_result(outcome)

    async def _store(self, batch: list[_Record]) -> list[Event | LookupError]:
        """One transaction for the whole batch; a missing job fails only its own event."""
        outcomes: list[Event | LookupError] = []
        rows: list[dict[str, Any]] = []
        async with serial_writes(self._sessions), self._sessions.begin() as session:
            for request in batch:
                # Core statements, not ORM objects: this runs for every event on the hot path.
                row = (
                    await session.execute(
                        update(JOBS)
                        .where(JOBS.c.id == request.job_id)
                        .values(**request.changes)
                        .returning(JOBS)
                    )
                ).first()
                if row is None:
                    outcomes.append(LookupError(f"no job {request.job_id}"))
                    continue
                data = checked_data(
                    request.event_type,
                    {**request.data, "status": display_status(JobState(row.state), row.step)},
                )
                event = Event(
                    seq=row.last_seq,
                    job_id=request.job_id,
                    type=request.event_type,
                    timestamp=request.at,
                    data=data,
                )
                rows.append(
                    {
                        "job_id": event.job_id,
                        "seq": event.seq,
                        "type": event.type,
                        "timestamp": event.timestamp,
                        "data": event.data,
                    }
                )
                for hook in self.in_transaction_hooks:
                    await hook(session, row, event)
                outcomes.append(event)
            if rows:
                # One statement for all the batch's events; one row is a plain execute.
                await session.execute(insert(EVENTS), rows[0] if len(rows) == 1 else rows)
            for before in self.before_commit_hooks:
                await before(session)
        return outcomes

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
