"""Free exam slots: deterministic per-day generation (spec §7) plus slots added by tests."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from .clock import STOCKHOLM
from .config import ReplicaConfig
from .reference import (
    EXAM_TYPES,
    GENERATED_EXAM_TYPE_IDS,
    LANGUAGES,
    LOCATIONS,
    VEHICLE_NAMES,
    ExamType,
    offers,
)

# Candidate start times (Stockholm): Körprov every 50 min 08:00–15:30 plus two evening slots.
KORPROV_TIMES: tuple[time, ...] = (
    *(time(8 + (minutes // 60), minutes % 60) for minutes in range(0, 451, 50)),
    time(17, 0),
    time(17, 50),
)
KUNSKAPSPROV_TIMES: tuple[time, ...] = (time(8, 30), time(10, 30), time(13, 0), time(15, 0))

# Density ramps from this share of `slot_density` on the first bookable day up to the full
# value RAMP_DAYS later: the near weeks are mostly booked out, as on the real site.
RAMP_START_FACTOR = 0.25
RAMP_DAYS = 28
WEEKEND_FACTOR = 0.5

SlotKey = tuple[int, int, int, int]  # location, exam type, vehicle-or-language, start epoch s


@dataclass(frozen=True, slots=True)
class Slot:
    """One bookable seat: a place, an exam type, a vehicle (Körprov) or language, a start."""

    location_id: int
    exam_type_id: int
    variant: int  # vehicleTypeId for driving tests, languageId for theory tests
    start: datetime  # UTC
    visible_from: datetime | None = None

    @property
    def key(self) -> SlotKey:
        return (self.location_id, self.exam_type_id, self.variant, int(self.start.timestamp()))

    @property
    def exam(self) -> ExamType:
        return EXAM_TYPES[self.exam_type_id]

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(STOCKHOLM)

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.exam.minutes)

    @property
    def vehicle_type_id(self) -> int:
        return self.variant if self.exam.is_driving else 0

    @property
    def language_id(self) -> int:
        return 0 if self.exam.is_driving else self.variant

    @property
    def increased_fee(self) -> bool:
        local = self.local_start
        return local.weekday() >= 5 or local.time() >= time(17, 0)

    @property
    def cost(self) -> int:
        return self.exam.increased_cost if self.increased_fee else self.exam.cost

    def visible_at(self, now: datetime) -> bool:
        return self.visible_from is None or now >= self.visible_from


def valid_variants(exam: ExamType) -> tuple[int, ...]:
    return tuple(VEHICLE_NAMES) if exam.is_driving else tuple(LANGUAGES)


def _day_seed(seed: int, location_id: int, exam_type_id: int, variant: int, day: date) -> int:
    # A stable digest (not hash()) so the same inputs give the same slots in every process.
    text = f"{seed}|{location_id}|{exam_type_id}|{variant}|{day.isoformat()}"
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def generate_day(
    config: ReplicaConfig,
    today: date,
    location_id: int,
    exam_type_id: int,
    variant: int,
    day: date,
) -> list[Slot]:
    """The generated free slots of one place, exam type and vehicle/language on one day."""
    exam = EXAM_TYPES.get(exam_type_id)
    location = LOCATIONS.get(location_id)
    if exam is None or location is None or exam_type_id not in GENERATED_EXAM_TYPE_IDS:
        return []
    if not offers(location, exam) or variant not in valid_variants(exam):
        return []
    ahead = (day - today).days
    if ahead < config.slot_first_day or ahead > config.slot_last_day:
        return []
    ramp = min(
        1.0,
        RAMP_START_FACTOR + (1 - RAMP_START_FACTOR) * (ahead - config.slot_first_day) / RAMP_DAYS,
    )
    chance = config.slot_density * ramp * (WEEKEND_FACTOR if day.weekday() >= 5 else 1.0)
    rng = random.Random(_day_seed(config.seed, location_id, exam_type_id, variant, day))
    slots = []
    for start in KORPROV_TIMES if exam.is_driving else KUNSKAPSPROV_TIMES:
        # One draw per candidate whatever the chance, so a higher density only adds slots.
        if rng.random() < chance:
            local = datetime.combine(day, start, tzinfo=STOCKHOLM)
            slots.append(Slot(location_id, exam_type_id, variant, local.astimezone(UTC)))
    return slots


def month_days(year: int, month: int) -> list[date]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return [first + timedelta(days=offset) for offset in range((following - first).days)]


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


class SlotBook:
    """All slots that exist: generated ones (lazily, a month at a time, cached) and added ones.

    Whether a slot is free (not held or booked) is the ledger's business, not this one's.
    """

    def __init__(self) -> None:
        self.generated_enabled = True
        self._added: dict[SlotKey, Slot] = {}
        self._cache: dict[tuple[int, int, int, int, int], list[Slot]] = {}
        self._cache_signature: tuple[object, ...] = ()

    def reset(self) -> None:
        self.generated_enabled = True
        self._added.clear()
        self._cache.clear()

    def remove_all(self) -> None:
        """Remove every slot, generated ones included, until the next reset."""
        self.generated_enabled = False
        self._added.clear()

    def add(self, slot: Slot) -> None:
        self._added[slot.key] = slot

    def added(self) -> list[Slot]:
        return sorted(self._added.values(), key=lambda slot: (slot.start, slot.location_id))

    def _generated_month(
        self, config: ReplicaConfig, today: date, key: tuple[int, int, int, int, int]
    ) -> list[Slot]:
        signature = (
            config.seed,
            config.slot_density,
            config.slot_first_day,
            config.slot_last_day,
            today,
        )
        if signature != self._cache_signature:
            self._cache.clear()
            self._cache_signature = signature
        cached = self._cache.get(key)
        if cached is None:
            location_id, exam_type_id, variant, year, month = key
            cached = [
                slot
                for day in month_days(year, month)
                for slot in generate_day(config, today, location_id, exam_type_id, variant, day)
            ]
            self._cache[key] = cached
        return cached

    def month(
        self,
        config: ReplicaConfig,
        today: date,
        location_id: int,
        exam_type_id: int,
        variant: int,
        year: int,
        month: int,
    ) -> list[Slot]:
        """Every slot (free or not, visible or not) of one place/exam/variant in a local month."""
        merged: dict[SlotKey, Slot] = {}
        if self.generated_enabled:
            key = (location_id, exam_type_id, variant, year, month)
            for slot in self._generated_month(config, today, key):
                merged[slot.key] = slot
        for slot in self._added.values():
            local = slot.local_start
            if (
                slot.location_id == location_id
                and slot.exam_type_id == exam_type_id
                and slot.variant == variant
                and (local.year, local.month) == (year, month)
            ):
                merged[slot.key] = slot
        return sorted(merged.values(), key=lambda slot: slot.start)

    def find(
        self,
        config: ReplicaConfig,
        today: date,
        location_id: int,
        exam_type_id: int,
        variant: int,
        start: datetime,
    ) -> Slot | None:
        """The slot with exactly this identity, if it exists."""
        wanted = (location_id, exam_type_id, variant, int(start.timestamp()))
        if wanted in self._added:
            return self._added[wanted]
        if not self.generated_enabled:
            return None
        day = start.astimezone(STOCKHOLM).date()
        for slot in generate_day(config, today, location_id, exam_type_id, variant, day):
            if slot.key == wanted:
                return slot
        return None
