"""Sends pending webhook messages: concurrent, signed, in order per job, retried on a schedule."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

import aiohttp
import structlog
from sqlalchemy import (
    Label,
    Table,
    Update,
    and_,
    bindparam,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from gofer.events.model import utc_now
from gofer.store.db import serial_writes
from gofer.webhooks import metrics
from gofer.webhooks.retry import RetrySchedule
from gofer.webhooks.signing import signed_headers
from gofer.webhooks.ssrf import UnsafeUrl, UrlGuard
from gofer.webhooks.tables import (
    ENDPOINT_ACTIVE,
    ENDPOINT_DISABLED,
    MESSAGE_FAILED,
    MESSAGE_PENDING,
    MESSAGE_SUCCEEDED,
    WebhookAttemptRow,
    WebhookEndpointRow,
    WebhookMessageRow,
)
from gofer.webhooks.transport import DeliveryClient, WebhookClient, pinned_target

log = structlog.get_logger("gofer.webhooks")

# Messages claimed per database round trip when the dispatcher has room for more.
CLAIM_BATCH = 500
# How long stopping waits for the dispatch loop to finish its step before cancelling it.
STOP_WAIT_S = 10.0
# How long stopping lets deliveries in flight finish: a receiver that already has a message
# then has it recorded as delivered, instead of getting it again from the next dispatcher.
DRAIN_S = 5.0
# After a rotation, the old secret keeps signing this long.
SECRET_GRACE = timedelta(hours=24)

_messages = cast(Table, WebhookMessageRow.__table__)
_endpoints = cast(Table, WebhookEndpointRow.__table__)
_attempts = cast(Table, WebhookAttemptRow.__table__)

# Tells the job's watchers that one of its webhook endpoints was disabled: (job_id, data).
DisabledNotice = Callable[[str, dict[str, object]], Awaitable[None]]


def _claim_statement() -> Update:
    """Leases due pending messages of active endpoints to one dispatcher, oldest first.

    A message is due when no earlier pending message of its job (for the same endpoint) is
    waiting ahead of it and nobody holds an unexpired lease on it. The choice and the lease are
    one statement: SQLite runs it under its single write lock, PostgreSQL skips rows another
    dispatcher is leasing right now (`FOR UPDATE SKIP LOCKED`). Built once: building is costly.
    """
    m = WebhookMessageRow
    e = WebhookEndpointRow
    earlier = aliased(WebhookMessageRow)
    blocked = exists().where(
        earlier.endpoint_id == m.endpoint_id,
        earlier.job_id == m.job_id,
        earlier.status == MESSAGE_PENDING,
        earlier.seq < m.seq,
    )
    due = (
        select(m.id)
        .join(e, e.id == m.endpoint_id)
        .where(
            m.status == MESSAGE_PENDING,
            m.next_attempt_at <= bindparam("now"),
            or_(m.lease_until.is_(None), m.lease_until <= bindparam("now")),
            e.status == ENDPOINT_ACTIVE,
            ~blocked,
        )
        # Index order only: a second sort key would make SQLite test every due row.
        .order_by(m.next_attempt_at)
        .limit(bindparam("limit"))
        .with_for_update(skip_locked=True, of=m)
    )

    owner = _endpoints.alias("owning_endpoint")

    def endpoint(column: str) -> Label[Any]:
        # A subquery, not a join: SQLite's RETURNING may only name the updated table. (SQLite
        # renders it unqualified, `id = endpoint_id`; only the endpoint has an `id` in that
        # scope and only the message an `endpoint_id`, so it still reads the right row.)
        return (
            select(owner.c[column])
            .where(owner.c.id == _messages.c.endpoint_id)
            .scalar_subquery()
            .label(column)
        )

    return (
        update(_messages)
        .where(_messages.c.id.in_(due.scalar_subquery()))
        .values(leased_by=bindparam("me"), lease_until=bindparam("until"))
        .returning(
            _messages.c.id,
            _messages.c.endpoint_id,
            _messages.c.job_id,
            _messages.c.seq,
            _messages.c.payload,
            _messages.c.attempt_count,
            _messages.c.failures,
            _messages.c.created_at,
            endpoint("url"),
            endpoint("secret"),
            endpoint("previous_secret"),
            endpoint("previous_secret_expires_at"),
        )
    )


CLAIM_STATEMENT = _claim_statement()


@dataclass(slots=True)
class Claimed:
    """A pending message taken by this dispatcher, with what is needed to send it."""

    id: str
    endpoint_id: str
    job_id: str | None
    seq: int
    payload: bytes
    body: str
    attempt_count: int
    failures: int
    created_at: datetime
    url: str
    secrets: tuple[str, ...]


@dataclass(slots=True)
class Outcome:
    message: Claimed
    started_at: datetime
    finished_at: datetime
    status_code: int | None
    latency_ms: float
    error: str | None
    response_body: str | None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def gone(self) -> bool:
        return self.status_code == 410


class Dispatcher:
    """One per server process; several may share a database. Wakes when an event commits, or
    when the next retry is due.

    A claim is a lease in the database (`leased_by`, `lease_until`), renewed while the message is
    being sent. A dispatcher that dies leaves its leases to expire; then another one (or itself
    after a restart) sends those messages again. Delivery is at least once.
    """

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        guard: UrlGuard,
        schedule: RetrySchedule,
        *,
        default_secret: str,
        timeout_s: float,
        concurrency: int,
        disable_after_s: float,
        idle_poll_s: float,
        on_disabled: DisabledNotice | None = None,
        client: DeliveryClient | None = None,
        lease_s: float = 10.0,
        name: str | None = None,
    ) -> None:
        self._sessions = sessions
        self._guard = guard
        self._schedule = schedule
        self._default_secret = default_secret
        self._timeout_s = timeout_s
        self._concurrency = concurrency
        self._disable_after = timedelta(seconds=disable_after_s)
        self._idle_poll_s = idle_poll_s
        self._on_disabled = on_disabled
        self._client: DeliveryClient = client or WebhookClient(
            concurrency=concurrency, timeout_s=timeout_s
        )
        # Renewed at least every `idle_poll_s` while sending, so it need only outlast a few
        # renewals; short, so that a dead dispatcher's messages go out again soon.
        self._lease = timedelta(seconds=max(lease_s, 3 * idle_poll_s))
        self._renewed_at = 0.0
        self.name = name or "dsp_" + secrets.token_hex(8)
        self._wake = asyncio.Event()
        self._stopping = False
        self._loop_task: asyncio.Task[None] | None = None
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._outcomes: list[Outcome] = []
        # Endpoints this process saw fail (their failing_since must be cleared on success), and
        # when each endpoint's last_success_at was last written.
        self._failing: set[str] = set()
        self._success_written: dict[str, float] = {}
        # When the earliest scheduled retry is due; re-read after retries are scheduled.
        self._next_due: datetime | None = None
        self._next_due_known = False
        # Called when the loop has been idle for `idle_poll_s`, and after endpoints were disabled.
        self.on_idle: Callable[[], Awaitable[None]] | None = None
        self.on_endpoints_changed: Callable[[], Awaitable[None]] | None = None
        # Counts writes of finished attempts, so callers can wait for the log to catch up.
        self.flush_count = 0
        self._flushed = asyncio.Condition()

    @property
    def in_flight_ids(self) -> set[str]:
        """Messages this process is sending right now (erasure waits for them)."""
        return set(self._tasks)

    def wake(self) -> None:
        """New messages are due now."""
        self._wake.set()

    def reschedule(self) -> None:
        """Endpoints or schedules changed: look up the next retry time again, too."""
        self._next_due_known = False
        self._wake.set()

    async def wait_for_flush_after(self, count: int) -> None:
        """Returns once more attempts than `count` writes ago are in the delivery log."""
        async with self._flushed:
            await self._flushed.wait_for(lambda: self.flush_count > count)

    async def start(self) -> None:
        self._loop_task = asyncio.create_task(self._run(), name="gofer-webhook-dispatcher")

    async def stop(self) -> None:
        if self._loop_task is not None:
            # The loop ends between two steps: cancelling it inside a transaction could leave a
            # SQLite connection holding the write lock.
            self._stopping = True
            self._wake.set()
            try:
                await asyncio.wait_for(asyncio.shield(self._loop_task), STOP_WAIT_S)
            except TimeoutError:
                self._loop_task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._loop_task
        if self._tasks:
            await asyncio.wait(list(self._tasks.values()), timeout=DRAIN_S)
        # Unfinished deliveries are released below; another dispatcher (or a restart) sends them.
        for task in list(self._tasks.values()):
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        try:
            await self._flush()
            await self._release_leases()
        except Exception:
            log.exception("webhook_flush_on_stop_failed")
        await self._client.aclose()

    async def _run(self) -> None:
        timeout = 0.0
        while True:
            idle = False
            if timeout > 0:
                try:
                    await asyncio.wait_for(self._wake.wait(), timeout)
                except TimeoutError:
                    idle = True
            if self._stopping:
                return
            self._wake.clear()
            try:
                if idle:
                    self._next_due_known = False  # another process may have scheduled work
                    if self.on_idle is not None:
                        await self.on_idle()
                timeout = await self._step()
            except asyncio.CancelledError:
                raise
            except Exception:
                # A database hiccup must not stop deliveries for good; try again shortly.
                log.exception("webhook_dispatch_failed")
                timeout = self._idle_poll_s

    async def _step(self) -> float:
        """Writes finished attempts and claims due messages in one transaction, then starts them.

        Returns how long to sleep if nothing wakes the loop sooner.
        """
        room = self._concurrency - len(self._tasks)
        # Leases are renewed even while every slot is busy with slow receivers.
        renew = bool(self._tasks) and time.monotonic() - self._renewed_at > self._lease_renewal_s
        if room <= 0 and not self._outcomes and not renew:
            return self._idle_poll_s  # a finishing delivery wakes the loop
        now = utc_now()
        limit = min(room, CLAIM_BATCH)
        outcomes, self._outcomes = self._outcomes, []
        try:
            async with serial_writes(self._sessions), self._sessions.begin() as session:
                disabled = await self._write(session, outcomes, now) if outcomes else {}
                if renew:
                    await self._renew_leases(session, now)
                claimed = await self._claim(session, now, limit) if room > 0 else []
        except BaseException:
            self._outcomes[:0] = outcomes  # written next time; nothing is forgotten
            raise
        for message in claimed:
            self._tasks[message.id] = asyncio.create_task(self._deliver(message))
        if outcomes:
            await self._after_write(outcomes, disabled)
        if room <= 0:
            return self._idle_poll_s
        if len(claimed) == limit:
            return 0.0 if limit < room else self._idle_poll_s
        # The next retry time is looked up only when it may have changed, not on every wake.
        if self._next_due_known and self._next_due is not None and self._next_due <= now:
            self._next_due_known = False
        if not self._next_due_known:
            self._next_due = await self._query_next_due(now)
            self._next_due_known = True
        if self._next_due is None:
            return self._idle_poll_s
        return max(0.0, min(self._idle_poll_s, (self._next_due - utc_now()).total_seconds()))

    @property
    def _lease_renewal_s(self) -> float:
        return min(self._lease.total_seconds() / 3, self._idle_poll_s)

    async def _claim(self, session: AsyncSession, now: datetime, limit: int) -> list[Claimed]:
        params = {"now": now, "limit": limit, "me": self.name, "until": now + self._lease}
        rows = (await session.execute(CLAIM_STATEMENT, params)).all()
        claimed = []
        for row in rows:
            secrets_ = [row.secret or self._default_secret]
            expires = row.previous_secret_expires_at
            if row.previous_secret and expires is not None and expires > now:
                secrets_.append(row.previous_secret)
            claimed.append(
                Claimed(
                    id=row.id,
                    endpoint_id=row.endpoint_id,
                    job_id=row.job_id,
                    seq=row.seq,
                    payload=row.payload.encode(),
                    body=row.payload,
                    attempt_count=row.attempt_count,
                    failures=row.failures,
                    created_at=row.created_at,
                    url=row.url,
                    secrets=tuple(secrets_),
                )
            )
        return claimed

    async def _renew_leases(self, session: AsyncSession, now: datetime) -> None:
        """Keeps this dispatcher's claims on messages it is still sending."""
        self._renewed_at = time.monotonic()
        await session.execute(
            update(_messages)
            .where(_messages.c.leased_by == self.name, _messages.c.status == MESSAGE_PENDING)
            .values(lease_until=now + self._lease)
        )

    async def _release_leases(self) -> None:
        """On a clean stop, unsent messages are free for another dispatcher at once."""
        async with serial_writes(self._sessions), self._sessions.begin() as session:
            await session.execute(
                update(_messages)
                .where(_messages.c.leased_by == self.name, _messages.c.status == MESSAGE_PENDING)
                .values(leased_by=None, lease_until=None)
            )

    async def _query_next_due(self, now: datetime) -> datetime | None:
        m = WebhookMessageRow
        e = WebhookEndpointRow
        query = (
            select(func.min(m.next_attempt_at))
            .join(e, e.id == m.endpoint_id)
            .where(
                m.status == MESSAGE_PENDING, m.next_attempt_at > now, e.status == ENDPOINT_ACTIVE
            )
        )
        async with self._sessions() as session:
            value = await session.scalar(query)
        if value is not None and value.tzinfo is None:  # SQLite returns MIN() as naive text
            value = datetime.fromisoformat(str(value)).replace(tzinfo=now.tzinfo)
        return value if isinstance(value, datetime) else None

    async def _deliver(self, message: Claimed) -> None:
        started_at = utc_now()
        began = time.perf_counter()
        status_code: int | None = None
        error: str | None = None
        response_body: str | None = None
        try:
            async with asyncio.timeout(self._timeout_s):
                target = await self._guard.check(message.url)
                pinned_target.set(target)
                headers = signed_headers(message.id, message.body, message.secrets)
                answer = await self._client.post(message.url, message.payload, headers)
                status_code, response_body = answer.status_code, answer.body_prefix
        except UnsafeUrl as exc:
            error = f"Blocked: {exc.reason}"
        except TimeoutError:
            error = f"Timed out after {self._timeout_s:g} s"
        except (aiohttp.ClientError, OSError) as exc:
            error = f"{type(exc).__name__}: {exc}"[:500]
        except asyncio.CancelledError:
            self._tasks.pop(message.id, None)
            raise
        except Exception as exc:  # a delivery bug must not lose the message; it is retried
            log.exception("webhook_delivery_error", message_id=message.id)
            error = f"{type(exc).__name__}"
        if status_code is not None and error is None and not 200 <= status_code < 300:
            error = f"HTTP {status_code}"
        latency_ms = (time.perf_counter() - began) * 1000
        self._outcomes.append(
            Outcome(message, started_at, utc_now(), status_code, latency_ms, error, response_body)
        )
        self._tasks.pop(message.id, None)
        self._wake.set()

    async def _flush(self) -> None:
        """Writes every finished attempt (used on stop; the loop does it in `_step`)."""
        if not self._outcomes:
            return
        outcomes, self._outcomes = self._outcomes, []
        async with serial_writes(self._sessions), self._sessions.begin() as session:
            disabled = await self._write(session, outcomes, utc_now())
        await self._after_write(outcomes, disabled)

    async def _after_write(
        self, outcomes: list[Outcome], disabled: dict[str, tuple[str, str, str | None]]
    ) -> None:
        """Once attempts are in the log: metrics, waiters, and notices of disabled endpoints."""
        self.flush_count += 1
        async with self._flushed:
            self._flushed.notify_all()
        for outcome in outcomes:
            metrics.LATENCY.observe(outcome.latency_ms / 1000)
            if outcome.succeeded:
                metrics.DELIVERIES.labels("success").inc()
                delay = (outcome.finished_at - outcome.message.created_at).total_seconds()
                metrics.ENQUEUE_TO_DELIVERY.observe(max(delay, 0.0))
            else:
                metrics.DELIVERIES.labels("failure").inc()
        if disabled and self.on_endpoints_changed is not None:
            await self.on_endpoints_changed()
        for endpoint_id, (reason, code, job_id) in disabled.items():
            metrics.DISABLED.labels(code).inc()
            log.warning("webhook_endpoint_disabled", endpoint_id=endpoint_id, reason=code)
            if job_id is not None and self._on_disabled is not None:
                data: dict[str, object] = {
                    "endpoint_id": endpoint_id,
                    "reason": code,
                    "message": reason,
                }
                try:
                    await self._on_disabled(job_id, data)
                except Exception:
                    log.exception("webhook_disabled_notice_failed", endpoint_id=endpoint_id)

    async def _write(
        self, session: AsyncSession, outcomes: list[Outcome], now: datetime
    ) -> dict[str, tuple[str, str, str | None]]:
        succeeded: list[dict[str, object]] = []
        retried: list[dict[str, object]] = []
        gave_up: list[dict[str, object]] = []
        attempts: list[dict[str, object]] = []
        last_success: dict[str, datetime] = {}
        first_failure: dict[str, tuple[datetime, str | None]] = {}
        gone: dict[str, str | None] = {}
        for o in outcomes:
            m = o.message
            number = m.attempt_count + 1
            attempts.append(
                {
                    "message_id": m.id,
                    "endpoint_id": m.endpoint_id,
                    "number": number,
                    "started_at": o.started_at,
                    "succeeded": o.succeeded,
                    "status_code": o.status_code,
                    "latency_ms": round(o.latency_ms, 3),
                    "error": o.error,
                    "response_body": o.response_body,
                }
            )
            if o.succeeded:
                succeeded.append({"b_id": m.id, "b_count": number, "b_at": o.finished_at})
                last_success[m.endpoint_id] = o.finished_at
                first_failure.pop(m.endpoint_id, None)
                continue
            failures = m.failures + 1
            first_failure.setdefault(m.endpoint_id, (o.started_at, m.job_id))
            if o.gone:
                gone[m.endpoint_id] = m.job_id
            retry_at = self._schedule.next_attempt(failures, o.finished_at)
            row = {"b_id": m.id, "b_count": number, "b_failures": failures, "b_at": o.started_at}
            if retry_at is None:
                gave_up.append(row)
            else:
                retried.append({**row, "b_next": retry_at})
        # A message erased while its attempt ran (data erasure, endpoint deletion) has no row to
        # log against any more; its attempt is dropped rather than failing the whole batch.
        ids = [a["message_id"] for a in attempts]
        alive = set(await session.scalars(select(_messages.c.id).where(_messages.c.id.in_(ids))))
        attempts = [a for a in attempts if a["message_id"] in alive]
        if attempts:
            await session.execute(insert(_attempts), attempts)
        if succeeded:
            await session.execute(
                update(_messages)
                .where(_messages.c.id == bindparam("b_id"))
                .values(
                    status=MESSAGE_SUCCEEDED,
                    attempt_count=bindparam("b_count"),
                    last_attempt_at=bindparam("b_at"),
                    delivered_at=bindparam("b_at"),
                    leased_by=None,
                    lease_until=None,
                ),
                succeeded,
            )
        # A message superseded meanwhile keeps its new state (status check), and one whose lease
        # expired and went to another dispatcher is that dispatcher's to reschedule (lease check).
        for rows, status in ((retried, MESSAGE_PENDING), (gave_up, MESSAGE_FAILED)):
            if not rows:
                continue
            values: dict[str, object] = {
                "status": status,
                "attempt_count": bindparam("b_count"),
                "failures": bindparam("b_failures"),
                "last_attempt_at": bindparam("b_at"),
                "leased_by": None,
                "lease_until": None,
            }
            if status == MESSAGE_PENDING:
                values["next_attempt_at"] = bindparam("b_next")
            await session.execute(
                update(_messages)
                .where(
                    _messages.c.id == bindparam("b_id"),
                    _messages.c.status == MESSAGE_PENDING,
                    _messages.c.leased_by == self.name,
                )
                .values(**values),
                rows,
            )
        for endpoint_id, at in last_success.items():
            # Under steady success, writing last_success_at once a second per endpoint is plenty.
            written = self._success_written.get(endpoint_id)
            if endpoint_id not in self._failing and written and time.monotonic() - written < 1:
                continue
            self._success_written[endpoint_id] = time.monotonic()
            self._failing.discard(endpoint_id)
            await session.execute(
                update(_endpoints)
                .where(_endpoints.c.id == endpoint_id)
                .values(last_success_at=at, failing_since=None)
            )
        disabled = await self._record_failures(session, now, first_failure, gone)
        if retried:
            self._next_due_known = False
        metrics.RETRIES.inc(len(retried))
        metrics.GAVE_UP.inc(len(gave_up))
        return disabled

    async def _record_failures(
        self,
        session: AsyncSession,
        now: datetime,
        first_failure: dict[str, tuple[datetime, str | None]],
        gone: dict[str, str | None],
    ) -> dict[str, tuple[str, str, str | None]]:
        """Marks endpoints as failing and disables the ones that are gone or failing too long."""
        disabled: dict[str, tuple[str, str, str | None]] = {}
        for endpoint_id, (since, job_id) in first_failure.items():
            self._failing.add(endpoint_id)
            await session.execute(
                update(_endpoints)
                .where(_endpoints.c.id == endpoint_id, _endpoints.c.failing_since.is_(None))
                .values(failing_since=since)
            )
            if endpoint_id in gone:
                disabled[endpoint_id] = (
                    "The endpoint answered 410 Gone, so it was disabled.",
                    "gone",
                    gone[endpoint_id],
                )
                continue
            failing_since = await session.scalar(
                select(_endpoints.c.failing_since).where(_endpoints.c.id == endpoint_id)
            )
            if failing_since is not None and now - failing_since >= self._disable_after:
                days = self._disable_after.total_seconds() / 86400
                disabled[endpoint_id] = (
                    f"The endpoint failed without a success for {days:g} days, so it was disabled.",
                    "failing",
                    job_id,
                )
        for endpoint_id, (reason, _code, _job) in list(disabled.items()):
            result = await session.execute(
                update(_endpoints)
                .where(
                    and_(_endpoints.c.id == endpoint_id, _endpoints.c.status != ENDPOINT_DISABLED)
                )
                .values(status=ENDPOINT_DISABLED, disabled_reason=reason, updated_at=now)
            )
            if not getattr(result, "rowcount", 0):
                del disabled[endpoint_id]  # already disabled: say so only once
        return disabled
