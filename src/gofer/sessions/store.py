"""The sessions repository: create sessions, append messages and executions, read and page them."""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.events.model import utc_now
from gofer.metrics import SESSIONS_CREATED
from gofer.sessions.tables import SessionExecutionRow, SessionMessageRow, SessionRow

MAX_PAGE = 100


class SessionSummary(BaseModel):
    session_id: str
    user_id: str
    kind: str
    title: str
    message_count: int
    created_at: datetime
    updated_at: datetime


class SessionMessage(BaseModel):
    id: int
    role: str
    content: str
    data: dict[str, Any] | None = None
    timestamp: datetime


class SessionExecution(BaseModel):
    job_id: str
    workflow: str
    status: str
    summary: str
    created_at: datetime
    updated_at: datetime


class SessionDetail(SessionSummary):
    messages: list[SessionMessage]
    executions: list[SessionExecution]


class SessionPage(BaseModel):
    sessions: list[SessionSummary]
    next_cursor: str | None


class BadCursor(ValueError):
    """A `last_key` that this API did not hand out."""


def _summary(row: SessionRow) -> SessionSummary:
    return SessionSummary(
        session_id=row.id,
        user_id=row.user_id,
        kind=row.kind,
        title=row.title,
        message_count=row.message_count,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def encode_cursor(summary: SessionSummary) -> str:
    raw = json.dumps([summary.created_at.isoformat(), summary.session_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        created, session_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        when = datetime.fromisoformat(created)
        if when.tzinfo is None or not isinstance(session_id, str):
            raise ValueError("not a cursor")
        return when, session_id
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise BadCursor("not a cursor from this API") from exc


class SessionStore:
    """Sessions belong to one user; callers check `user_id` before showing one (see routes)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def create(self, user_id: str, kind: str, title: str = "") -> str:
        now = utc_now()
        session_id = "ses_" + secrets.token_hex(12)
        async with self._sessions.begin() as db:
            db.add(
                SessionRow(
                    id=session_id,
                    user_id=user_id,
                    kind=kind[:32],
                    title=title[:300],
                    message_count=0,
                    created_at=now,
                    updated_at=now,
                )
            )
        SESSIONS_CREATED.inc()
        return session_id

    async def add_message(
        self, session_id: str, role: str, content: str, data: dict[str, Any] | None = None
    ) -> int:
        now = utc_now()
        row = SessionMessageRow(
            session_id=session_id, role=role[:32], content=content, data=data, created_at=now
        )
        async with self._sessions.begin() as db:
            touched = await db.execute(
                update(SessionRow)
                .where(SessionRow.id == session_id)
                .values(message_count=SessionRow.message_count + 1, updated_at=now)
            )
            if touched.rowcount == 0:  # type: ignore[attr-defined]
                raise LookupError(f"no session {session_id}")
            db.add(row)
        return row.id

    async def add_execution(
        self, session_id: str, job_id: str, workflow: str, status: str, summary: str = ""
    ) -> None:
        """Records a workflow run; calling again with the same job updates its status and summary."""
        try:
            await self._upsert_execution(session_id, job_id, workflow, status, summary)
        except IntegrityError:
            # Two first writes for one job raced and this insert lost: now it is an update.
            await self._upsert_execution(session_id, job_id, workflow, status, summary)

    async def _upsert_execution(
        self, session_id: str, job_id: str, workflow: str, status: str, summary: str
    ) -> None:
        now = utc_now()
        async with self._sessions.begin() as db:
            touched = await db.execute(
                update(SessionRow).where(SessionRow.id == session_id).values(updated_at=now)
            )
            if touched.rowcount == 0:  # type: ignore[attr-defined]
                raise LookupError(f"no session {session_id}")
            updated = await db.execute(
                update(SessionExecutionRow)
                .where(
                    SessionExecutionRow.session_id == session_id,
                    SessionExecutionRow.job_id == job_id,
                )
                .values(status=status, summary=summary, workflow=workflow, updated_at=now)
            )
            if updated.rowcount == 0:  # type: ignore[attr-defined]
                db.add(
                    SessionExecutionRow(
                        session_id=session_id,
                        job_id=job_id,
                        workflow=workflow,
                        status=status,
                        summary=summary,
                        created_at=now,
                        updated_at=now,
                    )
                )

    async def update_job_status(self, job_id: str, status: str, summary: str | None = None) -> int:
        """Follows a job's outcome into every session that started it. Returns rows changed."""
        values: dict[str, Any] = {"status": status, "updated_at": utc_now()}
        if summary is not None:
            values["summary"] = summary
        async with self._sessions.begin() as db:
            result = await db.execute(
                update(SessionExecutionRow)
                .where(SessionExecutionRow.job_id == job_id)
                .values(**values)
            )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def get(self, session_id: str) -> SessionDetail | None:
        async with self._sessions() as db:
            row = await db.get(SessionRow, session_id)
            if row is None:
                return None
            messages = await db.scalars(
                select(SessionMessageRow)
                .where(SessionMessageRow.session_id == session_id)
                .order_by(SessionMessageRow.id)
            )
            executions = await db.scalars(
                select(SessionExecutionRow)
                .where(SessionExecutionRow.session_id == session_id)
                .order_by(SessionExecutionRow.id)
            )
            return SessionDetail(
                **_summary(row).model_dump(),
                messages=[
                    SessionMessage(
                        id=m.id, role=m.role, content=m.content, data=m.data, timestamp=m.created_at
                    )
                    for m in messages
                ],
                executions=[
                    SessionExecution(
                        job_id=e.job_id,
                        workflow=e.workflow,
                        status=e.status,
                        summary=e.summary,
                        created_at=e.created_at,
                        updated_at=e.updated_at,
                    )
                    for e in executions
                ],
            )

    async def owner(self, session_id: str) -> str | None:
        async with self._sessions() as db:
            return await db.scalar(select(SessionRow.user_id).where(SessionRow.id == session_id))

    async def list_for_user(
        self, user_id: str | None, *, limit: int = 50, cursor: str | None = None
    ) -> SessionPage:
        """Newest first. `user_id` None lists everyone's (the admin's view)."""
        limit = max(1, min(limit, MAX_PAGE))
        query = select(SessionRow)
        if user_id is not None:
            query = query.where(SessionRow.user_id == user_id)
        if cursor:
            created, last_id = decode_cursor(cursor)
            query = query.where(
                (SessionRow.created_at < created)
                | ((SessionRow.created_at == created) & (SessionRow.id < last_id))
            )
        query = query.order_by(SessionRow.created_at.desc(), SessionRow.id.desc()).limit(limit + 1)
        async with self._sessions() as db:
            rows = list(await db.scalars(query))
        page = [_summary(r) for r in rows[:limit]]
        more = len(rows) > limit
        return SessionPage(sessions=page, next_cursor=encode_cursor(page[-1]) if more else None)

    async def count_for_user(self, user_id: str) -> int:
        async with self._sessions() as db:
            query = (
                select(func.count()).select_from(SessionRow).where(SessionRow.user_id == user_id)
            )
            return int(await db.scalar(query) or 0)

    async def delete(self, session_id: str) -> bool:
        async with self._sessions.begin() as db:
            await db.execute(
                delete(SessionMessageRow).where(SessionMessageRow.session_id == session_id)
            )
            await db.execute(
                delete(SessionExecutionRow).where(SessionExecutionRow.session_id == session_id)
            )
            result = await db.execute(delete(SessionRow).where(SessionRow.id == session_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]
