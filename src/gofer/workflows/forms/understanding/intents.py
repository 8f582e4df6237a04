"""Commands in a message: submit (only when asked), clear the form, go to a step, remove fields."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clauses import at_boundary
from .numbers import lex, read_number
from .text import Message, accents_compatible


@dataclass(frozen=True)
class Command:
    """A command found at `[start, end)` of the message."""

    kind: str  # "submit" | "no_submit" | "clear" | "goto"
    start: int
    end: int
    step: int | None = None


_CLEAR_RES = tuple(
    re.compile(p)
    for p in (
        r"\bxoa\s+(?:het|tat ca|toan bo|sach|trang)\b(?:\s+(?:form|don|bieu mau|du lieu|thong tin|"
        r"cac truong|di|nhe|nha|luon|lai))*",
        r"\bxoa\s+(?:form|bieu mau|toan bo form|trang form|het form)\b(?:\s+(?:di|nhe|nha|luon))*",
        r"\b(?:lam|nhap|dien)\s+lai\s+tu\s+dau\b",
        r"\bbat dau lai\b",
        r"\breset\s+(?:the\s+)?(?:form|all|everything)\b",
        r"\breset\b(?=\s*(?:$|[.!?]))",
        r"\bclear\s+(?:the\s+)?(?:whole\s+|entire\s+)?(?:form|all|everything|all fields|all the fields)\b",
        r"\bclear\s+it\s+all\b",
        r"\bstart\s+(?:over|again)\b",
        r"\b(?:erase|delete|wipe)\s+(?:everything|all|the form|the whole form)\b",
        r"\bxoa\s+du lieu\b",
    )
)
_STEP_WORDS = {
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "nam": 5,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "dau": 1,
    "dau tien": 1,
    "first": 1,
}
_GOTO_VI = re.compile(
    r"\b(?:(?:chuyen|sang|qua|den|toi|ve|quay lai|quay ve|mo|nhay|di|tro lai|tro ve|lui)\s+"
    r"(?:sang\s+|den\s+|toi\s+|ve\s+|lai\s+)?)?(?:buoc|trang|step)\s+"
    r"(\d+|mot|hai|ba|bon|nam|cuoi cung|cuoi|dau tien|dau)\b"
)
_GOTO_EN = re.compile(
    r"\b(?:(?:go|move|jump|switch|skip|proceed|navigate|back|return|open|take me)\s+(?:back\s+)?"
    r"(?:to\s+)?)?(?:the\s+)?(?:step|page)\s+(\d+|one|two|three|four|five|last|first)\b"
    r"|\b(?:go|move|jump|skip)\s+to\s+the\s+(last|final|first)\s+step\b"
)

_SUBMIT_RES = tuple(
    re.compile(p)
    for p in (
        r"\b(?:(?:bam|nhan|an|click)\s+(?:nut\s+)?)?(?:gui|nop)\s+(?:don|bao cao|form|bieu mau|"
        r"yeu cau|ho so|phieu|di|luon|ngay|lien|gium|giup|dum|vo)\b"
        r"(?:\s+(?:di|luon|ngay|lien|nhe|nha|giup|gium|dum|luon nhe|di nhe|nhen|hen|nghe|em|chi|anh|"
        r"tui|minh)\b)*",
        r"\b(?:(?:bam|nhan|an|click)\s+(?:nut\s+)?)?(?:gui|nop)\b(?=\s*(?:$|[.!?,;]))",
        r"\b(?:(?:bam|nhan|an|click)\s+(?:nut\s+)?)?xac nhan\s+(?:kiem tra|gui|luon|di|nhe|va gui|"
        r"giao dich)\b(?:\s+(?:di|luon|nhe|nha))*",
        # "confirm the check", "confirm it now": the Operations form's own button.
        r"\bconfirm\s+(?:the\s+check|the\s+review|the\s+transaction|it|this)\b(?:\s+(?:now|please))*",
        r"\bxac nhan\b(?=\s*(?:$|[.!?]))",
        r"\bsubmit\b(?:\s+(?:it|this|the form|the application|the report|the request|now|please|"
        r"right away|luon|giup em|giup|nhe|nha|di)\b)*",
        r"\bsend\s+(?:it|this|the form|the application|the report|the request)\b(?:\s+(?:now|please))*",
        r"\bhoan tat\s+(?:va\s+)?(?:gui|nop)\b",
    )
)
_AFTER_SUBMIT_OK = re.compile(
    r"^(?:\s*(?:luon|di|nhe|nha|ngay|giup|giup em|giup minh|em|anh|chi|a|now|it|please|"
    r"the form|form|don|bao cao|the application|the report|this|right away|lai|thoi|cho toi|"
    r"cho em|lien|duoc roi|ok|okay|nhe em|nhe anh|luon nhe|di nhe|thanks|thank you|cam on|"
    r"yet|voi|vội|sau|later|just yet|for now|gium|dum|giup chi|giup anh|gium chi|gium anh|nhen|"
    r"hen|nghe|chi nha|anh nha|em nha|di em|nha em|luon nha|tui|minh|giup minh|gium tui|giup tui|"
    r"cho tui|cho minh))*"
    r"\s*(?:$|[.!?,;]|\b(?:roi|va|then|and|xong)\b)"
)
_NEGATIONS = re.compile(
    r"\b(?:dung|chua|khong|khoan|don t|dont|do not|not|never|no need to|dung co|"
    r"chua can|khong can|khoan da|dung vi|chua duoc)\s*(?:\w+\s+){0,2}$"
)
# "chưa gửi nhé", "khoan nộp đã": a held submit, whatever follows the verb.
_HOLD = re.compile(r"\b(?:chua|dung|khoan|dung voi|khoan hay)\s+(?:gui|nop)\b")
# The negation words as written with their marks: folded, "tín dụng" ends in "dung" and
# "chua" is also "chua" (sour), so a word typed with marks must carry these to negate.
_NEGATION_MARKS = {"dung": "đừng", "chua": "chưa", "khong": "không", "khoan": "khoan"}


def _marked_negation(msg: Message, start: int) -> bool:
    """True unless the word at `start` is typed with marks that are not the negation's."""
    word = msg.low[start:].split(maxsplit=1)[0] if msg.low[start:].strip() else ""
    marked = _NEGATION_MARKS.get(word)
    if marked is None:
        return True
    return accents_compatible(msg.raw[start : start + len(word)], marked)


