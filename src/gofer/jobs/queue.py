"""The queue of job ids waiting for a runner slot (in-process; the seam for SAQ on Redis)."""

from __future__ import annotations

import asyncio
from typing import Protocol


class JobQueue(Protocol):
    async def put(self, job_id: str) -> None: ...
    async def get(self) -> str: ...
    def depth(self) -> int: ...


class InProcessJobQueue:
    """FIFO in this process; enough for one server, lost on restart (recovery re-enqueues)."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[str] = asyncio.Queue()

    async def put(self, job_id: str) -> None:
        self._queue.put_nowait(job_id)

    async def get(self) -> str:
        return await self._queue.get()

    def depth(self) -> int:
        return self._queue.qsize()
