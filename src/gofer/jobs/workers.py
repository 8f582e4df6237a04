"""The workers table: who runs jobs, their heartbeats, and which of them still live."""

from __future__ import annotations

import os
import secrets
import socket
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.events.model import utc_now
from gofer.store.tables import WorkerRow


def new_worker_id() -> str:
    return f"wrk_{socket.gethostname()[:20]}_{os.getpid()}_{secrets.token_hex(3)}"


class WorkerView(BaseModel):
    worker_id: str
    host: str
    pid: int
    capacity: dict[str, Any]
    running: int
    started_at: datetime
    heartbeat_at: datetime
    alive: bool


class WorkerRegistry:
    """Heartbeats in the database, so any process can tell a live worker from a dead one."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], dead_after_s: float) -> None:
        self._sessions = sessions
        self.dead_after = timedelta(seconds=dead_after_s)

    async def register(self, worker_id: str, capacity: dict[str, int]) -> None:
        now = utc_now()
        async with self._sessions.begin() as session:
            session.add(
                WorkerRow(
                    id=worker_id,
                    host=socket.gethostname(),
                    pid=os.getpid(),
                    capacity=capacity,
                    running=0,
                    started_at=now,
                    heartbeat_at=now,
                )
            )

    async def beat(self, worker_id: str, running: int) -> None:
        async with self._sessions.begin() as session:
            await session.execute(
                update(WorkerRow)
                .where(WorkerRow.id == worker_id)
                .values(heartbeat_at=utc_now(), running=running)
            )

    async def deregister(self, worker_id: str) -> None:
        async with self._sessions.begin() as session:
            await session.execute(delete(WorkerRow).where(WorkerRow.id == worker_id))

    async def live_ids(self) -> list[str]:
        since = utc_now() - self.dead_after
        async with self._sessions() as session:
            rows = await session.scalars(
                select(WorkerRow.id).where(WorkerRow.heartbeat_at >= since)
            )
            return list(rows)

    async def forget_dead(self) -> None:
        """Drops rows of workers dead for long (their jobs were re-queued already)."""
        since = utc_now() - self.dead_after * 20
        async with self._sessions.begin() as session:
            await session.execute(delete(WorkerRow).where(WorkerRow.heartbeat_at < since))

    async def all(self) -> list[WorkerView]:
        since = utc_now() - self.dead_after
        async with self._sessions() as session:
            rows = await session.scalars(select(WorkerRow).order_by(WorkerRow.started_at))
            return [
                WorkerView(
                    worker_id=r.id,
                    host=r.host,
                    pid=r.pid,
                    capacity=r.capacity,
                    running=r.running,
                    started_at=r.started_at,
                    heartbeat_at=r.heartbeat_at,
                    alive=r.heartbeat_at >= since,
                )
                for r in rows
            ]
