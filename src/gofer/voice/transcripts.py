"""A voice session's transcript stream: numbered messages, replay after a seq, live subscribers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any


def now_iso() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


class TranscriptLog:
    """Only the session's owner subscribes (checked by the route); nothing is ever broadcast."""

    def __init__(self, max_kept: int = 1000) -> None:
        self.items: list[dict[str, Any]] = []
        self._seq = 0
        self._max_kept = max_kept
        self._subscribers: set[asyncio.Queue[dict[str, Any] | None]] = set()
        self.closed = False

    def add(self, item: dict[str, Any]) -> dict[str, Any]:
        self._seq += 1
        stamped = {**item, "seq": self._seq}
        self.items.append(stamped)
        del self.items[: -self._max_kept]
        for queue in self._subscribers:
            queue.put_nowait(stamped)
        return stamped

    def transcript(self, role: str, content: str) -> dict[str, Any]:
        message = {"role": role, "content": content, "timestamp": now_iso()}
        return self.add({"type": "transcript", "message": message})

    def after(self, seq: int) -> list[dict[str, Any]]:
        return [item for item in self.items if item["seq"] > seq]

    def close(self) -> None:
        self.closed = True
        for queue in self._subscribers:
            queue.put_nowait(None)

    @asynccontextmanager
    async def subscribe(self, after: int) -> AsyncIterator[asyncio.Queue[dict[str, Any] | None]]:
        """A queue that first holds what came after `after`, then live items; None at the end."""
        queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        for item in self.after(after):
            queue.put_nowait(item)
        if self.closed:
            queue.put_nowait(None)
        self._subscribers.add(queue)
        try:
            yield queue
        finally:
            self._subscribers.discard(queue)
