"""The rebook and cancel events: typed, in the published schema, and subscribable by webhooks."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gofer.events.model import (
    CANCELLATION_NOTICE,
    EARLIER_SLOT_FOUND,
    checked_data,
    event_schema,
)
from gofer.webhooks.outbox import EVENT_TYPES

EARLIER = {
    "status": "booking",
    "auto_book": True,
    "start": "2027-03-20T08:00:00+01:00",
    "location": "Uppsala",
    "current_start": "2027-05-12T10:00:00+02:00",
    "current_location": "Uppsala",
    "date": "2027-03-20",
}
NOTICE = {
    "status": "booking",
    "examination_id": 44120001,
    "start": "2027-03-03T08:00:00+01:00",
    "location": "Uppsala",
    "late": True,
    "message": "Less than 24 hours left: the fee is not refunded.",
}


def test_the_events_are_checked_against_their_models() -> None:
    assert checked_data(EARLIER_SLOT_FOUND, EARLIER) == EARLIER
    assert checked_data(CANCELLATION_NOTICE, NOTICE) == NOTICE
    with pytest.raises(ValidationError, match="current_start"):
        checked_data(EARLIER_SLOT_FOUND, {k: v for k, v in EARLIER.items() if k != "current_start"})
    with pytest.raises(ValidationError, match="late"):
        checked_data(CANCELLATION_NOTICE, {**NOTICE, "late": "perhaps"})


def test_the_events_are_published_and_webhooks_may_subscribe_to_them() -> None:
    schema = str(event_schema())
    assert "EarlierSlotFoundEvent" in schema and "CancellationNoticeEvent" in schema
    assert {EARLIER_SLOT_FOUND, CANCELLATION_NOTICE} <= EVENT_TYPES
