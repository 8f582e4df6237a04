"""Whose phone or e-mail a clause gives: "số 09… là của chị Hà", "email của Đức là …".

A contact value read for a field belongs to that field's person (the customer's phone, the
manager's e-mail). When its clause says it belongs to someone else ("của vợ", "của người nhận",
"của anh Hùng" where Hùng is not that person), the value is dropped: a wrong person's number in a
bank form is worse than an empty field.
"""

from __future__ import annotations

import re

from .names import HONORIFICS
from .profiles import FieldProfile
from .text import Message, accents_compatible, fold

# The possessive and up to three words after it.
_OWNER = re.compile(r"\b(?:la cua|cua|belongs to|belonging to)\s+((?:[a-z0-9]+\s*){1,3})")
_OWNER_EN = re.compile(r"\b([a-z]+)\s*['’]s\s+(?:phone|number|mobile|email|e mail|contact)\b")
# Owners that are the form's own person, or the speaker: never someone else.
_SELF = frozenset(
    "khach|kh|khach hang|customer|client|em|toi|tui|minh|ban than|nhan vien|employee|"
    "applicant|nguoi vay|chu tai khoan".split("|")
)
_CLAUSE_MARKS = ",;.!?\n()"
_NUMBER_WORDS = frozenset("khong mot hai ba bon nam sau bay tam chin".split())


def _clause(low: str, pos: int) -> tuple[int, int]:
    start = max(low.rfind(ch, 0, pos) for ch in _CLAUSE_MARKS) + 1
    ends = [i for i in (low.find(ch, pos) for ch in _CLAUSE_MARKS) if i >= 0]
    return start, min(ends, default=len(low))


def _owner_words(msg: Message, start: int, end: int) -> list[tuple[str, str]] | None:
    """The owner's words in `[start, end)` as (folded, as typed), without honorifics; None
    when the clause names no owner."""
    low = msg.low
    match = _OWNER.search(low, start, end) or _OWNER_EN.search(low, start, end)
    if match is None:
        return None
    words: list[tuple[str, str]] = []
    for word in re.finditer(r"[a-z0-9]+", match.group(1)):
        at, stop_at = match.start(1) + word.start(), match.start(1) + word.end()
        if (
            low[stop_at : stop_at + 1] in ("@", ".", "_")
            and low[stop_at + 1 : stop_at + 2].isalnum()
        ):
            break  # "email của em truong.mx@…": the value starts here
        words.append((word.group(), msg.raw[at:stop_at]))
    if not words:
        return [("em", "em")]
    stop = {"la", "is", "nha", "nhe", "a", "day", "do", "nay", *_NUMBER_WORDS}
    if words[0][0] in HONORIFICS and (len(words) == 1 or words[1][0] in stop | {"ay", "nay"}):
        # "của anh ấy": the person the form is about, as "của em" is the speaker
        return [("em", "em")]  # "số của em không chín …", "email của em là …"
    owner: list[tuple[str, str]] = []
    for folded, typed in words:
        if folded in stop or folded.isdigit():
            break
        if folded not in HONORIFICS:
            owner.append((folded, typed))
    return owner or None


def owner_phrase(msg: Message, position: int) -> str:
    """The folded words naming whose contact the clause at `position` gives ("" if none)."""
    start, end = _clause(msg.low, position)
    owner = _owner_words(msg, start, end)
    return " ".join(w for w, _ in owner) if owner else ""


def foreign_owner(
    msg: Message,
    position: int,
    field: FieldProfile,
    person_name: str | None,
    person_field: FieldProfile | None,
) -> bool:
    """True when the clause at `position` gives the contact as someone else's than the person
    `field` is about (named `person_name`, held in `person_field`)."""
    start, end = _clause(msg.low, position)
    owner = _owner_words(msg, start, end)
    if owner is None:
        return False
    folded = [w for w, _ in owner]
    if folded[0] in _SELF or " ".join(folded) in _SELF or " ".join(folded[:2]) in _SELF:
        return False
    if person_field is not None and any(person_field.mentions(w) for w in folded):
        return False  # "email của quản lý" for the manager's e-mail
    if field.mentions(folded[0]):
        return False
    if person_name:
        # "số của chị Lan" when Lan is the customer; "vợ" is not "Võ" when typed with marks.
        names = person_name.lower().split()
        if any(
            fold(name) == w and accents_compatible(typed.lower(), name)
            for w, typed in owner
            for name in names
        ):
            return False
    return True


def person_for(field: FieldProfile, people: list[FieldProfile]) -> FieldProfile | None:
    """The person field a contact field belongs to: the one sharing a word of its name
    ("managerEmail" → "managerName"), else the form's first person."""
    words = set(field.name_words.split()) - {"email", "phone", "number", "mail", "address"}
    for person in people:
        if words & set(person.name_words.split()):
            return person
    return people[0] if people else None


def contact_of(
    person: FieldProfile, kind: str, contacts: list[FieldProfile]
) -> FieldProfile | None:
    """The contact field of `kind` that belongs to `person` ("managerName" → "managerEmail")."""
    words = set(person.name_words.split()) - {"name"}
    found = [c for c in contacts if c.kind == kind and words & set(c.name_words.split())]
    return found[0] if len(found) == 1 else None
