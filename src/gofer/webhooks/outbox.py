"""The outbox: turns each stored event into webhook messages inside the event's own transaction."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.events import model as events
from gofer.events.model import Event, utc_now
from gofer.principal import ADMIN_USER_ID
from gofer.store.tables import JobRow
from gofer.webhooks import metrics
from gofer.webhooks.signing import new_message_id
from gofer.webhooks.tables import (
    ENDPOINT_ACTIVE,
    ENDPOINT_DELETED,
    KIND_DEFAULT,
    KIND_JOB,
    KIND_REGISTERED,
    MESSAGE_PENDING,
    MESSAGE_SUPERSEDED,
    RECEIVING_STATUSES,
    WebhookEndpointRow,
    WebhookMessageRow,
)

# Events only webhooks produce: a test ping, and the notice that an endpoint was disabled.
WEBHOOK_TEST = "webhook_test"
WEBHOOK_DISABLED = events.WEBHOOK_DISABLED

# The event types an endpoint may filter on: every typed event, from the one table of them.
EVENT_TYPES: frozenset[str] = frozenset(events.DATA_MODELS)

_messages = cast(Table, WebhookMessageRow.__table__)
_endpoints = cast(Table, WebhookEndpointRow.__table__)
# Where a transaction's messages wait (in `session.info`) until the outbox writes them.
_UNWRITTEN = "gofer.webhooks.unwritten_messages"


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def body(
    event_type: str, job_id: str | None, user_id: str, seq: int, at: datetime, data: dict[str, Any]
) -> str:
    """The seed's body shape ({event_type, job_id, user_id, timestamp, data}) plus `seq`."""
    document = {
        "event_type": event_type,
        "job_id": job_id,
        "user_id": user_id,
        "seq": seq,
        "timestamp": iso(at),
        "data": data,
    }
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


def seed_user_id(job: JobRow) -> str:
    """The seed's `user_id` is the caller's own user id from the job parameters."""
    value = job.params.get("user_id") if isinstance(job.params, dict) else None
    return str(value) if value else job.user_id


def new_endpoint_id() -> str:
    return "ep_" + secrets.token_hex(12)


def job_endpoint_id(owner_id: str, url: str) -> str:
    """The id of the implicit endpoint for a job's `webhook_url`: the same for the same owner+URL."""
    digest = hashlib.sha256(f"{owner_id}\n{url}".encode()).hexdigest()
    return "ep_job_" + digest[:24]


def wants(event_types: Sequence[str] | None, event_type: str) -> bool:
    return not event_types or event_type in event_types


@dataclass(frozen=True, slots=True)
class EndpointInfo:
    id: str
    kind: str
    owner_id: str
    event_types: tuple[str, ...]
    status: str


class EndpointDirectory:
    """Every endpoint's routing facts in memory, so storing an event costs no endpoint query.

    Reloaded after every change this process makes, and on the dispatcher's idle tick so
    changes made by another process show up within seconds.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._by_id: dict[str, EndpointInfo] = {}

    async def refresh(self) -> None:
        e = WebhookEndpointRow
        query = select(e.id, e.kind, e.owner_id, e.event_types, e.status)
        async with self._sessions() as session:
            rows = (await session.execute(query)).all()
        self._by_id = {
            row.id: EndpointInfo(
                row.id, row.kind, row.owner_id, tuple(row.event_types or ()), row.status
            )
            for row in rows
        }

    def get(self, endpoint_id: str) -> EndpointInfo | None:
        return self._by_id.get(endpoint_id)

    def note(self, info: EndpointInfo) -> None:
        self._by_id[info.id] = info

    def shared_targets(self, owner_id: str) -> list[EndpointInfo]:
        """The default endpoint and the registered ones that hear this owner's jobs."""
        return [
            info
            for info in self._by_id.values()
            if info.kind == KIND_DEFAULT
            or (info.kind == KIND_REGISTERED and info.owner_id in (owner_id, ADMIN_USER_ID))
        ]


