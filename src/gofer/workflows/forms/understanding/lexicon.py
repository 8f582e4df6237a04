"""Generic vocabulary: how people name fields and options, read from data/lexicon.json.

Nothing there names a form or a field id. A concept's phrases become cues for every field whose
kind fits and whose label or name contains one of the concept's keywords (folded), so a new form
with sensible labels picks them up without code changes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .text import fold

LEXICON_FILE = Path(__file__).with_name("data") / "lexicon.json"


@dataclass(frozen=True)
class Concept:
    """Phrases people use for a kind of field, and which fields they can mean."""

    phrases: tuple[str, ...]
    kinds: frozenset[str]
    any_of: tuple[str, ...] = ()  # folded keywords, one must occur in the field's label or name
    none_of: tuple[str, ...] = ()
    inclusive: tuple[str, ...] = ()  # phrases that are part of the value ("Công ty ABC")
    also_any_of: tuple[str, ...] = ()  # a second group of keywords that must also occur


def _concept(raw: dict[str, Any]) -> Concept:
    return Concept(
        phrases=tuple(raw["phrases"]),
        kinds=frozenset(raw["kinds"]),
        any_of=tuple(raw.get("any_of", ())),
        none_of=tuple(raw.get("none_of", ())),
        inclusive=tuple(raw.get("inclusive", ())),
        also_any_of=tuple(raw.get("also_any_of", ())),
    )


_DATA: dict[str, Any] = json.loads(LEXICON_FILE.read_text(encoding="utf-8"))
CONCEPTS: tuple[Concept, ...] = tuple(_concept(c) for c in _DATA["concepts"])
# Folded option label → other ways people say that option.
OPTION_SYNONYMS: dict[str, tuple[str, ...]] = {
    key: tuple(values) for key, values in _DATA["option_synonyms"].items()
}
# Option phrases too short or too common to fill a field without the field being named nearby.
GENERIC_OPTION_PHRASES: frozenset[str] = frozenset(_DATA["generic_option_phrases"])
# People a message may name who are no field's subject (a referrer, a relative).
OTHER_PEOPLE_PHRASES: tuple[str, ...] = tuple(_DATA.get("other_people", ()))
OTHER_PEOPLE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(fold(p)) for p in sorted(OTHER_PEOPLE_PHRASES, key=len, reverse=True))
    + r")\b"
)


def role_verb_data() -> dict[str, Any]:
    """The "role_verbs" section: verbs after a name that say the person's role."""
    section = _DATA.get("role_verbs", {})
    return section if isinstance(section, dict) else {}
