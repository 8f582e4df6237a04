"""Finding the earliest free slot that fits a booking request, across places and months."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from gofer.workflows.trafikverket.site_changed import answer_changed

STOCKHOLM = ZoneInfo("Europe/Stockholm")
FROM_NOW = "1970-01-01T00:00:00.000Z"  # the site's "from now" start date
MAX_PLACES_PER_QUERY = 4  # one locationId plus at most 3 nearbyLocationIds


@dataclass(frozen=True)
class SlotWindow:
    """Which slots are acceptable: days, times of day and weekdays (Stockholm wall clock)."""

    date_from: date | None = None
    date_to: date | None = None
    time_from: time | None = None
    time_to: time | None = None
    weekdays: frozenset[int] | None = None

    def accepts(self, start: datetime) -> bool:
        local = start.astimezone(STOCKHOLM)
        day, clock = local.date(), local.time().replace(tzinfo=None)
        if self.date_from and day < self.date_from:
            return False
        if self.date_to and day > self.date_to:
            return False
        if self.time_from and clock < self.time_from:
            return False
        if self.time_to and clock > self.time_to:
            return False
        return not (self.weekdays and local.isoweekday() not in self.weekdays)

    def past_end(self, start: datetime) -> bool:
        return self.date_to is not None and start.astimezone(STOCKHOLM).date() > self.date_to


@dataclass(frozen=True)
class OccasionQuery:
    """What to ask `occasion-bundles` for (ids as the site knows them)."""

    location_ids: tuple[int, ...]
    examination_type_id: int
    vehicle_type_id: int
    language_id: int

    def body(
        self, booking_session: dict[str, Any], start_date: str, month: int, places: tuple[int, ...]
    ) -> dict[str, Any]:
        return {
            "bookingSession": booking_session,
            "occasionBundleQuery": {
                "startDate": start_date,
                "searchedMonths": month,
                "locationId": places[0],
                "nearbyLocationIds": list(places[1:]),
                "languageId": self.language_id,
                "vehicleTypeId": self.vehicle_type_id,
                "tachographTypeId": 1,
                "occasionChoiceId": 1,
                "examinationTypeId": self.examination_type_id,
            },
        }


@dataclass(frozen=True)
class Slot:
    """A free occasion as the site returned it, kept whole for `create-reservation`."""

    occasion: dict[str, Any]
    cost: str

    @property
    def start(self) -> datetime:
        return datetime.fromisoformat(self.occasion["duration"]["start"])

    @property
    def key(self) -> tuple[int, str, int]:
        o = self.occasion
        return (int(o["locationId"]), o["duration"]["start"], int(o["examinationTypeId"]))

    def describe(self) -> dict[str, Any]:
        o = self.occasion
        return {
            "date": o.get("date") or self.start.astimezone(STOCKHOLM).date().isoformat(),
            "time": o.get("time") or self.start.astimezone(STOCKHOLM).strftime("%H:%M"),
            "start": o["duration"]["start"],
            "location": o.get("locationName"),
            "location_id": o.get("locationId"),
            "exam": o.get("name"),
            "price": self.cost or o.get("cost"),
            "price_text": o.get("costText"),
        }


def missing_field(occasion: Any) -> str | None:
    """The field a booking needs that this occasion lacks (or has in a form it cannot use)."""
    if not isinstance(occasion, dict):
        return "occasions[]"
    duration = occasion.get("duration")
    start = duration.get("start") if isinstance(duration, dict) else None
    try:
        datetime.fromisoformat(str(start))
    except ValueError:
        return "duration.start"
    for name in ("locationId", "examinationTypeId"):
        try:
            int(occasion[name])
        except (KeyError, TypeError, ValueError):
            return name
    return None


def check_usable(bundles: list[dict[str, Any]]) -> None:
    """Bundles with not one usable occasion mean the site's answer changed, never "no slot yet"."""
    problems = [missing_field(o) for b in bundles for o in b.get("occasions") or [None]]
    if problems and all(problems):
        raise answer_changed("occasion-bundles", str(problems[0]), step="searching")


def start_date_for(window: SlotWindow, now: datetime) -> str:
    """The query's start date: the window's first day if it lies ahead, else 'from now'."""
    if window.date_from is None:
        return FROM_NOW
    first = datetime.combine(window.date_from, time(0), STOCKHOLM)
    if first <= now:
        return FROM_NOW
    return first.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def fitting_slots(
    bundles: list[dict[str, Any]], query: OccasionQuery, window: SlotWindow, exclude: set[Any]
) -> list[Slot]:
    """Occasions from the chosen places, of the asked kind, inside the window, not excluded."""
    found: list[Slot] = []
    wanted = set(query.location_ids)
    for bundle in bundles:
        occasions = bundle.get("occasions") or []
        # Only single-occasion bundles are booked: a multi-occasion bundle books several tests.
        if len(occasions) != 1:
            continue
        occasion = occasions[0]
        if missing_field(occasion) is not None:
            continue
        slot = Slot(occasion, str(bundle.get("cost") or occasion.get("cost") or ""))
        if int(occasion.get("locationId", 0)) not in wanted:
            continue
        if int(occasion.get("examinationTypeId", 0)) != query.examination_type_id:
            continue
        if query.vehicle_type_id and int(occasion.get("vehicleTypeId") or 0) not in (
            0,
            query.vehicle_type_id,
        ):
            continue
        if slot.key in exclude or not window.accepts(slot.start):
            continue
        found.append(slot)
    return found


Fetch = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


async def earliest_slot(
    fetch: Fetch,
    booking_session: dict[str, Any],
    query: OccasionQuery,
    window: SlotWindow,
    *,
    now: datetime,
    max_months: int,
    exclude: set[Any] | None = None,
    bundle_cap: int = 500,
) -> Slot | None:
    """Walks month by month (the site's cursor) until a fitting slot or the window's end."""
    exclude = exclude or set()
    start_date = start_date_for(window, now)
    groups = [
        query.location_ids[i : i + MAX_PLACES_PER_QUERY]
        for i in range(0, len(query.location_ids), MAX_PLACES_PER_QUERY)
    ]
    best: Slot | None = None
    for places in groups:
        month = 0
        for _ in range(max_months + 1):
            page = await fetch(query.body(booking_session, start_date, month, places))
            bundles = page.get("bundles") or []
            check_usable(bundles)
            candidates = fitting_slots(bundles, query, window, exclude)
            if len(bundles) >= bundle_cap and len(places) > 1:
                # The site drops the latest slots beyond its cap: ask each place alone so a
                # place with only late slots is not crowded out by a busy neighbour.
                for place in places:
                    single = await fetch(query.body(booking_session, start_date, month, (place,)))
                    candidates += fitting_slots(single.get("bundles") or [], query, window, exclude)
            if candidates:
                first = min(candidates, key=lambda s: s.start)
                if best is None or first.start < best.start:
                    best = first
                break
            next_month = int(page.get("searchedMonths", month + 1))
            starts = [
                Slot(b["occasions"][0], "").start
                for b in bundles
                if b.get("occasions") and missing_field(b["occasions"][0]) is None
            ]
            if starts and all(window.past_end(s) for s in starts):
                break
            if not bundles and next_month >= max_months:
                break
            if next_month <= month:
                break  # a cursor that does not move would loop forever
            month = next_month
    return best
