"""A JSON client written against the real site books, rebooks and cancels on the replica.

It talks plain HTTP to the replica's JSON API the way public clients talk to the real one:
`POST /Boka/<endpoint>`, `null` as a text/plain body for parameterless calls, cookies only,
the BankID QR code computed from `qrStartSecret`, and every answer read with the real shapes.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from gofer.replicas.trafikverket.app import create_trafikverket_app
from gofer.serving import BackgroundServer
from gofer.workflows.trafikverket.wire import ANSWERS

SSN = "191212121212"
LICENCE_B = 5


class JsonClient:
    """What a pure-HTTP client of the booking site does, with nothing replica-specific."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=10)

    def call(self, endpoint: str, body: Any = None) -> Any:
        if body is None:
            response = self.http.post(
                f"/Boka/{endpoint}", content="null", headers={"Content-Type": "text/plain"}
            )
        else:
            response = self.http.post(f"/Boka/{endpoint}", json=body)
        assert response.status_code == 200, response.text
        envelope = response.json()
        assert envelope["status"] == 200, envelope
        assert envelope["url"].endswith(f"/Boka/{endpoint}")
        # The client's own response models: the real shapes, no coercion, nothing extra.
        ANSWERS[endpoint.lower()].validate_python(envelope["data"], strict=True)
        return envelope["data"]

    def booking_session(self, examination_type_id: int = 0) -> dict[str, Any]:
        return {
            "socialSecurityNumber": SSN,
            "licenceId": LICENCE_B,
            "bookingModeId": 0,
            "ignoreDebt": False,
            "ignoreBookingHindrance": False,
            "examinationTypeId": examination_type_id,
            "excludeExaminationCategories": [],
            "rescheduleTypeId": 0,
            "paymentIsActive": False,
            "paymentReference": "",
            "paymentUrl": "",
            "searchedMonths": 0,
        }


def animated_qr(order: dict[str, Any]) -> str:
    """The code a BankID QR shows now: HMAC-SHA256 of the elapsed seconds, keyed by the secret."""
    seconds = str(math.floor(time.time() - order["qrStartTime"]))
    code = hmac.new(order["qrStartSecret"].encode(), seconds.encode(), hashlib.sha256).hexdigest()
    return f"bankid.{order['qrStartToken']}.{seconds}.{code}"


@pytest.fixture(scope="module")
def replica_url() -> Iterator[str]:
    server = BackgroundServer(create_trafikverket_app()).start()
    try:
        yield server.url
    finally:
        server.stop()


def log_in(client: JsonClient, phone: httpx.Client) -> None:
    assert client.call("start")["loginRequired"] is True
    order = client.call("begin-authentication")
    poll = {
        key: order[key] for key in ("referenceId", "qrStartToken", "qrStartTime", "qrStartSecret")
    }
    assert client.call("check-authentication-status-qr", poll)["loginStatus"] is None
    # The person scans the code the client draws (the replica's simulated phone).
    scanned = phone.post(
        "/_replica/bankid/scan", json={"qr": animated_qr(order), "personalNumber": SSN}
    )
    assert scanned.status_code == 200, scanned.text
    status = client.call("check-authentication-status-qr", poll)
    assert status["collectionStatus"] == "Completed" and status["loginStatus"] == SSN
    assert client.call("is-authorizied") is True


def first_bundles(client: JsonClient, query: dict[str, Any], months: int) -> list[dict[str, Any]]:
    """Walks the month cursor until a month has slots."""
    cursor = 0
    while cursor < months:
        body = {
            "bookingSession": client.booking_session(query["examinationTypeId"]),
            "occasionBundleQuery": {**query, "searchedMonths": cursor},
        }
        page = client.call("occasion-bundles", body)
        if page["bundles"]:
            return list(page["bundles"])
        cursor = page["searchedMonths"]
    return []


