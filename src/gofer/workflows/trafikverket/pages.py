"""What a person does on the booking site's pages: consent, log in, pick licence and places."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from playwright.async_api import Page

from gofer.workflows.trafikverket.reference import fold

# Marks 2D canvases dirty whenever something draws on them. Installed before the site's own
# scripts run, so the QR watcher below only encodes the canvas when it has really changed: a
# PNG encode every 40 ms per job would cost a core across twenty waiting jobs.
CANVAS_DIRTY_SCRIPT = """
(() => {
  const proto = window.CanvasRenderingContext2D && CanvasRenderingContext2D.prototype;
  if (!proto || proto.__goferTracked) return;
  proto.__goferTracked = true;
  for (const name of ['fillRect', 'clearRect', 'strokeRect', 'fill', 'stroke', 'drawImage',
                      'putImageData', 'fillText', 'strokeText']) {
    const original = proto[name];
    if (typeof original !== 'function') continue;
    proto[name] = function (...args) { window.__goferCanvasDirty = true; return original.apply(this, args); };
  }
  window.__goferCanvasDirty = true;
})()
"""

# Pushes each new drawing of the QR canvas out at once; reading it from Python on a timer would
# add a round trip per look and lag behind the site's redraws.
QR_WATCH_SCRIPT = """
(() => {
  if (window.__goferQrWatch) return;
  let last = null;
  const tracked = !!(window.CanvasRenderingContext2D && CanvasRenderingContext2D.prototype.__goferTracked);
  window.__goferQrWatch = setInterval(() => {
    if (tracked && !window.__goferCanvasDirty) return;
    const canvas = document.querySelector('div.qrcode canvas');
    if (!canvas || !canvas.width) return;
    window.__goferCanvasDirty = false;
    let url;
    try { url = canvas.toDataURL('image/png'); } catch (e) { return; }
    if (url !== last) { last = url; window.__goferQrChanged(url); }
  }, 40);
})()
"""

# One look at the page: are we logged in, is there a login error, where are we.
LOGIN_STATE_SCRIPT = """
(() => {
  const text = (el) => (el && el.textContent || '').trim();
  const loginButton = document.querySelector('#desktop-login-button');
  const alert = document.querySelector('app-login-dialog .alert-danger, .overlay-container.show .alert-danger');
  const heading = Array.from(document.querySelectorAll('h1,h2')).map(text).join('|');
  return {
    path: location.pathname,
    loggedIn: /Logga ut/.test(text(loginButton)) || /Välj körkortstyp/.test(heading),
    error: alert && alert.offsetParent !== null ? text(alert) : null,
    dialogOpen: !!document.querySelector('.overlay-container.show app-login-dialog, app-login-dialog .dialog-card'),
  };
})()
"""


@dataclass
class LoginState:
    path: str
    logged_in: bool
    error: str | None
    dialog_open: bool


class BookingPages:
    """The booking site as a person sees it, through one Playwright page."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")

    async def install_watchers(self) -> None:
        """Before any site script runs: lets the QR watcher skip canvases that did not change."""
        await self.page.context.add_init_script(CANVAS_DIRTY_SCRIPT)

    async def open_start(self) -> None:
        await self.page.goto(f"{self.base_url}/Boka/ng/", wait_until="domcontentloaded")

    async def prepare_start(self) -> None:
        """What the browser pool does ahead of a job: the start page, consent given."""
        await self.install_watchers()
        await self.open_start()
        await self.accept_cookies()

    def at_start(self) -> bool:
        """On the site's start page already (a context the pool prepared)."""
        return not self.page.is_closed() and self.page.url.startswith(f"{self.base_url}/Boka/ng")

    async def open_cart(self) -> None:
        await self.page.goto(f"{self.base_url}/Boka/ng/reservation", wait_until="domcontentloaded")
        await self.accept_cookies()

    async def accept_cookies(self) -> None:
        """Dismisses the consent banner if it is there (it blocks every click until then)."""
        cookies = await self.page.context.cookies(self.base_url)
        if any(c["name"] == "TrvCookieConsent" for c in cookies):
            return  # consent given earlier in this context: no banner comes
        button = self.page.get_by_role("button", name="Godkänn nödvändiga")
        await button.wait_for(state="visible")
        await button.click()
        await button.wait_for(state="hidden")

    async def open_login(self) -> None:
        """Opens the login dialog the way a person does: "Boka prov" while logged out."""
        dialog = self.page.locator("app-login-dialog")
        if await dialog.count() and await dialog.first.is_visible():
            return
        tile = self.page.locator("button[title='Boka prov']")
        if await tile.count() and await tile.first.is_visible():
            await tile.first.click()
        else:
            await self.page.locator("#desktop-login-button").click()
        await dialog.first.wait_for(state="visible")

    async def start_bankid(self) -> None:
        """Chooses Mobilt BankID (pre-selected on the real site) and presses Fortsätt."""
        dialog = self.page.locator("app-login-dialog")
        method = dialog.get_by_text("Mobilt BankID", exact=True)
        if await method.count():
            await method.first.click()
        await dialog.get_by_role("button", name="Fortsätt").click()
        await self.page.locator("div.qrcode canvas").first.wait_for(state="visible")

    async def watch_qr(self, on_change: Callable[[str], Awaitable[None]]) -> None:
        """Calls `on_change(data_url)` for every new drawing of the QR canvas."""

        async def changed(data_url: str) -> None:
            await on_change(data_url)

        try:
            await self.page.expose_function("__goferQrChanged", changed)
        except Exception as exc:  # already exposed on this page (a second login)
            if "has been already registered" not in str(exc):
                raise
        await self.page.evaluate(QR_WATCH_SCRIPT)

    async def stop_qr_watch(self) -> None:
        await self.page.evaluate(
            "window.__goferQrWatch && clearInterval(window.__goferQrWatch);"
            "window.__goferQrWatch = undefined;"
        )

    async def login_state(self) -> LoginState:
        state = await self.page.evaluate(LOGIN_STATE_SCRIPT)
        return LoginState(state["path"], state["loggedIn"], state["error"], state["dialogOpen"])

    async def wait_for_login(self, timeout_s: float) -> LoginState:
        """Waits until the person has scanned and approved, or the site reports an error."""
        deadline = time.monotonic() + timeout_s
        while True:
            state = await self.login_state()
            if state.logged_in or state.error:
                return state
            if time.monotonic() >= deadline:
                raise TimeoutError("BankID login was not completed in time")
            # Wait for the page to change rather than spinning: any DOM change or 250 ms.
            await asyncio.sleep(0.25)

    async def choose_licence(self, code: str) -> None:
        item = self.page.locator(f".list-group-item[title='{code}']")
        await item.first.click()
        await self.page.wait_for_url("**/Boka/ng/search/**")

    async def choose_exam(
        self, exam_label: str, vehicle_label: str | None, language_label: str | None
    ) -> None:
        await self._select_by_label("#examination-type-select", exam_label)
        if vehicle_label:
            await self._select_by_label("#vehicle-select", vehicle_label)
        if language_label:
            await self._select_by_label("#language-select", language_label)

    async def _select_by_label(self, selector: str, label: str) -> None:
        select = self.page.locator(selector)
        await select.wait_for(state="visible")
        await select.select_option(label=label)

    async def choose_locations(self, names: list[str]) -> None:
        """Picks each place in the site's own picker, by exact name, then confirms."""
        await self.page.locator("#select-location-search").click()
        search = self.page.locator("#location-search-input")
        await search.wait_for(state="visible")
        for name in names:
            await search.fill(name)
            matches = self.page.locator("#location-container button.select-item")
            await matches.first.wait_for(state="visible")
            texts = await matches.all_inner_texts()
            wanted = fold(name)
            index = next(
                (i for i, t in enumerate(texts) if fold(t.replace("Ta bort", "")) == wanted), None
            )
            if index is None:
                raise LookupError(name)
            if "Ta bort" not in texts[index]:
                await matches.nth(index).click()
        await self.page.get_by_role("button", name="Bekräfta").click()
        await search.wait_for(state="hidden")

    async def chosen_locations(self) -> list[str]:
        """The places the search form shows as chosen (its location button lists them)."""
        button = self.page.locator("#select-location-search")
        if not await button.count():
            return []
        text = (await button.first.inner_text()).strip()
        if not text or text == "Välj provort":
            return []
        return [name.strip() for name in text.split(",") if name.strip()]

    async def pay_later(self, timeout_ms: float = 30000) -> str:
        """Presses "Betala senare" and waits for the confirmation page; returns the booking id."""
        button = self.page.locator("#pay-invoice-button")
        proceed = self.page.locator("#cart-continue-button")
        await button.or_(proceed).first.wait_for(state="visible")
        if not await button.is_visible():
            # The cart comes first; "Gå vidare" leads to the payment choices.
            await proceed.click()
        await button.wait_for(state="visible")
        await button.click()
        confirmation = self.page.locator("#booking-summary")
        alert = self.page.locator(".alert-danger")
        await confirmation.or_(alert).first.wait_for(state="visible", timeout=timeout_ms)
        if await confirmation.count() and await confirmation.first.is_visible():
            booking_id = await confirmation.first.get_attribute("data-booking-id")
            if booking_id:
                return booking_id
        raise PaymentNotConfirmed(
            (await alert.first.inner_text()).strip() if await alert.count() else ""
        )


class PaymentNotConfirmed(Exception):
    """The pay-later step did not reach the confirmation page."""
