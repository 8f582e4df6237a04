"""The outbox: messages are written in the event's own transaction, for the right endpoints."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.events import model as events
from gofer.events.bus import MemoryEventBus
from gofer.jobs.store import JobStore
from gofer.store.db import create_engine, create_tables, session_factory
from gofer.store.tables import EventRow
from gofer.webhooks.control import sync_default_endpoint
from gofer.webhooks.outbox import EndpointDirectory, Outbox, job_endpoint_id
from gofer.webhooks.tables import WebhookEndpointRow, WebhookMessageRow


@dataclass
class Parts:
    store: JobStore
    directory: EndpointDirectory
    sessions: async_sessionmaker[AsyncSession]
    wakes: list[int]
    power_cut: list[bool]

    async def messages(self) -> list[WebhookMessageRow]:
        async with self.sessions() as session:
            query = select(WebhookMessageRow).order_by(WebhookMessageRow.id)
            return list(await session.scalars(query))

    async def endpoint(
        self, owner: str, event_types: list[str] | None = None, status: str = "active"
    ) -> str:
        now = datetime.now(UTC)
        endpoint_id = f"ep_{owner}_{len(event_types or [])}_{status}"
        async with self.sessions.begin() as session:
            session.add(
                WebhookEndpointRow(
                    id=endpoint_id,
                    owner_id=owner,
                    kind="registered",
                    url=f"https://hooks.example/{endpoint_id}",
                    description="",
                    event_types=event_types or [],
                    secret="whsec_" + "A" * 43,
                    status=status,
                    created_at=now,
                    updated_at=now,
                )
            )
        await self.directory.refresh()
        return endpoint_id


@pytest.fixture
async def parts(tmp_path: Path) -> AsyncIterator[Parts]:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'gofer.db'}")
    await create_tables(engine)
    sessions = session_factory(engine)
    directory = EndpointDirectory(sessions)
    wakes: list[int] = []
    outbox = Outbox(directory, lambda: wakes.append(1))
    power_cut: list[bool] = []

    async def crash_when_asked(*_: object) -> None:
        if power_cut:
            raise RuntimeError("power cut between storing and queueing")

    store = JobStore(
        sessions,
        MemoryEventBus(),
        in_transaction_hooks=[outbox.enqueue, crash_when_asked],
        before_commit_hooks=[outbox.write],
        after_commit_hooks=[outbox.after_commit],
    )
    yield Parts(store, directory, sessions, wakes, power_cut)
    await engine.dispose()


async def job(parts: Parts, user: str = "user_a", url: str | None = None) -> str:
    created = await parts.store.create(
        user_id=user, workflow="w", params={"user_id": "seed-7"}, webhook_url=url
    )
    return created.job_id


async def test_an_event_and_its_messages_commit_together_or_not_at_all(parts: Parts) -> None:
    await parts.endpoint("user_a")
    job_id = await job(parts)

    parts.power_cut.append(True)
    with pytest.raises(RuntimeError):
        await parts.store.record(job_id, events.BOOKING_COMPLETED, {"success": True})
    async with parts.sessions() as session:
        stored = await session.scalar(select(func.count()).select_from(EventRow))
    assert stored == 0
    assert await parts.messages() == []
    assert parts.wakes == []

    parts.power_cut.clear()
    await parts.store.record(job_id, events.BOOKING_COMPLETED, {"success": True})
    [message] = await parts.messages()
    assert message.event_type == "booking_completed"
    assert message.seq == 1
    assert message.status == "pending"
    assert parts.wakes == [1]


async def test_endpoints_get_their_owners_jobs_and_the_event_types_they_asked_for(
    parts: Parts,
) -> None:
    everything = await parts.endpoint("user_a")
    completions = await parts.endpoint("user_a", ["booking_completed"])
    await parts.endpoint("user_b")
    admin = await parts.endpoint("admin")
    await parts.endpoint("user_a", status="disabled")
    job_id = await job(parts)
    await parts.store.record(job_id, events.STATUS_UPDATE, {"message": "", "progress": 0})
    await parts.store.record(job_id, events.BOOKING_COMPLETED, {"success": True})

    got = {(m.endpoint_id, m.event_type) for m in await parts.messages()}
    assert got == {
        (everything, "status_update"),
        (everything, "booking_completed"),
        (completions, "booking_completed"),
        (admin, "status_update"),
        (admin, "booking_completed"),
    }


async def test_the_body_has_the_seed_shape(parts: Parts) -> None:
    await parts.endpoint("user_a")
    job_id = await job(parts)
    event = await parts.store.record(
        job_id, events.BOOKING_STARTED, {"params": {}, "message": "hi"}
    )
    [message] = await parts.messages()
    assert json.loads(message.payload) == {
        "event_type": "booking_started",
        "job_id": job_id,
        "user_id": "seed-7",
        "seq": 1,
        "timestamp": event.timestamp.isoformat().replace("+00:00", "Z"),
        "data": {"params": {}, "message": "hi", "status": "queued"},
    }


async def test_a_job_url_becomes_one_endpoint_per_owner_and_url(parts: Parts) -> None:
    url = "https://hooks.example/job"
    first, second = await job(parts, url=url), await job(parts, url=url)
    other = await job(parts, user="user_b", url=url)
    for job_id in (first, second, other):
        await parts.store.record(job_id, events.BOOKING_STARTED, {"params": {}})

    endpoints = {m.endpoint_id for m in await parts.messages()}
    assert endpoints == {job_endpoint_id("user_a", url), job_endpoint_id("user_b", url)}


async def test_older_pending_qr_codes_are_superseded_by_a_newer_one(parts: Parts) -> None:
    await parts.endpoint("user_a")
    job_id = await job(parts)
    for n in range(3):
        await parts.store.record(
            job_id, events.QR_CODE_UPDATE, {"image_data": str(n), "qr_payload": None}
        )
    await parts.store.record(job_id, events.STATUS_UPDATE, {"message": "", "progress": 0})

    statuses = [(m.event_type, m.status) for m in await parts.messages()]
    assert statuses == [
        ("qr_code_update", "superseded"),
        ("qr_code_update", "superseded"),
        ("qr_code_update", "pending"),
        ("status_update", "pending"),
    ]


async def test_the_default_endpoint_hears_every_job(parts: Parts) -> None:
    await sync_default_endpoint(parts.sessions, "https://hooks.example/supabase")
    await parts.directory.refresh()
    for user in ("user_a", "user_b"):
        await parts.store.record(
            await job(parts, user=user), events.BOOKING_STARTED, {"params": {}}
        )
    assert {m.endpoint_id for m in await parts.messages()} == {"ep_default"}
    assert len(await parts.messages()) == 2


async def test_no_endpoint_no_message_and_no_wake(parts: Parts) -> None:
    await parts.store.record(await job(parts), events.BOOKING_STARTED, {"params": {}})
    assert await parts.messages() == []
    assert parts.wakes == []
