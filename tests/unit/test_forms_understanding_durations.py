"""Spoken lengths of time, in minutes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gofer.workflows.forms.understanding.durations import read_duration
from gofer.workflows.forms.understanding.text import fold

EXAMPLES = [
    ("1 tiếng rưỡi", 90),
    ("một tiếng rưỡi", 90),
    ("nửa tiếng", 30),
    ("an hour and a half", 90),
    ("an hour", 60),
    ("2 giờ 15 phút", 135),
    ("45 phút", 45),
    ("20 minutes", 20),
    ("bốn mươi lăm phút", 45),
]


@pytest.mark.parametrize(("said", "minutes"), EXAMPLES)
def test_durations_are_read_in_minutes(said: str, minutes: int) -> None:
    low = fold(said)
    found = read_duration(low, 0, len(low))
    assert found is not None and found.minutes == Decimal(minutes)


def test_a_bare_number_is_not_a_duration() -> None:
    assert read_duration("15", 0, 2) is None