_TAIL = re.compile(r"(?:\s*\b(?:yet|vội|voi|sau|later|nhe|nha|luon|di|now|please|a|ạ)\b)*")
_LATER = re.compile(r"^\s*(?:sau|later|vội|voi|tu tu|sau nhe|after)\b")


def _step_number(token: str, steps: int) -> int | None:
    if token.isdigit():
        return int(token)
    if token in ("cuoi", "cuoi cung", "last", "final"):
        return steps
    if token in _STEP_WORDS:
        return _STEP_WORDS[token]
    read = read_number(lex(token), 0)
    return int(read.value) if read is not None else None


def find_commands(msg: Message, steps: int) -> list[Command]:
    """Clear, go-to-step and submit commands, each only at the start of a clause."""
    low = msg.low
    found: list[Command] = []
    for regex in _CLEAR_RES:
        for match in regex.finditer(low):
            if at_boundary(msg, match.start()):
                found.append(Command("clear", match.start(), match.end()))
    for regex in (_GOTO_VI, _GOTO_EN):
        for match in regex.finditer(low):
            token = next((g for g in match.groups() if g), "")
            step = _step_number(token, steps)
            has_verb = not re.match(r"(?:the\s+)?(?:buoc|trang|step|page)\b", match.group())
            if step is None or not (has_verb or at_boundary(msg, match.start())):
                continue
            found.append(Command("goto", match.start(), match.end(), step=step))
    for regex in _SUBMIT_RES:
        for match in regex.finditer(low):
            if not _AFTER_SUBMIT_OK.match(low[match.end() :]):
                continue
            before = low[max(0, match.start() - 40) : match.start()]
            if re.search(r"\b(?:ngay|han|han chot|thoi han|deadline)\s*$", before):
                continue  # "ngày nộp đơn": a field label, not a command
            negation = _NEGATIONS.search(before)
            if negation and not _marked_negation(
                msg, match.start() - len(before) + negation.start()
            ):
                negation = None
            later = _LATER.match(low[match.end() :])
            negated = bool(negation) or bool(later)
            if not negated and not at_boundary(msg, match.start()):
                continue
            start = match.start() - (len(before) - negation.start()) if negation else match.start()
            tail = _TAIL.match(low, match.end())
            end = tail.end() if tail else match.end()
            found.append(Command("no_submit" if negated else "submit", start, end))
    for match in _HOLD.finditer(low):
        if not _marked_negation(msg, match.start()):
            continue
        tail = _TAIL.match(low, match.end())
        found.append(Command("no_submit", match.start(), tail.end() if tail else match.end()))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[Command] = []
    for command in found:
        if all(command.start >= c.end or command.end <= c.start for c in chosen):
            chosen.append(command)
    return chosen


def submit_requested(commands: list[Command]) -> bool:
    """The last submit-related command decides; 'đừng gửi' never submits."""
    verdict = False
    for command in commands:
        if command.kind == "submit":
            verdict = True
        elif command.kind == "no_submit":
            verdict = False
    return verdict


REMOVE_VERBS = re.compile(
    r"\b(?:bo|xoa|go|go bo|loai bo|de trong|bo trong|xoa bo|remove|delete|clear|erase|drop|"
    r"blank out|empty|khong can)\s*(?:(?:luon|giup|gium|my|the|his|her|cai|truong|o|muc|phan|"
    r"thong tin|the field|field|het|tat ca)\s+){0,3}$"
)
REMOVE_AFTER = re.compile(
    r"\s*(?:(?:di|nhe|nha|giup|gium|giup em|giup anh|giup chi|luon|field|please|di nhe|nua|ra|em|"
    r"anh|chi|di em|nhe em|nha em|nhen|hen|nghe|ni|do|nay|it|too|as well|info|information|"
    r"details)\b\s*)*"
    # … then the clause ends, another request starts, or the reason follows ("… đi để em kiểm
    # tra lại", "… since she has none").
    r"(?:$|[.,;!?|]|\b(?:va|roi|and|then|de|vi|boi vi|because|since|as)\b)"
)
POSTFIX_REMOVE = re.compile(
    r"\s*(?:(?:ni|nay|do|thi)\s+)*(?:bo di|xoa di|de trong|khong can nua|bo trong|remove it|"
    r"delete it|bo|xoa)\b"
)
LIST_JOINER = re.compile(r"^\s*(?:,|va|and|voi|ca|cung|&|\+)\s*$")
