"""Bank names in a message ("… tại Vietcombank", "at ACB"), from a list kept as data."""

from __future__ import annotations

import re
from functools import cache

from .data_files import word_list
from .reading import ValueRead

# The bank whose staff use the forms: named as a payee's bank only when no other bank is.
HOME_BANK = "vpbank"


@cache
def _bank_pattern() -> re.Pattern[str]:
    names = word_list("banks.txt")
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # Case-sensitive on purpose: "mb" or "acb" in lower case are rarely banks.
    return re.compile(rf"(?<![\w@.])(?:{alternatives})(?![\w@])")


def find_banks(raw: str) -> list[ValueRead]:
    """Every bank named in `raw`, as typed."""
    return [ValueRead(m.group(), m.start(), m.end()) for m in _bank_pattern().finditer(raw)]
