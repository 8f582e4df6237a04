"""'không phải 500 mà là 600 triệu', 'not 24 but 36 months': the value after the denial replaces
the field whose current value is the one denied; with no such field, nothing is filled."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .money import read_money
from .numbers import lex, read_number

_DENIAL = re.compile(
    r"\b(?:khong phai|hong phai|chu khong phai|not)\s+(?:la\s+)?"
    r"((?:\d[\d.,]*|(?:(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|tram|muoi|lam|mot|tu|"
    r"ruoi|linh|le|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
    r"hundred|and)\s*){1,8})"
    r"(?:\s*(?:trieu|ty|nghin|ngan|k|tr|cu|toi|million|billion|thousand))?)"
    r"\s*,?\s*(?:ma la|ma|but|it s|it is|la)\s+"
)
# "14 giờ 45 chứ không phải 14 giờ 15", "36 months, not 24": what follows the denial is the
# value that was wrong; up to the clause end, nobody may read it.
_DENIED_AFTER = re.compile(
    r"\b(?:chu khong phai|chu hong phai|chu khong|not|rather than)\s+(?:la\s+)?"
)
# Words a value can end with: units, "rưỡi", number words, parts of the day.
_VALUE_ENDS = (
    "gio|phut|trieu|ty|nam|thang|ngay|ruoi|nghin|ngan|k|pm|am|sang|chieu|toi|mot|hai|ba|bon|"
    "sau|bay|tam|chin|muoi|lam|tu|tram"
)
# "không phải phép năm, là nghỉ ốm": the option denied before the right one.
_DENIED_BEFORE = re.compile(
    r"\b(?:khong phai|hong phai|not)\s+(?:la\s+)?([a-z][a-z ]{1,40}?)\s*,?\s*(?:ma la|ma|but|la|it s|it is)\s+"
)
_CLAUSE_END = re.compile(r"[,.;!?\n]|\b(?:nha|nhe|ma|but|and|va)\b")
_SCALES = (Decimal(1), Decimal(1_000), Decimal(1_000_000), Decimal(1_000_000_000))


@dataclass(frozen=True)
class Correction:
    """Field `name` takes `value`; the words `[start, end)` said so. `name` is None when no
    field holds the denied value: then nothing may be filled from these words."""

    name: str | None
    value: str
    start: int
    end: int


def _denied(low: str, start: int, end: int) -> Decimal | None:
    money = read_money(low, start, end)
    if money is not None:
        return Decimal(money.value)
    items = lex(low, start, end)
    number = read_number(items, 0) if items else None
    return number.value if number is not None else None


def find_corrections(low: str, current: Mapping[str, str], amounts: list[str]) -> list[Correction]:
    """Corrections of amounts (`amounts` names the money fields) found in `low`."""
    found: list[Correction] = []
    for match in _DENIAL.finditer(low):
        new = read_money(low, match.end())
        old = _denied(low, match.start(1), match.end(1))
        if new is None or old is None:
            continue
        owners = [
            name
            for name in amounts
            if current.get(name)
            and any(current[name] == str(int(old * scale)) for scale in _SCALES)
        ]
        owner = owners[0] if len(owners) == 1 else None
        found.append(Correction(owner, str(new.value), match.start(), new.end))
    return found


def denied_spans(low: str) -> list[tuple[int, int]]:
    """Spans holding a value said to be wrong after the right one ("X chứ không phải Y")."""
    spans: list[tuple[int, int]] = []
    for match in _DENIED_AFTER.finditer(low):
        before = low[max(0, match.start() - 20) : match.start()]
        if not re.search(r"\d|\b(?:" + _VALUE_ENDS + r")\s*,?\s*$", before):
            continue  # "not" with no value before it is an ordinary negation
        end = _CLAUSE_END.search(low, match.end())
        stop = end.start() if end else len(low)
        if stop > match.end() and re.search(
            r"\d|\b(?:gio|mot|hai|ba|bon|nam)\b", low[match.end() : stop]
        ):
            spans.append((match.start(), stop))
    return spans


def denied_options(low: str) -> list[tuple[int, int]]:
    """Spans of words denied before the right value: "không phải <X>, là <Y>"."""
    return [(m.start(1), m.end(1)) for m in _DENIED_BEFORE.finditer(low)]
