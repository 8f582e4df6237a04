"""Group commit in the event store: concurrent events share transactions, none is lost or misreported."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.events.bus import EventBus
from gofer.events.model import Event
from gofer.jobs.store import JobStore
from gofer.store.db import create_engine, create_tables, session_factory
from gofer.store.tables import EventRow
from gofer.webhooks.control import sync_default_endpoint
from gofer.webhooks.outbox import EndpointDirectory, Outbox
from gofer.webhooks.tables import WebhookMessageRow

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"


@dataclass
class Store:
    store: JobStore
    sessions: async_sessionmaker[AsyncSession]
    transactions: set[int]
    # Times the poison hook refused an event.
    poisoned: list[int]

    async def jobs(self, count: int) -> list[str]:
        return [
            (await self.store.create(user_id="admin", workflow="w", params={})).job_id
            for _ in range(count)
        ]

    async def stored(self) -> dict[str, list[int]]:
        """Each job's stored event seqs, in order."""
        async with self.sessions() as session:
            rows = (await session.execute(select(EventRow.job_id, EventRow.seq))).all()
        found: dict[str, list[int]] = {}
        for job_id, seq in sorted(rows):
            found.setdefault(job_id, []).append(seq)
        return found

    async def messages(self) -> set[tuple[str | None, int]]:
        m = WebhookMessageRow
        async with self.sessions() as session:
            return {(r.job_id, r.seq) for r in (await session.execute(select(m.job_id, m.seq)))}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'gofer.db'}"
        return
    try:
        admin = await asyncpg.connect(ADMIN_URL, timeout=5)
    except (OSError, asyncpg.PostgresError):
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name = f"gofer_test_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture
async def parts(database: str) -> AsyncIterator[Store]:
    """The event store with the webhook outbox (a default endpoint hears every event)."""
    engine = create_engine(database)
    await create_tables(engine)
    sessions = session_factory(engine)
    await sync_default_endpoint(sessions, "https://hooks.example/all")
    directory = EndpointDirectory(sessions)
    await directory.refresh()
    outbox = Outbox(directory, lambda: None)
    transactions: set[int] = set()
    poisoned: list[int] = []

    async def note_transaction(session: AsyncSession, _job: Any, _event: Event) -> None:
        transactions.add(id(session))

    async def poison(_session: AsyncSession, _job: Any, event: Event) -> None:
        if event.data.get("poison"):
            poisoned.append(1)
            raise RuntimeError("this event cannot be stored")

    store = JobStore(
        sessions,
        EventBus(),
        in_transaction_hooks=[note_transaction, outbox.enqueue, poison],
        before_commit_hooks=[outbox.write],
        after_commit_hooks=[outbox.after_commit],
    )
    yield Store(store, sessions, transactions, poisoned)
    await engine.dispose()


def update(step: int, **extra: Any) -> dict[str, Any]:
    return {"message": f"step {step}", "progress": step, "step": step, **extra}


async def test_concurrent_events_are_committed_together_with_gap_free_seqs(parts: Store) -> None:
    jobs = await parts.jobs(40)
    seen_after_return: list[bool] = []

    async def run(job_id: str) -> list[int]:
        seqs = []
        for step in range(25):
            event = await parts.store.record(job_id, "status_update", update(step))
            # Acknowledged means committed: another session already reads it.
            stored = await parts.store.events_after(job_id, event.seq - 1, limit=1)
            seen_after_return.append([e.seq for e in stored] == [event.seq])
            seqs.append(event.seq)
        return seqs

    returned = await asyncio.gather(*(run(job_id) for job_id in jobs))

    assert all(seqs == list(range(1, 26)) for seqs in returned)
    assert all(seen_after_return)
    stored = await parts.stored()
    assert stored == {job_id: list(range(1, 26)) for job_id in jobs}
    # Each event's webhook message was written with it.
    assert await parts.messages() == {(j, s) for j in jobs for s in range(1, 26)}
    for job_id in jobs:
        view = await parts.store.get(job_id)
        assert view is not None and view.last_seq == 25
    assert len(parts.transactions) < 40 * 25  # events really shared transactions


async def test_a_failing_event_fails_alone_and_its_neighbours_commit(parts: Store) -> None:
    jobs = await parts.jobs(20)
    victim = jobs[7]

    async def run(job_id: str) -> list[str]:
        outcomes = []
        for step in range(6):
            bad = job_id == victim and step == 3
            try:
                await parts.store.record(job_id, "status_update", update(step, poison=bad))
                outcomes.append("ok")
            except RuntimeError:
                outcomes.append("failed")
        return outcomes

    outcomes = dict(zip(jobs, await asyncio.gather(*(run(job_id) for job_id in jobs)), strict=True))

    # It failed in a shared batch, and again alone when the batch was retried event by event.
    assert len(parts.poisoned) == 2
    assert outcomes[victim] == ["ok", "ok", "ok", "failed", "ok", "ok"]
    assert all(o == ["ok"] * 6 for j, o in outcomes.items() if j != victim)
    stored = await parts.stored()
    # The failed event left no trace and no gap: the victim's next event took its seq.
    assert stored == {job_id: list(range(1, 7 if job_id != victim else 6)) for job_id in jobs}
    events = await parts.store.events_after(victim)
    assert [e.data["step"] for e in events] == [0, 1, 2, 4, 5]
    assert await parts.messages() == {(j, s) for j, seqs in stored.items() for s in seqs}


async def test_an_event_for_a_missing_job_fails_without_harming_its_batch(parts: Store) -> None:
    jobs = await parts.jobs(10)
    results = await asyncio.gather(
        *(parts.store.record(job_id, "status_update", update(1)) for job_id in jobs),
        parts.store.record("job_gone", "status_update", update(1)),
        *(parts.store.record(job_id, "status_update", update(2)) for job_id in jobs),
        return_exceptions=True,
    )

    failures = [r for r in results if isinstance(r, BaseException)]
    assert len(failures) == 1 and isinstance(failures[0], LookupError)
    assert await parts.stored() == {job_id: [1, 2] for job_id in jobs}
