"""Shared helpers for the Trafikverket replica tests: a replica with a hand-driven clock."""

from __future__ import annotations

import json
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from fastapi import FastAPI

from gofer.replicas.trafikverket import ReplicaConfig, ReplicaState, create_trafikverket_app
from gofer.replicas.trafikverket.bankid import qr_code

# A Monday; 09:00 in Stockholm. Whole seconds, so a fresh BankID order is at second 0.
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
SSN = "191212121212"
OTHER_SSN = "198112289874"
UPPSALA, JARFALLA, SOLLENTUNA, FARSTA, SODERTALJE = 1000071, 1000326, 1000134, 1000019, 1000132
STOCKHOLM_CITY = 1000140
KORPROV_B, KUNSKAPSPROV_B = 12, 3
AUTOMATIC, MANUAL = 4, 2
SWEDISH = 13


class SteppedTime:
    """A time source that only moves when a test says so."""

    def __init__(self, start: datetime = START) -> None:
        self.value = start

    def __call__(self) -> datetime:
        return self.value

    def advance(self, seconds: float) -> None:
        self.value += timedelta(seconds=seconds)


def booking_session(ssn: str = SSN, exam: int = 0, **changes: Any) -> dict[str, Any]:
    session = {
        "socialSecurityNumber": ssn,
        "licenceId": 5,
        "bookingModeId": 0,
        "ignoreDebt": False,
        "ignoreBookingHindrance": False,
        "examinationTypeId": exam,
        "excludeExaminationCategories": [],
        "rescheduleTypeId": 0,
        "paymentIsActive": False,
        "paymentReference": "",
        "paymentUrl": "",
        "searchedMonths": 0,
    }
    session.update(changes)
    return session


def occasion_query(
    location_id: int,
    nearby: list[int] | None = None,
    *,
    exam: int = KORPROV_B,
    vehicle: int = AUTOMATIC,
    language: int = 0,
    months: int = 0,
    start_date: str = "1970-01-01T00:00:00.000Z",
) -> dict[str, Any]:
    return {
        "startDate": start_date,
        "searchedMonths": months,
        "locationId": location_id,
        "nearbyLocationIds": nearby or [],
        "languageId": language,
        "vehicleTypeId": vehicle,
        "tachographTypeId": 1,
        "occasionChoiceId": 1,
        "examinationTypeId": exam,
    }


@dataclass
class Browser:
    """One visitor: an HTTP client with its own cookie jar."""

    client: httpx.AsyncClient
    ssn: str = SSN

    async def call(self, endpoint: str, body: Any = None) -> httpx.Response:
        # Parameterless calls send `null` as text/plain, as the real page does.
        return await self.client.post(
            f"/Boka/{endpoint}",
            content=json.dumps(body),
            headers={"Content-Type": "text/plain" if body is None else "application/json"},
        )

    async def data(self, endpoint: str, body: Any = None) -> Any:
        response = await self.call(endpoint, body)
        assert response.status_code == 200, response.text
        envelope = response.json()
        assert envelope["status"] == 200
        return envelope["data"]

    async def error(self, endpoint: str, body: Any = None, status: int = 400) -> dict[str, Any]:
        response = await self.call(endpoint, body)
        assert response.status_code == status, response.text
        result: dict[str, Any] = response.json()
        return result

    async def search(self, location_id: int, nearby: list[int] | None = None, **query: Any) -> Any:
        return await self.data(
            "occasion-bundles",
            {
                "bookingSession": booking_session(self.ssn, query.get("exam", KORPROV_B)),
                "occasionBundleQuery": occasion_query(location_id, nearby, **query),
            },
        )

    async def occasions(
        self, location_id: int, nearby: list[int] | None = None, **query: Any
    ) -> list[dict[str, Any]]:
        result = await self.search(location_id, nearby, **query)
        return [occasion for bundle in result["bundles"] for occasion in bundle["occasions"]]

    async def reserve(self, occasion: dict[str, Any], **session: Any) -> httpx.Response:
        body = {
            "bookingSession": booking_session(self.ssn, occasion["examinationTypeId"], **session),
            "occasionBundle": {"occasions": [occasion], "cost": occasion["cost"]},
        }
        return await self.call("create-reservation", body)

    async def pay(self, **session: Any) -> httpx.Response:
        cart = await self.data(
            "reservation-information", {"bookingSession": booking_session(self.ssn, **session)}
        )
        return await self.call(
            "invoice-payment",
            {"bookingSession": booking_session(self.ssn, **session), "bundleReservation": cart},
        )


@dataclass
class Replica:
    app: FastAPI
    state: ReplicaState
    time: SteppedTime
    controls: httpx.AsyncClient
    browsers: list[Browser] = field(default_factory=list)

    def new_browser(self, ssn: str = SSN) -> Browser:
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app), base_url="http://replica.test"
        )
        browser = Browser(client, ssn)
        self.browsers.append(browser)
        return browser

    async def scan(
        self,
        begin: dict[str, Any],
        ssn: str,
        *,
        seconds: int | None = None,
        action: str = "approve",
    ) -> httpx.Response:
        """Scan the QR now on screen (the current second's payload) with the simulated phone."""
        if seconds is None:
            seconds = math.floor(self.state.now().timestamp() - begin["qrStartTime"])
        payload = qr_code(begin["qrStartToken"], begin["qrStartSecret"], seconds)
        body = {"qr": payload, "personalNumber": ssn, "action": action}
        return await self.controls.post("/_replica/bankid/scan", json=body)

    async def login(self, browser: Browser | None = None) -> Browser:
        browser = browser or self.new_browser()
        begin = await browser.data("begin-authentication")
        scanned = await self.scan(begin, browser.ssn)
        assert scanned.status_code == 200, scanned.text
        status = await browser.data("check-authentication-status-qr", begin)
        assert status["collectionStatus"] == "Completed"
        return browser


@asynccontextmanager
async def open_replica(
    config: ReplicaConfig | None = None, *, test_controls: bool = True, **app_options: Any
) -> AsyncIterator[Replica]:
    time = SteppedTime()
    state = ReplicaState(config, time_source=time)
    app = create_trafikverket_app(state=state, test_controls=test_controls, **app_options)
    controls = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://replica.test"
    )
    replica = Replica(app, state, time, controls)
    try:
        yield replica
    finally:
        for browser in replica.browsers:
            await browser.client.aclose()
        await controls.aclose()
