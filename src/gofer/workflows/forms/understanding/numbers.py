"""Numbers written as digits or as Vietnamese/English words, with their positions in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_LEX_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[a-z]+|\S")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class Lex:
    """A lexical item of folded text: a numeral, a word or one punctuation character."""

    kind: str  # "num" | "word" | "punct"
    text: str
    start: int
    end: int


def lex(low: str, pos: int = 0, end: int | None = None) -> list[Lex]:
    """Numerals, words and punctuation of folded text from `pos` to `end`."""
    items: list[Lex] = []
    for match in _LEX_RE.finditer(low, pos, len(low) if end is None else end):
        text = match.group()
        kind = "num" if text[0] in "0123456789" else "word" if text[0] in _LETTERS else "punct"
        if text == "ngan" and low.startswith(" hang", match.end()):
            text = "ngan-hang"  # "chín ngân hàng": the bank, not "ngàn" (thousand)
        items.append(Lex(kind, text, match.start(), match.end()))
    return items


VI_DIGITS: dict[str, int] = {
    "khong": 0,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "bam": 7,
    "tam": 8,
    "chin": 9,
}
# "lăm" only ever follows a tens digit, even with "mươi" left unsaid ("hai lăm" is 25). Folded,
# "mốt" and "tư" are also "một" and "từ" ("số dư sau một tỷ"), so they need "mươi".
_SPOKEN_UNITS = {"lam": 5, "nham": 5}
# Forms used only after "mươi"/"mười" (hai mươi mốt, mười lăm, hai mươi tư).
VI_UNIT_AFTER_TENS: dict[str, int] = {**VI_DIGITS, "mot": 1, "tu": 4, "lam": 5, "nham": 5}
EN_UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
EN_TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
VI_SCALES: dict[str, int] = {
    "nghin": 1000,
    "ngan": 1000,
    "trieu": 1_000_000,
    "ty": 1_000_000_000,
    "ti": 1_000_000_000,
}
EN_SCALES: dict[str, int] = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
HALF_WORDS = frozenset({"ruoi"})


@dataclass(frozen=True)
class NumberRead:
    """A number read from lexical items `[first, next_index)`."""

    value: Decimal
    next_index: int
    from_words: bool


def numeral_value(text: str, *, scaled: bool) -> Decimal | None:
    """Value of a digit string with separators.

    Groups of exactly three digits after a separator are thousands ("1.500.000", "500,000");
    otherwise a single separator is a decimal mark ("1,5", "2.75"), as Vietnamese writes it.
    `scaled` says a unit word follows ("1,5 tỷ"); it only matters for mixed separators.
    """
    if scaled and re.fullmatch(r"\d+[.,]\d{1,2}", text):
        return Decimal(text.replace(",", "."))
    parts = re.split(r"[.,]", text)
    if len(parts) == 1:
        return Decimal(text)
    if all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3:
        return Decimal("".join(parts))
    if len(parts) == 2:
        try:
            return Decimal(f"{parts[0]}.{parts[1]}")
        except InvalidOperation:
            return None
    return None


def _vi_below_thousand(items: list[Lex], i: int) -> tuple[int, int] | None:
    """Read a Vietnamese number below 1000 in words starting at items[i]."""
    n = len(items)

    def word(k: int) -> str:
        return items[k].text if k < n and items[k].kind == "word" else ""

    value = 0
    j = i
    has_hundreds = False
    if word(j) in VI_DIGITS and word(j + 1) == "tram":
        value = VI_DIGITS[word(j)] * 100
        has_hundreds = True
        j += 2
    elif word(j) == "tram":
        value = 100
        has_hundreds = True
        j += 1
    if has_hundreds:
        if word(j) in ("le", "linh") and word(j + 1) in VI_DIGITS:
            return value + VI_DIGITS[word(j + 1)], j + 2
        if word(j) in HALF_WORDS:
            return value + 50, j + 1
    if word(j) == "muoi":
        value += 10
        j += 1
        if word(j) in VI_UNIT_AFTER_TENS and word(j + 1) not in ("muoi", "tram", "chuc"):
            value += VI_UNIT_AFTER_TENS[word(j)]
            j += 1
        return value, j
    if word(j) in VI_DIGITS and word(j + 1) in ("muoi", "chuc"):
        value += VI_DIGITS[word(j)] * 10
        j += 2
        if word(j) in VI_UNIT_AFTER_TENS and word(j + 1) not in ("muoi", "tram", "chuc"):
            value += VI_UNIT_AFTER_TENS[word(j)]
            j += 1
        return value, j
    if (
        word(j) in VI_DIGITS
        and VI_DIGITS[word(j)] >= 2
        and word(j + 1) in _SPOKEN_UNITS
        and word(j + 2) not in ("muoi", "tram", "chuc")
    ):
        # "hai lăm triệu" is 25 million: "mươi" left unsaid.
        return value + VI_DIGITS[word(j)] * 10 + _SPOKEN_UNITS[word(j + 1)], j + 2
    if word(j) in VI_DIGITS:
        digit = VI_DIGITS[word(j)]
        # "một trăm hai" is 120 in everyday speech.
        return value + (digit * 10 if has_hundreds else digit), j + 1
    if has_hundreds:
        return value, j
    return None


def _en_below_thousand(items: list[Lex], i: int) -> tuple[int, int] | None:
    n = len(items)

    def word(k: int) -> str:
        return items[k].text if k < n and items[k].kind == "word" else ""

    value = 0
    j = i
    found = False
    if word(j) in ("a", "one") and word(j + 1) == "hundred":
        value, j, found = 100, j + 2, True
    elif word(j) in EN_UNITS and word(j + 1) == "hundred":
        value, j, found = EN_UNITS[word(j)] * 100, j + 2, True
    if found and word(j) == "and":
        j += 1
    if word(j) in EN_TENS:
        value += EN_TENS[word(j)]
        j += 1
        found = True
        if word(j) in EN_UNITS and EN_UNITS[word(j)] < 10:
            value += EN_UNITS[word(j)]
            j += 1
    elif word(j) in EN_UNITS:
        value += EN_UNITS[word(j)]
        j += 1
        found = True
    return (value, j) if found else None


_DECIMAL_POINT = frozenset(("point", "phay"))


def read_group(items: list[Lex], i: int, *, scaled: bool = False) -> tuple[Decimal, int] | None:
    """A numeral, or a number below 1000 in words, at items[i] (no scale words)."""
    if i >= len(items):
        return None
    item = items[i]
    if item.kind == "num":
        value = numeral_value(item.text, scaled=scaled)
        return None if value is None else (value, i + 1)
    group = _vi_below_thousand(items, i) or _en_below_thousand(items, i)
    if group is None:
        return None
    value, after = Decimal(group[0]), group[1]
    if scaled and after + 1 < len(items) and items[after].text in _DECIMAL_POINT:
        # "one point five billion", "một phẩy hai tỷ": one decimal digit before a scale word
        digit = _vi_below_thousand(items, after + 1) or _en_below_thousand(items, after + 1)
        if digit is not None and digit[0] < 10 and digit[1] == after + 2:
            return value + Decimal(digit[0]) / 10, digit[1]
    return value, after


def read_words_number(items: list[Lex], i: int) -> NumberRead | None:
    """Read a whole number spelt in Vietnamese or English words ("hai mươi tư", "one thousand")."""
    total = 0
    j = i
    last_scale: int | None = None
    consumed = False
    while j < len(items):
        group = _vi_below_thousand(items, j) or _en_below_thousand(items, j)
        if group is None:
            if items[j].kind == "word" and items[j].text in ("nghin", "ngan", "thousand"):
                group = (1, j)
            else:
                break
        value, after = group
        scale_word = items[after].text if after < len(items) else ""
        scale = VI_SCALES.get(scale_word) or EN_SCALES.get(scale_word)
        if scale and (last_scale is None or scale < last_scale):
            total += value * scale
            last_scale = scale
            j = after + 1
            consumed = True
            continue
        if last_scale is not None and value >= last_scale:
            break
        if (
            last_scale is not None
            and after == j + 1
            and items[j].text in VI_DIGITS
            and items[j].text != "khong"
        ):
            # "ba triệu hai" is 3.2 million in everyday speech.
            value = value * last_scale // 10
        total += value
        j = after
        consumed = True
        break
    if not consumed:
        return None
    return NumberRead(Decimal(total), j, True)


def read_number(items: list[Lex], i: int, *, scaled: bool = False) -> NumberRead | None:
    """A numeral or a number in words at items[i]."""
    if i >= len(items):
        return None
    item = items[i]
    if item.kind == "num":
        value = numeral_value(item.text, scaled=scaled)
        if value is None:
            return None
        return NumberRead(value, i + 1, False)
    return read_words_number(items, i)


def parse_number(text: str) -> Decimal | None:
    """The number making up all of `text` (folded), or None."""
    items = lex(text)
    if not items:
        return None
    negative = items[0].text == "-"
    start = 1 if negative else 0
    read = read_number(items, start)
    if read is None or read.next_index != len(items):
        return None
    return -read.value if negative else read.value
