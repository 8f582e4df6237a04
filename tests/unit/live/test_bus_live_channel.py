"""The bus's live-only channel: delivered to whoever listens now, never kept, newest wins."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from gofer.core import build_core


@pytest.fixture
async def bus(make_settings) -> AsyncIterator[object]:
    """The bus the core builds (whichever implementation it is)."""
    core = await build_core(make_settings(), with_browser=False)
    yield core.bus
    await core.engine.dispose()


async def test_live_payloads_reach_listeners_and_are_not_kept(bus):
    await bus.publish_live("job_1", {"type": "frame", "n": 0})  # nobody listens: gone
    async with bus.subscribe_live("job_1") as first, bus.subscribe_live("job_1") as second:
        await bus.publish_live("job_1", {"type": "frame", "n": 1})
        await bus.publish_live("job_2", {"type": "frame", "n": 99})
        assert (await anext(first))["n"] == 1 and (await anext(second))["n"] == 1


async def test_a_slow_listener_loses_the_oldest_frames_not_the_newest(bus):
    async with bus.subscribe_live("job_1") as slow:
        for n in range(100):
            await bus.publish_live("job_1", {"n": n})
        kept = [(await anext(slow))["n"]]
        while kept[-1] != 99:
            kept.append((await anext(slow))["n"])
    assert kept == sorted(kept) and len(kept) < 100 and kept[0] > 0
