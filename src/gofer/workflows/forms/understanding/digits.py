"""Digit strings written or spoken in groups: "0912 345 678", "không chín một hai…", "oh nine"."""

from __future__ import annotations

from dataclasses import dataclass

from .numbers import VI_DIGITS, Lex, _vi_below_thousand, lex

EN_DIGITS: dict[str, int] = {
    "zero": 0,
    "oh": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
SPOKEN_DIGITS: dict[str, int] = {**VI_DIGITS, "lam": 5, "linh": 0, **EN_DIGITS}
_REPEAT = {"double": 2, "triple": 3}
_JOINERS = frozenset("-.()")


@dataclass(frozen=True)
class DigitRead:
    """Digits read from `start` to `end`; `plus` when written with a leading '+'."""

    digits: str
    start: int
    end: int
    plus: bool
    spoken: bool
    chunks: tuple[tuple[str, int], ...]  # (digits, end position) of each group read

    def prefix(self, length: int) -> DigitRead | None:
        """The read cut after the group that brings it to exactly `length` digits."""
        total = ""
        for chunk, chunk_end in self.chunks:
            total += chunk
            if len(total) == length:
                return DigitRead(total, self.start, chunk_end, self.plus, self.spoken, ())
            if len(total) > length:
                return None
        return None


def _word(items: list[Lex], k: int) -> str:
    return items[k].text if k < len(items) and items[k].kind == "word" else ""


def read_digits(
    low: str, pos: int = 0, end: int | None = None, *, max_digits: int = 12
) -> DigitRead | None:
    """Read one digit string starting at the first item at or after `pos`.

    Groups are joined while the total stays within `max_digits`; spoken groups may be separated
    by commas ("không chín một hai, ba bốn năm, …").
    """
    items = lex(low, pos, end)
    if not items:
        return None
    j = 0
    plus = False
    if items[0].text == "+":
        plus = True
        j = 1
    digits = ""
    chunks: list[tuple[str, int]] = []
    spoken = False
    first: int | None = None
    last_end = 0
    while j < len(items):
        item = items[j]
        chunk = ""
        step = 1
        if item.kind == "num":
            if digits and item.start > last_end + 3:
                break
            chunk = item.text.replace(".", "").replace(",", "")
        elif item.kind == "word":
            word = item.text
            if word in _REPEAT and _word(items, j + 1) in SPOKEN_DIGITS:
                chunk = str(SPOKEN_DIGITS[_word(items, j + 1)]) * _REPEAT[word]
                step = 2
            elif word in ("muoi",) or _word(items, j + 1) in ("muoi", "tram"):
                group = _vi_below_thousand(items, j)
                if group is None:
                    break
                value, after = group
                width = 3 if _word(items, j + 1) == "tram" else 2
                chunk = str(value).zfill(width)
                step = after - j
            elif word in SPOKEN_DIGITS:
                chunk = str(SPOKEN_DIGITS[word])
            else:
                break
            spoken = True
        elif item.text in _JOINERS and digits:
            j += 1
            continue
        elif item.text == "," and digits and spoken:
            j += 1
            continue
        else:
            break
        if len(digits) + len(chunk) > max_digits:
            break
        if first is None:
            first = item.start
        digits += chunk
        last_end = items[j + step - 1].end
        chunks.append((chunk, last_end))
        j += step
    if not digits or first is None:
        return None
    start = items[0].start if plus else first
    return DigitRead(digits, start, last_end, plus, spoken, tuple(chunks))
