"""Text normalisation: diacritics folding with a 1:1 character map, tokens and accent checks."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

# Tone marks only; vowel-shape marks (circumflex, breve, horn) stay part of the letter.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD_RE = re.compile(r"[a-z0-9]+")
_VI_LETTERS = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]")


def fold_char(ch: str) -> str:
    """Lower-case ASCII form of one character; never changes the length of the text."""
    if ch in "đĐ":
        return "d"
    low = ch.lower()
    if len(low) != 1:
        low = ch
    if low.isascii():
        return low
    compat = unicodedata.normalize("NFKD", low)
    if len(compat) == 1 and compat.isascii():
        return compat  # "¹" → "1", full-width letters and digits
    base = unicodedata.normalize("NFD", low)[0]
    if unicodedata.combining(base):
        return " "
    return base if base.isascii() else low


def fold(text: str) -> str:
    """Diacritics-free lower case (đ→d), same length as the NFC form of `text`."""
    return "".join(fold_char(ch) for ch in unicodedata.normalize("NFC", text))


def fold_words(text: str) -> str:
    """Folded words of `text` joined by single spaces (punctuation dropped)."""
    return " ".join(_WORD_RE.findall(fold(text)))


def collapse(text: str) -> str:
    """Trim and collapse runs of whitespace to one space."""
    return " ".join(text.split())


def has_vietnamese_letters(text: str) -> bool:
    return bool(_VI_LETTERS.search(text.lower()))


def _syllable_key(syllable: str) -> tuple[str, frozenset[str]]:
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    tones = frozenset(ch for ch in decomposed if ch in _TONE_MARKS)
    shape = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    return shape, tones


def same_marks(typed: str, reference: str) -> bool:
    """True when two marked syllables carry the same marks (tone placement may differ)."""
    return _syllable_key(typed) == _syllable_key(reference)


def accents_compatible(typed: str, reference: str) -> bool:
    """True when `typed` could be `reference` written with, without or with partial diacritics.

    Syllables typed without any diacritic always match; syllables typed with diacritics must carry
    the reference's marks (tone placement variants like "xoá"/"xóa" are equal).
    """
    typed_syllables = typed.lower().split()
    reference_syllables = reference.lower().split()
    if len(typed_syllables) != len(reference_syllables):
        return True  # different tokenisation (e.g. "e-mail"); the folded match already passed
    for mine, theirs in zip(typed_syllables, reference_syllables, strict=True):
        if fold(mine) == mine or fold(theirs) == theirs:
            continue
        if _syllable_key(mine) != _syllable_key(theirs):
            return False
    return True


@dataclass(frozen=True)
class Token:
    """One folded word of a message with its character span."""

    text: str
    start: int
    end: int


# Slang scale words after a number, read as their standard twin in the folded text only
# ("3 tỏi" = 3 tỷ); with their marks, so "tối"/"tôi" stay what they are.
_SLANG_SCALES = {"tỏi": "ty "}
_SLANG_RE = re.compile(
    r"(?:\d|\b(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|rưỡi))\s*("
    + "|".join(_SLANG_SCALES)
    + r")\b"
)


# Without any marks, "2 toi" after an amount word is "2 tỏi" (not "tối", which follows a time).
_PLAIN_TOI_RE = re.compile(r"(?<!:)\b(\d+(?:[.,]\d+)?)\s*(toi)\b(?!\s*(?:nay|mai|qua|hom))")
_TIME_BEFORE = re.compile(r"(?:luc|gio|\d[h:]\d*|vao)\s*$")


# "tháng sau" typed with marks elsewhere is next month ("tháng sáu" is June): the folded
# twin says "thang toi", which has only the one meaning.
_NEXT_MONTH_RE = re.compile(r"\btháng\s+(sau)\b")


def _spoken_scales(raw: str, low: str) -> str:
    for match in _SLANG_RE.finditer(raw.lower()):
        twin = _SLANG_SCALES[match.group(1)]
        low = low[: match.start(1)] + twin + low[match.end(1) :]
    if has_vietnamese_letters(raw):
        for match in _NEXT_MONTH_RE.finditer(raw.lower()):
            low = low[: match.start(1)] + "toi" + low[match.end(1) :]
    if not has_vietnamese_letters(raw):
        for match in _PLAIN_TOI_RE.finditer(low):
            if _TIME_BEFORE.search(low, max(0, match.start() - 8), match.start()):
                continue
            low = low[: match.start(2)] + "ty " + low[match.end(2) :]
    return low


@dataclass(frozen=True, init=False)
class Message:
    """A user message: NFC original text and its folded twin with identical indices.

    Immutable: every phase of the understanding reads the same message, and none can change
    what a later phase sees (derived views are cached, never rewritten).
    """

    raw: str
    low: str

    def __init__(self, text: str) -> None:
        raw = unicodedata.normalize("NFC", text)
        low = _spoken_scales(raw, fold(raw))
        assert len(raw) == len(low)
        object.__setattr__(self, "raw", raw)
        object.__setattr__(self, "low", low)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(Token(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(self.low))

    def token_index_at(self, pos: int) -> int:
        """Index of the first token starting at or after `pos` (len(tokens) if none)."""
        for index, token in enumerate(self.tokens):
            if token.start >= pos:
                return index
        return len(self.tokens)

    def raw_span(self, start: int, end: int) -> str:
        return self.raw[start:end]

    @cached_property
    def has_diacritics(self) -> bool:
        return has_vietnamese_letters(self.raw)

    @cached_property
    def has_titlecase(self) -> bool:
        """True when some word is written 'Like This' (the writer capitalises names)."""
        return any(w[:1].isupper() and w[1:].islower() for w in re.findall(r"[^\W\d_]+", self.raw))

    @cached_property
    def is_lowercase(self) -> bool:
        letters = [ch for ch in self.raw if ch.isalpha()]
        return bool(letters) and all(not ch.isupper() for ch in letters)


def skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def prev_non_space(text: str, pos: int) -> int:
    """Index of the last non-space character before `pos`, or -1."""
    pos -= 1
    while pos >= 0 and text[pos].isspace():
        pos -= 1
    return pos
