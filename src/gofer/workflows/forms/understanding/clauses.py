"""Clause boundaries: where a new request starts inside a message."""

from __future__ import annotations

from functools import cache

from .data_files import word_list
from .text import Message, fold, prev_non_space

_BOUNDARY_CHARS = frozenset(",;.!?\n\r")
# Words after which a new field or command starts: connectors, corrections and edit verbs.
CONNECTORS = frozenset(
    """va con roi voi and with also then plus cung nhe nha thi but nhung nham sorry actually oh
    u ok okay sua doi thay change update set dien nhap add please giup hay now xong finally
    correction correct fix oops ah uh um hmm well them thoi nho xong roi cai""".split()
)
_PHRASE_CONNECTORS = (
    "a nham",
    "nham roi",
    "xin loi",
    "sua lai",
    "doi lai",
    "cap nhat",
    "vui long",
    "lam on",
    "sau do",
    "tiep theo",
    "ngoai ra",
    "cuoi cung",
    "bo sung",
    "giup em",
    "giup minh",
)


@cache
def spoken_fillers() -> frozenset[str]:
    """Spoken fillers as typed (lower case, with marks), from the data file."""
    return frozenset(word_list("fillers.txt"))


@cache
def spoken_breaks() -> frozenset[str]:
    """Words that end a clause in unpunctuated speech, as typed, from the data file."""
    return frozenset(word_list("spoken_breaks.txt"))


def spoken_break_before(msg: Message, pos: int) -> int | None:
    """Start of the spoken clause break (one or two words) right before `pos`, if any."""
    tokens = [t for t in msg.tokens if t.end <= pos][-2:]
    if not tokens or msg.low[tokens[-1].end : pos].strip():
        return None
    pair = msg.raw[tokens[0].start : tokens[-1].end].lower() if len(tokens) == 2 else ""
    if pair and " ".join(pair.split()) in spoken_breaks():
        return tokens[0].start
    if msg.raw[tokens[-1].start : tokens[-1].end].lower() in spoken_breaks():
        return tokens[-1].start
    return None


def after_spoken_break(msg: Message, pos: int) -> bool:
    """True when the one or two words right before `pos` are a spoken clause break."""
    return spoken_break_before(msg, pos) is not None


def at_boundary(msg: Message, pos: int, *, strict: bool = False) -> bool:
    """True when `pos` starts a clause: message start, after punctuation or a connector word.

    `strict` accepts punctuation only (used inside free text, where "và" joins words).
    """
    before = prev_non_space(msg.low, pos)
    if before < 0:
        return True
    if msg.low[before] in _BOUNDARY_CHARS:
        return True
    if strict:
        return after_spoken_break(msg, pos)
    tokens = [t for t in msg.tokens if t.end <= pos]
    if not tokens:
        return not msg.low[:pos].strip(" :-\t")
    last = tokens[-1]
    if msg.low[last.end : pos].strip():
        return msg.low[last.end : pos].strip()[-1] in _BOUNDARY_CHARS
    if last.text in CONNECTORS:
        return True
    if msg.raw[last.start : last.end].lower() in spoken_fillers():
        return True
    if len(tokens) >= 2 and f"{tokens[-2].text} {last.text}" in _PHRASE_CONNECTORS:
        return True
    return False


def clause_end(msg: Message, pos: int, limit: int | None = None) -> int:
    """Position of the next clause punctuation (, ; . ! ? newline) at or after `pos`."""
    stop = len(msg.low) if limit is None else limit
    for index in range(pos, stop):
        ch = msg.low[index]
        if ch in ",;!?\n":
            return index
        if ch == "." and (index + 1 >= stop or msg.low[index + 1].isspace()):
            return index
    return stop


# Words that end with a dot without ending a sentence ("TP. HCM", "Q. 3", "Co. Ltd.").
_ABBREVIATIONS = frozenset(
    "tp q p tx tt h x ph st rd ave dr mr mrs ms no co ltd inc jsc corp vs etc e g i sn ng".split()
)


def sentence_end(msg: Message, pos: int, limit: int | None = None) -> int:
    """Position of the end of the sentence holding `pos`: . ! ? or a line break, else `limit`.

    A free text (an address, a note) is one sentence: what follows is another request.
    """
    stop = len(msg.low) if limit is None else limit
    low = msg.low
    for index in range(pos, stop):
        ch = low[index]
        if ch in "!?\n\r":
            return index
        if ch != "." or (index + 1 < stop and not low[index + 1].isspace()):
            continue
        word_start = index
        while word_start > pos and low[word_start - 1].isalpha():
            word_start -= 1
        word = fold(low[word_start:index])
        if word and word in _ABBREVIATIONS:
            continue
        if index + 1 >= stop or low[index + 1 :].strip():
            return index
    return stop
