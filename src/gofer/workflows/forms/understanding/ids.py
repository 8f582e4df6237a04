"""Identity numbers (CCCD 12 / CMND 9 digits), account numbers and upper-cased codes."""

from __future__ import annotations

import re

from .digits import read_digits
from .reading import ValueRead, refused

_CODE_RE = re.compile(
    r"(?<![a-z0-9@.])([a-z]{1,6}(?:[-_][a-z]{1,6})*)(?:[-_ ]?)(\d[a-z0-9]*(?:[-_][a-z0-9]+)*)"
    r"(?![a-z0-9@]|\.[a-z0-9])"
)
_DIGIT_CODE_RE = re.compile(r"(?<![a-z0-9@.])(\d{3,}(?:[-_][a-z0-9]+)*)(?![a-z0-9@])")
# Prefixes written with a space before the digits ("KH 12345") that still make one code.
SPACED_CODE_PREFIXES = frozenset("kh cus cif nv txn gd bc ft emp rpt ref trx tx cust ma".split())
NOT_CODE_PREFIXES = frozenset(
    {"h", "g", "k", "tr", "ty", "ti", "m", "b", "bn", "d", "p", "x", "lan", "so", "ma", "la"}
)


def read_national_id(low: str, pos: int = 0, end: int | None = None) -> ValueRead | None:
    """A 12-digit CCCD or 9-digit CMND at `pos`; refused when another count of digits."""
    read = read_digits(low, pos, end, max_digits=12)
    if read is None:
        return None
    for length in (12, 9):
        cut = read.prefix(length)
        if cut is not None and len(read.digits) in (length, 12) and not read.plus:
            if length == 9 and len(read.digits) == 12:
                continue
            return ValueRead(cut.digits, read.start, cut.end)
    return refused(read.start, read.end, "national_id_invalid", low[read.start : read.end])


def read_account_number(low: str, pos: int = 0, end: int | None = None) -> ValueRead | None:
    """A bank account number: 6 to 19 digits, groups joined."""
    read = read_digits(low, pos, end, max_digits=19)
    if read is None:
        return None
    if 6 <= len(read.digits) <= 19 and not read.plus:
        return ValueRead(read.digits, read.start, read.end)
    return refused(read.start, read.end, "account_invalid", low[read.start : read.end])


def read_code(raw: str, low: str, pos: int = 0, end: int | None = None) -> ValueRead | None:
    """A code such as CUS001, KH12345, CIF-8899, NV001, TXN12345 or BC-202410-001 at `pos`."""
    limit = len(low) if end is None else end
    while pos < limit and low[pos] in " \t:=#-":
        pos += 1
    match = _CODE_RE.match(low, pos, limit)
    if match and match.group(1) not in NOT_CODE_PREFIXES:  # "BC-AML-2511": every prefix kept
        code = _code_text(raw, match)
        if code is not None:
            return ValueRead(code, match.start(), match.end())
    match = _DIGIT_CODE_RE.match(low, pos, limit)
    if match:
        return ValueRead(raw[match.start() : match.end()].upper(), match.start(), match.end())
    return None


def _code_text(raw: str, match: re.Match[str]) -> str | None:
    prefix_end = match.start() + len(match.group(1))
    rest_start = match.end() - len(match.group(2))
    prefix = raw[match.start() : prefix_end]
    separator = raw[prefix_end:rest_start]
    if separator == " " and not (prefix.isupper() and prefix.lower() in SPACED_CODE_PREFIXES):
        return None  # "sdt 0912…", "SLA 10/01": a cue and a number, not a code
    if separator == " " and re.match(r"[/.,:-]\d", raw[match.end() : match.end() + 2]):
        return None
    joined = prefix + (separator if separator in ("-", "_") else "") + raw[rest_start : match.end()]
    return joined.upper()


def find_codes(raw: str, low: str, pos: int = 0, end: int | None = None) -> list[ValueRead]:
    """Letter-and-digit codes anywhere in the text (digits-only numbers are not codes here)."""
    limit = len(low) if end is None else end
    found: list[ValueRead] = []
    for match in _CODE_RE.finditer(low, pos, limit):
        if match.group(1) in NOT_CODE_PREFIXES:
            continue
        read = read_code(raw, low, match.start(), limit)
        if read is not None and read.ok and any(ch.isalpha() for ch in read.value or ""):
            found.append(read)
    return found
