"""The in-memory event bus: fan-out in order, a Gap for a subscriber that lagged, live-only payloads."""

from __future__ import annotations

import asyncio

from gofer.events.bus import GAP, EventBus, Gap, MemoryEventBus
from gofer.events.model import Event


def event(seq: int, job_id: str = "job_a") -> Event:
    return Event(seq=seq, job_id=job_id, type="status_update", data={"n": seq})


async def test_every_subscriber_of_a_job_gets_its_events_in_order() -> None:
    bus: EventBus = MemoryEventBus()
    async with bus.subscribe("job_a") as first, bus.subscribe("job_a") as second:
        async with bus.subscribe("job_b") as other_job:
            for seq in (1, 2, 3):
                await bus.publish(event(seq))
            await bus.publish(event(1, "job_b"))
            got_first = [await anext(first) for _ in range(3)]
            got_second = [await anext(second) for _ in range(3)]
            got_other = await anext(other_job)
    assert [e.seq for e in got_first if isinstance(e, Event)] == [1, 2, 3]
    assert got_second == got_first
    assert isinstance(got_other, Event) and got_other.job_id == "job_b"


async def test_a_stalled_subscriber_gets_a_gap_and_does_not_hold_back_the_others() -> None:
    bus = MemoryEventBus(queue_size=4)
    async with bus.subscribe("job_a") as stalled, bus.subscribe("job_a") as reader:
        received: list[int] = []
        for seq in range(1, 21):
            await bus.publish(event(seq))  # never waits, whatever the stalled one does
            item = await anext(reader)
            assert isinstance(item, Event)
            received.append(item.seq)
        # The stalled one reads at last: its backlog was replaced by one Gap, then it is live again.
        first = await anext(stalled)
        await bus.publish(event(21))
        after_gap = await anext(stalled)
    assert received == list(range(1, 21))
    assert isinstance(first, Gap) and first is GAP
    assert isinstance(after_gap, Event) and after_gap.seq == 21


async def test_leaving_unsubscribes() -> None:
    bus = MemoryEventBus()
    async with bus.subscribe("job_a"):
        assert bus.subscriber_count("job_a") == 1
    assert bus.subscriber_count() == 0
    await bus.publish(event(1))  # nobody listening: nothing to do, nothing kept


async def test_live_only_payloads_reach_live_subscribers_and_drop_the_oldest_when_slow() -> None:
    bus = MemoryEventBus(live_queue_size=2)
    async with bus.subscribe_live("job_a") as frames, bus.subscribe("job_a") as stored:
        for n in range(5):
            await bus.publish_live("job_a", {"frame": n})
        got = [await anext(frames), await anext(frames)]
        await bus.publish(event(1))
        first_stored = await asyncio.wait_for(anext(stored), 5)
    assert got == [{"frame": 3}, {"frame": 4}]  # only the newest frames matter
    assert isinstance(first_stored, Event) and first_stored.seq == 1  # live payloads stay apart
