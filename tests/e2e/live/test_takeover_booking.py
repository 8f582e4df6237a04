"""A person takes a booking over at the location step, picks the place through the viewer, and
hands it back: the booking completes at the person's choice, as the site's own ledger shows."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import websockets

from tests.conftest import ADMIN_TOKEN
from tests.e2e.conftest import AUTH, PERSONNUMMER
from tests.e2e.live.conftest import LiveServer
from tests.e2e.live.support import Viewer, centre_of, connect, on_server

pytestmark = pytest.mark.e2e


class JobStream:
    """A job's events as the person's app gets them; the person's phone scans each new QR."""

    def __init__(self, events: Any, phone: httpx.AsyncClient, seen: list[dict]) -> None:
        self.events, self.phone, self.seen = events, phone, seen

    async def until(self, check: Callable[[dict], bool]) -> dict:
        async for raw in self.events:
            message = json.loads(raw)
            self.seen.append(message)
            if message["type"] == "qr_update" and message.get("qr_payload"):
                await self.phone.post(
                    "/_replica/bankid/scan",
                    json={"qr": message["qr_payload"], "personalNumber": PERSONNUMMER},
                )
            if check(message):
                return message
        raise AssertionError(f"stream ended; last: {self.seen[-3:]}")


async def test_takeover_at_the_location_step_books_the_persons_choice(
    live_server: LiveServer, replica, site
):
    runtime = live_server.core.live_runtime
    with httpx.Client(base_url=live_server.url, headers=AUTH, timeout=30) as api:
        started = api.post(
            "/api/v1/booking/start",
            json={
                "user_id": "takeover-user",
                "license_type": "B",
                "exam_type": "Körprov",
                "vehicle": "manual",
                "locations": ["Uppsala"],
            },
        )
        assert started.status_code == 201, started.text
        job_id = started.json()["job_id"]
        ws_url = live_server.url.replace("http://", "ws://") + f"/ws/{job_id}?token={ADMIN_TOKEN}"
        seen: list[dict] = []
        live_url = ""
        async with (
            asyncio.timeout(120),
            websockets.connect(ws_url) as events,
            httpx.AsyncClient(base_url=replica.url, timeout=30) as phone,
        ):
            until = JobStream(events, phone, seen).until

            # While the person is asked to scan, someone asks to take over at the location step.
            await until(lambda m: m["type"] == "human_needed" and m["data"]["action"] == "scan_qr")
            taken = api.post(f"/api/v1/jobs/{job_id}/takeover", json={"at_step": "locations"})
            assert taken.status_code == 200, taken.text
            assert taken.json()["interactive"] is True
            live_url = taken.json()["live_url"]

            paused = await until(
                lambda m: m["type"] == "human_needed" and m["data"]["action"] == "takeover"
            )
            assert paused["data"]["reason"] == "takeover"
            assert paused["data"]["status"] == "locations"

            # The person, through the viewer only: open the picker, search, pick, confirm.
            async with connect(live_server.url, live_url, job_id) as ws:
                person = Viewer(ws)
                frame = await person.next("frame")
                x, y = await centre_of(runtime, job_id, "#select-location-search")
                await person.click(x, y, frame)

                async def picker_open() -> None:
                    page = runtime.current_page(job_id)
                    await page.locator("#location-search-input").wait_for(state="visible")

                await on_server(runtime, picker_open)
                await person.send({"type": "text", "text": "Järfälla"})
                match = "#location-container button.select-item"

                async def match_shown() -> None:
                    page = runtime.current_page(job_id)
                    await page.locator(match).first.wait_for(state="visible")

                await on_server(runtime, match_shown)
                x, y = await centre_of(runtime, job_id, match)
                await person.click(x, y, frame)

                async def chosen() -> None:
                    page = runtime.current_page(job_id)
                    await page.locator(".chosen-locations li").first.wait_for(state="visible")

                await on_server(runtime, chosen)
                for action in ("down", "up"):
                    await person.send(
                        {
                            "type": "key",
                            "action": action,
                            "key": "Escape",
                            "code": "Escape",
                            "key_code": 27,
                        }
                    )

                async def confirmed() -> None:
                    page = runtime.current_page(job_id)
                    await page.locator("#location-modal-backdrop").wait_for(state="detached")

                await on_server(runtime, confirmed)

            assert api.post(f"/api/v1/jobs/{job_id}/handback").status_code == 200
            completed = await until(lambda m: m["type"] == "booking_completed")

    assert completed["data"]["success"] is True, seen[-4:]
    assert completed["data"]["location"] == "Järfälla"
    resumed = [m for m in seen if m["type"] == "status_update" and m["data"].get("resumed")]
    assert resumed, "the job said it was handed back"
    bookings = site.get("/_replica/bookings", params={"ssn": PERSONNUMMER}).json()["bookings"]
    assert [b["locationName"] for b in bookings] == ["Järfälla"]


async def test_a_waiting_job_opens_a_page_for_the_person_who_takes_it_over(
    live_server: LiveServer, replica, site
):
    """A monitoring job holds no page while it waits; taking it over gives the person one."""
    site.delete("/_replica/slots").raise_for_status()
    runtime = live_server.core.live_runtime
    with httpx.Client(base_url=live_server.url, headers=AUTH, timeout=30) as api:
        started = api.post(
            "/api/v1/booking/start",
            json={
                "user_id": "takeover-waiting",
                "license_type": "B",
                "exam_type": "Körprov",
                "vehicle": "manual",
                "locations": ["Uppsala"],
                "poll_interval_s": 600,
            },
        )
        assert started.status_code == 201, started.text
        job_id = started.json()["job_id"]
        ws_url = live_server.url.replace("http://", "ws://") + f"/ws/{job_id}?token={ADMIN_TOKEN}"
        seen: list[dict] = []
        async with (
            asyncio.timeout(120),
            websockets.connect(ws_url) as events,
            httpx.AsyncClient(base_url=replica.url, timeout=30) as phone,
        ):
            until = JobStream(events, phone, seen).until

            await until(
                lambda m: m["type"] == "status_update" and m["data"]["status"] == "monitoring"
            )
            assert runtime.current_page(job_id) is None, "a waiting job holds no page"

            taken = api.post(f"/api/v1/jobs/{job_id}/takeover", json={})
            assert taken.status_code == 200, taken.text
            await until(lambda m: m["type"] == "human_needed" and m["data"]["action"] == "takeover")
            page = runtime.current_page(job_id)
            assert page is not None and page.url.startswith(replica.url), page
            async with connect(live_server.url, taken.json()["live_url"], job_id) as ws:
                frame = await Viewer(ws).next("frame")
                assert frame["data"], "the person sees the site"

            assert api.post(f"/api/v1/jobs/{job_id}/handback").status_code == 200
            await until(lambda m: m["type"] == "status_update" and m["data"].get("resumed"))
            await until(
                lambda m: m["type"] == "status_update" and m["data"]["status"] == "monitoring"
            )
            assert api.post(f"/api/v1/jobs/{job_id}/cancel").status_code == 200
