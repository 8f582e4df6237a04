"""Sorts a case's failures into classes (free-text boundary, name, role, date, …) for the report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gofer.evaluation.cases import FormCase
from gofer.evaluation.scoring import CaseScore
from gofer.workflows.forms.understanding.text import fold_words

# The classes the report always shows, in this order, even at zero.
CLASSES: tuple[str, ...] = (
    "free-text boundary",
    "name",
    "role",
    "date",
    "id",
    "contact",
    "implied option",
    "amount",
    "clearing",
    "ask",
    "invented",
    "submit",
    "other",
)
_CLASS_OF_KIND: dict[str, str] = {
    "free_text": "free-text boundary",
    "short_text": "free-text boundary",
    "tags": "free-text boundary",
    "person_name": "name",
    "date": "date",
    "datetime": "date",
    "time": "date",
    "timeslot": "date",
    "code": "id",
    "national_id": "id",
    "account": "id",
    "phone": "contact",
    "email": "contact",
    "select": "implied option",
    "yesno": "implied option",
    "radio": "implied option",
    "checkbox": "implied option",
    "money": "amount",
    "number": "amount",
    "term": "amount",
}


@dataclass(frozen=True)
class Failure:
    """One thing a case got wrong, and its class."""

    klass: str
    field: str


def _appears_in(value: str, texts: list[str]) -> bool:
    wanted = fold_words(value)
    return bool(wanted) and any(wanted in fold_words(text) for text in texts)


def classify_failures(
    case: FormCase, score: CaseScore, kinds: Mapping[str, str], filled: Mapping[str, str]
) -> list[Failure]:
    """Each failure of `score` with its class; `kinds` maps field names to their value kind."""
    found: list[Failure] = []
    for name, pair in score.wrong.items():
        kind = kinds.get(name, "")
        klass = _CLASS_OF_KIND.get(kind, "other")
        expected, got = pair["expected"], pair["got"]
        if not expected.strip() and got.strip():
            klass = "clearing" if len(case.messages) > 1 else "invented"
        elif kind == "person_name" and got.strip():
            overlap = set(fold_words(expected).split()) & set(fold_words(got).split())
            if not overlap:
                klass = "role"  # another person's name took the field
        found.append(Failure(klass, name))
    for name in score.filled_but_forbidden:
        value = filled.get(name, "")
        earlier = case.messages[:-1]
        clearing = bool(earlier) and _appears_in(value, earlier)
        found.append(Failure("clearing" if clearing else "invented", name))
    for name in score.not_asked:
        found.append(Failure("ask", name))
    if not score.submit_ok:
        found.append(Failure("submit", "(submit)"))
    return found


def breakdown(rows: list[tuple[FormCase, list[Failure]]]) -> dict[str, Any]:
    """Failures per class and, for tagged cases, failing cases per tag."""
    per_class: Counter[str] = Counter()
    cases_per_class: Counter[str] = Counter()
    tag_cases: Counter[str] = Counter()
    tag_failing: Counter[str] = Counter()
    for case, failures in rows:
        for failure in failures:
            per_class[failure.klass] += 1
        for klass in {f.klass for f in failures}:
            cases_per_class[klass] += 1
        for tag in case.tags:
            tag_cases[tag] += 1
            if failures:
                tag_failing[tag] += 1
    return {
        "classes": {
            k: {"failures": per_class[k], "cases": cases_per_class[k]}
            for k in [*CLASSES, *sorted(set(per_class) - set(CLASSES))]
        },
        "tags": {
            tag: {"cases": tag_cases[tag], "failing": tag_failing[tag]} for tag in sorted(tag_cases)
        },
    }
