"""Booking parameters from a spoken request: places, the date window, exam type and gearbox."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from gofer.voice import place_sounds
from gofer.voice.wording import fold

PLACES: dict[str, str] = {
    k: v
    for k, v in json.loads(Path(__file__).with_name("places.json").read_text()).items()
    if not k.startswith("_")
}
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        ("january", "jan", "januari", "thang mot", "thang 1", "thang gieng"),
        ("february", "feb", "februari", "thang hai", "thang 2"),
        ("march", "mar", "mars", "thang ba", "thang 3"),
        ("april", "apr", "thang tu", "thang 4"),
        ("may", "maj", "thang nam", "thang 5"),
        ("june", "jun", "juni", "thang sau", "thang 6"),
        ("july", "jul", "juli", "thang bay", "thang 7"),
        ("august", "aug", "augusti", "thang tam", "thang 8"),
        ("september", "sep", "sept", "thang chin", "thang 9"),
        ("october", "oct", "oktober", "okt", "thang muoi", "thang 10"),
        ("november", "nov", "thang muoi mot", "thang 11"),
        ("december", "dec", "thang muoi hai", "thang 12", "thang chap"),
    ],
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th|e|a|:e|:a)?"
_BEFORE = re.compile(
    rf"\b(?:before|by|until|fore|innan|truoc)\s+(?:the\s+)?(?:{_ORDINAL}\s+(?:of\s+)?)?"
    rf"(?:ngay\s+)?({_MONTH_RE})\b(?:\s+(?:the\s+)?{_ORDINAL})?"
)


@dataclass
class BookingRequest:
    locations: list[str] = field(default_factory=list)
    before: date | None = None
    exam_type: str = "Körprov"
    vehicle: str = "manual"

    def params(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "locations": self.locations,
            "exam_type": self.exam_type,
            "license_type": "B",
        }
        if self.exam_type == "Körprov":
            values["vehicle"] = self.vehicle
        if self.before is not None:
            values["before"] = self.before.isoformat()
        return values


# Speech recognisers spell Swedish names loosely ("Jäfälla", "Linkerping"): close enough counts.
# Capitalised words (how Whisper writes names) may be further off than ordinary ones.
PLACE_SIMILARITY = 85
NAME_SIMILARITY = 72
_ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(),
        start=1,
    )
}
_ORDINAL_WORDS |= {f"twenty {w}": 20 + n for w, n in list(_ORDINAL_WORDS.items())[:9]}
_ORDINAL_WORDS |= {"thirtieth": 30, "thirty first": 31}


def find_places(
    folded: str, names: frozenset[str] = frozenset(), by_sound: bool = False
) -> list[str]:
    """The site's names of the places in a folded text, in spoken order (at most 4).

    `names` are the folded words the recogniser capitalised: likelier to be places. With
    `by_sound`, places are found by how the words sound instead (place_sounds), for English
    speech where the recogniser writes Swedish names as it hears them ("Urebrel").
    """
    words = folded.split()
    if by_sound:
        return [heard.place for heard in place_sounds.find(words)][:4]
    found: list[tuple[int, str]] = []
    taken: set[int] = set()
    for size in (2, 1):
        for start in range(len(words) - size + 1):
            if any(i in taken for i in range(start, start + size)):
                continue
            spoken = " ".join(words[start : start + size])
            if len(spoken) < 4:
                continue
            is_name = all(w in names for w in words[start : start + size])
            best = process.extractOne(spoken, PLACES.keys(), scorer=fuzz.ratio)
            if best is None or best[1] < (NAME_SIMILARITY if is_name else PLACE_SIMILARITY):
                continue
            name = PLACES[best[0]]
            if name not in (n for _, n in found):
                found.append((start, name))
            taken.update(range(start, start + size))
    return [name for _, name in sorted(found)][:4]


def _next(month: int, day: int, today: date) -> date:
    candidate = date(today.year, month, day)
    return candidate if candidate > today else date(today.year + 1, month, day)


def parse(text: str, today: date, by_sound: bool = False) -> BookingRequest:
    """The booking parameters in `text`; `by_sound` matches places by sound (see find_places)."""
    names = frozenset(fold(w) for w in re.findall(r"(?<=\s)[A-ZÅÄÖ]\w+", text))
    folded = fold(text)
    for word, number in sorted(_ORDINAL_WORDS.items(), key=lambda kv: -len(kv[0])):
        folded = re.sub(rf"\b{word}\b", str(number), folded)
    request = BookingRequest()
    request.locations = find_places(folded, names, by_sound)
    before = _BEFORE.search(folded)
    if before:
        day = int(before.group(1) or before.group(3) or 1)
        month = _MONTHS[before.group(2)]
        try:
            request.before = _next(month, day, today)
        except ValueError:
            request.before = _next(month, 1, today)
    if re.search(r"\b(theory|kunskapsprov|ly thuyet|written)\b", folded):
        request.exam_type = "Kunskapsprov"
    if re.search(r"\b(automatic|automat|automatisk|so tu dong|tu dong)\b", folded):
        request.vehicle = "automatic"
    return request