def reserve_and_pay_later(client: JsonClient, bundle: dict[str, Any], exam_type: int) -> str:
    session = client.booking_session(exam_type)
    assert (
        client.call("create-reservation", {"bookingSession": session, "occasionBundle": bundle})
        is None
    )
    [hold] = client.call("get-active-reservations")["activeReservations"]
    seconds = client.call("get-reservation-time", {"expiryDates": [hold["reservationExpires"]]})
    assert 0 < seconds <= 15 * 60
    cart = client.call("reservation-information", {"bookingSession": session})
    paid = client.call("invoice-payment", {"bookingSession": session, "bundleReservation": cart})
    assert paid["success"] is True
    return str(paid["bookingId"])


def test_a_json_client_logs_in_books_rebooks_and_cancels(replica_url: str) -> None:
    client = JsonClient(replica_url)
    phone = httpx.Client(base_url=replica_url, timeout=10)
    log_in(client, phone)

    licences = client.call("licence-information")["licenceCategories"]
    car = next(group for group in licences if group["name"] == "licenceCar")
    licence = next(item for item in car["licences"] if item["name"] == "B")
    assert (licence["id"], licence["category"]) == (LICENCE_B, "Car")
    assert client.call("information")["aspirant"]["socialSecurityNumber"] == SSN

    info = client.call("search-information", {"bookingSession": client.booking_session()})
    korprov = next(e for e in info["examinationTypes"] if e["name"] == "Körprov")
    info = client.call(
        "search-information", {"bookingSession": client.booking_session(korprov["id"])}
    )
    uppsala = next(e["location"] for e in info["locations"] if e["location"]["name"] == "Uppsala")
    automatic = next(v for v in info["vehicleTypes"] if v["name"] == "Automatbil")
    query = {
        "startDate": "1970-01-01T00:00:00.000Z",
        "locationId": uppsala["id"],
        "nearbyLocationIds": [],
        "languageId": 0,
        "vehicleTypeId": automatic["id"],
        "tachographTypeId": 1,
        "occasionChoiceId": 1,
        "examinationTypeId": korprov["id"],
    }
    bundles = first_bundles(client, query, info["maxSearchPeriodInMonths"])
    assert len(bundles) >= 2
    first, second = bundles[0], bundles[1]

    # Book and pay later, then read the summary, Mina prov and the payment overview.
    booking_id = reserve_and_pay_later(client, first, korprov["id"])
    summary = client.call(
        "summary", {"socialSecurityNumber": SSN, "bookingId": booking_id, "licenceId": LICENCE_B}
    )
    [booked] = summary["confirmedExaminations"]
    assert booked["duration"]["start"] == first["occasions"][0]["duration"]["start"]
    mine = client.call("examinations")
    assert mine["hasConfirmedExaminations"] is True
    assert [e["referenceId"] for e in mine["confirmedExaminations"]] == [booking_id]
    assert mine["confirmedExaminations"][0]["canReschedule"] is True
    owed = client.call("GetPaymentModel", {"directPaymentReferenceId": None})
    assert [item["referenceId"] for item in owed["unpaidHistoryModels"]] == [booking_id]

    # Rebook in the same kind of booking session: the new time replaces the old one.
    session = client.booking_session(korprov["id"])
    client.call("create-reservation", {"bookingSession": session, "occasionBundle": second})
    cart = client.call("reservation-information", {"bookingSession": session})
    assert cart["isRescheduling"] is True
    assert [c["duration"]["start"] for c in cart["cancellations"]] == [booked["duration"]["start"]]
    paid = client.call("invoice-payment", {"bookingSession": session, "bundleReservation": cart})
    rebooked = client.call(
        "summary",
        {"socialSecurityNumber": SSN, "bookingId": paid["bookingId"], "licenceId": LICENCE_B},
    )
    assert [e["id"] for e in rebooked["cancelledExaminations"]] == [booked["id"]]
    [new_exam] = client.call("examinations")["confirmedExaminations"]
    assert new_exam["duration"]["start"] == second["occasions"][0]["duration"]["start"]

    # Cancel ("Avboka"): Mina prov is then empty.
    check = client.call("examinations-to-cancel", {"examinationId": new_exam["id"]})
    assert [e["id"] for e in check["examinations"]] == [new_exam["id"]]
    assert client.call("confirm-cancel", {"examinationId": new_exam["id"]}) is None
    assert client.call("examinations")["confirmedExaminations"] == []

    assert client.call("sign-out") is None
    assert client.call("is-authorizied") is False
