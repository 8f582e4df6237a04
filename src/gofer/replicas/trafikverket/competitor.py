"""The competing booker (spec §7): takes slots on reservation or a while after they are seen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from .slots import Slot, SlotKey

CompetitorMode = Literal["on_reserve", "after_seen"]


@dataclass
class CompetitorRule:
    mode: CompetitorMode
    location_id: int | None
    start: datetime | None
    delay_ms: float
    remaining: int

    def matches(self, slot: Slot) -> bool:
        if self.location_id is not None and slot.location_id != self.location_id:
            return False
        return self.start is None or slot.start == self.start


@dataclass
class PlannedTake:
    slot: Slot
    due: datetime


class Competitor:
    """Rules waiting to fire and takes planned for slots already seen in results."""

    def __init__(self) -> None:
        self.rules: list[CompetitorRule] = []
        self.planned: dict[SlotKey, PlannedTake] = {}

    def clear(self) -> None:
        self.rules.clear()
        self.planned.clear()

    def claim_on_reserve(self, slot: Slot) -> bool:
        """True when a rule snatches this slot just before the user's reservation."""
        for rule in self.rules:
            if rule.mode == "on_reserve" and rule.remaining > 0 and rule.matches(slot):
                self._use(rule)
                return True
        return False

    def saw(self, slots: list[Slot], now: datetime) -> list[PlannedTake]:
        """Plan takes for slots that appear in search results for the first time."""
        new: list[PlannedTake] = []
        for slot in slots:
            if slot.key in self.planned:
                continue
            for rule in self.rules:
                if rule.mode == "after_seen" and rule.remaining > 0 and rule.matches(slot):
                    self._use(rule)
                    due = now + timedelta(milliseconds=rule.delay_ms)
                    self.planned[slot.key] = PlannedTake(slot, due)
                    new.append(self.planned[slot.key])
                    break
        return new

    def due(self, now: datetime) -> list[Slot]:
        """Planned takes whose time has come (each returned once)."""
        ready = [take for take in self.planned.values() if take.due <= now]
        for take in ready:
            del self.planned[take.slot.key]
        return [take.slot for take in ready]

    def _use(self, rule: CompetitorRule) -> None:
        rule.remaining -= 1
        if rule.remaining <= 0:
            self.rules.remove(rule)
