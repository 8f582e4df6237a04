"""Values a careful reader infers from others ("works at X" → employed), rules kept as data."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..schema import FormField, FormSchema
from .text import fold_words

_RULES_FILE = Path(__file__).with_name("data") / "implications.json"


@dataclass(frozen=True)
class Implication:
    when: tuple[str, ...]  # folded label words of the field that was given
    then: tuple[str, ...]  # folded label words of the field to infer
    option: tuple[str, ...]  # folded label words of the option to choose


@cache
def implications() -> tuple[Implication, ...]:
    raw = json.loads(_RULES_FILE.read_text(encoding="utf-8"))
    return tuple(
        Implication(tuple(r["when"]), tuple(r["then"]), tuple(r["option"])) for r in raw["rules"]
    )


def _matches(field: FormField, words: tuple[str, ...]) -> bool:
    label = f" {fold_words(field.label)} "
    return any(f" {w} " in label for w in words)


def implied_values(
    schema: FormSchema, given: Mapping[str, str], current: Mapping[str, str]
) -> dict[str, str]:
    """Field → option value inferred from the fields `given` in this message."""
    found: dict[str, str] = {}
    for rule in implications():
        if not any(_matches(f, rule.when) for f in schema.fields if given.get(f.name)):
            continue
        for field in schema.fields:
            if field.type != "select" or not _matches(field, rule.then):
                continue
            if given.get(field.name) or current.get(field.name) or field.name in found:
                continue
            option = next(
                (
                    o.value
                    for o in field.options
                    if o.value and any(w == fold_words(o.label) for w in rule.option)
                ),
                None,
            )
            if option is not None:
                found[field.name] = option
    return found


def one_day_end(
    schema: FormSchema, given: Mapping[str, str], current: Mapping[str, str]
) -> dict[str, str]:
    """The last day of a period given only by its first day ("nghỉ vào ngày 01/02")."""
    raw = json.loads(_RULES_FILE.read_text(encoding="utf-8")).get("one_day")
    if not raw:
        return {}
    pick = {
        role: next((f for f in schema.fields if _matches(f, tuple(raw[role]))), None)
        for role in ("start", "end", "length")
    }
    start, end, length = pick["start"], pick["end"], pick["length"]
    if start is None or end is None or not given.get(start.name):
        return {}
    state = {**current, **given}
    if state.get(end.name) or (length is not None and state.get(length.name)):
        return {}
    return {end.name: given[start.name]}
