"""When a failed webhook is tried again: the schedule, with jitter so retries don't stampede."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta


class RetrySchedule:
    """Delays after the 1st, 2nd, ... failure; past the last one the message has failed for good."""

    def __init__(self, delays_s: Sequence[float], jitter: float = 0.1) -> None:
        if any(d < 0 for d in delays_s):
            raise ValueError("retry delays must not be negative")
        self.delays_s = list(delays_s)
        self.jitter = jitter

    @property
    def max_attempts(self) -> int:
        return len(self.delays_s) + 1

    def next_attempt(self, failures: int, now: datetime) -> datetime | None:
        """When to try again after `failures` failures in a row, or None to give up."""
        if failures < 1 or failures > len(self.delays_s):
            return None
        delay = self.delays_s[failures - 1]
        delay *= 1 + random.uniform(-self.jitter, self.jitter)
        return now + timedelta(seconds=delay)
