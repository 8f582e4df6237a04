"""Browser tests of the Trafikverket replica's single-page app: real Chromium against the replica."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
import zxingcpp
from PIL import Image
from playwright.async_api import Browser, Page, expect

from gofer.replicas.trafikverket.app import create_trafikverket_app
from gofer.serving import BackgroundServer

pytestmark = pytest.mark.e2e

PERSONNUMMER = "191212121212"
CONSENT = "functional%3Dfalse%26analytical%3Dfalse"
CHECK_TOKEN = "5f0c7a2e-3b1d-4c8e-9a6f-2d7e4b1c9a30"
CHECK_SECRET = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
CHECK_PAYLOAD = (
    "bankid.5f0c7a2e-3b1d-4c8e-9a6f-2d7e4b1c9a30.1."
    "38343954790483c134429d554333f5967bb7056dd8b3803b929fb5bbea6bb6c3"
)
PAYLOAD_RE = re.compile(r"^bankid\.([0-9a-f-]{36})\.(\d+)\.([0-9a-f]{64})$")
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
DATE_RE = re.compile(
    r"^(måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag) ([1-9]\d?) "
    r"(jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec) (\d{4}),\u00a0(\d{2}):(\d{2})$"
)
PRICE_RE = re.compile(r"^\d{1,3}(\u00a0\d{3})* kr$")
STOCKHOLM = ZoneInfo("Europe/Stockholm")
QR_CANVAS = "div.qrcode canvas"
WAIT_MS = 10_000


@pytest.fixture(scope="module")
def replica_url() -> Iterator[str]:
    server = BackgroundServer(create_trafikverket_app()).start()
    yield server.url
    server.stop()


@pytest.fixture
async def control(replica_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """Client for the replica's test controls, with a fresh replica state per test."""
    async with httpx.AsyncClient(base_url=replica_url, timeout=10) as client:
        response = await client.post("/_replica/reset", json={})
        assert response.status_code == 200
        switches = (await client.get("/_replica/config")).json()
        yield client
        # Reset keeps switches, so put back any a test changed.
        await client.patch("/_replica/config", json=switches)


async def _new_page(browser: Browser, replica_url: str, *, consent: bool = True) -> Page:
    context = await browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="sv-SE", timezone_id="Europe/Stockholm"
    )
    if consent:
        consent_cookie = {"name": "TrvCookieConsent", "value": CONSENT, "url": replica_url}
        await context.add_cookies([consent_cookie])
    page = await context.new_page()
    page.set_default_timeout(WAIT_MS)
    return page


@pytest.fixture
async def page(browser: Browser, replica_url: str) -> AsyncIterator[Page]:
    page = await _new_page(browser, replica_url)
    yield page
    await page.context.close()


