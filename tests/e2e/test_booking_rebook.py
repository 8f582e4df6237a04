"""Moving a booked test earlier ("Omboka") on the replica, with real Chromium and BankID scans."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.e2e.conftest import PERSONNUMMER, watch_job

pytestmark = pytest.mark.e2e

UPPSALA = 1000071
KORPROV_B, MANUAL = 12, 2
REBOOK = {
    "user_id": "app-user-rebook",
    "license_type": "B",
    "exam_type": "Körprov",
    "vehicle": "manual",
    "poll_interval_s": 0.3,
}


def days_ahead(days: int, hour: int = 10) -> str:
    day = datetime.now(ZoneInfo("Europe/Stockholm")) + timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0).isoformat()


def slot(start: str) -> dict[str, Any]:
    return {
        "locationId": UPPSALA,
        "examinationTypeId": KORPROV_B,
        "vehicleTypeId": MANUAL,
        "start": start,
    }


def seed_booking(site: httpx.Client, start: str) -> dict[str, Any]:
    """The person already holds this test (booked before Gofer was asked)."""
    site.delete("/_replica/slots").raise_for_status()  # only the slots a test adds exist
    answer = site.post(
        "/_replica/bookings", json={**slot(start), "socialSecurityNumber": PERSONNUMMER}
    )
    assert answer.status_code == 201, answer.text
    booking: dict[str, Any] = answer.json()["booking"]
    return booking


def add_slot(site: httpx.Client, start: str) -> None:
    site.post("/_replica/slots", json={"slots": [slot(start)]}).raise_for_status()


def bookings(site: httpx.Client, status: str) -> list[dict[str, Any]]:
    answer = site.get("/_replica/bookings", params={"ssn": PERSONNUMMER, "status": status})
    result: list[dict[str, Any]] = answer.json()["bookings"]
    return result


def requests_to(site: httpx.Client, endpoint: str) -> list[dict[str, Any]]:
    answer = site.get("/_replica/requests", params={"endpoint": endpoint})
    result: list[dict[str, Any]] = answer.json()["requests"]
    return result


def monitoring(message: dict[str, Any]) -> bool:
    return message["type"] == "status_update" and message["data"]["status"] == "monitoring"


def start_rebook(api: httpx.Client, **extra: Any) -> str:
    answer = api.post(
        "/api/v1/jobs", json={"workflow": "trafikverket.rebook", "params": {**REBOOK, **extra}}
    )
    assert answer.status_code == 201, answer.text
    job_id: str = answer.json()["job_id"]
    return job_id


async def test_a_later_test_is_moved_to_an_earlier_slot_that_appears(gofer, replica, site, api):
    # The story: a test in "May" (80 days ahead) moves to a "March" slot (30 days ahead).
    may = seed_booking(site, days_ahead(80))
    job_id = start_rebook(api)
    first = await watch_job(gofer, replica, job_id, stop_when=monitoring)
    assert [b["bookingId"] for b in bookings(site, "confirmed")] == [may["bookingId"]]
    march = days_ahead(30)
    add_slot(site, march)
    rest = await watch_job(gofer, replica, job_id, after=first.messages[-1]["seq"], scan=False)

    found = rest.last("earlier_slot_found")["data"]
    assert datetime.fromisoformat(found["start"]) == datetime.fromisoformat(march)
    assert datetime.fromisoformat(found["current_start"]) == datetime.fromisoformat(may["start"])
    result = rest.last("booking_completed")["data"]
    assert result["success"] is True and result["rebooked"] is True, result
    assert datetime.fromisoformat(result["start"]) == datetime.fromisoformat(march)
    assert result["cancelled_booking"]["examination_id"] == may["examinationId"]
    # The site's ledger: March booked under the new reference, May cancelled; one payment.
    [booked] = bookings(site, "confirmed")
    assert booked["bookingId"] == result["booking_id"]
    assert datetime.fromisoformat(booked["start"]) == datetime.fromisoformat(march)
    assert [b["bookingId"] for b in bookings(site, "cancelled")] == [may["bookingId"]]
    assert len(requests_to(site, "invoice-payment")) == 1
    # The proof came from the site's own summary of the new booking.
    summaries = requests_to(site, "summary")
    assert summaries and all(r["status"] == 200 for r in summaries)


async def test_a_slot_that_is_not_earlier_is_never_taken(gofer, replica, site, api):
    held = seed_booking(site, days_ahead(30))
    add_slot(site, days_ahead(50))  # free, fits the place, but later
    add_slot(site, days_ahead(30, hour=14))  # the same day, later in the day
    job_id = start_rebook(api)
    first = await watch_job(gofer, replica, job_id, stop_when=monitoring)
    # Two full searches saw the later slots and chose to keep watching.
    await watch_job(
        gofer, replica, job_id, after=first.messages[-1]["seq"], stop_when=monitoring, scan=False
    )
    api.post(f"/api/v1/jobs/{job_id}/cancel").raise_for_status()
    assert len(requests_to(site, "occasion-bundles")) >= 2
    assert requests_to(site, "create-reservation") == []
    assert requests_to(site, "invoice-payment") == []
    assert [b["bookingId"] for b in bookings(site, "confirmed")] == [held["bookingId"]]
    events = api.get(f"/api/v1/jobs/{job_id}/events").json()["events"]
    assert "earlier_slot_found" not in [e["type"] for e in events]


async def test_a_rival_taking_the_slot_mid_move_leaves_the_old_test_and_monitoring_goes_on(
    gofer, replica, site, api
):
    held = seed_booking(site, days_ahead(80))
    site.post("/_replica/competitor", json={"mode": "on_reserve", "count": 1}).raise_for_status()
    job_id = start_rebook(api)
    first = await watch_job(gofer, replica, job_id, stop_when=monitoring)
    add_slot(site, days_ahead(30))
    rest = await watch_job(
        gofer, replica, job_id, after=first.messages[-1]["seq"], stop_when=monitoring, scan=False
    )
    api.post(f"/api/v1/jobs/{job_id}/cancel").raise_for_status()
    notes = [m["data"]["message"] for m in rest.messages if m["type"] == "status_update"]
    assert any("taken by someone else" in n and "still stands" in n for n in notes), notes
    assert rest.messages[-1]["data"]["status"] == "monitoring"  # it went back to watching
    assert [b["bookingId"] for b in bookings(site, "confirmed")] == [held["bookingId"]]
    assert bookings(site, "cancelled") == []
    rival = [
        b for b in site.get("/_replica/bookings").json()["bookings"] if b["by"] == "competitor"
    ]
    assert len(rival) == 1
    assert requests_to(site, "invoice-payment") == []


async def test_the_login_expiring_while_monitoring_asks_for_a_new_scan_then_moves(
    gofer, replica, site, api
):
    held = seed_booking(site, days_ahead(80))
    job_id = start_rebook(api)
    first = await watch_job(gofer, replica, job_id, stop_when=monitoring)
    site.post("/_replica/sessions/expire", json={"who": "all", "after_calls": 0}).raise_for_status()
    add_slot(site, days_ahead(25))
    rest = await watch_job(gofer, replica, job_id, after=first.messages[-1]["seq"])
    needed = [m for m in rest.messages if m["type"] == "human_needed"]
    assert needed and "expired" in needed[0]["data"]["reason"]
    assert [s["ok"] for s in rest.scans] == [True]
    result = rest.last("booking_completed")["data"]
    assert result["success"] is True and result["rebooked"] is True
    assert [b["bookingId"] for b in bookings(site, "cancelled")] == [held["bookingId"]]
    assert [b["bookingId"] for b in bookings(site, "confirmed")] == [result["booking_id"]]


async def test_auto_book_off_reports_the_earlier_slot_without_moving(gofer, replica, site, api):
    held = seed_booking(site, days_ahead(80))
    add_slot(site, days_ahead(20))
    job_id = start_rebook(api, auto_book=False)
    watch = await watch_job(gofer, replica, job_id)
    found = watch.last("earlier_slot_found")["data"]
    assert found["auto_book"] is False
    result = watch.last("booking_completed")["data"]
    assert result["success"] is True and result["rebooked"] is False
    assert requests_to(site, "create-reservation") == []
    assert [b["bookingId"] for b in bookings(site, "confirmed")] == [held["bookingId"]]


async def test_no_booked_test_to_move_fails_clearly(gofer, replica, site, api):
    site.delete("/_replica/slots").raise_for_status()
    job_id = start_rebook(api)
    watch = await watch_job(gofer, replica, job_id)
    ending = watch.last("booking_completed")["data"]
    assert ending["success"] is False and ending["code"] == "booking_not_found"
