"""Test centres recognised by how a heard word sounds, not how it is spelled.

A speech recogniser that does not know Swedish writes a place the way it sounds to it: "Örebro"
becomes "Urebrel", "Gävle" "Gebel", "Norrköping" "Nokkurping", "Enköping" "in curping". Spelling
similarity misses these; their sound keys are close. A sound key keeps the consonants by class
(b/p/f/v alike, d/t alike, g/k alike, ...), folds every run of vowels into one, and treats an
r after a vowel and before a consonant as part of the vowel (English "er" for Swedish "ö").
Keys are compared by an edit distance where a vowel counts half a consonant.

The places and their sounding spellings are data (place_sounds.json), covering every test centre
of the booking site.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gofer.voice.wording import fold

_DATA = json.loads(Path(__file__).with_name("place_sounds.json").read_text())
SPELLINGS: dict[str, list[str]] = _DATA["places"]
NOT_PLACES: frozenset[str] = frozenset(_DATA["not_places"])
JOINERS = frozenset({"or", "and"})

# A heard span must be at least this similar (0..1) to a place's key to count as that place.
SIMILARITY = 0.78
# Spans this short in consonants are too easily ordinary words ("one", "a row").
MIN_CONSONANTS = 2
MAX_SPAN_WORDS = 3

_VOWEL = "A"
_DIGRAPHS = (
    ("sch", "s"),
    ("ch", "k"),
    ("sh", "s"),
    ("sj", "s"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("gh", ""),
    ("qu", "kv"),
    ("x", "ks"),
    ("dj", "j"),
    ("gj", "j"),
)
_CLASSES = {
    **dict.fromkeys("bpfvw", "P"),
    **dict.fromkeys("dt", "T"),
    **dict.fromkeys("gkcq", "K"),
    **dict.fromkeys("sz", "S"),
    "m": "M",
    "n": "N",
    "l": "L",
    "r": "R",
    "j": "Y",
}
_VOWELS = frozenset("aeiouy")


def sound_key(text: str) -> str:
    """A coarse key of how an English reader would say `text`: 'Urebrel' -> 'ARAPRAL'."""
    # A word-final consonant + "le" is said "el" in English: "Gibble" sounds like "Gebel".
    letters = re.sub(r"(?<=[b-df-hj-np-tv-z])le\b", "el", fold(text))
    letters = re.sub(r"[^a-z]", "", letters)
    letters = re.sub(r"c(?=[eiy])", "s", letters)
    for spelled, sound in _DIGRAPHS:
        letters = letters.replace(spelled, sound)
    # 'y' before a vowel is a consonant ("Yevle", "your"), elsewhere a vowel.
    letters = re.sub(r"y(?=[aeiou])", "j", letters)
    key: list[str] = []
    for i, ch in enumerate(letters):
        if ch in _VOWELS:
            sound = _VOWEL
        elif (
            ch == "r"
            and key
            and key[-1] == _VOWEL
            and (i + 1 == len(letters) or letters[i + 1] not in _VOWELS)
        ):
            continue  # "er", "ur": a vowel sound in English spelling
        else:
            sound = _CLASSES.get(ch, "")  # 'h' is silent here
        if sound and (not key or key[-1] != sound):
            key.append(sound)
    return "".join(key)


def _cost(sound: str) -> float:
    # An r is half a vowel in English spelling ("Vesters" for Västerås): it weighs as one.
    return 0.5 if sound in (_VOWEL, "R") else 1.0


def _distance(a: str, b: str) -> float:
    row = [0.0]
    for ch in b:
        row.append(row[-1] + _cost(ch))
    for x in a:
        previous, row[0] = row[0], row[0] + _cost(x)
        for j, y in enumerate(b, 1):
            substitute = previous + (0.0 if x == y else max(_cost(x), _cost(y)))
            previous, row[j] = row[j], min(row[j] + _cost(x), row[j - 1] + _cost(y), substitute)
    return row[-1]


def similarity(a: str, b: str) -> float:
    """1 for the same sound key, towards 0 the more consonants differ."""
    longest = max(sum(_cost(c) for c in a), sum(_cost(c) for c in b))
    return 1.0 - _distance(a, b) / longest if longest else 0.0


@lru_cache(maxsize=1)
def _place_keys() -> list[tuple[str, str]]:
    return [(sound_key(s), place) for place, spellings in SPELLINGS.items() for s in spellings]


def _consonants(key: str) -> int:
    return sum(1 for c in key if c != _VOWEL)


def closest(heard: str) -> tuple[str, float, int] | None:
    """The place whose sound is nearest to `heard`: its name, similarity and consonant count.

    A key with fewer than MIN_CONSONANTS consonants ("Umia") must match exactly.
    """
    key = sound_key(heard)
    if not key:
        return None
    score, place, size = max((similarity(key, k), p, _consonants(k)) for k, p in _place_keys())
    if _consonants(key) < MIN_CONSONANTS and score < 1.0:
        return None
    return place, score, size


def _best(span: list[str], after: str = "") -> tuple[str, float, int] | None:
    """The closest place to a span of words, also without what ran into it from its neighbours.

    An "in" before it may run into its first word ("investors": in Västerås), and the first
    letter of the next word into its last ("jafleb before": Järfälla before).
    """
    variants = [span]
    if span[0].startswith("in") and len(span[0]) > 4:
        variants.append([span[0][2:], *span[1:]])
    if after and len(span[-1]) > 4 and span[-1][-1] == after[0]:
        variants += [[*v[:-1], v[-1][:-1]] for v in variants]
    matches = (closest(" ".join(v)) for v in variants)
    return max((m for m in matches if m is not None), key=lambda m: m[1], default=None)


@dataclass(frozen=True)
class Heard:
    start: int
    end: int
    place: str
    score: float
    weight: float  # score times the place's consonants: how much sound agrees


def find(words: list[str], taken: set[int] | None = None) -> list[Heard]:
    """Places heard in folded `words` (outside the `taken` positions), best matches first claimed.

    A place may have been split into several words ("carl stab") or run into a neighbouring
    "in" ("investors"), so spans of up to three words are tried; words of the request itself
    ("book", "before", "march") are never part of a place.
    """
    blocked = set(taken or ()) | {i for i, w in enumerate(words) if w in NOT_PLACES or w.isdigit()}
    candidates: list[Heard] = []
    for start in range(len(words)):
        for end in range(start + 1, min(start + MAX_SPAN_WORDS, len(words)) + 1):
            if any(i in blocked for i in range(start, end)):
                break
            # "or" joins two places and "and" is often a misheard "in" before one: they may
            # be the sound of part of a name ("nook or ping", "and curping"), never all of it.
            if words[end - 1] in JOINERS or words[start] == "or":
                continue
            match = _best(words[start:end], words[end] if end < len(words) else "")
            if match is not None and match[1] >= SIMILARITY:
                place, score, size = match
                candidates.append(Heard(start, end, place, score, score * size))
    chosen: list[Heard] = []
    used: set[int] = set()
    # "gertieborg hurks" is one place (Göteborg Högsbo), not "gertieborg" (Göteborg Öst) and noise.
    for heard in sorted(candidates, key=lambda h: (-h.weight, -h.score, h.start)):
        span = set(range(heard.start, heard.end))
        if span & used or any(h.place == heard.place for h in chosen):
            continue
        chosen.append(heard)
        used |= span
    return sorted(chosen, key=lambda h: h.start)
