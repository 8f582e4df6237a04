"""QR images are ephemeral: once a job has left the QR step its stored QR events keep only a hash.

The relay path stays as it was: storing a QR event costs one set insert here. The images are
dropped afterwards, by a background task told when a job's status moves past the QR step, and by
the pruner's sweep (for jobs whose move happened while this process was not running).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import (
    ColumnElement,
    and_,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.events.model import ENDING_EVENTS, QR_CODE_UPDATE, Event
from gofer.jobs.model import ACTIVE_STATES
from gofer.jobs.service import QR_STEPS
from gofer.lifecycle.metrics import QR_IMAGES_DROPPED
from gofer.lifecycle.removal import EVENTS, JOBS, MESSAGES
from gofer.webhooks.tables import MESSAGE_PENDING

log = structlog.get_logger("gofer.lifecycle.qr")


# The statuses in which a job shows a QR to be scanned (the polling route serves it only then).
QR_STEP = QR_STEPS
RUNNING = [s.value for s in ACTIVE_STATES]
# The parts of a QR event that are the image and what it encodes.
IMAGE_KEYS = ("image_data", "qr_payload")
# A webhook body for a QR event without its image is well under this; longer ones carry one.
STRIPPED_BODY_MAX = 1024
# Jobs remembered as done for `dropped()` callers that come late.
RECENT_JOBS = 1024
# How far back a sweep looks for QR webhook messages that have settled since the last one.
MESSAGE_SETTLE = timedelta(days=2)


def qr_digest(data: dict[str, Any]) -> str:
    """SHA-256 of what the QR encoded (its payload, else its image): equal codes, equal hashes."""
    source = data.get("qr_payload") or data.get("image_data") or ""
    return hashlib.sha256(str(source).encode()).hexdigest()


def has_image(data: dict[str, Any]) -> bool:
    return any(data.get(key) is not None for key in IMAGE_KEYS)


def strip_qr_data(data: dict[str, Any]) -> dict[str, Any]:
    """The event's data with image and payload set to null and their hash added (idempotent).

    The keys stay (as null) so the event still fits its published schema.
    """
    if not has_image(data):
        return data
    blank = dict.fromkeys(IMAGE_KEYS)
    return {**data, **blank, "image_dropped": True, "payload_sha256": qr_digest(data)}


def strip_webhook_body(body: str) -> str:
    """A stored webhook body for a QR event, with its `data` stripped the same way."""
    try:
        document = json.loads(body)
    except ValueError:
        return body
    data = document.get("data")
    if not isinstance(data, dict) or not has_image(data):
        return body
    document["data"] = strip_qr_data(data)
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


async def strip_events(session: AsyncSession, rows: Sequence[Any]) -> int:
    """Rewrites the given QR events (job_id, seq, type, timestamp, data) without their images.

    The rows are deleted and written again rather than updated in place: on SQLite an image-sized
    row fills a page of its own, and shrinking it in place would leave that page nearly empty;
    a fresh row is packed with its neighbours and the old pages are freed. Returns how many.
    """
    changed = [r for r in rows if isinstance(r.data, dict) and has_image(r.data)]
    if not changed:
        return 0
    await session.execute(
        delete(EVENTS).where(
            EVENTS.c.job_id == bindparam("b_job"), EVENTS.c.seq == bindparam("b_seq")
        ),
        [{"b_job": r.job_id, "b_seq": r.seq} for r in changed],
    )
    await session.execute(
        insert(EVENTS),
        [
            {
                "job_id": r.job_id,
                "seq": r.seq,
                "type": r.type,
                "timestamp": r.timestamp,
                "data": strip_qr_data(r.data),
            }
            for r in changed
        ],
    )
    return len(changed)


async def strip_messages(session: AsyncSession, rows: Sequence[Any]) -> int:
    """Rewrites the given (id, payload) webhook messages without QR images. Returns how many."""
    changes = []
    for r in rows:
        stripped = strip_webhook_body(r.payload)
        if stripped != r.payload:
            changes.append({"b_id": r.id, "b_payload": stripped})
    if changes:
        await session.execute(
            update(MESSAGES)
            .where(MESSAGES.c.id == bindparam("b_id"))
            .values(payload=bindparam("b_payload")),
            changes,
        )
    return len(changes)


def at_qr_step() -> ColumnElement[bool]:
    """The job row is still waiting for its QR to be scanned."""
    return and_(JOBS.c.state.in_(RUNNING), JOBS.c.step.in_(list(QR_STEP)))


def _image_present() -> Any:
    return EVENTS.c.data["image_data"].as_string().is_not(None)


def _finished_message(status: Any = MESSAGES.c.status) -> Any:
    # Pending messages are still to be sent as they are; only the log of sent ones is trimmed.
    return status != MESSAGE_PENDING


async def strip_job(
    sessions: async_sessionmaker[AsyncSession],
    job_id: str,
    before_seq: int | None,
    batch_size: int,
) -> int:
    """Drops the images of a job's QR events (those before `before_seq`, if given)."""
    dropped = 0
    conditions = [EVENTS.c.job_id == job_id, EVENTS.c.type == QR_CODE_UPDATE, _image_present()]
    if before_seq is not None:
        conditions.append(EVENTS.c.seq < before_seq)
    query = (
        select(EVENTS.c.job_id, EVENTS.c.seq, EVENTS.c.type, EVENTS.c.timestamp, EVENTS.c.data)
        .where(*conditions)
        .order_by(EVENTS.c.seq)
        .limit(batch_size)
    )
    while True:
        async with sessions.begin() as session:
            rows = (await session.execute(query)).all()
            dropped += await strip_events(session, rows)
        if len(rows) < batch_size:
            break
        await asyncio.sleep(0)  # let writers in between batches
    messages = select(MESSAGES.c.id, MESSAGES.c.payload).where(
        MESSAGES.c.job_id == job_id,
        MESSAGES.c.event_type == QR_CODE_UPDATE,
        _finished_message(),
        func.length(MESSAGES.c.payload) > STRIPPED_BODY_MAX,
    )
    async with sessions.begin() as session:
        dropped += await strip_messages(session, (await session.execute(messages)).all())
    QR_IMAGES_DROPPED.inc(dropped)
    return dropped


