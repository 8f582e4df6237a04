"""The forms conversations in the database: create, read, and record each turn's outcome.

A turn's new state is written inside the transaction that stores the job's terminal event, so a
client that sees `task_completed` finds the state already saved, and a restart loses nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import structlog
from redis.asyncio import Redis
from redis.exceptions import LockError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.events.model import JOB_CANCELLED, JOB_FAILED, TASK_COMPLETED, Event, utc_now
from gofer.store.tables import JobRow
from gofer.workflows.forms.params import FormState
from gofer.workflows.forms.tables import FormSessionRow, FormTurnRow

WORKFLOW = "forms.fill"
log = structlog.get_logger("gofer.forms")


@dataclass(frozen=True)
class FormSession:
    session_id: str
    user_id: str
    state: FormState
    url: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class FormTurn:
    job_id: str
    turn: int
    message: str
    status: str
    outcome: dict[str, Any]
    created_at: datetime


def new_session_id() -> str:
    return "ses_" + secrets.token_hex(12)


def _view(row: FormSessionRow) -> FormSession:
    return FormSession(
        session_id=row.id,
        user_id=row.user_id,
        state=FormState.model_validate(row.state),
        url=row.url,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


class FormSessions:
    """Form conversations by id; each belongs to one user (callers check before showing one)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def create(self, user_id: str, session_id: str | None = None) -> FormSession:
        now = utc_now()
        row = FormSessionRow(
            id=session_id or new_session_id(),
            user_id=user_id,
            form=None,
            url=None,
            state=FormState().model_dump(),
            turn=0,
            created_at=now,
            updated_at=now,
        )
        async with self._sessions.begin() as db:
            db.add(row)
        return _view(row)

    async def get(self, session_id: str) -> FormSession | None:
        async with self._sessions() as db:
            row = await db.get(FormSessionRow, session_id)
            return _view(row) if row else None

    async def latest_for_user(self, user_id: str | None) -> FormSession | None:
        query = select(FormSessionRow).order_by(FormSessionRow.updated_at.desc()).limit(1)
        if user_id is not None:
            query = query.where(FormSessionRow.user_id == user_id)
        async with self._sessions() as db:
            row = await db.scalar(query)
            return _view(row) if row else None

    async def turns(self, session_id: str) -> list[FormTurn]:
        query = (
            select(FormTurnRow).where(FormTurnRow.session_id == session_id).order_by(FormTurnRow.id)
        )
        async with self._sessions() as db:
            return [
                FormTurn(r.job_id, r.turn, r.message, r.status, r.outcome, r.created_at)
                for r in await db.scalars(query)
            ]

    async def record_outcome(self, db: AsyncSession, job: JobRow, event: Event) -> None:
        """In-transaction hook of the job store: saves a finished turn with its event."""
        if job.workflow != WORKFLOW or event.type not in (
            TASK_COMPLETED,
            JOB_FAILED,
            JOB_CANCELLED,
        ):
            return
        params = job.params or {}
        session_id = params.get("session_id")
        if not session_id:
            return
        base_turn = int((params.get("state") or {}).get("turn", 0))
        now = utc_now()
        if event.type == TASK_COMPLETED:
            outcome = {k: v for k, v in event.data.items() if k != "state"}
            new_state = event.data.get("state")
            row = await db.get(FormSessionRow, session_id)
            if row is not None and isinstance(new_state, dict):
                if row.turn == base_turn:
                    row.state = new_state
                    row.form = new_state.get("form")
                    row.url = event.data.get("url")
                    row.turn = int(new_state.get("turn", base_turn + 1))
                    row.last_job_id = job.id
                    row.updated_at = now
                else:
                    # Another turn finished first; this one's state was built on an old one.
                    log.warning("form_turn_stale", session_id=session_id, job_id=job.id)
                    outcome["stale"] = True
            status = "completed"
        else:
            outcome = {"error": event.data.get("error"), "code": event.data.get("code")}
            status = "failed" if event.type == JOB_FAILED else "cancelled"
        db.add(
            FormTurnRow(
                session_id=session_id,
                job_id=job.id,
                turn=base_turn + 1,
                message=str(params.get("message", "")),
                status=status,
                outcome=outcome,
                created_at=now,
            )
        )


class ConversationLocks(Protocol):
    """One turn at a time per conversation: a second message waits for the first to finish."""

    def hold(self, session_id: str) -> AbstractAsyncContextManager[None]: ...


class SessionLocks:
    """The lock in one process (the default: one server runs every turn)."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}

    @asynccontextmanager
    async def hold(self, session_id: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(session_id, asyncio.Lock())
        self._users[session_id] = self._users.get(session_id, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._users[session_id] -= 1
            if not self._users[session_id]:
                del self._users[session_id]
                del self._locks[session_id]


class RedisSessionLocks:
    """The lock across processes: a Redis lock per conversation, for API nodes behind a balancer.

    The lock expires after `hold_s`, so a process that dies mid-turn cannot block its
    conversation for longer than one turn's time limit.
    """

    def __init__(self, redis_url: str, prefix: str, hold_s: float) -> None:
        self._redis: Redis = Redis.from_url(redis_url)
        self._prefix = f"{prefix}:forms-lock:"
        self._hold_s = hold_s

    @asynccontextmanager
    async def hold(self, session_id: str) -> AsyncIterator[None]:
        lock = self._redis.lock(
            self._prefix + session_id,
            timeout=self._hold_s,
            sleep=0.05,
            blocking_timeout=self._hold_s,
        )
        if not await lock.acquire():
            raise TimeoutError(f"conversation {session_id} stayed busy")
        try:
            yield
        finally:
            with contextlib.suppress(LockError):
                await lock.release()

    async def close(self) -> None:
        await self._redis.aclose()
