"""Dialogs over the site's pages, in Chromium: harmless ones are closed and reported, an unknown
one stops the job as a site change that names its heading, and the site's own are left alone."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, Page

from gofer.workflows.trafikverket.obstacles import clear_obstacles
from gofer.workflows.trafikverket.site_changed import SiteChanged

pytestmark = pytest.mark.e2e

SEARCH_PAGE = '<main><h1>Boka prov</h1><button id="search">Sök</button></main>'


def dialog(heading: str, *buttons: str, attrs: str = "") -> str:
    labels = "".join(
        f"<button onclick=\"this.closest('[role=dialog]').remove()\">{b}</button>" for b in buttons
    )
    return f'<div role="dialog" aria-modal="true" {attrs}><h2>{heading}</h2>{labels}</div>'


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context()
    yield await context.new_page()
    await context.close()


class Warnings:
    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    async def __call__(self, message: str, code: str) -> None:
        self.seen.append((message, code))


async def test_a_known_survey_is_closed_with_its_own_button_and_reported(page: Page) -> None:
    await page.set_content(SEARCH_PAGE + dialog("Hjälp oss att bli bättre!", "Svara", "Nej tack"))
    warn = Warnings()
    closed = await clear_obstacles(page, warn)
    assert closed == ["Hjälp oss att bli bättre!"]
    assert await page.locator("[role=dialog]").count() == 0
    assert warn.seen and warn.seen[0][1] == "dialog_closed" and "Nej tack" in warn.seen[0][0]
    await page.click("#search", timeout=2000)  # the page takes clicks again


async def test_an_unknown_dialog_is_a_site_change_naming_its_heading(page: Page) -> None:
    await page.set_content(SEARCH_PAGE + dialog("Logga in med Freja eID", "Fortsätt"))
    warn = Warnings()
    with pytest.raises(SiteChanged) as raised:
        await clear_obstacles(page, warn)
    assert raised.value.code == "site_changed"
    assert raised.value.dialog == "Logga in med Freja eID"
    assert "Logga in med Freja eID" in str(raised.value)
    assert warn.seen == []
    assert await page.locator("[role=dialog]").count() == 1, "nothing unknown is clicked"


async def test_a_known_dialog_whose_close_button_is_gone_is_a_site_change(page: Page) -> None:
    await page.set_content(SEARCH_PAGE + dialog("Viktig information", "Läs mer"))
    with pytest.raises(SiteChanged) as raised:
        await clear_obstacles(page, Warnings())
    assert raised.value.dialog == "Viktig information"
    assert raised.value.selector == "[role=dialog] button"


async def test_the_sites_own_dialogs_and_hidden_ones_are_left_alone(page: Page) -> None:
    own = dialog("Vi använder kakor", "Godkänn", attrs='id="cookie-banner"')
    hidden = dialog("Enkät", "Nej tack", attrs='style="display:none"')
    await page.set_content(SEARCH_PAGE + own + hidden)
    warn = Warnings()
    assert await clear_obstacles(page, warn) == []
    assert warn.seen == []
    assert await page.locator("#cookie-banner").is_visible()


async def test_dialogs_revealed_one_after_another_are_all_closed(page: Page) -> None:
    notice = dialog("Driftinformation", "Fortsätt")
    survey = dialog("Vad tycker du om sidan?", "Inte nu")
    await page.set_content(SEARCH_PAGE + notice + survey)
    warn = Warnings()
    closed = await clear_obstacles(page, warn)
    assert sorted(closed) == ["Driftinformation", "Vad tycker du om sidan?"]
    assert len(warn.seen) == 2
