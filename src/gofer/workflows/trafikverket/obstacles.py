"""Dialogs the site puts over its pages: known harmless ones are closed, unknown ones reported."""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import Page

from gofer.workflows.trafikverket.site_changed import SiteChanged

KNOWN_DIALOGS_FILE = Path(__file__).with_name("known_dialogs.json")
MARK = "data-gofer-obstacle"

# Each visible dialog that is not one of the site's own, marked so it can be found again.
OPEN_DIALOGS_SCRIPT = """
(own) => {
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const found = [];
  for (const el of document.querySelectorAll('[role=dialog], [aria-modal=true], dialog[open]')) {
    if (!shown(el) || own.some((s) => el.closest(s)) || el.parentElement.closest('[role=dialog]')) continue;
    el.setAttribute('%s', String(found.length));
    const heading = el.querySelector('h1, h2, h3, [role=heading]');
    found.push({
      heading: ((heading && heading.textContent) || el.getAttribute('aria-label') || '').trim(),
      buttons: Array.from(el.querySelectorAll('button')).map((b) => b.textContent.trim()),
    });
  }
  return found;
}
""".replace("%s", MARK)


@dataclass(frozen=True)
class HarmlessDialog:
    name: str
    headings: tuple[str, ...]
    close: tuple[str, ...]

    def matches(self, heading: str) -> bool:
        folded = heading.casefold()
        return any(fragment in folded for fragment in self.headings)


@dataclass(frozen=True)
class KnownDialogs:
    own: tuple[str, ...]
    harmless: tuple[HarmlessDialog, ...]

    def find(self, heading: str) -> HarmlessDialog | None:
        return next((d for d in self.harmless if d.matches(heading)), None)


@functools.cache
def known_dialogs() -> KnownDialogs:
    raw = json.loads(KNOWN_DIALOGS_FILE.read_text(encoding="utf-8"))
    return KnownDialogs(
        own=tuple(raw["own"]),
        harmless=tuple(
            HarmlessDialog(
                d["name"],
                tuple(h.casefold() for h in d["headings"]),
                tuple(d["close"]),
            )
            for d in raw["harmless"]
        ),
    )


Warn = Callable[[str, str], Awaitable[None]]


async def clear_obstacles(page: Page, warn: Warn, *, timeout_ms: float = 5000) -> list[str]:
    """Closes every known harmless dialog over the page (each reported through `warn`).

    Raises `site_changed` naming the heading of a dialog it does not know, or of a known one
    whose close button is gone. Returns the headings it closed.
    """
    known = known_dialogs()
    closed: list[str] = []
    for _ in range(5):  # closing one may reveal the next
        dialogs = await page.evaluate(OPEN_DIALOGS_SCRIPT, list(known.own))
        if not dialogs:
            return closed
        first = dialogs[0]
        heading = str(first["heading"]) or "(no heading)"
        harmless = known.find(heading)
        if harmless is None:
            raise SiteChanged(
                f"The booking site has changed: an unknown dialog '{heading}' is over the page",
                dialog=heading,
                selector="[role=dialog]",
            )
        label = next((c for c in harmless.close if c in first["buttons"]), None)
        if label is None:
            raise SiteChanged(
                f"The booking site has changed: the '{heading}' dialog has no close button",
                dialog=heading,
                selector="[role=dialog] button",
            )
        dialog = page.locator(f"[{MARK}='0']")
        await dialog.get_by_role("button", name=label, exact=True).first.click(timeout=timeout_ms)
        await dialog.wait_for(state="hidden", timeout=timeout_ms)
        await warn(
            f"Closed the site's '{heading}' dialog ({harmless.name}) with '{label}'",
            "dialog_closed",
        )
        closed.append(heading)
    return closed