async def sweep(
    sessions: async_sessionmaker[AsyncSession],
    *,
    superseded_before: datetime | None,
    batch_size: int,
    since: datetime | None = None,
) -> int:
    """Drops QR images no one should see again. Returns how many were dropped.

    - every image of a job that is not at the QR step;
    - with `superseded_before`, images of a waiting job older than that, except its newest one;
    - the same in the webhook log (messages already sent, failed or superseded).

    With `since`, only jobs changed (and webhook messages made) since then are looked at: a job
    whose images still need dropping has changed since the previous sweep.
    """
    later = EVENTS.alias("later_qr")
    newest = (
        select(func.max(later.c.seq))
        .where(later.c.job_id == EVENTS.c.job_id, later.c.type == QR_CODE_UPDATE)
        .scalar_subquery()
    )
    stale: ColumnElement[bool] = ~at_qr_step()
    if superseded_before is not None:
        stale = stale | and_(EVENTS.c.timestamp < superseded_before, EVENTS.c.seq < newest)
    events = (
        select(EVENTS.c.job_id, EVENTS.c.seq, EVENTS.c.type, EVENTS.c.timestamp, EVENTS.c.data)
        .join(JOBS, JOBS.c.id == EVENTS.c.job_id)
        .where(EVENTS.c.type == QR_CODE_UPDATE, _image_present(), stale)
        .limit(batch_size)
    )
    if since is not None:
        events = events.where(JOBS.c.updated_at >= since)
    stale_message: ColumnElement[bool] = ~at_qr_step()
    if superseded_before is not None:
        stale_message = stale_message | (MESSAGES.c.created_at < superseded_before)
    messages = (
        select(MESSAGES.c.id, MESSAGES.c.payload)
        .join(JOBS, JOBS.c.id == MESSAGES.c.job_id)
        .where(
            MESSAGES.c.event_type == QR_CODE_UPDATE,
            _finished_message(),
            func.length(MESSAGES.c.payload) > STRIPPED_BODY_MAX,
            stale_message,
        )
        .limit(batch_size)
    )
    if since is not None:
        # A QR message is sent, superseded or given up within the retry schedule (about 28 h).
        messages = messages.where(MESSAGES.c.created_at >= since - MESSAGE_SETTLE)
    dropped = 0
    for query, strip in ((events, strip_events), (messages, strip_messages)):
        while True:
            async with sessions.begin() as session:
                rows = (await session.execute(query)).all()
                changed = await strip(session, rows)
            dropped += changed
            if len(rows) < batch_size or changed == 0:
                break
            await asyncio.sleep(0)
    QR_IMAGES_DROPPED.inc(dropped)
    return dropped


class QrImageStripper:
    """Drops a job's QR images soon after its status moves past the QR step.

    `after_commit` is a job-store hook: for a QR event it only notes the job; the work happens in
    a background task, never on the relay path.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, batch_size: int) -> None:
        self._sessions = sessions
        self._batch_size = batch_size
        self._with_images: set[str] = set()
        self._queue: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        # Jobs whose images were dropped lately, and callers waiting for a job's (tests, bench).
        self._recent: OrderedDict[str, None] = OrderedDict()
        self._waiters: dict[str, asyncio.Event] = {}

    def after_commit(self, event: Event) -> None:
        if event.type == QR_CODE_UPDATE:
            self._with_images.add(event.job_id)
            return
        if event.job_id not in self._with_images:
            return
        status = event.data.get("status")
        left = event.type in ENDING_EVENTS or (isinstance(status, str) and status not in QR_STEP)
        if left:
            self._with_images.discard(event.job_id)
            # Images after this event belong to a new QR step (a fresh login) and stay.
            self._queue.put_nowait((event.job_id, event.seq))

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="qr-image-stripper")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def dropped(self, job_id: str) -> None:
        """Returns once this job's images have been dropped after it left the QR step."""
        if job_id in self._recent:
            return
        await self._waiters.setdefault(job_id, asyncio.Event()).wait()

    async def _run(self) -> None:
        while True:
            job_id, before_seq = await self._queue.get()
            try:
                await strip_job(self._sessions, job_id, before_seq, self._batch_size)
            except asyncio.CancelledError:
                raise
            except Exception:
                # The pruner's sweep picks the job up later.
                log.exception("qr_strip_failed", job_id=job_id)
            self._recent[job_id] = None
            if len(self._recent) > RECENT_JOBS:
                self._recent.popitem(last=False)
            waiter = self._waiters.pop(job_id, None)
            if waiter is not None:
                waiter.set()
