"""Known names and ids of the booking site, used to reject bad requests before any browser work.

The workflow still checks locations against the site's own list at run time: this table only
catches typos early, it is not the authority.
"""

from __future__ import annotations

import unicodedata

# licence code -> licenceId
LICENCES: dict[str, int] = {
    "AM": 1, "A1": 2, "A2": 24, "A": 4, "B": 5, "B96": 23, "BE": 7,
    "C1": 25, "C": 8, "C1E": 26, "CE": 9, "D1": 27, "D": 10, "D1E": 28, "DE": 11,
}  # fmt: skip

EXAM_TYPES = ("Körprov", "Kunskapsprov")
EXAM_TYPE_ALIASES: dict[str, str] = {
    "korprov": "Körprov", "driving": "Körprov", "driving_test": "Körprov",
    "practical": "Körprov", "kunskapsprov": "Kunskapsprov", "theory": "Kunskapsprov",
    "theory_test": "Kunskapsprov", "knowledge": "Kunskapsprov",
}  # fmt: skip

VEHICLES: dict[str, str] = {"manual": "Manuell bil", "automatic": "Automatbil"}
VEHICLE_ALIASES: dict[str, str] = {
    "manual": "manual", "manuell": "manual", "manuell bil": "manual",
    "automatic": "automatic", "auto": "automatic", "automat": "automatic",
    "automatbil": "automatic",
}  # fmt: skip

LANGUAGES: dict[str, str] = {"sv": "Svenska", "en": "Engelska"}
LANGUAGE_ALIASES: dict[str, str] = {
    "sv": "sv", "svenska": "sv", "swedish": "sv", "en": "en", "engelska": "en", "english": "en",
}  # fmt: skip

LOCATIONS: tuple[str, ...] = (
    "Uppsala", "Järfälla", "Sollentuna", "Farsta", "Södertälje", "Stockholm City",
    "Göteborg Högsbo", "Göteborg-Hisingen", "Göteborg Öst", "Malmö", "Lund", "Helsingborg",
    "Linköping", "Norrköping", "Västerås", "Eskilstuna", "Enköping", "Sala", "Gävle",
    "Sundsvall", "Umeå", "Luleå", "Jönköping", "Växjö", "Örebro", "Karlstad", "Halmstad",
    "Borås", "Skövde", "Visby", "Västerhaninge", "Västerhaninge 2",
    "Gillinge Trafikövningsplats", "Karlskoga", "Falköping", "Strängnäs",
)  # fmt: skip


def fold(text: str) -> str:
    """Lower case without diacritics or punctuation differences: 'Göteborg-Hisingen' ~ 'goteborg hisingen'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("-", " ").split())


_LOCATIONS_BY_FOLD = {fold(name): name for name in LOCATIONS}


def canonical_location(name: str, known: dict[str, str] | None = None) -> str | None:
    """The site's spelling of a location name, or None if it is not one known place.

    A unique prefix is accepted ("Stockholm" is "Stockholm City"); an ambiguous one is not
    ("Göteborg" could be three places).
    """
    index = known or _LOCATIONS_BY_FOLD
    folded = fold(name)
    if folded in index:
        return index[folded]
    candidates = [full for key, full in index.items() if folded and key.startswith(folded + " ")]
    return candidates[0] if len(candidates) == 1 else None


def fold_index(names: list[str]) -> dict[str, str]:
    return {fold(n): n for n in names}
