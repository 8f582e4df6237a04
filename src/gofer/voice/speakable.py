"""Turns form values into words a voice can say: IDs and phones digit by digit, amounts as words."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from num2words import num2words

WORDS: dict[str, Any] = json.loads(Path(__file__).with_name("speech_words.json").read_text())
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def digits(value: str, language: str) -> str:
    names = WORDS["digits"][language]
    return " ".join(names[int(ch)] if ch.isdigit() else ch for ch in value if not ch.isspace())


def amount(value: str | int, language: str) -> str:
    number = int(str(value).replace(" ", "").replace(".", "").replace(",", ""))
    return f"{num2words(number, lang=language)} {WORDS['currency'][language]}"


def day(value: date, language: str) -> str:
    month = WORDS["months"][language][value.month - 1]
    if language == "vi":
        return f"ngày {value.day} {month}"
    return f"{value.day} {month}"


def label(field: str, language: str) -> str:
    known = WORDS["field_labels"].get(field)
    if known:
        return str(known[language])
    return _CAMEL.sub(" ", field).lower()


def value(field: str, raw: Any, language: str) -> str:
    text = str(raw)
    if field in WORDS["digit_fields"] and re.fullmatch(r"[\d\s\-+]+", text):
        return digits(text, language)
    if field in WORDS["amount_fields"] and re.fullmatch(r"[\d\s.,]+", text):
        return amount(text, language)
    return text


def read_back(filled: dict[str, Any], language: str) -> str:
    """ "name: Nguyễn Văn An; phone: zero nine one ..." in the session's language."""
    return "; ".join(f"{label(k, language)}: {value(k, v, language)}" for k, v in filled.items())
