"""The bus's live-only channel: delivered to whoever listens now, never kept, newest wins."""

from __future__ import annotations

from gofer.events.bus import EventBus


async def test_live_payloads_reach_listeners_and_are_not_kept():
    bus = EventBus()
    await bus.publish_live("job_1", {"type": "frame", "n": 0})  # nobody listens: gone
    async with bus.subscribe_live("job_1") as first, bus.subscribe_live("job_1") as second:
        await bus.publish_live("job_1", {"type": "frame", "n": 1})
        await bus.publish_live("job_2", {"type": "frame", "n": 99})
        assert (await first.get())["n"] == 1 and (await second.get())["n"] == 1


async def test_a_slow_listener_loses_the_oldest_frames_not_the_newest():
    bus = EventBus()
    async with bus.subscribe_live("job_1", size=2) as slow:
        for n in range(5):
            await bus.publish_live("job_1", {"n": n})
        assert [(await slow.get())["n"], (await slow.get())["n"]] == [3, 4]
        assert slow.dropped == 3
