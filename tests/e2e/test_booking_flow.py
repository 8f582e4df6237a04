"""A whole booking over the API and WebSocket, with the BankID scan done from the relayed QR."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import PERSONNUMMER, watch_job

pytestmark = pytest.mark.e2e


async def test_books_earliest_slot_and_proves_it(gofer, replica, site, api):
    body = {
        "user_id": "app-user-1",
        "license_type": "B",
        "exam_type": "Körprov",
        "vehicle": "manual",
        "locations": ["Uppsala", "Järfälla"],
    }
    started = api.post("/api/v1/booking/start", json=body)
    assert started.status_code == 201, started.text
    job_id = started.json()["job_id"]
    watch = await watch_job(gofer, replica, job_id)
    completed = watch.last("booking_completed")
    assert completed["data"]["success"] is True, watch.messages[-3:]
    result = completed["data"]
    # The booking exists in the site itself, for this person, exactly once.
    bookings = site.get("/_replica/bookings", params={"ssn": PERSONNUMMER}).json()["bookings"]
    assert len(bookings) == 1
    booking = bookings[0]
    assert booking["bookingId"] == result["booking_id"] and booking["status"] == "confirmed"
    assert booking["start"] == result["start"] and booking["locationName"] == result["location"]
    assert booking["vehicleTypeId"] == 2
    assert [s for s in watch.scans if s.get("ok")], watch.scans
    statuses = watch.statuses()
    expected_order = [
        "starting",
        "navigating",
        "login",
        "bankid",
        "qr_waiting",
        "authenticated",
        "configuring",
        "locations",
        "searching",
        "booking",
    ]
    seen = [
        s
        for i, s in enumerate(statuses)
        if s in expected_order and (i == 0 or statuses[i - 1] != s)
    ]
    assert seen == expected_order
    assert api.get(f"/api/v1/booking/status/{job_id}").json()["status"] == "completed"
