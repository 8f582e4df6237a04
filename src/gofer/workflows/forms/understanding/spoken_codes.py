"""Codes as speech recognition writes them, rewritten as typed: "bc gạch 202604 gạch 060" →
"BC-202604-060", "txn 9 3 2 2 0" → "TXN93220", "nờ vê không hai hai hai" → "NV0222".

This runs on the message before anything else reads it, so every reader sees the typed form.
"""

from __future__ import annotations

import re

# Vietnamese names of letters, as spoken (with their marks: "tờ" alone is a sheet of paper,
# so a run of at least two letter names followed by digits is required).
_LETTER_NAMES = {
    "a": "A", "bê": "B", "bờ": "B", "xê": "C", "dê": "D", "đê": "D", "ép": "F", "gờ": "G",
    "hát": "H", "ca": "K", "lờ": "L", "mờ": "M", "nờ": "N", "pê": "P", "quy": "Q", "rờ": "R",
    "ét": "S", "tê": "T", "vê": "V", "ích": "X", "dét": "Z", "en": "N",
}  # fmt: skip
_DIGIT_WORDS = {
    "không": "0", "một": "1", "mốt": "1", "hai": "2", "ba": "3", "bốn": "4", "tư": "4",
    "năm": "5", "lăm": "5", "sáu": "6", "bảy": "7", "tám": "8", "chín": "9", "linh": "0",
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_DASH_WORDS = r"(?:gạch ngang|gạch nối|gạch|dash|hyphen)"
_DASHED = re.compile(
    rf"\b([A-Za-z]{{2,6}})\s+{_DASH_WORDS}\s+(\d+)((?:\s+{_DASH_WORDS}\s+\d+)*)\b", re.IGNORECASE
)
# Prefixes of codes read out digit by digit ("txn 9 3 2 2 0").
_CODE_PREFIXES = "txn|nv|kh|cus|cif|gd|ft|bc|bctt|emp|ref|trx"
_SPACED_DIGITS = re.compile(rf"\b({_CODE_PREFIXES})((?:\s+\d){{3,}})\b", re.IGNORECASE)
_WORD = re.compile(r"\S+")


def rewrite_spoken_codes(text: str) -> str:
    """`text` with spoken codes written as codes; anything else unchanged."""
    text = _DASHED.sub(_dashed, text)
    text = _SPACED_DIGITS.sub(lambda m: m.group(1).upper() + m.group(2).replace(" ", ""), text)
    return _spelled(text)


def _dashed(match: re.Match[str]) -> str:
    groups = [match.group(2), *re.findall(r"\d+", match.group(3) or "")]
    return match.group(1).upper() + "-" + "-".join(groups)


_PREFIX_WORD = re.compile(rf"(?:{_CODE_PREFIXES})", re.IGNORECASE)
_DASH_WORD = re.compile(rf"{_DASH_WORDS}", re.IGNORECASE)


def _spelled(text: str) -> str:
    """'nờ vê không hai hai hai' → 'NV0222', 'nv không một hai ba' → 'NV0123', 'bc gạch hai
    không hai sáu gạch không không ba' → 'BC-2026-003': letter names or a code's prefix, then
    digits said one by one, in groups joined by 'gạch'."""
    words = list(_WORD.finditer(text))
    out: list[str] = []
    cursor = 0
    i = 0
    while i < len(words):
        j = i
        letters = ""
        while j < len(words) and words[j].group().lower() in _LETTER_NAMES:
            letters += _LETTER_NAMES[words[j].group().lower()]
            j += 1
        if not letters and _PREFIX_WORD.fullmatch(words[i].group()):
            letters, j = words[i].group().upper(), i + 1
        k, groups = _digit_groups(words, j)
        digits = "".join(groups)
        if len(letters) >= 2 and len(digits) >= 3 and (len(groups) > 1 or k > j + 1):
            out.append(text[cursor : words[i].start()])
            out.append("-".join([letters, *groups]) if len(groups) > 1 else letters + digits)
            cursor = words[k - 1].end()
            i = k
            continue
        i += 1
    out.append(text[cursor:])
    return "".join(out)


def _digit_groups(words: list[re.Match[str]], start: int) -> tuple[int, list[str]]:
    """Digits said one by one from `start`, split where 'gạch' is said; (next index, groups)."""
    groups: list[str] = []
    k = start
    if k < len(words) and _DASH_WORD.fullmatch(words[k].group().lower()):
        k += 1  # "bc gạch …": the dash after the prefix
    digits = ""
    while k < len(words):
        token = words[k].group().lower().rstrip(",.")
        if token in _DIGIT_WORDS:
            digits += _DIGIT_WORDS[token]
        elif token.isdigit():
            digits += token
        elif _DASH_WORD.fullmatch(token) and digits and k + 1 < len(words):
            groups.append(digits)
            digits = ""
        else:
            break
        k += 1
    if digits:
        groups.append(digits)
    return k, groups
