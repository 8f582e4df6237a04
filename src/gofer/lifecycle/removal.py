"""Deleting a job or a conversation with everything that hangs off it (retention and erasure share this)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Table, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from gofer.jobs.model import TERMINAL_STATES
from gofer.sessions.tables import SessionExecutionRow, SessionMessageRow, SessionRow
from gofer.store.tables import EventRow, JobRow
from gofer.webhooks.tables import MESSAGE_PENDING, WebhookAttemptRow, WebhookMessageRow
from gofer.workflows.forms.tables import FormSessionRow, FormTurnRow

EVENTS: Table = EventRow.__table__  # type: ignore[assignment]
JOBS: Table = JobRow.__table__  # type: ignore[assignment]
MESSAGES: Table = WebhookMessageRow.__table__  # type: ignore[assignment]
ATTEMPTS: Table = WebhookAttemptRow.__table__  # type: ignore[assignment]
CONVERSATIONS: Table = SessionRow.__table__  # type: ignore[assignment]
CONVERSATION_MESSAGES: Table = SessionMessageRow.__table__  # type: ignore[assignment]
EXECUTIONS: Table = SessionExecutionRow.__table__  # type: ignore[assignment]
FORM_SESSIONS: Table = FormSessionRow.__table__  # type: ignore[assignment]
FORM_TURNS: Table = FormTurnRow.__table__  # type: ignore[assignment]

FINISHED = [s.value for s in TERMINAL_STATES]


def _rows(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


async def delete_conversations(session: AsyncSession, ids: list[str]) -> dict[str, int]:
    """Removes conversations with their messages, runs, form state and turns."""
    if not ids:
        return {}
    counts = {}
    for name, statement in (
        (
            "conversation_messages",
            delete(CONVERSATION_MESSAGES).where(CONVERSATION_MESSAGES.c.session_id.in_(ids)),
        ),
        ("conversation_runs", delete(EXECUTIONS).where(EXECUTIONS.c.session_id.in_(ids))),
        ("form_turns", delete(FORM_TURNS).where(FORM_TURNS.c.session_id.in_(ids))),
        ("form_sessions", delete(FORM_SESSIONS).where(FORM_SESSIONS.c.id.in_(ids))),
        ("conversations", delete(CONVERSATIONS).where(CONVERSATIONS.c.id.in_(ids))),
    ):
        result = await session.execute(statement)
        counts[name] = _rows(result)
    return counts


async def delete_jobs(
    session: AsyncSession,
    job_ids: list[str],
    *,
    include_pending_messages: bool,
    keep_messages: frozenset[str] = frozenset(),
) -> dict[str, int]:
    """Removes jobs with their events and webhook log (never the messages in `keep_messages`)."""
    if not job_ids:
        return {}
    counts: dict[str, int] = {}
    message_filter: list[ColumnElement[bool]] = [MESSAGES.c.job_id.in_(job_ids)]
    if not include_pending_messages:
        message_filter.append(MESSAGES.c.status != MESSAGE_PENDING)
    if keep_messages:
        message_filter.append(MESSAGES.c.id.not_in(list(keep_messages)))
    message_ids = select(MESSAGES.c.id).where(*message_filter)
    result = await session.execute(delete(ATTEMPTS).where(ATTEMPTS.c.message_id.in_(message_ids)))
    counts["webhook_attempts"] = _rows(result)
    result = await session.execute(delete(MESSAGES).where(*message_filter))
    counts["webhook_messages"] = _rows(result)
    result = await session.execute(delete(EVENTS).where(EVENTS.c.job_id.in_(job_ids)))
    counts["events"] = _rows(result)
    result = await session.execute(delete(JOBS).where(JOBS.c.id.in_(job_ids)))
    counts["jobs"] = _rows(result)
    return counts
