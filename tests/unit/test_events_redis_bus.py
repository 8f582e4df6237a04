"""The Redis event bus and conversation lock, between two instances as two processes would be."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator

import pytest
import redis

from gofer.events.bus import Gap
from gofer.events.model import Event
from gofer.events.redis_bus import RedisEventBus
from gofer.workflows.forms.state import RedisSessionLocks

pytestmark = pytest.mark.redis

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def prefix() -> str:
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    return f"gofer-test-{secrets.token_hex(6)}"


@pytest.fixture
async def buses(prefix: str) -> AsyncIterator[tuple[RedisEventBus, RedisEventBus]]:
    publisher, subscriber = RedisEventBus(REDIS_URL, prefix), RedisEventBus(REDIS_URL, prefix)
    yield publisher, subscriber
    await publisher.close()
    await subscriber.close()


def event(seq: int, job_id: str = "job_1") -> Event:
    return Event(seq=seq, job_id=job_id, type="status_update", data={"status": "running"})


async def test_a_subscriber_in_another_process_gets_a_jobs_events_in_order(buses) -> None:
    publisher, subscriber = buses
    async with subscriber.subscribe("job_1") as subscription:
        for seq in (1, 2, 3):
            await publisher.publish(event(seq))
        await publisher.publish(event(1, "job_other"))
        got = [await anext(subscription) for _ in range(3)]
    assert [e.seq for e in got if isinstance(e, Event)] == [1, 2, 3]
    assert all(e.job_id == "job_1" for e in got if isinstance(e, Event))


async def test_a_subscriber_that_falls_behind_gets_a_gap(prefix: str) -> None:
    publisher, subscriber = (
        RedisEventBus(REDIS_URL, prefix),
        RedisEventBus(REDIS_URL, prefix, queue_size=2),
    )
    try:
        async with subscriber.subscribe("job_1") as subscription:
            for seq in range(1, 6):
                await publisher.publish(event(seq))
            await publisher.publish(event(6, "job_marker"))
            async with subscriber.subscribe("job_marker") as marker:
                await publisher.publish(event(7, "job_marker"))
                await anext(marker)  # everything before it has been dispatched
            first = await anext(subscription)
        assert isinstance(first, Gap)
    finally:
        await publisher.close()
        await subscriber.close()


async def test_live_payloads_cross_processes_bytes_included(buses) -> None:
    publisher, subscriber = buses
    async with subscriber.subscribe_live("job_1") as live:
        await publisher.publish_live("job_1", b"\x89PNG frame")
        await publisher.publish_live("job_1", {"level": 0.4})
        assert await anext(live) == b"\x89PNG frame"
        assert await anext(live) == {"level": 0.4}


async def test_a_conversation_lock_held_by_one_process_keeps_out_another(prefix: str) -> None:
    first = RedisSessionLocks(REDIS_URL, prefix, hold_s=30)
    impatient = RedisSessionLocks(REDIS_URL, prefix, hold_s=0.3)
    try:
        async with first.hold("ses_1"):
            with pytest.raises(TimeoutError):
                async with impatient.hold("ses_1"):
                    pass
            async with impatient.hold("ses_2"):  # another conversation is free
                pass
        async with asyncio.timeout(5), impatient.hold("ses_1"):
            pass
    finally:
        await first.close()
        await impatient.close()
