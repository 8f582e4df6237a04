"""Booking when the site is difficult: no slots yet, rivals, expired logins, errors, cancel."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.conftest import PERSONNUMMER, watch_job

pytestmark = pytest.mark.e2e

UPPSALA = 1000071
BODY = {
    "user_id": "app-user-2",
    "license_type": "B",
    "exam_type": "Körprov",
    "vehicle": "manual",
    "locations": ["Uppsala"],
}


def future_slot_start(days: int = 20, hour: int = 10) -> str:
    day = datetime.now(ZoneInfo("Europe/Stockholm")) + timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0).isoformat()


def is_status(status):
    return lambda m: m["type"] == "status_update" and m["data"]["status"] == status


def user_bookings(site):
    return site.get(
        "/_replica/bookings", params={"ssn": PERSONNUMMER, "status": "confirmed"}
    ).json()["bookings"]


async def test_monitors_until_a_slot_appears_then_books_it(gofer, replica, site, api):
    site.delete("/_replica/slots").raise_for_status()
    job_id = api.post("/api/v1/booking/start", json={**BODY, "poll_interval_s": 0.3}).json()[
        "job_id"
    ]
    first = await watch_job(gofer, replica, job_id, stop_when=is_status("monitoring"))
    assert user_bookings(site) == []
    monitoring = first.messages[-1]["data"]
    assert "next_search_at" in monitoring and "deadline" in monitoring
    start = future_slot_start()
    site.post(
        "/_replica/slots",
        json={
            "slots": [
                {"locationId": UPPSALA, "examinationTypeId": 12, "vehicleTypeId": 2, "start": start}
            ]
        },
    ).raise_for_status()
    # A new connection replays from where the first stopped: no gap, no repeat.
    rest = await watch_job(gofer, replica, job_id, after=first.messages[-1]["seq"], scan=False)
    seqs = [m["seq"] for m in first.messages + rest.messages]
    assert seqs == list(range(1, len(seqs) + 1))
    result = rest.last("booking_completed")["data"]
    assert result["success"] is True
    assert datetime.fromisoformat(result["start"]) == datetime.fromisoformat(start)
    assert [b["bookingId"] for b in user_bookings(site)] == [result["booking_id"]]
    assert rest.last("slot_found")["data"]["location"] == "Uppsala"


async def test_rival_takes_the_slot_first_so_the_next_one_is_booked(gofer, replica, site, api):
    site.post("/_replica/competitor", json={"mode": "on_reserve", "count": 1}).raise_for_status()
    job_id = api.post("/api/v1/booking/start", json=BODY).json()["job_id"]
    watch = await watch_job(gofer, replica, job_id)
    result = watch.last("booking_completed")["data"]
    assert result["success"] is True
    all_bookings = site.get("/_replica/bookings").json()["bookings"]
    rival = [b for b in all_bookings if b["by"] == "competitor"]
    mine = [b for b in all_bookings if b["by"] == "user"]
    assert len(rival) == 1 and len(mine) == 1
    assert mine[0]["start"] != rival[0]["start"] and mine[0]["bookingId"] == result["booking_id"]
    assert (
        len(
            site.get("/_replica/requests", params={"endpoint": "invoice-payment"}).json()[
                "requests"
            ]
        )
        == 1
    )
    assert any(
        "taken" in m["data"].get("message", "")
        for m in watch.messages
        if m["type"] == "status_update"
    )


async def test_login_expiring_mid_search_asks_for_a_new_scan(gofer, replica, site, api):
    site.delete("/_replica/slots").raise_for_status()
    job_id = api.post("/api/v1/booking/start", json={**BODY, "poll_interval_s": 0.3}).json()[
        "job_id"
    ]
    first = await watch_job(gofer, replica, job_id, stop_when=is_status("monitoring"))
    site.post("/_replica/sessions/expire", json={"who": "all", "after_calls": 0}).raise_for_status()
    site.post(
        "/_replica/slots",
        json={
            "slots": [
                {
                    "locationId": UPPSALA,
                    "examinationTypeId": 12,
                    "vehicleTypeId": 2,
                    "start": future_slot_start(25),
                }
            ]
        },
    ).raise_for_status()
    rest = await watch_job(gofer, replica, job_id, after=first.messages[-1]["seq"])
    needed = [m for m in rest.messages if m["type"] == "human_needed"]
    assert needed and "expired" in needed[0]["data"]["reason"]
    assert is_status("qr_waiting")(
        next(
            m
            for m in rest.messages
            if m["type"] == "status_update" and m["data"]["status"] == "qr_waiting"
        )
    )
    assert [s["ok"] for s in rest.scans] == [True]
    assert rest.last("booking_completed")["data"]["success"] is True
    assert len(user_bookings(site)) == 1


@pytest.mark.parametrize("style", ["status_401", "html"])
async def test_other_expiry_answers_are_recognised(gofer, replica, site, api, style):
    site.delete("/_replica/slots").raise_for_status()
    job_id = api.post("/api/v1/booking/start", json={**BODY, "poll_interval_s": 0.3}).json()[
        "job_id"
    ]
    first = await watch_job(gofer, replica, job_id, stop_when=is_status("monitoring"))
    site.post(
        "/_replica/sessions/expire", json={"who": "all", "after_calls": 0, "style": style}
    ).raise_for_status()
    second = await watch_job(
        gofer,
        replica,
        job_id,
        after=first.messages[-1]["seq"],
        stop_when=lambda m: m["type"] == "human_needed",
        scan=False,
    )
    assert "expired" in second.messages[-1]["data"]["reason"]
    api.post("/api/v1/booking/stop", json={"job_id": job_id}).raise_for_status()


async def test_server_errors_are_retried_and_booking_still_happens(gofer, replica, site, api):
    site.post(
        "/_replica/faults", json={"status": 500, "count": 3, "endpoints": ["occasion-bundles"]}
    ).raise_for_status()
    job_id = api.post("/api/v1/booking/start", json=BODY).json()["job_id"]
    watch = await watch_job(gofer, replica, job_id)
    assert watch.last("booking_completed")["data"]["success"] is True
    statuses = [
        r["status"]
        for r in site.get("/_replica/requests", params={"endpoint": "occasion-bundles"}).json()[
            "requests"
        ]
    ]
    assert statuses[:3] == [500, 500, 500] and statuses[3] == 200
    assert len(user_bookings(site)) == 1


async def test_cancel_mid_search_stops_everything(gofer, replica, site, api):
    site.delete("/_replica/slots").raise_for_status()
    job_id = api.post("/api/v1/booking/start", json={**BODY, "poll_interval_s": 0.3}).json()[
        "job_id"
    ]
    await watch_job(gofer, replica, job_id, stop_when=is_status("monitoring"))
    stopped = api.post("/api/v1/booking/stop", json={"job_id": job_id})
    assert stopped.status_code == 200 and stopped.json()["status"] == "cancelled"
    job = api.get(f"/api/v1/jobs/{job_id}").json()
    assert job["status"] == "cancelled"
    assert api.get("/health/detailed").json()["browser"]["contexts_in_use"] == 0
    events = api.get(f"/api/v1/jobs/{job_id}/events").json()["events"]
    assert events[-1]["type"] == "job_cancelled"
    # No search happens after the cancel: the request log stays still.
    before = len(
        site.get("/_replica/requests", params={"endpoint": "occasion-bundles"}).json()["requests"]
    )
    site.post(
        "/_replica/slots",
        json={
            "slots": [
                {
                    "locationId": UPPSALA,
                    "examinationTypeId": 12,
                    "vehicleTypeId": 2,
                    "start": future_slot_start(),
                }
            ]
        },
    )
    again = api.get(f"/api/v1/jobs/{job_id}/events").json()["events"]
    assert len(again) == len(events)
    assert (
        len(
            site.get("/_replica/requests", params={"endpoint": "occasion-bundles"}).json()[
                "requests"
            ]
        )
        == before
    )
    assert user_bookings(site) == []


async def test_auto_book_off_reports_the_slot_and_books_nothing(gofer, replica, site, api):
    job_id = api.post("/api/v1/booking/start", json={**BODY, "auto_book": False}).json()["job_id"]
    watch = await watch_job(gofer, replica, job_id)
    done = watch.last("booking_completed")["data"]
    assert done["success"] is True and done["booked"] is False
    assert done["slot"] == {
        k: v
        for k, v in watch.last("slot_found")["data"].items()
        if k not in ("auto_book", "status")
    }
    assert user_bookings(site) == []


async def test_bankid_cancelled_on_the_phone_gets_a_fresh_qr(gofer, replica, site, api):
    job_id = api.post("/api/v1/booking/start", json=BODY).json()["job_id"]
    watch = await watch_job(gofer, replica, job_id, actions=["cancel", "approve"])
    assert [s["ok"] for s in watch.scans] == [True, True]
    reasons = [m["data"]["reason"] for m in watch.messages if m["type"] == "human_needed"]
    assert len(reasons) == 2 and "failed" in reasons[1]
    assert watch.last("booking_completed")["data"]["success"] is True


async def test_window_and_times_are_respected(gofer, replica, site, api):
    site.delete("/_replica/slots").raise_for_status()
    early, inside_wrong_time, good = (
        future_slot_start(20, 8),
        future_slot_start(30, 8),
        future_slot_start(30, 14),
    )
    slots = [
        {"locationId": UPPSALA, "examinationTypeId": 12, "vehicleTypeId": 2, "start": s}
        for s in (early, inside_wrong_time, good)
    ]
    site.post("/_replica/slots", json={"slots": slots}).raise_for_status()
    day = datetime.fromisoformat(good).date()
    body = {
        **BODY,
        "date_from": (day - timedelta(days=2)).isoformat(),
        "date_to": day.isoformat(),
        "time_from": "12:00",
    }
    job_id = api.post("/api/v1/booking/start", json=body).json()["job_id"]
    watch = await watch_job(gofer, replica, job_id)
    result = watch.last("booking_completed")["data"]
    assert datetime.fromisoformat(result["start"]) == datetime.fromisoformat(good)


async def test_qr_polling_serves_the_code_on_screen(gofer, replica, site, api):
    site.delete("/_replica/slots").raise_for_status()
    job_id = api.post("/api/v1/booking/start", json={**BODY, "poll_interval_s": 0.3}).json()[
        "job_id"
    ]
    first = await watch_job(
        gofer, replica, job_id, scan=False, stop_when=lambda m: m["type"] == "qr_update"
    )
    polled = api.get(f"/api/v1/booking/{job_id}/qr").json()
    assert polled["image_data"].startswith("data:image/png;base64,")
    assert polled["qr_payload"].startswith("bankid.") and polled["seq"] >= first.messages[-1]["seq"]
    api.post("/api/v1/booking/stop", json={"job_id": job_id}).raise_for_status()
    assert api.get(f"/api/v1/booking/{job_id}/qr").status_code == 404
