"""Cue phrases for a form, built from its labels, names and the generic lexicon."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..schema import FieldOption, FormSchema
from .lexicon import CONCEPTS, GENERIC_OPTION_PHRASES, OPTION_SYNONYMS
from .profiles import FieldProfile, profile_schema
from .text import fold_words

# Words that never begin or end a cue taken from part of a label.
_EDGE_WORDS = frozenset(
    "va cua cho da bang neu co khi cac the of and or for in on to by la nhung tu den".split()
)
_UNIT_PARENS = frozenset({"vnd", "vnđ", "phut", "0 100", "neu co", "ngay"})


@dataclass(frozen=True)
class CueTarget:
    """A field a cue phrase can name, with how strongly."""

    field: str
    priority: float
    inclusive: bool = False  # the phrase is part of the value ("Công ty ABC")


@dataclass(frozen=True)
class OptionTarget:
    """A select option a phrase can mean."""

    field: str
    value: str
    exact_label: bool  # the phrase is the option's own label or value
    needs_cue: bool  # too short or common to fill the field unless it is named nearby


@dataclass
class PhraseEntry:
    cues: dict[str, CueTarget] = field(default_factory=dict)
    options: list[OptionTarget] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)  # how the phrase is written, with diacritics

    def add_cue(self, target: CueTarget) -> None:
        known = self.cues.get(target.field)
        if known is None or target.priority > known.priority:
            self.cues[target.field] = target


@dataclass
class Vocabulary:
    """Every phrase of one form: which fields it names and which options it means."""

    profiles: list[FieldProfile]
    entries: dict[str, PhraseEntry]
    max_words: int
    label_word_counts: dict[str, int] = field(default_factory=dict)  # labels using each word

    def profile(self, name: str) -> FieldProfile | None:
        return next((p for p in self.profiles if p.name == name), None)

    def by_kind(self, *kinds: str) -> list[FieldProfile]:
        return [p for p in self.profiles if p.kind in kinds]


def _clean_form(text: str) -> str:
    text = re.sub(r"[^\w\s'/&-]", " ", text.lower())
    return " ".join(text.replace("/", " ").replace("&", " ").replace("-", " ").split())


def _add(
    entries: dict[str, PhraseEntry], phrase_source: str, *, cue: CueTarget | None = None
) -> PhraseEntry | None:
    key = fold_words(phrase_source)
    if not key:
        return None
    entry = entries.setdefault(key, PhraseEntry())
    entry.forms.add(_clean_form(unicodedata.normalize("NFC", phrase_source)))
    if cue is not None:
        entry.add_cue(cue)
    return entry


def _label_cues(entries: dict[str, PhraseEntry], profile: FieldProfile) -> None:
    label = profile.field.label.replace("*", " ")
    outside = re.sub(r"\([^)]*\)", " ", label)
    inside = re.findall(r"\(([^)]*)\)", label)
    name = profile.name
    _add(entries, outside, cue=CueTarget(name, 1.0))
    parts = [p for p in outside.split("/") if p.strip()]
    if len(parts) > 1:
        for part in parts:
            _add(entries, part, cue=CueTarget(name, 0.95))
    for paren in inside:
        folded = fold_words(paren)
        if folded in _UNIT_PARENS or not folded or any(ch.isdigit() for ch in folded):
            continue
        if paren.strip().isupper() and len(paren.strip()) >= 2:
            _add(entries, paren, cue=CueTarget(name, 0.95))
        elif len(folded.split()) <= 3:
            _add(entries, f"{outside} {paren}", cue=CueTarget(name, 1.0))
    words = outside.split()
    folded_words = profile.label_main.split()
    size = len(folded_words)
    if len(words) == size:
        for n in range(2, size):
            for start in range(0, size - n + 1):
                chunk = folded_words[start : start + n]
                if chunk[0] in _EDGE_WORDS or chunk[-1] in _EDGE_WORDS:
                    continue
                priority = 0.5 + 0.3 * n / size
                _add(entries, " ".join(words[start : start + n]), cue=CueTarget(name, priority))
    spoken_name = profile.name_words
    if len(spoken_name.split()) >= 2 or len(spoken_name) >= 4:
        _add(entries, spoken_name, cue=CueTarget(name, 0.85))
    head = spoken_name.split()[-1] if spoken_name else ""
    if (
        profile.kind in ("free_text", "short_text")
        and len(spoken_name.split()) >= 2
        and len(head) >= 4
    ):
        # "failureReason" → "reason:"; weak, so it needs a colon or "is" after it
        _add(entries, head, cue=CueTarget(name, 0.6))
    placeholder = profile.field.placeholder
    if placeholder and not re.search(r"[\d,.…]", placeholder) and len(placeholder.split()) <= 4:
        _add(entries, placeholder, cue=CueTarget(name, 0.6))


def _concept_cues(entries: dict[str, PhraseEntry], profiles: list[FieldProfile]) -> None:
    for concept in CONCEPTS:
        targets = [
            p
            for p in profiles
            if p.kind in concept.kinds
            and (not concept.any_of or any(p.mentions(k) for k in concept.any_of))
            and (not concept.also_any_of or any(p.mentions(k) for k in concept.also_any_of))
            and not any(p.mentions(k) for k in concept.none_of)
        ]
        if not targets:
            continue
        ranked: dict[str, float] = {}
        for kind in {p.kind for p in targets}:
            group = sorted(
                (p for p in targets if p.kind == kind), key=lambda p: (p.label_size, p.index)
            )
            for rank, profile in enumerate(group):
                ranked[profile.name] = 0.9 if rank == 0 else 0.8 - 0.01 * rank
        inclusive = {fold_words(p) for p in concept.inclusive}
        for phrase in concept.phrases:
            for name, priority in ranked.items():
                is_inclusive = fold_words(phrase) in inclusive
                _add(entries, phrase, cue=CueTarget(name, priority, is_inclusive))


def _contrast_cues(entries: dict[str, PhraseEntry], profiles: list[FieldProfile]) -> None:
    """'số dư trước …, sau …': the words that tell two alike labels apart name each of them."""
    for a in profiles:
        for b in profiles:
            if a is b or a.kind != b.kind:
                continue
            words_a, words_b = a.label_main.split(), b.label_main.split()
            if len(words_a) != len(words_b) or len(words_a) < 3:
                continue
            differ = [i for i, (x, y) in enumerate(zip(words_a, words_b, strict=True)) if x != y]
            if not differ or differ[0] == 0 or differ != list(range(differ[0], differ[-1] + 1)):
                continue  # a different head word ("Loại"/"Mã") says nothing on its own
            raw_words = re.sub(r"\([^)]*\)", " ", a.field.label.replace("*", " ")).split()
            if len(raw_words) != len(words_a):
                continue
            segment = " ".join(raw_words[differ[0] : differ[-1] + 1])
            _add(entries, segment, cue=CueTarget(a.name, 0.6))


def _stars(label: str) -> int:
    return label.count("⭐") + label.count("★")


def option_phrases(option: FieldOption) -> list[tuple[str, bool]]:
    """Phrases meaning one option: (text, is the option's own label/value)."""
    label = option.label
    phrases: list[tuple[str, bool]] = []
    outside = re.sub(r"\([^)]*\)", " ", label)
    inside = re.findall(r"\(([^)]*)\)", label)
    if fold_words(label):
        phrases.append((label, True))
    if inside and fold_words(outside):
        phrases.append((outside, True))
        phrases.extend((p, True) for p in inside)
    value_words = option.value.replace("-", " ").replace("_", " ").strip()
    if re.search(r"[a-zA-Z]", value_words) and not option.value.startswith("__"):
        phrases.append((value_words, True))
    stars = _stars(label)
    if stars:
        for form in (
            f"{stars} sao",
            f"{stars} stars",
            f"{stars} star",
            f"{stars}/5",
            f"{stars} điểm",
        ):
            phrases.append((form, False))
    for synonym in OPTION_SYNONYMS.get(fold_words(label), ()):
        phrases.append((synonym, False))
    return phrases + _southern_negations(phrases)


# Southern speech says "hông"/"hổng" for "không" ("khách hổng hài lòng", "hông có tài sản").
_KHONG = re.compile(r"\bkhông\b", re.IGNORECASE)


def _southern_negations(phrases: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    return [
        (_KHONG.sub(variant, text), False)
        for text, _ in phrases
        # alone, "hông" is as likely the name Hồng typed without marks
        if _KHONG.search(text) and len(fold_words(text).split()) > 1
        for variant in ("hông", "hổng")
    ]


def _needs_cue(folded: str, source: str, exact: bool, value: str) -> bool:
    if folded in GENERIC_OPTION_PHRASES:
        return True
    words = folded.split()
    if len(words) == 1:
        acronym = exact and source.strip().isupper() and len(folded) >= 3
        own_value = exact and folded == value.lower() and len(folded) >= 3 and source.isascii()
        return not (acronym or own_value) and len(folded) <= 4
    return False


def _option_entries(entries: dict[str, PhraseEntry], profiles: list[FieldProfile]) -> None:
    for profile in profiles:
        if profile.kind not in ("select", "yesno"):
            continue
        for option in profile.field.options:
            if not option.value or option.label.strip().startswith("--"):
                continue
            seen: set[str] = set()
            for text, exact in option_phrases(option):
                folded = fold_words(text)
                if not folded:
                    continue
                if folded in seen:
                    _add(entries, text)  # another way to type it ("hông"/"hổng")
                    continue
                seen.add(folded)
                entry = _add(entries, text)
                if entry is None:
                    continue
                needs = _needs_cue(folded, text, exact, option.value)
                target = OptionTarget(profile.name, option.value, exact, needs)
                if not any(
                    t.field == target.field and t.value == target.value for t in entry.options
                ):
                    entry.options.append(target)


def build_vocabulary(schema: FormSchema) -> Vocabulary:
    """All cue and option phrases of a form."""
    profiles = profile_schema(schema)
    entries: dict[str, PhraseEntry] = {}
    fillable = [p for p in profiles if p.kind != "file"]
    for profile in fillable:
        _label_cues(entries, profile)
    _concept_cues(entries, fillable)
    _contrast_cues(entries, fillable)
    _option_entries(entries, fillable)
    # An option phrase that means options of two different fields cannot fill either alone.
    for entry in entries.values():
        fields = {t.field for t in entry.options}
        if len(fields) > 1:
            entry.options = [
                OptionTarget(t.field, t.value, t.exact_label, True) for t in entry.options
            ]
    max_words = max((len(k.split()) for k in entries), default=1)
    counts: dict[str, int] = {}
    for profile in fillable:
        for word in set(profile.label_main.split()):
            counts[word] = counts.get(word, 0) + 1
    return Vocabulary(profiles, entries, max_words, counts)
