"""Kept form pages: spares ready for new conversations, and room made without waiting."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from gofer.workflows.forms.live_pages import LivePages


class FakePage:
    def __init__(self) -> None:
        self.url = "about:blank"
        self.visits: list[str] = []
        self.routed = 0

    def is_closed(self) -> bool:
        return False

    async def route(self, pattern: str, handler: Any) -> None:
        self.routed += 1

    async def unroute(self, pattern: str, handler: Any) -> None:
        self.routed -= 1

    async def goto(self, url: str, **options: Any) -> None:
        self.visits.append(url)
        self.url = url


class FakeBrowser:
    def is_connected(self) -> bool:
        return True


class FakeContext:
    def __init__(self) -> None:
        self.browser = FakeBrowser()
        self.pages: list[FakePage] = []

    async def new_page(self) -> FakePage:
        page = FakePage()
        self.pages.append(page)
        return page


class Opener:
    """Hands out fake contexts; `closing` holds every context's close until it is set."""

    def __init__(self) -> None:
        self.opened: list[FakeContext] = []
        self.closed: list[FakeContext] = []
        self.closing = asyncio.Event()
        self.closing.set()

    @asynccontextmanager
    async def __call__(self) -> AsyncIterator[Any]:
        context = FakeContext()
        self.opened.append(context)
        yield context
        await self.closing.wait()
        self.closed.append(context)


async def _settle(pages: LivePages) -> None:
    task = pages._spare_task
    if task is not None:
        await task


async def test_two_spares_warmed_up_with_the_form_wait_for_new_conversations() -> None:
    opener = Opener()
    pages = LivePages(idle_s=60)
    async with pages.lease("a", opener, warm_url="http://forms.test/loan/"):
        pass
    await _settle(pages)
    assert len(opener.opened) == 3  # a's own, then two spares
    spare_pages = [c.pages[0] for c in opener.opened[1:]]
    for page in spare_pages:
        # Loaded once with its writes blocked, then left for a blank page.
        assert page.visits == ["http://forms.test/loan/", "about:blank"]
        assert page.routed == 0

    async with pages.lease("b", opener, warm_url="http://forms.test/loan/") as live:
        assert live.page is spare_pages[0]
    assert len(opener.opened) == 3  # no context opened while the turn waited
    await _settle(pages)
    assert len(opener.opened) == 4  # the spare taken is replaced
    await pages.close_all()


async def test_a_new_conversation_does_not_wait_for_the_page_making_room() -> None:
    opener = Opener()
    pages = LivePages(idle_s=60, max_open=1, settle_s=0, keep_spare=False)
    async with pages.lease("a", opener):
        pass
    opener.closing.clear()  # closing a's context now hangs until released
    async with asyncio.timeout(1):
        async with pages.lease("b", opener):
            assert not opener.closed
    assert not pages.is_open("a")
    # "a" coming back waits for its old page to finish closing (its last autosave).
    entered = asyncio.Event()

    async def come_back() -> None:
        async with pages.lease("a", opener):
            entered.set()

    back = asyncio.create_task(come_back())
    await asyncio.sleep(0.05)
    assert not entered.is_set()
    opener.closing.set()
    await back
    assert opener.closed[0] is opener.opened[0]
    await pages.close_all()
