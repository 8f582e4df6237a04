"""VND amounts: "500 triệu", "1,5 tỷ", "1 tỷ rưỡi", "750k", "năm trăm triệu", "2 billion"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .numbers import Lex, lex, read_group

MONEY_SCALES: dict[str, int] = {
    "k": 1000,
    "nghin": 1000,
    "ngan": 1000,
    "thousand": 1000,
    "lit": 100_000,  # slang: "8 lít" = 800 nghìn
    "tr": 1_000_000,
    "trieu": 1_000_000,
    "cu": 1_000_000,
    "m": 1_000_000,
    "mil": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "ty": 1_000_000_000,
    "ti": 1_000_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
    "billions": 1_000_000_000,
}
ENGLISH_SCALES = frozenset(
    {"thousand", "million", "millions", "billion", "billions", "m", "mil", "bn", "b"}
)
CURRENCY_WORDS = frozenset({"vnd", "d", "dong", "vn", "vnđ"})
PER_MONTH = (
    ("moi", "thang"),
    ("mot", "thang"),
    ("hang", "thang"),
    ("per", "month"),
    ("a", "month"),
)
LEADING_FILLERS = frozenset(
    {"khoang", "gan", "hon", "tren", "about", "around", "approximately", "roughly"}
)


@dataclass(frozen=True)
class MoneyRead:
    """An amount in whole VND read from `start` to `end` of the folded text."""

    value: int
    start: int
    end: int
    has_unit: bool  # a scale word, a currency word or thousands separators


def _word(items: list[Lex], k: int) -> str:
    return items[k].text if k < len(items) and items[k].kind == "word" else ""


_OTHER_UNITS = frozenset(
    {"thang", "nam", "ngay", "tuan", "gio", "phut", "ky", "lan", "nguoi", "truong", "ca", "ho"}
    | {"month", "months", "year", "years", "day", "days", "week", "weeks", "percent", "cases"}
)


def _unit_follows(items: list[Lex], k: int) -> bool:
    return k < len(items) and (items[k].text in _OTHER_UNITS or items[k].text == "%")


def english_numeral(text: str) -> Decimal | None:
    """'1.205' before 'billion' is a decimal point; '1,500' groups thousands."""
    if re.fullmatch(r"\d+\.\d+", text):
        return Decimal(text)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        return Decimal(text.replace(",", ""))
    return None


# Units of time after a bare number: the number counts them.
_TIME_UNITS = frozenset(("nam", "thang", "tuan", "ngay", "year", "years", "month", "months"))


def read_money(low: str, pos: int = 0, end: int | None = None) -> MoneyRead | None:
    """Read an amount starting at the first lexical item at or after `pos`."""
    items = lex(low, pos, end)
    j = 0
    while _word(items, j) in LEADING_FILLERS:
        j += 1
    first = j
    total = Decimal(0)
    last_scale: int | None = None
    has_unit = False
    bare_numeral = ""
    while j < len(items):
        group = read_group(items, j, scaled=True)
        if group is None:
            break
        value, k = group
        if (_word(items, k), _word(items, k + 1), _word(items, k + 2)) == ("and", "a", "half"):
            value += Decimal("0.5")  # "two and a half billion"
            k += 3
        is_numeral = items[j].kind == "num"
        if is_numeral and _word(items, k) in ENGLISH_SCALES:
            value = english_numeral(items[j].text) or value
        if _word(items, k) == "tram" and is_numeral:
            value *= 100
            k += 1
        scale = MONEY_SCALES.get(_word(items, k))
        if scale:
            if last_scale is not None and scale >= last_scale:
                break
            total += value * scale
            last_scale = scale
            has_unit = True
            j = k + 1
            if _word(items, j) == "ruoi":
                total += Decimal(scale) / 2
                j += 1
                break
            continue
        if last_scale is None:
            total = value
            bare_numeral = items[j].text if is_numeral else ""
            j = k
            break
        # A trailing number after a unit is spoken shorthand: "1 tỷ 2" is 1.2 tỷ and
        # "5 triệu 500" is 5 triệu 500 nghìn.
        if value >= 1000 or value != value.to_integral_value() or _unit_follows(items, k):
            break
        total += value * Decimal(last_scale) / (10 if value < 10 else 1000)
        j = k
        break
    if j == first:
        return None
    if last_scale is None and _word(items, j) in _TIME_UNITS:
        return None  # "vay năm năm", "36 tháng": a length of time, not an amount
    if bare_numeral and not bare_numeral.isdigit():
        has_unit = True  # "50.000.000"
    while _word(items, j) in CURRENCY_WORDS:
        has_unit = True
        j += 1
    if j < len(items) and items[j].text == "/" and _word(items, j + 1) in ("thang", "month"):
        j += 2
    else:
        for pair in PER_MONTH:
            if _word(items, j) == pair[0] and _word(items, j + 1) == pair[1]:
                j += 2
                break
    amount = total.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if amount <= 0:
        return None
    return MoneyRead(int(amount), items[first].start, items[j - 1].end, has_unit)


def find_money(low: str, pos: int = 0, end: int | None = None) -> list[MoneyRead]:
    """Every amount with a unit (triệu, k, VND, separators) in the text, left to right."""
    found: list[MoneyRead] = []
    items = lex(low, pos, end)
    k = 0
    while k < len(items):
        item = items[k]
        if item.kind in ("num", "word"):
            read = read_money(low, item.start, end)
            if read is not None and read.has_unit:
                found.append(read)
                while k < len(items) and items[k].start < read.end:
                    k += 1
                continue
        k += 1
    return found
