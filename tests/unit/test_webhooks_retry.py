"""The retry schedule: production delays, jitter bounds, and giving up after the last one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gofer.config import Settings
from gofer.webhooks.retry import RetrySchedule

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def test_the_default_schedule_is_the_documented_one() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.webhook_retry_schedule_s == [5, 300, 1800, 7200, 18000, 36000, 36000]
    assert RetrySchedule(settings.webhook_retry_schedule_s).max_attempts == 8


@pytest.mark.parametrize(("failures", "delay"), [(1, 5), (2, 300), (3, 1800), (7, 36000)])
def test_each_retry_waits_its_delay_within_ten_percent(failures: int, delay: float) -> None:
    schedule = RetrySchedule([5, 300, 1800, 7200, 18000, 36000, 36000])
    for _ in range(50):
        at = schedule.next_attempt(failures, NOW)
        assert at is not None
        assert timedelta(seconds=delay * 0.9) <= at - NOW <= timedelta(seconds=delay * 1.1)


def test_jitter_spreads_retries() -> None:
    schedule = RetrySchedule([300])
    assert len({schedule.next_attempt(1, NOW) for _ in range(20)}) > 1


def test_after_the_last_delay_the_message_has_failed() -> None:
    schedule = RetrySchedule([1, 2])
    assert schedule.next_attempt(3, NOW) is None
    assert schedule.next_attempt(0, NOW) is None


def test_negative_delays_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        RetrySchedule([5, -1])
