"""The replica's notion of "now" (shifted by `clock_offset_s`) and Stockholm time formatting."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")

_RELATIVE = re.compile(r"^\+\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def system_now() -> datetime:
    return datetime.now(UTC)


class ReplicaClock:
    """UTC "now" for the whole replica: a time source plus the configured offset.

    Tests inject `source` to freeze or step time; the offset is read on every call so a
    `clock_offset_s` change applies at once.
    """

    def __init__(
        self,
        offset_s: Callable[[], float],
        source: Callable[[], datetime] = system_now,
    ) -> None:
        self._offset_s = offset_s
        self._source = source

    def now(self) -> datetime:
        return self._source() + timedelta(seconds=self._offset_s())

    def now_local(self) -> datetime:
        return self.now().astimezone(STOCKHOLM)

    def today(self) -> date:
        return self.now_local().date()

    def epoch_s(self) -> float:
        return self.now().timestamp()


def local_minutes(moment: datetime) -> str:
    """`YYYY-MM-DD HH:MM` in Stockholm time (start dates, `LoginValid`)."""
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


def local_seconds(moment: datetime) -> str:
    """`YYYY-MM-DD HH:MM:SS` in Stockholm time (reservation expiry)."""
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M:%S")


def iso_local(moment: datetime) -> str:
    """ISO 8601 with the Stockholm offset, e.g. `2026-06-10T08:00:00+02:00`."""
    return moment.astimezone(STOCKHOLM).replace(microsecond=0).isoformat()


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_instant(text: str) -> datetime:
    """An ISO time; a time without offset is read as Stockholm time. Raises ValueError."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=STOCKHOLM)
    return parsed.astimezone(UTC)


def parse_local_seconds(text: str) -> datetime:
    """`YYYY-MM-DD HH:MM:SS` (or `HH:MM`) in Stockholm time. Raises ValueError."""
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"):
        try:
            naive = datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
        return naive.replace(tzinfo=STOCKHOLM).astimezone(UTC)
    raise ValueError(f"not a local time: {text!r}")


def parse_moment(text: str, now: datetime) -> datetime:
    """An ISO time or a time relative to `now` such as `+30s`, `+5m`, `+1h`. Raises ValueError."""
    match = _RELATIVE.match(text.strip())
    if match:
        amount = float(match.group(1)) * _UNIT_SECONDS[match.group(2) or "s"]
        return now + timedelta(seconds=amount)
    return parse_instant(text)