def _decode(png: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(results) == 1, f"expected one QR code, found {len(results)}"
    return results[0].text


async def _canvas_png(page: Page) -> bytes:
    data_url = await page.locator(QR_CANVAS).evaluate("canvas => canvas.toDataURL('image/png')")
    return base64.b64decode(data_url.split(",", 1)[1])


async def _open_qr(page: Page, replica_url: str) -> None:
    await page.goto(f"{replica_url}/Boka/ng/")
    await page.click("button[title='Boka prov']")
    dialog = page.locator(".overlay-container.show app-login-dialog div.dialog-card")
    await expect(dialog.locator(".login-title")).to_have_text("Logga in")
    await expect(dialog.get_by_label("Mobilt BankID")).to_be_checked()
    await dialog.get_by_role("button", name="Fortsätt").click()
    await expect(page.locator(QR_CANVAS)).to_be_visible()


async def _next_redraw(page: Page) -> None:
    shown = await page.locator(QR_CANVAS).evaluate("c => c.toDataURL('image/png')")
    await page.wait_for_function(
        "shown => document.querySelector('div.qrcode canvas').toDataURL('image/png') !== shown",
        arg=shown,
        timeout=5000,
    )


async def _scan(
    page: Page, control: httpx.AsyncClient, action: str = "approve", *, fresh: bool = False
) -> httpx.Response:
    """What a phone does: read the QR now on screen (a screenshot) and send it to BankID.

    `fresh` reads right after a redraw, as a relay does when only the current code passes.
    """
    if fresh:
        await _next_redraw(page)
    payload = _decode(await page.locator(QR_CANVAS).screenshot())
    return await control.post(
        "/_replica/bankid/scan",
        json={"qr": payload, "personalNumber": PERSONNUMMER, "action": action},
    )


async def _login(page: Page, replica_url: str, control: httpx.AsyncClient) -> None:
    await _open_qr(page, replica_url)
    response = await _scan(page, control)
    assert response.status_code == 200, response.text
    await page.wait_for_url(re.compile(r"/Boka/ng/licence$"))
    await expect(page.get_by_role("heading", name="Välj körkortstyp")).to_be_visible()


async def _choose_locations(page: Page, names: list[str]) -> None:
    await page.click("#select-location-search")
    search_input = page.locator("#location-search-input")
    for name in names:
        await search_input.fill(name)
        await page.locator("#location-container button.select-item", has_text=name).first.click()


def _swedish(start_iso: str) -> str:
    local = datetime.fromisoformat(start_iso).astimezone(STOCKHOLM)
    return (
        f"{WEEKDAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]} {local.year},"
        f"\u00a0{local:%H:%M}"
    )


def _parse_swedish(text: str) -> datetime:
    match = DATE_RE.match(text)
    assert match, f"bad date text {text!r}"
    _weekday, day, month, year, hour, minute = match.groups()
    moment = datetime(
        int(year), MONTHS.index(month) + 1, int(day), int(hour), int(minute), tzinfo=STOCKHOLM
    )
    assert WEEKDAYS[moment.weekday()] == _weekday
    return moment


PANELS_JS = """
() => Array.from(document.querySelectorAll('section#results-desktop > div.panel.mb-3')).map(p => {
  const cols = p.querySelectorAll(':scope > div.panel-body > div.row > div.col-9 > div.row > div.col-6');
  const button = p.querySelector(':scope > div.panel-body > div.row > div.col-3 > button.btn.btn-primary');
  return {
    cols: cols.length,
    strong: cols[0] ? cols[0].querySelector('strong').textContent : null,
    place: cols[0] ? cols[0].lastChild.textContent : null,
    name: cols[1] ? cols[1].firstChild.textContent : null,
    price: cols[1] ? cols[1].querySelector('span.text-muted').textContent : null,
    button: button ? button.textContent : null,
  };
})
"""


async def test_qr_encoder_and_payload_decode_exactly(page: Page, replica_url: str) -> None:
    await page.goto(f"{replica_url}/Boka/ng/")
    payloads = await page.evaluate(
        """async ([token, secret]) => [
          await TrvBankId.payload(token, secret, 1),
          await TrvBankId.payload(token, secret, 1, true),
        ]""",
        [CHECK_TOKEN, CHECK_SECRET],
    )
    assert payloads == [CHECK_PAYLOAD, CHECK_PAYLOAD]

    texts = [
        CHECK_PAYLOAD,
        "bankid." + "0123abcd-4567-89ef-0123-456789abcdef" + ".987." + "ab" * 32 + "xyz",  # 115
        "bankid",
        "Förarprov Göteborg-Hisingen " + "x" * 170,  # multi-byte UTF-8, version 10
    ]
    images = await page.evaluate(
        """texts => texts.map(text => {
          const canvas = document.createElement('canvas');
          canvas.width = 256; canvas.height = 256;
          QrCode.drawToCanvas(canvas, text);
          return canvas.toDataURL('image/png');
        })""",
        texts,
    )
    assert len(texts[1]) == 115
    for text, data_url in zip(texts, images, strict=True):
        assert _decode(base64.b64decode(data_url.split(",", 1)[1])) == text


async def test_cookie_banner_blocks_clicks_until_accepted(
    browser: Browser, replica_url: str
) -> None:
    page = await _new_page(browser, replica_url, consent=False)
    try:
        await page.goto(f"{replica_url}/Boka/ng/")
        accept = page.locator("button.btn.btn-primary", has_text="Godkänn nödvändiga")
        await expect(accept).to_be_visible()
        await expect(page.get_by_role("button", name="Godkänn alla")).to_be_visible()
        tile = page.locator("button[title='Boka prov']")
        blocked = await tile.evaluate(
            """el => { const r = el.getBoundingClientRect();
                 const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                 return !el.contains(top) && top.closest('.cookie-overlay') !== null; }"""
        )
        assert blocked, "the cookie banner must cover the page"

        await accept.click()
        await expect(accept).to_have_count(0)
        cookies = {c["name"]: c["value"] for c in await page.context.cookies()}
        assert cookies["TrvCookieConsent"] == CONSENT
        await tile.click()  # no longer covered: opens the login dialog
        await expect(page.locator(".overlay-container.show .login-title")).to_be_visible()

        await page.reload()
        await expect(page.locator("button[title='Mina prov']")).to_be_visible()
        await expect(accept).to_have_count(0)
    finally:
        await page.context.close()


async def test_bankid_qr_animates_and_scanning_logs_in(
    page: Page, replica_url: str, control: httpx.AsyncClient
) -> None:
    await _open_qr(page, replica_url)
    canvas = page.locator(QR_CANVAS)
    assert await canvas.evaluate("c => [c.width, c.height]") == [256, 256]
    await expect(page.get_by_text("Starta BankID-appen och skanna QR-koden")).to_be_visible()
    autostart = page.get_by_role("link", name="Öppna BankID på den här enheten")
    assert re.fullmatch(
        r"bankid:///\?autostarttoken=[0-9a-f-]{36}&redirect=null",
        await autostart.get_attribute("href") or "",
    )

    first_png = await _canvas_png(page)
    first = PAYLOAD_RE.match(_decode(first_png))
    assert first, "the canvas must hold a BankID payload"
    await _next_redraw(page)
    second = PAYLOAD_RE.match(_decode(await _canvas_png(page)))
    assert second
    assert second.group(1) == first.group(1)
    assert int(second.group(2)) > int(first.group(2))

    orders = (await control.get("/_replica/bankid/orders")).json()
    listed = orders["orders"] if isinstance(orders, dict) else orders
    reference_id = next(o["referenceId"] for o in listed if o["qrStartToken"] == first.group(1))
    draws = (await control.get("/_replica/qr-draws", params={"referenceId": reference_id})).json()
    drawn = [d["payload"] for d in (draws["draws"] if isinstance(draws, dict) else draws)]
    assert first.group(0) in drawn and second.group(0) in drawn

    response = await _scan(page, control)
    assert response.status_code == 200, response.text
    await page.wait_for_url(re.compile(r"/Boka/ng/licence$"))
    await expect(page.locator(".overlay-container.show")).to_have_count(0)
    await expect(page.locator("#desktop-login-button")).to_have_text("Logga ut")
    await expect(
        page.locator(".list-group-item[title='B'] span.list-group-item-heading")
    ).to_have_text("B")
    cookie_names = {c["name"] for c in await page.context.cookies()}
    assert "FpsExternalIdentity" in cookie_names

    await page.click("#desktop-login-button")
    await page.get_by_role("button", name="Ja, logga ut").click()
    await expect(page.locator("#desktop-login-button")).to_have_text("Logga in")
    await page.wait_for_url(re.compile(r"/Boka/ng/$"))


async def test_cancelled_bankid_shows_error_and_offers_retry(
    page: Page, replica_url: str, control: httpx.AsyncClient
) -> None:
    await _open_qr(page, replica_url)
    response = await _scan(page, control, action="cancel")
    assert response.status_code == 200, response.text
    await expect(page.locator(".dialog-card .alert-danger")).to_contain_text("Fel vid inloggning")
    await expect(page.locator(QR_CANVAS)).to_have_count(0)
    retry = page.locator(".dialog-card").get_by_role("button", name="Fortsätt")
    await retry.click()
    await expect(page.locator(QR_CANVAS)).to_be_visible()
    await expect(page.locator(".dialog-card .alert-danger")).to_have_count(0)


async def test_stale_qr_payload_is_refused(
    page: Page, replica_url: str, control: httpx.AsyncClient
) -> None:
    await _open_qr(page, replica_url)
    old = _decode(await _canvas_png(page))
    await control.patch("/_replica/config", json={"bankid_qr_max_age_s": 1.0})
    await _next_redraw(page)
    await _next_redraw(page)
    refused = await control.post(
        "/_replica/bankid/scan",
        json={"qr": old, "personalNumber": PERSONNUMMER, "action": "approve"},
    )
    assert refused.status_code == 400
    assert refused.json()["error"] == "stale_qr"
    fresh = await _scan(page, control, fresh=True)  # strict: only what is on screen passes
    assert fresh.status_code == 200, fresh.text
    await page.wait_for_url(re.compile(r"/Boka/ng/licence$"))


async def test_deep_link_when_logged_out_opens_login(page: Page, replica_url: str) -> None:
    await page.goto(f"{replica_url}/boka/ng/licence")
    await expect(page.locator(".overlay-container.show .login-title")).to_have_text("Logga in")
    await expect(page.locator("#desktop-login-button")).to_have_text("Logga in")


async def test_mobile_header_buttons(page: Page, replica_url: str) -> None:
    await page.set_viewport_size({"width": 390, "height": 800})
    await page.goto(f"{replica_url}/Boka/ng/")
    await expect(page.locator("#desktop-exams-button")).to_be_hidden()
    await page.click("#mobile-exams-button")
    await expect(page.locator(".overlay-container.show .login-title")).to_be_visible()
    await page.get_by_role("button", name="Avbryt").click()
    await expect(page.locator(".overlay-container.show")).to_have_count(0)
    await page.get_by_role("button", name="Meny").click()
    await expect(page.get_by_role("menuitem", name="Boka prov")).to_be_visible()


async def test_book_korprov_automatbil_pay_later_and_cancel(
    page: Page, replica_url: str, control: httpx.AsyncClient
) -> None:
    queries: list[dict[str, Any]] = []
    page.on(
        "request",
        lambda r: (
            queries.append(r.post_data_json["occasionBundleQuery"])
            if r.url.endswith("/Boka/occasion-bundles")
            else None
        ),
    )
    await _login(page, replica_url, control)
    await page.click(".list-group-item[title='B']")
    await page.wait_for_url(re.compile(r"/Boka/ng/search/[A-Za-z]{14}/5/0/0/0$"))
    licence = page.locator("select#licence-type-select")
    await expect(licence.locator("option:checked")).to_have_text("B - Personbil")
    assert (
        await page.locator("select#examination-type-select option").first.get_attribute("value")
        == "0: null"
    )
    await expect(page.locator("select#vehicle-select")).to_be_hidden()

    await page.select_option("select#examination-type-select", label="Körprov")
    await page.wait_for_url(re.compile(r"/Boka/ng/search/[A-Za-z]{14}/5/12/0/0$"))
    vehicle = page.locator("select#vehicle-select")
    await expect(vehicle).to_be_visible()
    await expect(page.locator("select#language-select")).to_be_hidden()
    assert await vehicle.locator("option").all_text_contents() == [
        "Välj",
        "Manuell bil",
        "Automatbil",
    ]
    await page.select_option("select#vehicle-select", label="Automatbil")
    assert await vehicle.input_value() == "2: 4"
    assert await page.get_attribute("#select-location-search", "title") == "Välj provort"

    # Location picker: filtering, the limit of four, "Ta bort", Körprov-only places.
    await page.click("#select-location-search")
    search_input = page.locator("#location-search-input")
    assert await search_input.get_attribute("placeholder") == "Sök ort"
    matches = page.locator("#location-container button.select-item.mb-2")
    await expect(matches).to_have_count(0)
    await search_input.fill("göteborg")
    await expect(matches).to_have_count(3)
    for name in ("Göteborg Högsbo", "Göteborg-Hisingen", "Göteborg Öst"):
        await matches.filter(has_text=name).click()
    await expect(matches.filter(has_text="Ta bort")).to_have_count(3)
    await search_input.fill("stockholm")
    await expect(matches).to_have_count(0)  # Stockholm City has no Körprov
    await search_input.fill("UPPSALA")
    await matches.filter(has_text="Uppsala").click()
    await expect(page.get_by_text("Välj provort (4/4)")).to_be_visible()
    await search_input.fill("malm")
    await expect(matches.filter(has_text="Malmö")).to_be_disabled()
    await search_input.fill("")
    await expect(matches).to_have_count(0)
    await page.get_by_role("button", name="Bekräfta").click()
    await expect(page.locator("#location-search-input")).to_have_count(0)

    # Results: one panel per occasion in the exact structure and format.
    await expect(page.get_by_role("heading", name="Lediga provtider")).to_be_visible()
    panels = await page.evaluate(PANELS_JS)
    assert panels
    chosen = {"Göteborg Högsbo", "Göteborg-Hisingen", "Göteborg Öst", "Uppsala"}
    starts = []
    for panel in panels:
        assert panel["cols"] == 2
        assert panel["button"] == "Välj"
        assert panel["place"] in chosen
        assert panel["name"] == "Körprov B"
        assert PRICE_RE.match(panel["price"]), panel["price"]
        starts.append(_parse_swedish(panel["strong"]))
    assert starts == sorted(starts)
    last = queries[-1]
    assert last["locationId"] == 1000325
    assert last["nearbyLocationIds"] == [1000143, 1000339, 1000071]
    assert (last["vehicleTypeId"], last["examinationTypeId"], last["languageId"]) == (4, 12, 0)

    # A competitor takes the slot first: the error shows and the results refresh.
    taken = await control.post(
        "/_replica/competitor", json={"mode": "on_reserve", "match": {}, "delay_ms": 0, "count": 1}
    )
    assert taken.status_code == 200, taken.text
    await page.locator("section#results-desktop button", has_text="Välj").first.click()
    await expect(page.locator(".alert-danger")).to_contain_text("Tiden är inte längre tillgänglig")
    await expect(page.locator("section#results-desktop div.panel").first).to_be_visible()
    await expect(page.locator(".alert-danger")).to_be_visible()
    panel = (await page.evaluate(PANELS_JS))[0]
    await page.locator("section#results-desktop button", has_text="Välj").first.click()

    # Cart, pay later, confirmation.
    await page.wait_for_url(re.compile(r"/Boka/ng/reservation$"))
    await expect(page.locator("#reservation-countdown")).to_have_text(re.compile(r"^1[45]:\d\d$"))
    await expect(page.locator(".reserved-occasion")).to_contain_text(panel["place"])
    await page.click("#cart-continue-button")
    await page.click("#pay-invoice-button")
    await page.wait_for_url(re.compile(r"/Boka/ng/confirmation/\d+$"))
    await expect(page.get_by_role("heading", name="Bokningen är klar")).to_be_visible()
    booking_id = page.url.rsplit("/", 1)[1]
    summary = page.locator("#booking-summary")
    assert await summary.get_attribute("data-booking-id") == booking_id
    await expect(summary).to_contain_text(panel["strong"])
    await expect(summary).to_contain_text(panel["place"])
    await expect(summary).to_contain_text(panel["price"])

    bookings = (await control.get("/_replica/bookings")).json()["bookings"]
    mine = [b for b in bookings if b["by"] == "user"]
    assert len(mine) == 1
    booking = mine[0]
    assert booking["bookingId"] == booking_id
    assert booking["status"] == "confirmed"
    assert (booking["examinationTypeId"], booking["vehicleTypeId"]) == (12, 4)
    assert booking["locationName"] == panel["place"]
    assert _swedish(booking["start"]) == panel["strong"]

    # Searching the same exam type again names the booking that a new time would replace.
    await page.click("#desktop-booking-button")
    await page.wait_for_url(re.compile(r"/Boka/ng/search/[A-Za-z]{14}/5/12/0/0$"))
    await expect(page.locator("#app-main .alert-warning")).to_contain_text("Befintlig bokning")

    # Mina prov lists it; "Omboka" books a new time and cancels the old one.
    await page.click("#desktop-exams-button")
    await page.wait_for_url(re.compile(r"/Boka/ng/exams$"))
    card = page.locator(".exam-item")
    await expect(card).to_have_count(1)
    await expect(card).to_contain_text(panel["strong"])
    await expect(page.locator("#app-main")).not_to_contain_text("null")
    await card.locator("#id-button-canReschedule", has_text="Omboka").click()
    await page.wait_for_url(re.compile(r"/Boka/ng/search/[A-Za-z]{14}/5/12/0/0$"))
    await page.select_option("select#vehicle-select", label="Manuell bil")
    await _choose_locations(page, ["Malmö"])
    await page.get_by_role("button", name="Bekräfta").click()
    await page.locator("section#results-desktop button", has_text="Välj").first.click()
    await page.wait_for_url(re.compile(r"/Boka/ng/reservation$"))
    await expect(page.locator(".cancellations")).to_contain_text("Avbokas när du betalar")
    await page.click("#cart-continue-button")
    await page.click("#pay-invoice-button")
    await page.wait_for_url(re.compile(r"/Boka/ng/confirmation/\d+$"))
    await expect(page.locator("#booking-summary")).to_contain_text("Malmö")
    rebooked_id = page.url.rsplit("/", 1)[1]
    statuses = {
        b["bookingId"]: b["status"]
        for b in (await control.get("/_replica/bookings")).json()["bookings"]
        if b["by"] == "user"
    }
    assert statuses == {booking_id: "cancelled", rebooked_id: "confirmed"}

    # "Avboka" cancels the new one.
    await page.click("#desktop-exams-button")
    await expect(card).to_have_count(1)
    await expect(card).to_contain_text("Malmö")
    await card.get_by_role("button", name="Avboka").click()
    await card.get_by_role("button", name="Ja, avboka").click()
    await expect(page.get_by_text("Provet är avbokat.")).to_be_visible()
    await expect(card).to_have_count(0)
    after = (await control.get("/_replica/bookings", params={"status": "confirmed"})).json()
    assert [b for b in after["bookings"] if b["by"] == "user"] == []


async def test_kunskapsprov_language_mobile_results_and_no_match(
    page: Page, replica_url: str, control: httpx.AsyncClient
) -> None:
    switched = await control.patch("/_replica/config", json={"mobile_results": True})
    assert switched.status_code == 200, switched.text
    await _login(page, replica_url, control)
    await page.click(".list-group-item[title='B']")
    await page.select_option("select#examination-type-select", label="Kunskapsprov")
    await page.wait_for_url(re.compile(r"/5/3/0/0$"))
    await expect(page.locator("select#vehicle-select")).to_be_hidden()
    await page.select_option("select#language-select", label="Svenska")
    await _choose_locations(page, ["Stockholm City"])
    await page.get_by_role("button", name="Bekräfta").click()
    await expect(page.get_by_role("heading", name="Lediga provtider")).to_be_visible()
    first = (await page.evaluate(PANELS_JS))[0]
    assert (first["place"], first["name"]) == ("Stockholm City", "Kunskapsprov B")
    await expect(page.locator("section#results-mobile")).to_be_hidden()
    assert await page.locator("section#results-mobile div.panel").count() == len(
        await page.evaluate(PANELS_JS)
    )

    # Reloading the deep link keeps the choices and searches again.
    await page.reload()
    await expect(page.locator("select#language-select option:checked")).to_have_text("Svenska")
    await expect(page.get_by_role("heading", name="Lediga provtider")).to_be_visible()

    # A hold that runs out disables the way on from the cart.
    short = await control.patch("/_replica/config", json={"hold_minutes": 0.05})
    assert short.status_code == 200, short.text
    await page.locator("section#results-desktop button", has_text="Välj").first.click()
    await page.wait_for_url(re.compile(r"/Boka/ng/reservation$"))
    await expect(page.locator(".alert-danger")).to_have_text("Reservationen har gått ut")
    await expect(page.locator("#cart-continue-button")).to_be_disabled()
    await page.go_back()
    await expect(page.get_by_role("heading", name="Lediga provtider")).to_be_visible()

    assert (await control.delete("/_replica/slots")).status_code == 200
    await page.select_option("select#language-select", label="Engelska")
    await expect(page.get_by_text("Hittar inga lediga tider som matchar dina val")).to_be_visible()
    await expect(page.locator("section#results-desktop")).to_have_count(0)

    # A session that dies mid-search (here the `{"status": 401}` variant) reopens the login.
    expired = await control.post(
        "/_replica/sessions/expire", json={"who": "all", "style": "status_401"}
    )
    assert expired.status_code == 200, expired.text
    await page.select_option("select#language-select", label="Svenska")
    await expect(page.locator(".overlay-container.show .login-title")).to_have_text("Logga in")
    await expect(page.locator("#desktop-login-button")).to_have_text("Logga in")
