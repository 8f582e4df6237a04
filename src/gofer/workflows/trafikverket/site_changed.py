"""The booking site has changed under us: a failure that names the step, the element and the page."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator, Awaitable
from typing import Any, TypeVar

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page
from playwright.async_api import TimeoutError as PlaywrightTimeout

from gofer.jobs.model import JobFailure

SITE_CHANGED = "site_changed"
T = TypeVar("T")
# Playwright's words when another element takes a click: `<div class="x">…</div> intercepts …`.
_INTERCEPTED = re.compile(
    r"(<[^\n]{1,200}?>)(?:…</\w+>)? (?:from <[^\n]*?> subtree )?intercepts pointer events"
)


class SiteChanged(JobFailure):
    """A step could not find what it needs on the site, or the site answered in a new shape."""

    def __init__(
        self,
        message: str,
        *,
        step: str | None = None,
        selector: str | None = None,
        field: str | None = None,
        url: str | None = None,
        title: str | None = None,
        blocked_by: str | None = None,
        dialog: str | None = None,
    ) -> None:
        super().__init__(message, SITE_CHANGED)
        self.step = step
        self.selector = selector
        self.field = field
        self.url = url
        self.title = title
        self.blocked_by = blocked_by
        self.dialog = dialog
        self.artifacts_url: str | None = None
        self._refresh_details()

    def _refresh_details(self) -> None:
        values: dict[str, Any] = {
            "step": self.step,
            "selector": self.selector,
            "field": self.field,
            "url": self.url,
            "title": self.title,
            "blocked_by": self.blocked_by,
            "dialog": self.dialog,
            "artifacts_url": self.artifacts_url,
        }
        self.details = {k: v for k, v in values.items() if v is not None}

    async def describe_page(self, page: Page | None, step: str, artifacts_url: str) -> None:
        """Fills in what only the job knows: its step, the page now, where the evidence is."""
        self.step = self.step or step
        self.artifacts_url = artifacts_url
        if page is not None and not page.is_closed():
            self.url = self.url or page.url
            if self.title is None:
                with contextlib.suppress(PlaywrightError):
                    self.title = await page.title()
        self.message = one_line(self.message, self.step)
        self.args = (self.message,)
        self._refresh_details()


def one_line(message: str, step: str | None) -> str:
    first = message.splitlines()[0] if message else "The booking site has changed"
    return first if not step or f"({step})" in first else f"{first} (step: {step})"


def blocked_by(error: BaseException) -> str | None:
    """The element Playwright reports as taking the click, if it said so."""
    found = _INTERCEPTED.findall(str(error))
    return found[-1][:200] if found else None


@contextlib.asynccontextmanager
async def expecting(what: str, selector: str, *, step: str | None = None) -> AsyncIterator[None]:
    """Turns a page action that timed out into `site_changed` naming what was looked for."""
    try:
        yield
    except PlaywrightTimeout as exc:
        blocker = blocked_by(exc)
        because = f"; the click was blocked by {blocker}" if blocker else ""
        raise SiteChanged(
            f"The booking site has changed: could not find {what} ({selector}){because}",
            step=step,
            selector=selector,
            blocked_by=blocker,
        ) from exc


def answer_changed(endpoint: str, field: str, *, step: str | None = None) -> SiteChanged:
    """The site answered without a field the booking needs (its response model changed)."""
    return SiteChanged(
        f"The booking site has changed: its '{endpoint}' answer has no usable '{field}'",
        step=step,
        field=field,
    )


async def login_unless_qr_unreadable(
    login: Awaitable[T], readable: asyncio.Event, grace_s: float
) -> T:
    """Waits for the login; `site_changed` if the QR on screen gave no readable code in time.

    A code that cannot be read cannot be scanned: blaming the person (`login_timeout`) would be
    wrong. A login that completes anyway (BankID on the same device) is fine.
    """
    waiting = asyncio.ensure_future(login)
    seen = asyncio.ensure_future(readable.wait())
    try:
        done, _ = await asyncio.wait(
            {waiting, seen}, timeout=grace_s, return_when=asyncio.FIRST_COMPLETED
        )
        if not done:
            raise SiteChanged(
                "The booking site has changed: the BankID QR is shown but no code could be "
                "read from it",
                step="bankid",
                selector="div.qrcode canvas",
            )
        return await waiting
    finally:
        seen.cancel()
        if not waiting.done():
            waiting.cancel()
