"""Erasure: a job, a conversation or a whole account removed everywhere it lives, with an audit line.

Who may erase what is decided by the caller (the routes); this module only erases. Webhook
messages a dispatcher is sending right now are left until their attempt is written (deleting
them under it would break the outbox), then removed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

import structlog
from sqlalchemy import ColumnElement, Table, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.accounts.tables import (
    ApiKeyRow,
    MailOutboxRow,
    OneTimeCodeRow,
    RefreshTokenRow,
    UserRow,
    UserSettingsRow,
)
from gofer.events.model import utc_now
from gofer.lifecycle.artifacts import ArtifactStore
from gofer.lifecycle.metrics import ERASURES
from gofer.lifecycle.removal import (
    ATTEMPTS,
    CONVERSATIONS,
    EXECUTIONS,
    FINISHED,
    FORM_SESSIONS,
    FORM_TURNS,
    JOBS,
    MESSAGES,
    delete_conversations,
    delete_jobs,
)
from gofer.lifecycle.tables import ErasureAuditRow
from gofer.webhooks.tables import ENDPOINT_DELETED, WebhookEndpointRow

log = structlog.get_logger("gofer.lifecycle.erasure")

ENDPOINTS: Table = WebhookEndpointRow.__table__  # type: ignore[assignment]

# How long an erasure waits for a webhook attempt in flight to be written down.
IN_FLIGHT_WAIT_S = 60.0
IN_FLIGHT_POLL_S = 0.05
# How long an account erasure waits for its cancelled jobs to end.
CANCEL_WAIT_S = 60.0

ACTOR_OWNER = "owner"
ACTOR_ADMIN = "admin"


class StillRunning(Exception):
    """A job (of the thing to erase) has not finished; erasing it would race its workflow."""

    def __init__(self, job_ids: list[str]) -> None:
        super().__init__(", ".join(job_ids))
        self.job_ids = job_ids


@dataclass
class Erased:
    kind: str
    subject_id: str
    erased_at: datetime
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, counts: dict[str, int]) -> None:
        for name, count in counts.items():
            self.counts[name] = self.counts.get(name, 0) + count


InFlight = Callable[[], set[str]]
CancelJob = Callable[[str], Awaitable[object]]
EndpointsChanged = Callable[[], Awaitable[None]]
# Closes what a conversation still holds open outside the database (the forms agent's page).
SessionClosed = Callable[[str], Awaitable[None]]


def _nothing_in_flight() -> set[str]:
    return set()


class Eraser:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        artifacts: ArtifactStore,
        *,
        in_flight: InFlight = _nothing_in_flight,
        cancel_job: CancelJob | None = None,
        endpoints_changed: EndpointsChanged | None = None,
        session_closed: SessionClosed | None = None,
    ) -> None:
        self._sessions = sessions
        self._artifacts = artifacts
        self._in_flight = in_flight
        self._cancel_job = cancel_job
        self._endpoints_changed = endpoints_changed
        self._session_closed = session_closed

    async def erase_job(self, job_id: str, actor: str) -> Erased:
        """Erases one finished job (raises StillRunning otherwise)."""
        erased = Erased("job", job_id, utc_now())
        await self._refuse_running([job_id])
        await self._erase_jobs([job_id], erased)
        await self._audit(erased, actor)
        return erased

    async def erase_session(self, session_id: str, actor: str) -> Erased:
        """Erases a conversation and the jobs it started (all must have finished)."""
        erased = Erased("session", session_id, utc_now())
        async with self._sessions() as session:
            job_ids = await _session_jobs(session, session_id)
        await self._refuse_running(job_ids)
        await self._erase_jobs(job_ids, erased)
        async with self._sessions.begin() as session:
            erased.add(await delete_conversations(session, [session_id]))
        await self._close_sessions([session_id])
        await self._audit(erased, actor)
        return erased

    async def erase_account(self, user_id: str, actor: str) -> Erased:
        """Erases a user and everything they own; their running jobs are cancelled first."""
        erased = Erased("account", user_id, utc_now())
        # First the way in: no new job can be started with this account while it is erased.
        async with self._sessions.begin() as session:
            erased.add(await _revoke_access(session, user_id))
        async with self._sessions() as session:
            job_ids = list(
                await session.scalars(select(JOBS.c.id).where(JOBS.c.user_id == user_id))
            )
            running = list(
                await session.scalars(
                    select(JOBS.c.id).where(
                        JOBS.c.user_id == user_id, JOBS.c.state.not_in(FINISHED)
                    )
                )
            )
        if running and self._cancel_job is not None:
            for job_id in running:
                await self._cancel_job(job_id)
            await self._wait_ended(running)
        await self._refuse_running(running)
        await self._erase_jobs(job_ids, erased)
        async with self._sessions.begin() as session:
            conversations = await session.scalars(
                select(CONVERSATIONS.c.id).where(CONVERSATIONS.c.user_id == user_id)
            )
            forms = await session.scalars(
                select(FORM_SESSIONS.c.id).where(FORM_SESSIONS.c.user_id == user_id)
            )
            session_ids = sorted({*conversations, *forms})
            erased.add(await delete_conversations(session, session_ids))
            erased.add(await _delete_account_rows(session, user_id))
        await self._close_sessions(session_ids)
        await self._erase_owned_messages(user_id, erased)
        if self._endpoints_changed is not None:
            await self._endpoints_changed()
        await self._audit(erased, actor)
        return erased

    async def account_exists(self, user_id: str) -> bool:
        async with self._sessions() as session:
            return await session.scalar(select(UserRow.id).where(UserRow.id == user_id)) is not None

    async def _close_sessions(self, session_ids: list[str]) -> None:
        if self._session_closed is None:
            return
        for session_id in session_ids:
            try:
                await self._session_closed(session_id)
            except Exception:  # the page closes by itself when idle; the data is gone already
                log.exception("erasure_page_close_failed")

    async def _wait_ended(self, job_ids: list[str]) -> None:
        """Cancelled jobs end within seconds; the account is signed out meanwhile, so wait."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + CANCEL_WAIT_S
        while loop.time() < deadline:
            try:
                await self._refuse_running(job_ids)
                return
            except StillRunning:
                await asyncio.sleep(IN_FLIGHT_POLL_S * 4)

    async def _refuse_running(self, job_ids: list[str]) -> None:
        if not job_ids:
            return
        async with self._sessions() as session:
            running = list(
                await session.scalars(
                    select(JOBS.c.id).where(JOBS.c.id.in_(job_ids), JOBS.c.state.not_in(FINISHED))
                )
            )
        if running:
            raise StillRunning(running)

    async def _erase_jobs(self, job_ids: list[str], erased: Erased) -> None:
        for job_id in job_ids:
            async with self._sessions.begin() as session:
                counts = await delete_jobs(
                    session,
                    [job_id],
                    include_pending_messages=True,
                    keep_messages=frozenset(self._in_flight()),
                )
                # The conversation's record of this run, and the form turn it was.
                result = await session.execute(
                    delete(EXECUTIONS).where(EXECUTIONS.c.job_id == job_id)
                )
                counts["conversation_runs"] = int(getattr(result, "rowcount", 0) or 0)
                result = await session.execute(
                    delete(FORM_TURNS).where(FORM_TURNS.c.job_id == job_id)
                )
                counts["form_turns"] = int(getattr(result, "rowcount", 0) or 0)
            erased.add(counts)
            files = await asyncio.to_thread(self._artifacts.remove_job, job_id)
            erased.add({"artifact_files": files.files})
            await self._drain_messages(MESSAGES.c.job_id == job_id, erased)

    async def _erase_owned_messages(self, owner_id: str, erased: Erased) -> None:
        await self._drain_messages(MESSAGES.c.owner_id == owner_id, erased)

    async def _drain_messages(self, which: ColumnElement[bool], erased: Erased) -> None:
        """Deletes matching webhook messages, waiting for any being delivered right now."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + IN_FLIGHT_WAIT_S
        while True:
            async with self._sessions.begin() as session:
                ids = set(await session.scalars(select(MESSAGES.c.id).where(which)))
                if not ids:
                    return
                busy = ids & self._in_flight()
                free = sorted(ids - busy)
                if free:
                    counts = await _delete_messages(session, free)
                    erased.add(counts)
            if not busy:
                return
            if loop.time() > deadline:
                log.warning("erasure_left_messages_in_flight", count=len(busy))
                return
            await asyncio.sleep(IN_FLIGHT_POLL_S)

    async def _audit(self, erased: Erased, actor: str) -> None:
        counts = {name: count for name, count in erased.counts.items() if count}
        erased.counts = counts
        async with self._sessions.begin() as session:
            session.add(
                ErasureAuditRow(
                    kind=erased.kind,
                    subject_id=erased.subject_id,
                    actor=actor,
                    erased_at=erased.erased_at,
                    counts=counts,
                )
            )
        ERASURES.labels(erased.kind).inc()
        log.info("erased", kind=erased.kind, subject_id=erased.subject_id, actor=actor, **counts)


async def _session_jobs(session: AsyncSession, session_id: str) -> list[str]:
    runs = await session.scalars(
        select(EXECUTIONS.c.job_id).where(EXECUTIONS.c.session_id == session_id)
    )
    turns = await session.scalars(
        select(FORM_TURNS.c.job_id).where(FORM_TURNS.c.session_id == session_id)
    )
    return sorted({*runs, *turns})


async def _delete_messages(session: AsyncSession, ids: list[str]) -> dict[str, int]:
    await session.execute(delete(ATTEMPTS).where(ATTEMPTS.c.message_id.in_(ids)))
    result = await session.execute(delete(MESSAGES).where(MESSAGES.c.id.in_(ids)))
    return {"webhook_messages": int(getattr(result, "rowcount", 0) or 0)}


async def _revoke_access(session: AsyncSession, user_id: str) -> dict[str, int]:
    """Signs the account out everywhere: its access tokens and API keys stop working at once."""
    await session.execute(update(UserRow).where(UserRow.id == user_id).values(active=False))
    counts: dict[str, int] = {}
    for name, row in (
        ("api_keys", ApiKeyRow),
        ("refresh_tokens", RefreshTokenRow),
        ("codes", OneTimeCodeRow),
    ):
        result = await session.execute(delete(row).where(row.user_id == user_id))
        counts[name] = int(getattr(result, "rowcount", 0) or 0)
    return counts


async def _delete_account_rows(session: AsyncSession, user_id: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    email = await session.scalar(select(UserRow.email).where(UserRow.id == user_id))
    if email:
        result = await session.execute(
            delete(MailOutboxRow).where(MailOutboxRow.recipient == email)
        )
        counts["mail"] = int(getattr(result, "rowcount", 0) or 0)
    # Endpoint rows stay (messages in flight may name them) but lose everything they said.
    result = await session.execute(
        update(ENDPOINTS)
        .where(ENDPOINTS.c.owner_id == user_id, ENDPOINTS.c.status != ENDPOINT_DELETED)
        .values(
            status=ENDPOINT_DELETED,
            url=ENDPOINTS.c.id.concat("#erased"),
            description="",
            secret=None,
            previous_secret=None,
            updated_at=utc_now(),
        )
    )
    counts["webhook_endpoints"] = int(getattr(result, "rowcount", 0) or 0)
    result = await session.execute(
        delete(UserSettingsRow).where(UserSettingsRow.user_id == user_id)
    )
    counts["settings"] = int(getattr(result, "rowcount", 0) or 0)
    result = await session.execute(delete(UserRow).where(UserRow.id == user_id))
    counts["users"] = int(getattr(result, "rowcount", 0) or 0)
    return counts
