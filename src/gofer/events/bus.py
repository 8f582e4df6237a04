"""In-memory fan-out of live events to subscribers (the Redis pub/sub seam for scale-out)."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Protocol

from gofer.events.model import Event


class EventBus:
    """Publishes each stored event to every subscriber of its job.

    A slow subscriber never blocks publishers: its queue is bounded and, when full, the
    subscription is marked lagged so the reader can replay from the store instead.
    """

    def __init__(self, queue_size: int = 1000) -> None:
        self._queue_size = queue_size
        self._subscribers: dict[str, set[Subscription]] = defaultdict(set)

    def publish(self, event: Event) -> None:
        for subscription in tuple(self._subscribers.get(event.job_id, ())):
            subscription.offer(event)

    @asynccontextmanager
    async def subscribe(self, job_id: str) -> AsyncIterator[Subscription]:
        subscription = Subscription(self._queue_size)
        self._subscribers[job_id].add(subscription)
        try:
            yield subscription
        finally:
            subscribers = self._subscribers.get(job_id)
            if subscribers is not None:
                subscribers.discard(subscription)
                if not subscribers:
                    del self._subscribers[job_id]

    def subscriber_count(self, job_id: str | None = None) -> int:
        if job_id is not None:
            return len(self._subscribers.get(job_id, ()))
        return sum(len(s) for s in self._subscribers.values())


class Subscription:
    """One subscriber's queue of live events."""

    def __init__(self, size: int) -> None:
        self._queue: asyncio.Queue[Event] = asyncio.Queue(maxsize=size)
        self.lagged = False

    def offer(self, event: Event) -> None:
        try:
            self._queue.put_nowait(event)
        except asyncio.QueueFull:
            self.lagged = True

    async def get(self) -> Event:
        return await self._queue.get()


# --- Until the bus protocol lands: the names the Redis bus uses (same as the protocol's). ---


class Gap:
    """Marks that a subscription dropped events: replay from the store after the last seq seen."""

    __slots__ = ()


GAP = Gap()


class StreamSubscription(Protocol):
    def __aiter__(self) -> AsyncIterator[Event | Gap]: ...

    async def __anext__(self) -> Event | Gap: ...


class LiveSubscription(Protocol):
    def __aiter__(self) -> AsyncIterator[Any]: ...

    async def __anext__(self) -> Any: ...


MemoryEventBus = EventBus
