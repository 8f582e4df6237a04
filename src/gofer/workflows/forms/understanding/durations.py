"""Spoken lengths of time in minutes: "1 tiếng rưỡi", "nửa tiếng", "an hour and a half", "45 phút"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .numbers import lex, read_number

_HOURS = r"(?:tieng|gio|h|hours?|hrs?)"
_HALF_HOUR = re.compile(r"\b(?:nua\s+(?:tieng|gio)|half\s+an\s+hour)\b")
_AN_HOUR = re.compile(rf"\b(?:an|one)\s+{_HOURS}\b")
_AFTER_HOURS = re.compile(
    r"\s*(?:(?P<half>ruoi|and\s+a\s+half)\b|(?:va\s+|and\s+)?(?P<min>\d{1,2})\s*(?:phut|minutes?|p)\b)?"
)
_UNIT = re.compile(rf"\s*(?P<unit>{_HOURS}|phut|minutes?|mins?|p)\b")


@dataclass(frozen=True)
class Duration:
    minutes: Decimal
    start: int
    end: int


def read_duration(low: str, pos: int, limit: int) -> Duration | None:
    """A length of time starting at `pos` of folded text, in minutes; None when there is none."""
    half = _HALF_HOUR.match(low, pos, limit)
    if half:
        return Duration(Decimal(30), half.start(), half.end())
    one = _AN_HOUR.match(low, pos, limit)
    if one:
        return _with_rest(Decimal(1), pos, one.end(), low, limit)
    items = lex(low, pos, limit)
    read = read_number(items, 0) if items else None
    if read is None:
        return None
    end = items[read.next_index - 1].end
    unit = _UNIT.match(low, end, limit)
    if unit is None:
        return None
    if unit.group("unit").startswith(("phut", "min", "p")):
        return Duration(read.value, pos, unit.end())
    return _with_rest(read.value, pos, unit.end(), low, limit)


def _with_rest(hours: Decimal, start: int, end: int, low: str, limit: int) -> Duration:
    minutes = hours * 60
    rest = _AFTER_HOURS.match(low, end, limit)
    if rest and rest.group("half"):
        return Duration(minutes + 30, start, rest.end())
    if rest and rest.group("min"):
        return Duration(minutes + int(rest.group("min")), start, rest.end())
    return Duration(minutes, start, end)
