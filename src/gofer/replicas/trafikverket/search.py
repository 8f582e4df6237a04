"""The `occasion-bundles` paging rule (spec §3.3): a month cursor, a cap, free visible slots only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .clock import STOCKHOLM
from .reference import EXAM_TYPES, VEHICLE_OWN
from .slots import Slot, add_months, valid_variants
from .state import ReplicaState

MAX_NEARBY_LOCATIONS = 3


@dataclass(frozen=True)
class OccasionQuery:
    start_date: datetime | None  # None, or the 1970 value: "from now"
    searched_months: int
    location_ids: tuple[int, ...]  # the chosen place first, then at most three nearby
    examination_type_id: int
    vehicle_type_id: int
    language_id: int


@dataclass(frozen=True)
class SearchPage:
    bundles: list[list[Slot]]
    searched_months: int  # the next month to search


def place_ids(location_id: int, nearby: list[int]) -> tuple[int, ...]:
    """The chosen place plus at most three nearby ones; extras are dropped silently."""
    ordered: list[int] = []
    for place in [location_id, *nearby[:MAX_NEARBY_LOCATIONS]]:
        if place and place not in ordered:
            ordered.append(place)
    return tuple(ordered)


def find_bundles(state: ReplicaState, query: OccasionQuery, now: datetime) -> SearchPage:
    config = state.config
    last_month = config.max_search_months
    exam = EXAM_TYPES.get(query.examination_type_id)
    if exam is None or not query.location_ids:
        return SearchPage([], max(query.searched_months, last_month))
    variant = query.vehicle_type_id if exam.is_driving else query.language_id
    allowed = set(valid_variants(exam))
    if not config.own_vehicle_option:
        allowed.discard(VEHICLE_OWN)
    if variant not in allowed:
        return SearchPage([], max(query.searched_months, last_month))

    anchor = max(query.start_date or now, now)
    anchor_local = anchor.astimezone(STOCKHOLM)
    today = state.clock.today()
    month = max(0, query.searched_months)
    order = {place: index for index, place in enumerate(query.location_ids)}
    while month < last_month:
        year, month_number = add_months(anchor_local.year, anchor_local.month, month)
        month += 1
        found = [
            slot
            for place in query.location_ids
            for slot in state.slots.month(
                config, today, place, exam.id, variant, year, month_number
            )
            if slot.start >= anchor and slot.visible_at(now) and not state.ledger.is_taken(slot.key)
        ]
        if found:
            found.sort(key=lambda slot: (slot.start, order[slot.location_id]))
            bundles = [[slot] for slot in found]
            if config.duplicate_occasions:
                # Every third occasion comes twice, as repeats were reported on the real site.
                bundles = [
                    b for index, b in enumerate(bundles) for _ in range(1 + (index % 3 == 0))
                ]
            return SearchPage(bundles[: config.bundle_cap], month)
    return SearchPage([], max(month, last_month))
