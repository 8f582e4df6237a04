"""Shared state of one understanding pass: phrases found, values assigned, what is consumed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..schema import FormSchema
from .intents import Command
from .profiles import FieldProfile
from .questions import detect_language, display_label, join_choices, question
from .reading import ValueRead
from .result import Understanding
from .text import Message, collapse
from .vocabulary import PhraseEntry, Vocabulary, build_vocabulary

GAP_CHARS = frozenset(" \t/-&'")
HEAD_WORDS = frozenset(
    "ngay loai so ten ma trang thai muc do cac chi tiet thong tin gio va cua cho".split()
)
CORRECTION_WORDS = re.compile(
    r"\b(?:nham|sua lai|sua thanh|doi lai|a khong|khong phai|hong phai|ua lon|lon roi|actually|"
    r"no wait|sorry|correction|"
    r"i mean|make it|change it|instead)\b"
)


@lru_cache(maxsize=32)
def vocabulary_for(schema: FormSchema) -> Vocabulary:
    return build_vocabulary(schema)


@dataclass
class Occurrence:
    """A phrase of the vocabulary found at `[start, end)` of the message."""

    start: int
    end: int
    key: str
    entry: PhraseEntry

    @property
    def words(self) -> int:
        return len(self.key.split())

    @property
    def own_label(self) -> int:
        """1 when the phrase is an option's own label or a field's full label."""
        exact_option = any(t.exact_label for t in self.entry.options)
        full_label = any(c.priority >= 1.0 for c in self.entry.cues.values())
        return int(exact_option or full_label)


@dataclass
class Assigned:
    value: str
    position: int
    strength: int


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class RunState:
    """Bookkeeping shared by the phases of one pass over one message."""

    def __init__(
        self,
        text: str,
        schema: FormSchema,
        today: dt.date,
        current: Mapping[str, str],
        language: str = "vi",
    ) -> None:
        self.schema = schema
        self.msg = Message(text)
        self.vocab = vocabulary_for(schema)
        self.today = today
        self.current = dict(current)
        self.lang = detect_language(text, language)
        self.result = Understanding(language=self.lang)
        self.values: dict[str, Assigned] = {}
        self.consumed: list[tuple[int, int]] = []
        self.protected: list[tuple[int, int]] = []
        self._masked: tuple[int, str] | None = None
        self.occurrences: list[Occurrence] = []
        self.commands: list[Command] = []
        self.fallback_kinds: set[str] = set()
        self.clear_at: int | None = None  # where "xóa hết"/"clear all" was said

    def consume(self, start: int, end: int) -> None:
        if end > start:
            self.consumed.append((start, end))

    def is_consumed(self, start: int, end: int) -> bool:
        return any(overlaps((start, end), span) for span in self.consumed)

    def assign(self, name: str, value: str, position: int, strength: int = 2) -> None:
        self.values[name] = Assigned(value, position, strength)
        self.result.rejected.pop(name, None)

    def reject(self, profile: FieldProfile, read: ValueRead) -> None:
        label = display_label(profile.field, self.lang)
        params = {
            "shown": collapse(read.shown or self.msg.raw[read.start : read.end]),
            "label": label,
        }
        if read.error in ("term_not_offered", "option_unknown", "option_ambiguous"):
            params["options"] = self._option_labels(profile)
        if read.error == "number_out_of_range":
            params["range"] = self._range(profile)
        text = question(read.error or "value_missing", self.lang, **params)
        self.result.rejected[profile.name] = text
        self.result.ask(text, (profile.name,))

    def _option_labels(self, profile: FieldProfile) -> str:
        labels = [
            o.label for o in profile.field.options if o.value and not o.label.startswith("--")
        ]
        return ", ".join(labels[:12])

    def _range(self, profile: FieldProfile) -> str:
        low = profile.field.min_value
        high = profile.field.max_value

        def show(x: float | None) -> str:
            return "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))

        if low is not None and high is not None:
            return f"{show(low)}–{show(high)}"
        if low is not None:
            return f"≥ {show(low)}"
        return f"≤ {show(high)}"

    def profile(self, name: str) -> FieldProfile:
        profile = self.vocab.profile(name)
        assert profile is not None
        return profile

    def clause_start(self, end: int, marks: str = ",;.!?\n|:") -> int:
        """Start of the clause ending at `end`. A mark inside an email, a date or an amount
        ("son.dv@vpbank.com.vn", "December 25, 1991", "2.500.000") does not end a clause."""
        pos = end
        while True:
            pos = max((self.msg.low.rfind(ch, 0, pos) for ch in marks), default=-1)
            if pos < 0 or not any(a <= pos < b for a, b in self.protected):
                return pos + 1

    def masked_low(self) -> str:
        """The folded message with the punctuation inside protected values (emails, dates,
        amounts) blanked, so that "2.350.000" does not end a clause for a pattern."""
        if self._masked is None or self._masked[0] != len(self.protected):
            chars = list(self.msg.low)
            for a, b in self.protected:
                for i in range(a, b):
                    if chars[i] in ",;.!?|:":
                        chars[i] = " "
            self._masked = (len(self.protected), "".join(chars))
        return self._masked[1]

    def stops(self) -> frozenset[int]:
        return frozenset(o.start for o in self.occurrences)

    def limit_after(self, pos: int) -> int:
        starts = [c.start for c in self.commands if c.start >= pos]
        return min(starts, default=len(self.msg.low))

    def distinctive_words(self, name: str) -> set[str]:
        """Label words of a field shared by at most three labels of the form ('tương tác')."""
        counts = self.vocab.label_word_counts
        words = set(self.profile(name).label_main.split()) - HEAD_WORDS
        return {w for w in words if counts.get(w, 0) <= 3}

    def ask_between(self, profile: FieldProfile, reads: list[ValueRead]) -> None:
        """Two values for one field: ask which, and fill nothing."""
        shown = [collapse(self.msg.raw[r.start : r.end]) for r in reads]
        label = display_label(profile.field, self.lang)
        text = question(
            "value_ambiguous", self.lang, label=label, options=join_choices(shown, self.lang)
        )
        self.result.rejected[profile.name] = text
        self.result.ask(text, (profile.name,))
        self.values.pop(profile.name, None)

    def ask_which_field(self, read: ValueRead | None, profiles: list[FieldProfile]) -> None:
        shown = collapse(self.msg.raw[read.start : read.end]) if read else ""
        labels = [display_label(p.field, self.lang) for p in profiles]
        text = question(
            "field_ambiguous", self.lang, shown=shown, options=join_choices(labels, self.lang)
        )
        self.result.ask(text, tuple(p.name for p in profiles))

    def free_spans(self) -> list[tuple[int, int]]:
        spans = sorted(self.consumed)
        free: list[tuple[int, int]] = []
        cursor = 0
        for start, end in spans:
            if start > cursor:
                free.append((cursor, start))
            cursor = max(cursor, end)
        if cursor < len(self.msg.low):
            free.append((cursor, len(self.msg.low)))
        return free

    def unassigned(self, *kinds: str) -> list[FieldProfile]:
        return [p for p in self.vocab.by_kind(*kinds) if p.name not in self.values]
