"""Live fan-out of job events to subscribers: the protocol, and the in-memory bus used by default.

Stored events go through `publish`/`subscribe`; a subscriber that falls behind gets a `Gap` and
replays from the store, so it still sees every event once, in order. Things that are never stored
(screencast frames, audio levels) go through `publish_live`/`subscribe_live`, where a slow
subscriber simply loses the oldest payloads.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Protocol

from gofer.events.model import Event


class Gap:
    """Marks that a subscription dropped events: replay from the store after the last seq seen."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "GAP"


GAP = Gap()


class Subscription(Protocol):
    """A job's live events, in publish order, with a `Gap` where some were dropped."""

    def __aiter__(self) -> AsyncIterator[Event | Gap]: ...

    async def __anext__(self) -> Event | Gap: ...


class LiveSubscription(Protocol):
    """A job's live-only payloads (never stored, never replayed)."""

    def __aiter__(self) -> AsyncIterator[Any]: ...

    async def __anext__(self) -> Any: ...


class EventBus(Protocol):
    """The seam for scale-out: in memory in one process, Redis pub/sub across processes."""

    async def publish(self, event: Event) -> None: ...

    def subscribe(self, job_id: str) -> AbstractAsyncContextManager[Subscription]: ...

    async def publish_live(self, job_id: str, payload: Any) -> None: ...

    def subscribe_live(self, job_id: str) -> AbstractAsyncContextManager[LiveSubscription]: ...


class MemoryEventBus:
    """One process's bus. Publishing never waits for a subscriber: each has a bounded queue."""

    # Events a subscriber may fall behind by before it gets a Gap and replays from the store.
    default_queue_size = 1000

    def __init__(self, queue_size: int | None = None, live_queue_size: int = 8) -> None:
        self._queue_size = queue_size or self.default_queue_size
        self._live_queue_size = live_queue_size
        self._subscribers: dict[str, set[QueuedSubscription]] = defaultdict(set)
        self._live: dict[str, set[QueuedLiveSubscription]] = defaultdict(set)

    async def publish(self, event: Event) -> None:
        for subscription in tuple(self._subscribers.get(event.job_id, ())):
            subscription.offer(event)

    @asynccontextmanager
    async def subscribe(self, job_id: str) -> AsyncIterator[Subscription]:
        subscription = QueuedSubscription(self._queue_size)
        async with _registered(self._subscribers, job_id, subscription):
            yield subscription

    async def publish_live(self, job_id: str, payload: Any) -> None:
        for subscription in tuple(self._live.get(job_id, ())):
            subscription.offer(payload)

    @asynccontextmanager
    async def subscribe_live(self, job_id: str) -> AsyncIterator[LiveSubscription]:
        subscription = QueuedLiveSubscription(self._live_queue_size)
        async with _registered(self._live, job_id, subscription):
            yield subscription

    def subscriber_count(self, job_id: str | None = None) -> int:
        if job_id is not None:
            return len(self._subscribers.get(job_id, ()))
        return sum(len(s) for s in self._subscribers.values())


@asynccontextmanager
async def _registered(table: dict[str, set[Any]], job_id: str, member: Any) -> AsyncIterator[None]:
    table[job_id].add(member)
    try:
        yield
    finally:
        members = table.get(job_id)
        if members is not None:
            members.discard(member)
            if not members:
                del table[job_id]


class QueuedSubscription:
    """One subscriber's queue of events, for every bus. When it overflows (or a Redis connection
    is lost), the backlog is dropped for one `Gap`: the reader replays from the store, which is
    cheaper than keeping a stale backlog."""

    def __init__(self, size: int) -> None:
        self._queue: asyncio.Queue[Event | Gap] = asyncio.Queue(maxsize=size)
        self._lagged = False

    def offer(self, event: Event) -> None:
        if self._lagged:
            return  # the replay after the gap will read this event from the store
        try:
            self._queue.put_nowait(event)
        except asyncio.QueueFull:
            self.mark_gap()

    def mark_gap(self) -> None:
        if self._lagged:
            return
        self._lagged = True
        while not self._queue.empty():
            self._queue.get_nowait()
        self._queue.put_nowait(GAP)

    def __aiter__(self) -> QueuedSubscription:
        return self

    async def __anext__(self) -> Event | Gap:
        item = await self._queue.get()
        if isinstance(item, Gap):
            self._lagged = False
        return item


class QueuedLiveSubscription:
    """One subscriber's live payloads, for every bus; when full, the oldest is dropped (only the
    newest matter)."""

    def __init__(self, size: int) -> None:
        self._queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=size)

    def offer(self, payload: Any) -> None:
        if self._queue.full():
            self._queue.get_nowait()
        self._queue.put_nowait(payload)

    def __aiter__(self) -> QueuedLiveSubscription:
        return self

    async def __anext__(self) -> Any:
        return await self._queue.get()
