"""Temporary: the Redis bus behind the old bus interface, until the bus protocol lands."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from gofer.events.bus import Gap
from gofer.events.model import Event
from gofer.events.redis_bus import RedisEventBus


class BridgedSubscription:
    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.lagged = False

    async def get(self) -> Event:
        while True:
            item = await self._inner.__anext__()
            if isinstance(item, Gap):
                self.lagged = True
                continue
            return item  # type: ignore[no-any-return]


class BridgedRedisBus:
    def __init__(self, bus: RedisEventBus) -> None:
        self.inner = bus
        self._pending: set[asyncio.Task[None]] = set()

    def publish(self, event: Event) -> None:
        task = asyncio.ensure_future(self.inner.publish(event))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    @asynccontextmanager
    async def subscribe(self, job_id: str) -> AsyncIterator[BridgedSubscription]:
        async with self.inner.subscribe(job_id) as subscription:
            yield BridgedSubscription(subscription)

    def subscriber_count(self, job_id: str | None = None) -> int:
        return self.inner.subscriber_count(job_id)

    async def close(self) -> None:
        if self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)
        await self.inner.close()
