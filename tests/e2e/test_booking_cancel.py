"""Cancelling a booked test ("Avboka") on the replica: confirmation required, 24-hour rule told first."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.conftest import watch_job
from tests.e2e.test_booking_rebook import bookings, days_ahead, requests_to, seed_booking

pytestmark = pytest.mark.e2e


def start_cancel(api, **params) -> str:
    answer = api.post("/api/v1/jobs", json={"workflow": "trafikverket.cancel", "params": params})
    assert answer.status_code == 201, answer.text
    return answer.json()["job_id"]


async def test_cancel_without_confirmation_is_refused_before_any_job(gofer, site, api):
    held = seed_booking(site, days_ahead(30))
    for params in (
        {"booking_id": str(held["examinationId"])},
        {"booking_id": str(held["examinationId"]), "confirm": False},
    ):
        answer = api.post(
            "/api/v1/jobs", json={"workflow": "trafikverket.cancel", "params": params}
        )
        assert answer.status_code == 422, answer.text
        assert "params.confirm" in answer.json()["error"]
    missing_id = api.post(
        "/api/v1/jobs", json={"workflow": "trafikverket.cancel", "params": {"confirm": True}}
    )
    assert missing_id.status_code == 422 and "params.booking_id" in missing_id.json()["error"]
    assert requests_to(site, "confirm-cancel") == []
    assert [b["bookingId"] for b in bookings(site, "confirmed")] == [held["bookingId"]]


async def test_a_confirmed_cancel_cancels_the_named_test_and_says_the_fee_is_refunded(
    gofer, replica, site, api
):
    held = seed_booking(site, days_ahead(30))
    job_id = start_cancel(api, booking_id=held["bookingId"], confirm=True)
    watch = await watch_job(gofer, replica, job_id)
    notice = watch.last("cancellation_notice")
    assert notice["data"]["late"] is False
    assert notice["data"]["examination_id"] == held["examinationId"]
    ending = watch.last("booking_completed")
    assert ending["data"]["success"] is True and ending["data"]["cancelled"] is True
    assert ending["data"]["fee_refunded"] is True
    assert notice["seq"] < ending["seq"]
    assert bookings(site, "confirmed") == []
    [cancelled] = bookings(site, "cancelled")
    assert cancelled["examinationId"] == held["examinationId"]


async def test_a_late_cancellation_is_reported_before_the_test_is_cancelled(
    gofer, replica, site, api
):
    soon = (datetime.now(ZoneInfo("Europe/Stockholm")) + timedelta(hours=20)).replace(
        second=0, microsecond=0
    )
    held = seed_booking(site, soon.isoformat())
    job_id = start_cancel(api, booking_id=str(held["examinationId"]), confirm=True)
    watch = await watch_job(gofer, replica, job_id)
    notice = watch.last("cancellation_notice")
    assert notice["data"]["late"] is True and "24 hours" in notice["data"]["message"]
    ending = watch.last("booking_completed")
    assert ending["data"]["success"] is True and ending["data"]["late"] is True
    assert ending["data"]["fee_refunded"] is False
    # Told first: the notice precedes the site's confirm-cancel, which precedes the ending.
    [confirm] = requests_to(site, "confirm-cancel")
    assert datetime.fromisoformat(
        notice["timestamp"].replace("Z", "+00:00")
    ) <= datetime.fromisoformat(confirm["time"].replace("Z", "+00:00"))
    assert notice["seq"] < ending["seq"]
    assert [b["examinationId"] for b in bookings(site, "cancelled")] == [held["examinationId"]]


async def test_cancelling_a_test_that_is_not_booked_fails_clearly(gofer, replica, site, api):
    seed_booking(site, days_ahead(30))
    job_id = start_cancel(api, booking_id="12345", confirm=True)
    watch = await watch_job(gofer, replica, job_id)
    ending = watch.last("booking_completed")["data"]
    assert ending["success"] is False and ending["code"] == "booking_not_found"
    assert requests_to(site, "confirm-cancel") == []
    assert len(bookings(site, "confirmed")) == 1
