"""What a person does on the booking site's pages: consent, log in, pick licence and places."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from playwright.async_api import Locator, Page

from gofer.workflows.trafikverket.locators import first_visible
from gofer.workflows.trafikverket.obstacles import Warn, clear_obstacles
from gofer.workflows.trafikverket.reference import fold
from gofer.workflows.trafikverket.site_changed import SiteChanged, expecting

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

# The BankID QR canvas: in the site's own place, else any canvas in the login dialog, looking
# through open shadow roots and same-origin frames (where a redesign may move it).
FIND_QR_CANVAS = """
(() => {
  const own = document.querySelector('div.qrcode canvas');
  if (own) return own;
  const drawn = (c) => c.width > 0 && c.getClientRects().length > 0;
  const walk = (root, depth) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'CANVAS' && drawn(el)) return el;
      if (depth < 4 && el.shadowRoot) { const found = walk(el.shadowRoot, depth + 1); if (found) return found; }
      if (depth < 4 && el.tagName === 'IFRAME') {
        let doc = null;
        try { doc = el.contentDocument; } catch (e) { doc = null; }  // another origin
        if (doc) { const found = walk(doc, depth + 1); if (found) return found; }
      }
    }
    return null;
  };
  const dialog = document.querySelector('app-login-dialog');
  return dialog ? walk(dialog, 0) : null;
})()
"""
QR_SELECTOR = "div.qrcode canvas"

# Pushes each new drawing of the QR canvas out at once; reading it from Python on a timer would
# add a round trip per look and lag behind the site's redraws.
QR_WATCH_SCRIPT = """
(() => {
  if (window.__goferQrWatch) return;
  let last = null;
  const tracked = !!(window.CanvasRenderingContext2D && CanvasRenderingContext2D.prototype.__goferTracked);
  let canvas = null;
  window.__goferQrWatch = setInterval(() => {
    if (!canvas || !canvas.isConnected) canvas = %s;
    if (!canvas || !canvas.width) return;
    // Drawing in a frame or shadow root may not mark this window's flag: always look there.
    const deep = canvas.ownerDocument !== document || canvas.getRootNode() !== document;
    if (tracked && !deep && !window.__goferCanvasDirty) return;
    window.__goferCanvasDirty = false;
    let url;
    try { url = canvas.toDataURL('image/png'); } catch (e) { return; }
    if (url !== last) { last = url; window.__goferQrChanged(url); }
  }, 40);
})()
""".replace("%s", FIND_QR_CANVAS.strip())

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

    def __init__(
        self,
        page: Page,
        base_url: str,
        warn: Warn | None = None,
        offer: Offer | None = None,
    ) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.warn: Warn = warn or _no_warning
        # Offers a step the job could not do to a person; True once they did it and handed back.
        self.offer: Offer = offer or _no_offer

    async def clear_obstacles(self) -> list[str]:
        """Closes known harmless dialogs over the page; `site_changed` for an unknown one."""
        return await clear_obstacles(self.page, self.warn)

    async def click(self, target: Locator, what: str, selector: str) -> None:
        """A person's click: a harmless dialog in the way is closed once, then tried again.

        If it still cannot be done, a person is offered the step before it fails."""
        try:
            await self._click(target, what, selector)
        except SiteChanged as exc:
            if not await self.offer(exc):
                raise

    async def _click(self, target: Locator, what: str, selector: str) -> None:
        try:
            async with expecting(what, selector):
                await target.click()
            return
        except SiteChanged as exc:
            if exc.blocked_by is None:
                raise
        # Something took the click: a known harmless dialog is closed, an unknown one named.
        await self.clear_obstacles()
        async with expecting(what, selector):
            await target.click()

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
        # The real banner's primary button is "Godkänn nödvändiga" (`button.btn.btn-primary`).
        banner = self.page.locator("[role=dialog]").filter(has_text="kakor")
        button = await first_visible(
            [
                self.page.get_by_role("button", name="Godkänn nödvändiga"),
                self.page.locator("#cookie-banner button.btn.btn-primary"),
                banner.locator("button.btn.btn-primary"),
            ],
            what="the cookie banner's 'Godkänn nödvändiga' button",
            selector="button:has-text('Godkänn nödvändiga')",
        )
        await self.click(button, "the cookie banner's button", "#cookie-banner button.btn-primary")
        async with expecting("the cookie banner closing", "#cookie-banner"):
            await button.wait_for(state="hidden")

    async def open_login(self) -> None:
        """Opens the login dialog the way a person does: "Boka prov" while logged out."""
        dialog = self.page.locator("app-login-dialog")
        if await dialog.count() and await dialog.first.is_visible():
            return
        button = await first_visible(
            [
                self.page.locator("button[title='Boka prov']"),
                self.page.locator("#desktop-login-button"),
                self.page.get_by_role("button", name="Logga in", exact=True),
                self.page.get_by_role("button", name="Boka prov", exact=True),
            ],
            what="the 'Boka prov' tile or the 'Logga in' button",
            selector="#desktop-login-button",
        )
        await self.click(button, "the 'Logga in' button", "#desktop-login-button")
        async with expecting("the login dialog", "app-login-dialog"):
            await dialog.first.wait_for(state="visible")

    async def start_bankid(self) -> None:
        """Chooses Mobilt BankID (pre-selected on the real site) and presses Fortsätt."""
        dialog = self.page.locator("app-login-dialog")
        method = dialog.get_by_text("Mobilt BankID", exact=True)
        if await method.count():
            await method.first.click()
        await self.click(
            dialog.get_by_role("button", name="Fortsätt"),
            "the login dialog's 'Fortsätt' button",
            "app-login-dialog button:has-text('Fortsätt')",
        )
        async with expecting("the BankID QR code", QR_SELECTOR):
            await self.page.wait_for_function(f"() => !!{FIND_QR_CANVAS.strip()}")

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
        selector = f".list-group-item[title='{code}']"
        await self.click(self.page.locator(selector).first, f"licence {code}", selector)
        async with expecting("the search page", "/Boka/ng/search/"):
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
        async with expecting(f"the choice '{label}'", selector):
            await select.wait_for(state="visible")
            await select.select_option(label=label)

    async def choose_locations(self, names: list[str]) -> None:
        """Picks each place in the site's own picker, by exact name, then confirms."""
        await self.clear_obstacles()
        picker = "#select-location-search"
        await self.click(self.page.locator(picker), "the 'Välj provort' button", picker)
        search = self.page.locator("#location-search-input")
        async with expecting("the place search field", "#location-search-input"):
            await search.wait_for(state="visible")
        for name in names:
            await search.fill(name)
            matches = self.page.locator("#location-container button.select-item")
            async with expecting(f"the place '{name}'", "#location-container button.select-item"):
                await matches.first.wait_for(state="visible")
            texts = await matches.all_inner_texts()
            wanted = fold(name)
            index = next(
                (i for i, t in enumerate(texts) if fold(t.replace("Ta bort", "")) == wanted), None
            )
            if index is None:
                raise LookupError(name)
            if "Ta bort" not in texts[index]:
                await self.click(matches.nth(index), f"the place '{name}'", "button.select-item")
        confirm = self.page.get_by_role("button", name="Bekräfta")
        await self.click(confirm, "the 'Bekräfta' button", "button:has-text('Bekräfta')")
        async with expecting("the place picker closing", "#location-search-input"):
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
        # Paying is pressed only on the button known by its id: a text match could be another
        # way to pay. Without it the job reports the hold and leaves the choice to the person.
        pay_selector = "#pay-invoice-button"
        button = self.page.locator(pay_selector)
        proceed = self.page.locator("#cart-continue-button")
        async with expecting("the cart", f"{pay_selector}, #cart-continue-button"):
            await button.or_(proceed).first.wait_for(state="visible")
        if not await button.is_visible():
            # The cart comes first; "Gå vidare" leads to the payment choices.
            await self.click(proceed, "the cart's 'Gå vidare' button", "#cart-continue-button")
        paid_by_person = False
        try:
            async with expecting("the 'Betala senare' button", pay_selector):
                await button.wait_for(state="visible")
        except SiteChanged as exc:
            if not await self.offer(exc):
                raise
            paid_by_person = True  # handed back: the page now shows what the person did
        if not paid_by_person:
            await self.click(button, "the 'Betala senare' button", pay_selector)
        confirmation = self.page.locator("#booking-summary")
        alert = self.page.locator(".alert-danger")
        async with expecting("the booking confirmation", "#booking-summary"):
            await confirmation.or_(alert).first.wait_for(state="visible", timeout=timeout_ms)
        if await confirmation.count() and await confirmation.first.is_visible():
            booking_id = await confirmation.first.get_attribute("data-booking-id")
            if booking_id:
                return booking_id
        raise PaymentNotConfirmed(
            (await alert.first.inner_text()).strip() if await alert.count() else ""
        )


Offer = Callable[[SiteChanged], Awaitable[bool]]


async def _no_warning(message: str, code: str) -> None:
    return None


async def _no_offer(failure: SiteChanged) -> bool:
    return False


class PaymentNotConfirmed(Exception):
    """The pay-later step did not reach the confirmation page."""
