"""Books a driving test on Trafikverket's "Boka prov", proving the booking before reporting it."""

from __future__ import annotations

import asyncio
import functools
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from playwright.async_api import Page
from pydantic import BaseModel
from rapidfuzz import process

from gofer.browser.pool import Warmup
from gofer.browser.qr import decode_data_url
from gofer.events.model import BOOKING_COMPLETED, BOOKING_STARTED, SLOT_FOUND, WARNING
from gofer.jobs.model import JobFailure
from gofer.workflows.base import BOOKING_KIND, StepContext
from gofer.workflows.trafikverket import reference
from gofer.workflows.trafikverket.holds import report_hold
from gofer.workflows.trafikverket.monitor import page_again, release_page
from gofer.workflows.trafikverket.pages import BookingPages, PaymentNotConfirmed
from gofer.workflows.trafikverket.params import STOCKHOLM, BookingParams
from gofer.workflows.trafikverket.site import SessionExpired, SiteApi, SiteError, SiteUnavailable
from gofer.workflows.trafikverket.site_changed import SiteChanged, login_unless_qr_unreadable
from gofer.workflows.trafikverket.slots import OccasionQuery, Slot, SlotWindow, earliest_slot
from gofer.workflows.trafikverket.steps import PROGRESS, BookingStep

SLOT_TAKEN_HINTS = ("inte längre tillgänglig", "not available")
MAX_LOGIN_ATTEMPTS = 3
MAX_RESERVE_ATTEMPTS = 5  # distinct slots tried when others keep taking them first


@functools.cache
def start_page_warmup(base_url: str) -> Warmup:
    """The site's start page with consent given: what every booking opens first."""

    async def prepare(page: Page) -> None:
        await BookingPages(page, base_url).prepare_start()

    return Warmup(key=f"trafikverket:{base_url}", prepare=prepare)


class BookingWorkflow:
    name: ClassVar[str] = "trafikverket.book"
    kind: ClassVar[str] = BOOKING_KIND
    progress: ClassVar[dict[str, int]] = PROGRESS
    params_model: ClassVar[type[BaseModel]] = BookingParams
    completed_event: ClassVar[str] = BOOKING_COMPLETED
    failed_event: ClassVar[str | None] = BOOKING_COMPLETED
    started_event: ClassVar[str | None] = BOOKING_STARTED

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        return await run_on_site(ctx, BookingRun)


async def run_on_site(
    ctx: StepContext, run_type: Callable[[StepContext, Page, SiteApi], BookingRun]
) -> dict[str, Any]:
    """One walk through the site (book, rebook, cancel) in the job's browser context.

    A failure is explained (what changed, evidence, a held slot) before the context is gone."""
    async with ctx.browser(start_page_warmup(ctx.settings.trafikverket_base_url)) as context:
        page = context.pages[0] if context.pages else await context.new_page()
        # Short waits: a page element missing this long means the site changed.
        context.set_default_timeout(ctx.settings.site_step_timeout_s * 1000)
        walk = run_type(ctx, page, SiteApi(context.request, ctx.settings.trafikverket_base_url))
        ctx.page_for_person = walk.reopen_page
        try:
            return await walk.run()
        except Exception as exc:  # told before the page and the context are gone
            await walk.explain(exc)
            raise


