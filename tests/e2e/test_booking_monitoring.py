"""Cheap monitoring: a job waiting for a slot holds its context (the login) but no page."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import watch_job
from tests.e2e.test_booking_rebook import (
    add_slot,
    bookings,
    days_ahead,
    monitoring,
    requests_to,
    seed_booking,
    start_rebook,
)

pytestmark = pytest.mark.e2e

BOOK = {
    "user_id": "app-user-monitor",
    "license_type": "B",
    "exam_type": "Körprov",
    "vehicle": "manual",
    "locations": ["Uppsala"],
    "poll_interval_s": 0.3,
}


async def test_a_waiting_booking_job_has_no_page_and_still_books_when_a_slot_appears(
    gofer, replica, site, api
):
    site.delete("/_replica/slots").raise_for_status()
    job_id = api.post("/api/v1/booking/start", json=BOOK).json()["job_id"]
    first = await watch_job(gofer, replica, job_id, stop_when=monitoring)
    # Searching goes on through the context's request client, with the login's cookies.
    second = await watch_job(
        gofer, replica, job_id, after=first.messages[-1]["seq"], stop_when=monitoring, scan=False
    )
    browser = api.get("/health/detailed").json()["browser"]
    assert browser["contexts_in_use"] == 1 and browser["pages_in_use"] == 0
    searches = requests_to(site, "occasion-bundles")
    assert len(searches) >= 2 and all(r["status"] == 200 for r in searches)
    start = days_ahead(21)
    add_slot(site, start)
    rest = await watch_job(gofer, replica, job_id, after=second.messages[-1]["seq"], scan=False)
    result = rest.last("booking_completed")["data"]
    assert result["success"] is True
    assert [b["bookingId"] for b in bookings(site, "confirmed")] == [result["booking_id"]]
    assert api.get("/health/detailed").json()["browser"]["contexts_in_use"] == 0


async def test_a_waiting_rebook_job_has_no_page_either(gofer, replica, site, api):
    seed_booking(site, days_ahead(60))
    job_id = start_rebook(api)
    await watch_job(gofer, replica, job_id, stop_when=monitoring)
    browser = api.get("/health/detailed").json()["browser"]
    assert browser["contexts_in_use"] == 1 and browser["pages_in_use"] == 0
    api.post(f"/api/v1/jobs/{job_id}/cancel").raise_for_status()
