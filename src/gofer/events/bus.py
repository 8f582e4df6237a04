"""In-memory fan-out of live events to subscribers (the Redis pub/sub seam for scale-out)."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from gofer.events.model import Event


class EventBus:
    """Publishes each stored event to every subscriber of its job.

    A slow subscriber never blocks publishers: its queue is bounded and, when full, the
    subscription is marked lagged so the reader can replay from the store instead.
    """

    def __init__(self, queue_size: int = 1000) -> None:
        self._queue_size = queue_size
        self._subscribers: dict[str, set[Subscription]] = defaultdict(set)
        self._live: dict[str, set[LiveSubscription]] = defaultdict(set)

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

    # --- the live-only channel: things never stored (screencast frames, viewer input) ---

    async def publish_live(self, job_id: str, payload: dict[str, Any]) -> None:
        """Hands a payload to the job's live subscribers now; nobody listening, nothing kept."""
        for subscription in tuple(self._live.get(job_id, ())):
            subscription.offer(payload)

    @asynccontextmanager
    async def subscribe_live(self, job_id: str, size: int = 8) -> AsyncIterator[LiveSubscription]:
        subscription = LiveSubscription(size)
        self._live[job_id].add(subscription)
        try:
            yield subscription
        finally:
            subscribers = self._live.get(job_id)
            if subscribers is not None:
                subscribers.discard(subscription)
                if not subscribers:
                    del self._live[job_id]

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

    def __aiter__(self) -> Subscription:
        return self

    async def __anext__(self) -> Event:
        return await self._queue.get()


class LiveSubscription:
    """One listener on a live-only channel; a slow one loses the oldest payloads, not the newest."""

    def __init__(self, size: int = 8) -> None:
        self._queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=size)
        self.dropped = 0

    def offer(self, payload: dict[str, Any]) -> None:
        if self._queue.full():
            self._queue.get_nowait()
            self.dropped += 1
        self._queue.put_nowait(payload)

    async def get(self) -> dict[str, Any]:
        return await self._queue.get()

    def __aiter__(self) -> LiveSubscription:
        return self

    async def __anext__(self) -> dict[str, Any]:
        return await self._queue.get()