class BookingRun:
    """One booking job's walk through the site."""

    def __init__(self, ctx: StepContext, page: Page, api: SiteApi) -> None:
        assert isinstance(ctx.params, BookingParams)
        self.ctx = ctx
        self.params: BookingParams = ctx.params
        self.api = api
        self.pages = BookingPages(
            page, ctx.settings.trafikverket_base_url, self.warn, self.offer_takeover
        )
        self.ssn = ""
        self.licence_id = reference.LICENCES[self.params.license_type]
        self.query: OccasionQuery | None = None
        self.max_months = 6
        self.taken: set[Any] = set()
        self.reserved: Slot | None = None  # held for the person, not yet paid
        self.qr_readable = asyncio.Event()  # a relayed QR this login held a readable code

    async def reopen_page(self) -> None:
        """A page at the site's start (logged in) if the job released its own while waiting."""
        self.pages = await page_again(self.pages)

    async def warn(self, message: str, code: str) -> None:
        await self.ctx.emit(WARNING, {"message": message, "code": code})

    async def offer_takeover(self, failure: SiteChanged) -> bool:
        """A step the site no longer lets the job do, offered to a person in the live view."""
        details = {**(failure.details or {}), "step": failure.step or self.ctx.step_value}
        return await self.ctx.offer_takeover(
            "site_changed",
            f"{failure.message}. You can do this step yourself: take over the browser.",
            self.ctx.settings.site_changed_takeover_offer_s,
            **details,
        )

    async def explain(self, failure: Exception) -> None:
        """Names what changed on the site and tells the person about a slot held for them."""
        settings = self.ctx.settings
        if isinstance(failure, SiteChanged):
            artifacts = (
                f"{settings.effective_public_base_url}/api/v1/jobs/{self.ctx.job_id}/artifacts"
            )
            await failure.describe_page(self.pages.page, self.ctx.step_value, artifacts)
        if self.reserved is not None:
            cart = f"{self.pages.base_url}/Boka/ng/reservation"
            await report_hold(self.ctx, self.api, self.reserved, failure, cart)

    # --- the flow -------------------------------------------------------------------------

    async def run(self) -> dict[str, Any]:
        ctx, p = self.ctx, self.params
        await ctx.step(BookingStep.NAVIGATING, "Opening Boka prov")
        if not self.pages.at_start():  # else the pool had it open, consent given
            await self.pages.install_watchers()
            try:
                await self.pages.open_start()
            except Exception as exc:
                raise JobFailure(
                    f"Could not open the booking site: {exc}", "site_unreachable"
                ) from exc
        await ctx.step(BookingStep.NAVIGATING, "Boka prov is open", progress=12, page_loaded=True)
        await self.pages.accept_cookies()
        await self.login(first=True)
        await self.configure()
        resumed = await self.with_login(self.resume_earlier_attempt)
        if resumed is not None:
            return resumed
        deadline = self.params.monitor_deadline(datetime.now(UTC), self.ctx.settings)
        attempts = 0
        while True:
            slot = await self.with_login(self.search)
            if slot is None:
                now = datetime.now(UTC)
                if now >= deadline:
                    raise JobFailure(
                        "No free slot matched the request before the monitoring deadline.",
                        "no_slot_found",
                    )
                await self.wait_before_next_search(deadline)
                continue
            await ctx.emit(SLOT_FOUND, {**slot.describe(), "auto_book": p.auto_book})
            if not p.auto_book:
                return {
                    "booked": False,
                    "slot": slot.describe(),
                    "message": "Slot found; not booked (auto_book is off)",
                }
            attempts += 1
            result = await self.book(slot)
            if result is not None:
                return result
            if attempts >= MAX_RESERVE_ATTEMPTS:
                raise JobFailure(
                    "Every fitting slot was taken before it could be reserved.", "slots_taken"
                )

    async def login(self, *, first: bool = False) -> None:
        """BankID login: the QR lives on the site's page; it is relayed to the person live."""
        ctx = self.ctx
        reason = "BankID login" if first else "The site's login has expired"
        self.pages = await page_again(self.pages)  # a waiting job has no page open
        for attempt in range(1, MAX_LOGIN_ATTEMPTS + 1):
            await ctx.step(BookingStep.LOGIN, "Opening the login dialog")
            if not first or attempt > 1:
                await self.pages.open_start()
                await self.pages.accept_cookies()
            await self.pages.open_login()
            await ctx.step(BookingStep.BANKID, "Starting Mobilt BankID")
            # Told before the QR arrives, so a client can get ready to scan what follows.
            await ctx.human_needed(
                reason, "scan_qr", message="Scan the QR code with the BankID app"
            )
            await self.pages.start_bankid()
            ctx.forget_qr()
            self.qr_readable.clear()
            await self.pages.watch_qr(self._relay_qr)
            await ctx.step(BookingStep.QR_WAITING, "Scan the QR code with the BankID app")
            try:
                async with ctx.waiting():  # the person scans; no execution slot is held
                    state = await login_unless_qr_unreadable(
                        self.pages.wait_for_login(ctx.settings.login_timeout_s),
                        self.qr_readable,
                        ctx.settings.site_qr_grace_s,
                    )
            except TimeoutError as exc:
                raise JobFailure("The BankID QR was not scanned in time.", "login_timeout") from exc
            finally:
                await self.pages.stop_qr_watch()
            if state.logged_in:
                break
            reason = f"BankID login failed: {state.error}"
        else:
            raise JobFailure("BankID login failed three times.", "login_failed")
        await ctx.step(BookingStep.AUTHENTICATED, "Logged in with BankID")
        information = await self.api.call("licence-information")
        self.ssn = str(information.get("socialSecurityNumber") or "")
        if not self.ssn:
            aspirant = (await self.api.call("information")).get("aspirant") or {}
            self.ssn = str(aspirant.get("socialSecurityNumber") or "")
        ctx.log.info("logged_in")  # never the personnummer, not even part of it

    async def _relay_qr(self, data_url: str) -> None:
        payload = await asyncio.to_thread(decode_data_url, data_url)
        if payload:
            self.qr_readable.set()
        await self.ctx.qr(data_url, payload)

    async def with_login(self, step: Any) -> Any:
        """Runs a step; when the site's session has expired, logs in again and repeats it."""
        for _ in range(MAX_LOGIN_ATTEMPTS):
            try:
                return await step()
            except SessionExpired:
                self.ctx.log.info("session_expired")
                await self.login()
        raise JobFailure("The site kept ending the session.", "session_lost")

    def booking_session(self) -> dict[str, Any]:
        return {
            "socialSecurityNumber": self.ssn,
            "licenceId": self.licence_id,
            "bookingModeId": 0,
            "ignoreDebt": False,
            "ignoreBookingHindrance": False,
            "examinationTypeId": self.query.examination_type_id if self.query else 0,
            "excludeExaminationCategories": [],
            "rescheduleTypeId": 0,
            "paymentIsActive": False,
            "paymentReference": "",
            "paymentUrl": "",
            "searchedMonths": 0,
        }

    async def configure(self) -> None:
        """Licence, exam type, vehicle or language, then places: on the page and checked by the site."""
        ctx, p = self.ctx, self.params
        await ctx.step(BookingStep.CONFIGURING, f"Choosing licence {p.license_type}, {p.exam_type}")
        info = await self.with_login(
            lambda: self.api.call("search-information", {"bookingSession": self.booking_session()})
        )
        self.max_months = int(info.get("maxSearchPeriodInMonths") or 6)
        exam = next(
            (
                e
                for e in info.get("examinationTypes") or []
                if e.get("name") == p.exam_type or str(e.get("name", "")).startswith(p.exam_type)
            ),
            None,
        )
        if exam is None:
            names = [str(e.get("name")) for e in info.get("examinationTypes") or []]
            raise JobFailure(
                f"The site offers no {p.exam_type} for licence {p.license_type} (offers: {', '.join(names)}).",
                "unknown_exam_type",
            )
        vehicle_label = language_label = None
        vehicle_id = language_id = 0
        if p.exam_type == "Körprov":
            vehicle_label = reference.VEHICLES[p.vehicle]
            vehicle = next(
                (v for v in info.get("vehicleTypes") or [] if v.get("name") == vehicle_label), None
            )
            if vehicle is None:
                raise JobFailure(
                    f"The site offers no '{vehicle_label}' for this exam.", "unknown_vehicle"
                )
            vehicle_id = int(vehicle["id"])
        else:
            language_label = reference.LANGUAGES[p.language]
            language = next(
                (
                    lang
                    for lang in info.get("languages") or []
                    if lang.get("name") == language_label
                ),
                None,
            )
            if language is None:
                raise JobFailure(
                    f"The site offers no '{language_label}' language.", "unknown_language"
                )
            language_id = int(language["id"])
        category = int(exam.get("examinationCategory") or 0)
        location_ids = self._site_locations(info, category)
        if not self.pages.page.url.rstrip("/").endswith("/licence"):
            await self.pages.page.goto(f"{self.pages.base_url}/Boka/ng/licence")
        await self.pages.choose_licence(p.license_type)
        await self.pages.choose_exam(p.exam_type, vehicle_label, language_label)
        taken_over = await ctx.step(BookingStep.LOCATIONS, f"Choosing {', '.join(location_ids)}")
        # After a takeover the page is the person's: what it shows now is what stands.
        person_chose = await self._locations_on_page(info, category) if taken_over else {}
        if person_chose:
            location_ids = person_chose
            await ctx.step(BookingStep.LOCATIONS, f"The person chose {', '.join(location_ids)}")
        else:
            if taken_over and "/Boka/ng/search" not in self.pages.page.url:
                await self.pages.page.goto(f"{self.pages.base_url}/Boka/ng/licence")
                await self.pages.choose_licence(p.license_type)
                await self.pages.choose_exam(p.exam_type, vehicle_label, language_label)
            try:
                await self.pages.choose_locations(list(location_ids))
            except LookupError as exc:
                raise JobFailure(
                    f"The site's location picker has no '{exc.args[0]}'.", "unknown_location"
                ) from exc
        self.query = OccasionQuery(
            tuple(location_ids.values()), int(exam["id"]), vehicle_id, language_id
        )

    async def _locations_on_page(self, info: dict[str, Any], category: int) -> dict[str, int]:
        """The places the site's search page shows as chosen, by the site's own ids."""
        if "/Boka/ng/search" not in self.pages.page.url:
            return {}
        names = await self.pages.chosen_locations()
        offered = self._offered_locations(info, category)
        return {name: offered[name] for name in names if name in offered}

    @staticmethod
    def _offered_locations(info: dict[str, Any], category: int) -> dict[str, int]:
        offered: dict[str, int] = {}
        for entry in info.get("locations") or []:
            categories = {int(c.get("value", 0)) for c in entry.get("examinationCategories") or []}
            if category and categories and category not in categories:
                continue
            location = entry.get("location") or {}
            offered[str(location.get("name"))] = int(location.get("id") or 0)
        return offered

    def _site_locations(self, info: dict[str, Any], category: int) -> dict[str, int]:
        """The asked places, checked against the site's own list (the authority)."""
        offered = self._offered_locations(info, category)
        index = reference.fold_index(list(offered))
        chosen: dict[str, int] = {}
        for name in self.params.locations:
            site_name = reference.canonical_location(name, index)
            if site_name is None:
                close = [m[0] for m in process.extract(name, list(offered), limit=3)]
                raise JobFailure(
                    f"The site has no location '{name}' for this exam. Close: {', '.join(close)}",
                    "unknown_location",
                )
            chosen[site_name] = offered[site_name]
        return chosen

    async def search(self) -> Slot | None:
        assert self.query is not None
        p = self.params
        await self.ctx.step(BookingStep.SEARCHING, "Searching for free slots")
        window = SlotWindow(
            p.date_from,
            p.date_to,
            p.time_from,
            p.time_to,
            frozenset(p.weekdays) if p.weekdays else None,
        )
        return await earliest_slot(
            lambda body: self.api.call("occasion-bundles", body),
            self.booking_session(),
            self.query,
            window,
            now=datetime.now(UTC),
            max_months=self.max_months,
            exclude=self.taken,
        )

    async def wait_before_next_search(self, deadline: datetime) -> None:
        interval = self.params.poll_interval_s
        # Jitter spreads many monitoring jobs so they don't all hit the site together.
        delay = interval * random.uniform(0.8, 1.2)
        remaining = (deadline - datetime.now(UTC)).total_seconds()
        delay = max(0.0, min(delay, remaining))
        next_at = datetime.now(UTC) + timedelta(seconds=delay)
        await release_page(self.pages)  # searches need no page: the wait costs no renderer
        await self.ctx.step(
            BookingStep.MONITORING,
            f"No fitting slot yet; next search in {delay:.0f} s",
            next_search_at=next_at.isoformat(),
            deadline=deadline.isoformat(),
        )
        await self.ctx.idle(delay)  # a takeover request cuts the wait short

    # --- a job run again after its worker stopped --------------------------------------------

    async def resume_earlier_attempt(self) -> dict[str, Any] | None:
        """Continues where an earlier attempt of this job stopped, so nothing is booked twice.

        The site's records decide: a booked exam that fits the request is proved and reported
        (a person holds one booked exam of a type at a time; the site would reschedule, not add
        one), and a fitting hold in the cart is paid for instead of reserving another slot.
        """
        if self.query is None:
            return None
        # Booked exams are claimed only by the same job; a hold of the person's (from any
        # earlier job) that fits is paid rather than reserving another slot.
        booked = await self.api.call("examinations") if self.ctx.job.attempt > 1 else {}
        for exam in booked.get("confirmedExaminations") or []:
            place = exam.get("place") or {}
            occasion = {"locationName": place.get("locationName"), **exam}
            slot = self._fitting_slot(
                occasion, (exam.get("paymentInformation") or {}).get("cost") or ""
            )
            if slot is not None:
                await self.ctx.step(
                    BookingStep.BOOKING, "Found the booking an earlier attempt made"
                )
                booking_id = str(exam.get("bookingId") or exam.get("referenceId") or "")
                return await self.prove(slot, booking_id)
        cart = await self.api.call(
            "reservation-information", {"bookingSession": self.booking_session()}
        )
        for occasion in cart.get("reservations") or []:
            slot = self._fitting_slot(occasion, str(occasion.get("cost") or ""))
            if slot is not None and await self.held(slot):
                await self.ctx.step(
                    BookingStep.BOOKING, "Paying for the slot an earlier attempt held"
                )
                self.reserved = slot
                # Run inside `with_login`: an expired login re-reads the site from the start.
                return await self.prove(slot, await self.pay_later(slot))
        return None

    def _fitting_slot(self, occasion: dict[str, Any], cost: str) -> Slot | None:
        """The site's exam or hold as a Slot, if it is one this job asked for."""
        assert self.query is not None
        p = self.params
        window = SlotWindow(
            p.date_from,
            p.date_to,
            p.time_from,
            p.time_to,
            frozenset(p.weekdays) if p.weekdays else None,
        )
        try:
            slot = Slot(dict(occasion), str(cost))
            fits = (
                int(occasion.get("locationId") or 0) in self.query.location_ids
                and int(occasion.get("examinationTypeId") or 0) == self.query.examination_type_id
                and window.accepts(slot.start)
            )
        except (KeyError, TypeError, ValueError):
            return None
        return slot if fits else None

    # --- booking: reserve, verify, pay later, prove -----------------------------------------

    async def book(self, slot: Slot) -> dict[str, Any] | None:
        """Reserves, checks, pays later and proves the booking. None when the slot was lost."""
        ctx = self.ctx
        await ctx.step(
            BookingStep.BOOKING,
            f"Reserving {slot.describe()['date']} {slot.describe()['time']} in {slot.occasion.get('locationName')}",
        )
        if not await self.with_login(lambda: self.reserve(slot)):
            self.taken.add(slot.key)
            return None
        self.reserved = slot
        booking_id = await self.with_login(lambda: self.pay_later(slot))
        return await self.with_login(lambda: self.prove(slot, booking_id))

    async def reserve(self, slot: Slot) -> bool:
        """Holds the slot. Never repeated blindly: after an unclear answer, the cart is read first."""
        if await self.held(slot):
            return True
        try:
            await self.api.call(
                "create-reservation",
                {
                    "bookingSession": self.booking_session(),
                    "occasionBundle": {"occasions": [slot.occasion], "cost": slot.cost},
                },
            )
        except SessionExpired:
            raise
        except SiteUnavailable:
            # Unknown whether the hold was made: the cart says.
            pass
        except SiteError as exc:
            if any(h in exc.message for h in SLOT_TAKEN_HINTS):
                await self.ctx.step(
                    BookingStep.SEARCHING, "The slot was taken by someone else; searching again"
                )
                return False
            raise JobFailure(
                f"The site refused the reservation: {exc.message}", "reservation_refused"
            ) from exc
        if await self.held(slot):
            return True
        await self.ctx.step(BookingStep.SEARCHING, "The slot could not be held; searching again")
        return False

    async def held(self, slot: Slot) -> bool:
        """Reads the reservation back and checks it is the chosen slot."""
        data = await self.api.call("get-active-reservations")
        start = slot.start.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
        for reservation in data.get("activeReservations") or []:
            if (
                int(reservation.get("locationId", 0)) == int(slot.occasion["locationId"])
                and str(reservation.get("startDate", ""))[:16] == start
                and int(reservation.get("examinationTypeId", 0))
                == int(slot.occasion["examinationTypeId"])
            ):
                return True
        return False

    async def pay_later(self, slot: Slot) -> str:
        """ "Betala senare" on the cart page. Paid at most once: a repeat finds no hold to pay."""
        self.pages = await page_again(self.pages)
        await self.pages.open_cart()
        try:
            return await self.pages.pay_later()
        except PaymentNotConfirmed as exc:
            existing = await self.booked_examination(slot)
            if existing is not None:
                # A booked exam names its booking in `referenceId`.
                return str(existing.get("referenceId") or existing.get("id"))
            if "inloggad" in str(exc).lower():
                raise SessionExpired(str(exc)) from exc
            raise JobFailure(
                f"Paying later failed: {exc or 'no confirmation page'}", "payment_failed"
            ) from exc

    async def booked_examination(self, slot: Slot) -> dict[str, Any] | None:
        data = await self.api.call("examinations")
        for exam in data.get("confirmedExaminations") or []:
            if self._same_slot(exam, slot):
                return dict(exam)
        return None

    def _same_slot(self, exam: dict[str, Any], slot: Slot) -> bool:
        start = (exam.get("duration") or {}).get("start") or exam.get("startDate")
        if not start:
            return False
        try:
            same_time = datetime.fromisoformat(str(start)) == slot.start
        except ValueError:
            same_time = str(start)[:16] == slot.start.astimezone(STOCKHOLM).strftime(
                "%Y-%m-%d %H:%M"
            )
        return same_time and int(
            exam.get("examinationTypeId") or slot.occasion["examinationTypeId"]
        ) == int(slot.occasion["examinationTypeId"])

    async def prove(self, slot: Slot, booking_id: str) -> dict[str, Any]:
        """The site's own summary must list the booked slot; otherwise nothing is claimed."""
        summary = await self.api.call(
            "summary",
            {
                "socialSecurityNumber": self.ssn,
                "bookingId": booking_id,
                "licenceId": self.licence_id,
            },
        )
        confirmed = [
            e for e in summary.get("confirmedExaminations") or [] if self._same_slot(e, slot)
        ]
        if not confirmed:
            raise JobFailure(
                "The site's summary does not list the booked slot.", "booking_unverified"
            )
        details = slot.describe()
        return {
            "booked": True,
            "booking_id": booking_id,
            "date": details["date"],
            "time": details["time"],
            "location": details["location"],
            "location_id": details["location_id"],
            "exam": details["exam"],
            "price": details["price"],
            "price_text": details["price_text"],
            "start": details["start"],
            "verified": True,
            "message": f"Booked {details['exam']} {details['date']} {details['time']} in {details['location']}",
        }
