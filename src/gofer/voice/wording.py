"""Text folding and the dialogue's vocabulary (intents and phrases per language, from dialogue.json)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

DATA: dict[str, Any] = json.loads(Path(__file__).with_name("dialogue.json").read_text())
LANGUAGES = ("vi", "en", "sv")


def fold(text: str) -> str:
    """Lower case without diacritics or punctuation: 'Đúng rồi!' -> 'dung roi'."""
    text = text.lower().replace("đ", "d")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w\s']", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _contains(haystack: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", haystack) is not None


def has_intent(text: str, intent: str, language: str) -> bool:
    folded = fold(text)
    return any(_contains(folded, fold(p)) for p in DATA["intents"][intent][language])


def starts_with_intent(text: str, intent: str, language: str) -> bool:
    folded = fold(text)
    return any(
        folded == fold(p) or folded.startswith(fold(p) + " ")
        for p in DATA["intents"][intent][language]
    )


def phrase(key: str, language: str, **values: Any) -> str:
    return str(DATA["phrases"][key][language]).format(**values)