class Outbox:
    """Adds one pending message per interested endpoint to the transaction that stores an event.

    `enqueue` is the job store's in-transaction hook and `write` its before-commit hook: both
    must be registered, so that the messages are written in the events' own transaction.

    Targets: the settings default endpoint, the owner's registered endpoints (an admin's
    endpoints hear every job, as the admin sees every job), and the job's own `webhook_url`.
    """

    def __init__(self, directory: EndpointDirectory, wake: Callable[[], None]) -> None:
        self._directory = directory
        self._wake = wake
        # (job_id, seq) -> what to do once that event's transaction commits.
        self._committed: dict[tuple[str, int], tuple[int, EndpointInfo | None, bool]] = {}

    async def enqueue(self, session: AsyncSession, job: JobRow, event: Event) -> None:
        candidates = self._directory.shared_targets(job.user_id)
        learned: EndpointInfo | None = None
        if job.webhook_url:
            job_endpoint = self._directory.get(job_endpoint_id(job.user_id, job.webhook_url))
            if job_endpoint is None or job_endpoint.status == ENDPOINT_DELETED:
                job_endpoint = learned = await self._job_endpoint(session, job)
            candidates.append(job_endpoint)
        targets = [
            (info.id, info.owner_id)
            for info in candidates
            if info.status in RECEIVING_STATUSES and wants(info.event_types, event.type)
        ]
        if not targets:
            if learned is not None:
                self._committed[(job.id, event.seq)] = (0, learned, False)
            return
        superseded = 0
        now = utc_now()
        buffered: list[dict[str, Any]] = session.info.setdefault(_UNWRITTEN, [])
        if event.type == events.QR_CODE_UPDATE:
            # Only the newest QR code is worth scanning; older unsent ones are dropped. Messages
            # a dispatcher is sending right now (leased) are left alone, so QR codes stay in order.
            endpoint_ids = [t[0] for t in targets]
            result = await session.execute(
                update(_messages)
                .where(
                    _messages.c.job_id == job.id,
                    _messages.c.event_type == events.QR_CODE_UPDATE,
                    _messages.c.status == MESSAGE_PENDING,
                    _messages.c.endpoint_id.in_(endpoint_ids),
                    or_(_messages.c.lease_until.is_(None), _messages.c.lease_until <= now),
                )
                .values(status=MESSAGE_SUPERSEDED)
            )
            superseded = int(getattr(result, "rowcount", 0) or 0)
            for row in buffered:  # the same, for messages of this batch not yet written
                if (
                    row["job_id"] == job.id
                    and row["event_type"] == events.QR_CODE_UPDATE
                    and row["status"] == MESSAGE_PENDING
                    and row["endpoint_id"] in endpoint_ids
                ):
                    row["status"] = MESSAGE_SUPERSEDED
                    superseded += 1
        payload = body(
            event.type, job.id, seed_user_id(job), event.seq, event.timestamp, event.data
        )
        buffered.extend(
            {
                "id": new_message_id(),
                "endpoint_id": endpoint_id,
                "owner_id": owner_id,
                "job_id": job.id,
                "seq": event.seq,
                "event_type": event.type,
                "payload": payload,
                "status": MESSAGE_PENDING,
                "attempt_count": 0,
                "failures": 0,
                "next_attempt_at": now,
                "created_at": now,
            }
            for endpoint_id, owner_id in targets
        )
        self._committed[(job.id, event.seq)] = (superseded, learned, True)

    async def write(self, session: AsyncSession) -> None:
        """Before-commit hook of the job store: the messages of every event in the transaction,
        in one statement."""
        rows = session.info.pop(_UNWRITTEN, None)
        if rows:
            # One row is the usual case alone; a plain execute is cheaper than an executemany.
            await session.execute(insert(_messages), rows[0] if len(rows) == 1 else rows)

    async def _job_endpoint(self, session: AsyncSession, job: JobRow) -> EndpointInfo:
        """The implicit endpoint for the job's URL, created on its first event."""
        assert job.webhook_url
        endpoint_id = job_endpoint_id(job.user_id, job.webhook_url)
        now = utc_now()
        dialect = session.get_bind().dialect.name
        upsert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        await session.execute(
            upsert(_endpoints)
            .values(
                id=endpoint_id,
                owner_id=job.user_id,
                kind=KIND_JOB,
                url=job.webhook_url,
                description="webhook_url given when creating a job",
                event_types=[],
                secret=None,
                status=ENDPOINT_ACTIVE,
                created_at=now,
                updated_at=now,
            )
            # A job URL whose endpoint was deleted starts afresh; a disabled one stays disabled.
            .on_conflict_do_update(
                index_elements=[_endpoints.c.id],
                set_={"status": ENDPOINT_ACTIVE, "updated_at": now},
                where=_endpoints.c.status == ENDPOINT_DELETED,
            )
        )
        status = await session.scalar(
            select(_endpoints.c.status).where(_endpoints.c.id == endpoint_id)
        )
        return EndpointInfo(endpoint_id, KIND_JOB, job.user_id, (), str(status))

    def after_commit(self, event: Event) -> None:
        committed = self._committed.pop((event.job_id, event.seq), None)
        if committed is None:
            return
        superseded, learned, enqueued = committed
        if learned is not None:
            self._directory.note(learned)
        if superseded:
            metrics.SUPERSEDED.inc(superseded)
        if enqueued:
            self._wake()
