"""'X và Y …, em chưa biết ghi ai là nhân viên xử lý': a role the speaker leaves open is asked
about, never filled with one of the people named."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .clauses import clause_end, sentence_end
from .names import HONORIFICS, SURNAMES, read_name
from .run_state import Assigned, Occurrence
from .text import Message

# The speaker says the choice is not made ("chưa biết", "chưa rõ", "have not decided").
UNDECIDED = re.compile(
    r"\b(?:chua chot|chua quyet|chua biet|chua ro|khong ro|not decided|have not decided|"
    r"haven t decided|not sure|undecided|khong biet|unsure)\b"
)


def _sentence_start(msg: Message, pos: int) -> int:
    return max(msg.low.rfind(ch, 0, pos) for ch in ".!?\n") + 1


def _people_in(msg: Message, start: int, end: int) -> list[str]:
    """Names said in `[start, end)`: after 'anh'/'chị'/… or starting with a family name."""
    found: list[str] = []
    tokens = [t for t in msg.tokens if start <= t.start < end]
    skip_until = -1
    for index, token in enumerate(tokens):
        if token.start < skip_until:
            continue
        titled = index > 0 and tokens[index - 1].text in HONORIFICS
        capital = msg.raw[token.start : token.start + 1].isupper()
        if not capital or not (titled or token.text in SURNAMES):
            continue
        read = read_name(msg, token.start, end, explicit=titled)
        if read is None or read.value is None:
            continue
        found.append(read.value)
        skip_until = read.end
    return list(dict.fromkeys(found))


def open_roles(
    msg: Message,
    occurrences: Iterable[Occurrence],
    person_fields: set[str],
    values: dict[str, Assigned],
    ask: Callable[[str, list[str]], None],
) -> None:
    """For each person field named in a sentence that says the choice is open: drop a value
    found in that sentence and ask, offering the people the sentence names."""
    for occurrence in occurrences:
        fields = [f for f in occurrence.entry.cues if f in person_fields]
        if not fields:
            continue
        start = _sentence_start(msg, occurrence.start)
        end = sentence_end(msg, occurrence.start)
        # The open choice is about this role only when said in the role's own clause.
        clause_start = max(msg.low.rfind(ch, 0, occurrence.start) for ch in ",;.!?\n") + 1
        if not UNDECIDED.search(msg.low, clause_start, clause_end(msg, occurrence.end)):
            continue
        best = max(fields, key=lambda f: occurrence.entry.cues[f].priority)
        assigned = values.get(best)
        if assigned is not None and not start <= assigned.position < end:
            continue  # given in another sentence, where nothing was left open
        values.pop(best, None)
        ask(best, _people_in(msg, start, end))
