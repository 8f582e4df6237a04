"""Finding a page element the way a person would: its id first, then its role and text."""

from __future__ import annotations

from collections.abc import Sequence

from playwright.async_api import Locator

from gofer.workflows.trafikverket.site_changed import expecting


async def first_visible(
    candidates: Sequence[Locator], *, what: str, selector: str, timeout_ms: float | None = None
) -> Locator:
    """The first candidate (in order of trust) that is visible, once any of them is.

    `selector` is the one the site is known for: it names the element in `site_changed`.
    """
    combined = candidates[0]
    for candidate in candidates[1:]:
        combined = combined.or_(candidate)
    async with expecting(what, selector):
        await combined.first.wait_for(state="visible", timeout=timeout_ms)
    for candidate in candidates:
        if await candidate.count() and await candidate.first.is_visible():
            return candidate.first
    return combined.first
