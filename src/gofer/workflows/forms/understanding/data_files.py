"""Word lists in data/: one entry a line; blank lines and '#' comments are skipped."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


@cache
def word_list(name: str) -> tuple[str, ...]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))
