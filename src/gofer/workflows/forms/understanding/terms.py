"""Loan terms in months: "24 tháng", "2 năm", "1 năm rưỡi", "18 months", "hai năm"."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .numbers import Lex, lex, read_number

_MONTH_UNITS = frozenset({"thang", "month", "months", "ky"})
_YEAR_UNITS = frozenset({"nam", "year", "years", "yr", "yrs"})
_UNITS = _MONTH_UNITS | _YEAR_UNITS


@dataclass(frozen=True)
class TermRead:
    """A duration in months found at `[start, end)` (may be fractional before checking)."""

    months: Decimal
    start: int
    end: int
    has_unit: bool


def read_term(low: str, pos: int = 0, end: int | None = None) -> TermRead | None:
    """A duration at `pos`: a number followed by months/years, or 'nửa năm'; bare numbers too."""
    items = lex(low, pos, end)
    if not items:
        return None
    if len(items) >= 2 and items[0].text == "nua" and items[1].text in _YEAR_UNITS:
        return TermRead(Decimal(6), items[0].start, items[1].end, True)
    read = read_number(items, 0, scaled=True)
    if read is None:
        return None
    k = read.next_index
    spoken = _digits_before_month(items)
    if spoken is not None:
        return TermRead(Decimal(spoken), items[0].start, items[2].end, True)  # "hai bốn tháng"
    if k + 1 < len(items) and items[k].text == "-" and items[k + 1].text in _UNITS:
        k += 1  # "a 2-year term", "18-month"
    unit = items[k].text if k < len(items) else ""
    if unit in _MONTH_UNITS:
        return TermRead(read.value, items[0].start, items[k].end, True)
    if unit in _YEAR_UNITS:
        months = read.value * 12
        stop = items[k].end
        if k + 1 < len(items) and items[k + 1].text == "ruoi":
            months += 6
            stop = items[k + 1].end
        return TermRead(months, items[0].start, stop, True)
    if unit == "ruoi" and k + 1 < len(items) and items[k + 1].text in _YEAR_UNITS:
        return TermRead(read.value * 12 + 6, items[0].start, items[k + 1].end, True)
    return TermRead(read.value, items[0].start, items[k - 1].end, False)


_DIGIT_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "tam": 8}


def _digits_before_month(items: list[Lex]) -> int | None:
    """'hai bốn tháng' is 24 months, 'ba sáu tháng' 36: two digit words said one by one."""
    if len(items) < 3 or items[2].text not in ("thang",):
        return None
    first, second = items[0].text, items[1].text
    if first not in _DIGIT_WORDS or second not in _DIGIT_WORDS:
        return None
    value = _DIGIT_WORDS[first] * 10 + _DIGIT_WORDS[second]
    return value if value in (12, 18, 24, 36, 48) else None


def find_terms(low: str, pos: int = 0, end: int | None = None) -> list[TermRead]:
    """Durations with an explicit unit anywhere in the text, left to right."""
    found: list[TermRead] = []
    items = lex(low, pos, end)
    k = 0
    while k < len(items):
        item = items[k]
        if item.kind == "num" or item.text in ("nua",) or item.kind == "word":
            read = read_term(low, item.start, end)
            if read is not None and read.has_unit:
                found.append(read)
                while k < len(items) and items[k].start < read.end:
                    k += 1
                continue
        k += 1
    return found
