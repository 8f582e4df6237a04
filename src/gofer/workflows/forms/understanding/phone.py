"""Vietnamese phone numbers: 0xxxxxxxxx, +84/84 prefixes, groups written or spoken."""

from __future__ import annotations

from .digits import DigitRead, read_digits
from .reading import ValueRead, refused


def normalise_phone_digits(digits: str, *, plus: bool = False) -> str | None:
    """The 10-digit national form of a phone number, or None when it is not one."""
    if digits.startswith("84") and len(digits) == 11:
        return "0" + digits[2:]
    if digits.startswith("0084") and len(digits) == 13:
        return "0" + digits[4:]
    if plus:
        return None
    if len(digits) == 10 and digits.startswith("0"):
        return digits
    return None


def _best_prefix(read: DigitRead) -> tuple[str, DigitRead] | None:
    for length in (10, 11):
        cut = read.prefix(length)
        if cut is None:
            continue
        phone = normalise_phone_digits(cut.digits, plus=read.plus)
        if phone is not None:
            return phone, cut
    return None


def read_phone(low: str, pos: int = 0, end: int | None = None) -> ValueRead | None:
    """A phone number at `pos`; refused (with a reason) when digits are there but wrong."""
    read = read_digits(low, pos, end, max_digits=13)
    if read is None:
        return None
    best = _best_prefix(read)
    if best is not None:
        phone, cut = best
        return ValueRead(phone, read.start, cut.end)
    if len(read.digits) < 7 and not read.spoken:
        return None  # some other small number, not an attempt at a phone number
    shown = low[read.start : read.end]
    return refused(read.start, read.end, "phone_invalid", shown)


def is_phone_text(text: str) -> bool:
    """True when `text` (folded) is exactly one phone number."""
    read = read_phone(text)
    return read is not None and read.ok and not text[read.end :].strip(" .,;")
