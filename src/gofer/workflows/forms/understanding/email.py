"""E-mail addresses, typed ("an.nguyen@gmail.com") or spoken ("an chấm nguyễn a còng gmail chấm com")."""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email

from .reading import ValueRead, refused
from .text import fold

_TYPED_RE = re.compile(
    r"(?<![\w.+-])([a-z0-9][a-z0-9._%+-]*)\s*@\s*([a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.IGNORECASE
)
_BROKEN_RE = re.compile(r"(?<![\w.+-])[a-z0-9._%+-]+@[a-z0-9.-]*", re.IGNORECASE)
_AT_WORDS = (("a", "cong"), ("acong",), ("a", "cong", "cong"), ("at",))
_DOT_WORDS = (("cham",), ("dot",))
_SYMBOL_WORDS = {
    ("gach", "duoi"): "_",
    ("underscore",): "_",
    ("gach", "ngang"): "-",
    ("dash",): "-",
}
_STOP_BEFORE = frozenset({"email", "mail", "la", "is", "thu", "dien", "tu", "gmail"})
_WORD_RE = re.compile(r"[a-z0-9]+")


def valid_email(address: str) -> str | None:
    """The lower-cased address when syntactically valid (no DNS lookup), else None."""
    candidate = address.strip().lower()
    if not candidate.isascii():
        return None
    try:
        result = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError:
        return None
    return str(result.normalized).lower()


def _typed(low: str, pos: int, end: int) -> ValueRead | None:
    match = _TYPED_RE.search(low, pos, end)
    if match is None:
        broken = _BROKEN_RE.search(low, pos, end)
        if broken is not None:
            return refused(broken.start(), broken.end(), "email_invalid", broken.group())
        return None
    address = (match.group(1) + "@" + re.sub(r"\s+", "", match.group(2))).rstrip(".")
    checked = valid_email(address)
    if checked is None:
        return refused(match.start(), match.end(), "email_invalid", match.group())
    return ValueRead(checked, match.start(), match.end())


def _spoken(low: str, pos: int, end: int) -> ValueRead | None:
    words = [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(low, pos, end)]
    texts = [w[0] for w in words]
    for at_index in range(len(words)):
        at_len = next(
            (len(p) for p in _AT_WORDS if tuple(texts[at_index : at_index + len(p)]) == p), 0
        )
        if not at_len:
            continue
        local = _collect_local(low, words, at_index)
        domain, domain_end = _collect_domain(texts, at_index + at_len)
        if local is None or not domain:
            continue
        local_text, first_local = local
        checked = valid_email(local_text + "@" + domain)
        start, stop = words[first_local][1], words[domain_end - 1][2]
        if checked is None:
            return refused(start, stop, "email_invalid", low[start:stop])
        return ValueRead(checked, start, stop)
    return None


def _collect_local(
    low: str, words: list[tuple[str, int, int]], at_index: int
) -> tuple[str, int] | None:
    """Local part read backwards from the '@' words: words run together, "chấm" is '.'."""
    texts = [w[0] for w in words]
    parts: list[str] = []
    k = at_index - 1
    while k >= 0 and at_index - 1 - k < 8:
        gap = low[words[k][2] : words[k + 1][1]].strip()
        if gap and gap not in (".", "_", "-"):
            break
        if gap:
            parts.append(gap)  # "phuc.ly a còng …": typed dots inside a spoken address
        word = texts[k]
        if word in _STOP_BEFORE:
            break
        symbol = _symbol_ending_at(texts, k)
        if symbol is not None:
            parts.append(symbol[0])
            k -= symbol[1]
            continue
        parts.append("." if word in ("cham", "dot") else word)
        k -= 1
    while parts and parts[-1] in ".-_":
        parts.pop()
        k += 1
    if not parts or parts[0] in ".-_":
        return None
    return "".join(reversed(parts)), k + 1


def _symbol_ending_at(texts: list[str], k: int) -> tuple[str, int] | None:
    for words, symbol in _SYMBOL_WORDS.items():
        n = len(words)
        if k - n + 1 >= 0 and tuple(texts[k - n + 1 : k + 1]) == words:
            return symbol, n
    return None


def _collect_domain(texts: list[str], k: int) -> tuple[str, int]:
    labels: list[str] = []
    while k < len(texts):
        labels.append(texts[k])
        k += 1
        if k < len(texts) and (texts[k],) in _DOT_WORDS and k + 1 < len(texts):
            k += 1
            continue
        break
    if len(labels) < 2:
        return "", k
    return ".".join(labels), k


def read_email(raw: str, low: str, pos: int = 0, end: int | None = None) -> ValueRead | None:
    """The first e-mail address in `[pos, end)`, typed or spoken."""
    limit = len(low) if end is None else end
    typed = _typed(low, pos, limit)
    spoken = _spoken(low, pos, limit)
    reads = [r for r in (typed, spoken) if r is not None]
    if not reads:
        return None
    _ = raw  # the typed form is read from the folded text; raw keeps the signature uniform
    return min(reads, key=lambda r: (r.start, 0 if r.ok else 1))


def email_from_text(text: str) -> str | None:
    """Convenience for validators: the address making up `text`, or None."""
    low = fold(text)
    read = read_email(text, low)
    if read is None or not read.ok:
        return None
    return read.value
