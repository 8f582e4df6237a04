"""Stored takeover requests, so a person can take a job over whichever process runs it.

A row goes "requested" (by a person) → "active" (the workflow paused at a safe point) →
"handback" (the person is done); the workflow deletes it when it resumes. A workflow that asks
for help itself writes an "active" row at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.events.model import utc_now
from gofer.live.tables import TakeoverRow

TakeoverState = Literal["requested", "active", "handback"]


@dataclass(frozen=True)
class Takeover:
    job_id: str
    state: TakeoverState
    reason: str
    at_step: str | None
    requested_by: str


def _view(row: TakeoverRow) -> Takeover:
    return Takeover(row.job_id, row.state, row.reason, row.at_step, row.requested_by)  # type: ignore[arg-type]


class TakeoverStore:
    def __init__(self, db: async_sessionmaker[AsyncSession]) -> None:
        self._db = db

    async def request(
        self,
        job_id: str,
        requested_by: str,
        reason: str,
        *,
        at_step: str | None = None,
        state: TakeoverState = "requested",
    ) -> Takeover:
        """Stores a request; one already standing is kept as it is (a person asking twice)."""
        now = utc_now()
        try:
            async with self._db.begin() as session:
                session.add(
                    TakeoverRow(
                        job_id=job_id,
                        state=state,
                        reason=reason,
                        at_step=at_step,
                        requested_by=requested_by,
                        requested_at=now,
                        updated_at=now,
                    )
                )
        except IntegrityError:
            pass
        found = await self.get(job_id)
        assert found is not None
        return found

    async def get(self, job_id: str) -> Takeover | None:
        async with self._db() as session:
            row = await session.get(TakeoverRow, job_id)
            return _view(row) if row is not None else None

    async def of_jobs(self, job_ids: list[str]) -> dict[str, Takeover]:
        if not job_ids:
            return {}
        async with self._db() as session:
            rows = await session.scalars(select(TakeoverRow).where(TakeoverRow.job_id.in_(job_ids)))
            return {row.job_id: _view(row) for row in rows}

    async def activate(self, job_id: str) -> None:
        await self._set(job_id, "active", ("requested",))

    async def hand_back(self, job_id: str) -> bool:
        """Ends a takeover: a paused job resumes; one not yet paused simply never pauses."""
        async with self._db.begin() as session:
            dropped = await session.execute(
                delete(TakeoverRow).where(
                    TakeoverRow.job_id == job_id, TakeoverRow.state == "requested"
                )
            )
            if dropped.rowcount:  # type: ignore[attr-defined]
                return True
        return await self._set(job_id, "handback", ("active",))

    async def clear(self, job_id: str) -> None:
        async with self._db.begin() as session:
            await session.execute(delete(TakeoverRow).where(TakeoverRow.job_id == job_id))

    async def _set(self, job_id: str, state: TakeoverState, sources: tuple[str, ...]) -> bool:
        async with self._db.begin() as session:
            result = await session.execute(
                update(TakeoverRow)
                .where(TakeoverRow.job_id == job_id, TakeoverRow.state.in_(sources))
                .values(state=state, updated_at=utc_now())
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]
