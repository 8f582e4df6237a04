"""'anh Tuấn bên em xử lý', 'Lan handled the call': the verb after a name says its role.

The verbs and the labels they point to are data (lexicon.json, "role_verbs").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import role_verb_data
from .profiles import FieldProfile
from .text import fold_words


@dataclass(frozen=True)
class _Role:
    verbs: re.Pattern[str]
    any_of: tuple[str, ...]


@cache
def _roles() -> tuple[tuple[_Role, ...], re.Pattern[str]]:
    data = role_verb_data()
    between = "|".join(re.escape(fold_words(w)) for w in data.get("between", ()))
    gap = re.compile(rf"\s*(?:(?:{between})\s+)*" if between else r"\s*")
    roles = []
    for role in data.get("roles", ()):
        verbs = sorted((fold_words(v) for v in role["verbs"]), key=len, reverse=True)
        pattern = re.compile(r"(?:" + "|".join(re.escape(v) for v in verbs) + r")\b")
        roles.append(_Role(pattern, tuple(role["any_of"])))
    return tuple(roles), gap


def role_after(low: str, pos: int, people: list[FieldProfile]) -> FieldProfile | None:
    """The one person field that the verb right after `pos` names, if any."""
    roles, gap = _roles()
    skip = gap.match(low, pos)
    at = skip.end() if skip else pos
    for role in roles:
        if role.verbs.match(low, at) is None:
            continue
        fields = [p for p in people if any(p.mentions(k) for k in role.any_of)]
        return fields[0] if len(fields) == 1 else None
    return None
