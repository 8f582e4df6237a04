"""100 monitoring jobs on one server: each finds its slot when the slots appear, booked once."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
import websockets

from gofer.app import create_app
from gofer.serving import BackgroundServer
from tests.conftest import ADMIN_TOKEN
from tests.e2e.conftest import AUTH, e2e_settings

pytestmark = pytest.mark.e2e

JOBS = 100
UPPSALA, KORPROV_B, MANUAL = 1000071, 12, 2


@pytest.fixture(scope="module")
def busy_gofer(
    replica: BackgroundServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BackgroundServer]:
    """One server taking many jobs at once (job starts are rate-limited by default)."""
    settings = e2e_settings(
        Path(tmp_path_factory.mktemp("gofer-many")),
        replica.url,
        max_concurrent_jobs=8,
        rate_limit_job_start="10000/minute",
        rate_limit_default="100000/minute",
        login_timeout_s=600,
    )
    server = BackgroundServer(create_app(settings)).start(timeout_s=60)
    settings.port = server.port
    yield server
    server.stop()


def person(index: int) -> str:
    return f"19900101{index:04d}"  # one person per job: a person holds one test of a type


def day(index: int) -> datetime:
    today = datetime.now(ZoneInfo("Europe/Stockholm"))
    return (today + timedelta(days=20 + index)).replace(hour=9, minute=0, second=0, microsecond=0)


class Follower:
    """One job seen from its person's app: scans the QR, notes monitoring, keeps the ending."""

    def __init__(self, url: str, job_id: str, ssn: str) -> None:
        self.url, self.job_id, self.ssn = url, job_id, ssn
        self.monitoring = asyncio.Event()
        self.ending: dict[str, Any] | None = None

    async def follow(self, phone: httpx.AsyncClient) -> None:
        ws_url = self.url.replace("http://", "ws://") + f"/ws/{self.job_id}?token={ADMIN_TOKEN}"
        async with websockets.connect(ws_url, max_size=2**22) as ws:
            async for raw in ws:
                message = json.loads(raw)
                kind, data = message["type"], message.get("data", {})
                if kind == "qr_update" and message.get("qr_payload"):
                    await phone.post(
                        "/_replica/bankid/scan",
                        json={"qr": message["qr_payload"], "personalNumber": self.ssn},
                    )
                elif kind == "status_update" and data.get("status") == "monitoring":
                    self.monitoring.set()
                elif kind in ("booking_completed", "job_failed", "job_cancelled"):
                    self.ending = message
                    return


@pytest.mark.timeout(1800)
async def test_a_hundred_monitoring_jobs_each_book_their_slot_exactly_once(
    busy_gofer, replica, site
):
    site.delete("/_replica/slots").raise_for_status()
    followers: list[Follower] = []
    async with (
        httpx.AsyncClient(base_url=busy_gofer.url, headers=AUTH, timeout=60) as api,
        httpx.AsyncClient(base_url=replica.url, timeout=60) as phone,
    ):
        for index in range(JOBS):
            wanted = day(index).date().isoformat()
            answer = await api.post(
                "/api/v1/jobs",
                json={
                    "workflow": "trafikverket.book",
                    "params": {
                        "user_id": f"student-{index}",
                        "locations": ["Uppsala"],
                        "vehicle": "manual",
                        "date_from": wanted,
                        "date_to": wanted,
                        "poll_interval_s": 2,
                    },
                },
            )
            assert answer.status_code == 201, answer.text
            followers.append(Follower(busy_gofer.url, answer.json()["job_id"], person(index)))
        tasks = [asyncio.create_task(f.follow(phone)) for f in followers]
        try:
            async with asyncio.timeout(1200):
                await asyncio.gather(*(f.monitoring.wait() for f in followers))
            assert site.get("/_replica/bookings").json()["bookings"] == []
            # While all of them wait, none holds a page.
            browser = (await api.get("/health/detailed")).json()["browser"]
            assert browser["contexts_in_use"] == JOBS and browser["pages_in_use"] == 0
            slots = [
                {
                    "locationId": UPPSALA,
                    "examinationTypeId": KORPROV_B,
                    "vehicleTypeId": MANUAL,
                    "start": day(index).isoformat(),
                }
                for index in range(JOBS)
            ]
            site.post("/_replica/slots", json={"slots": slots}).raise_for_status()
            async with asyncio.timeout(600):
                await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
    endings = [f.ending for f in followers]
    failed = [e for e in endings if not (e and e["type"] == "booking_completed")]
    failed += [e for e in endings if e and not e["data"].get("success")]
    assert failed == [], failed[:3]
    confirmed = site.get("/_replica/bookings", params={"status": "confirmed"}).json()["bookings"]
    by_person = {b["socialSecurityNumber"]: b for b in confirmed}
    assert len(confirmed) == JOBS and len(by_person) == JOBS  # one test each, none twice
    for index, follower in enumerate(followers):
        booking = by_person[person(index)]
        assert follower.ending is not None
        assert booking["bookingId"] == follower.ending["data"]["booking_id"]
        assert datetime.fromisoformat(booking["start"]) == day(index)
    assert (
        len(
            site.get("/_replica/requests", params={"endpoint": "invoice-payment"}).json()[
                "requests"
            ]
        )
        == JOBS
    )
    assert site.get("/_replica/bookings", params={"status": "cancelled"}).json()["bookings"] == []
