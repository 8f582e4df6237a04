"""The replica answers every endpoint in the shape of the recorded real-site samples."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from gofer.workflows.trafikverket.wire import ANSWERS, strict_answer
from tests.contract.shapes import shape_differences
from tests.unit.replica_trafikverket_fixtures import (
    KORPROV_B,
    SSN,
    UPPSALA,
    Replica,
    booking_session,
    open_replica,
)

SAMPLES = Path(__file__).parent / "samples"
SAMPLE_NAMES = sorted(path.stem for path in SAMPLES.glob("*.json"))


def sample(name: str) -> Any:
    return json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))


async def record_answers(tv: Replica) -> dict[str, tuple[int, Any]]:
    """A whole journey: every endpoint once, each answer kept under its sample's name."""
    answers: dict[str, tuple[int, Any]] = {}
    me = tv.new_browser()

    async def ask(name: str, body: Any = None, endpoint: str | None = None) -> Any:
        response = await me.call(endpoint or name, body)
        answers[name] = (response.status_code, response.json())
        return response.json().get("data")

    session = booking_session(exam=KORPROV_B)
    await ask("start")
    begin = await ask("begin-authentication")
    assert (await tv.scan(begin, SSN)).status_code == 200
    await ask("check-authentication-status-qr", begin)
    await ask("is-authorizied")
    await ask("is-system-updating")
    await ask("licence-information")
    await ask("information")
    await ask("search-information", {"bookingSession": session})
    await ask("booking-hindrances", {"bookingSession": session})
    await ask("get-suggested-reservations-by-licence-and-ssn", {"licenceId": 5, "ssn": SSN})
    found = await me.search(UPPSALA)
    answers["occasion-bundles"] = (200, {"data": found, "status": 200, "url": ""})
    bundle = found["bundles"][0]
    await ask("create-reservation", {"bookingSession": session, "occasionBundle": bundle})
    active = await ask("get-active-reservations")
    expiry = active["activeReservations"][0]["reservationExpires"]
    await ask("get-reservation-time", {"expiryDates": [expiry]})
    cart = await ask("reservation-information", {"bookingSession": session})
    paid = await ask("invoice-payment", {"bookingSession": session, "bundleReservation": cart})
    await ask(
        "summary", {"socialSecurityNumber": SSN, "bookingId": paid["bookingId"], "licenceId": 5}
    )
    exams = await ask("examinations")
    await ask("get-confirmed-examinations", {"licenceId": 5})
    await ask("GetPaymentModel", {"directPaymentReferenceId": None})
    exam_id = exams["confirmedExaminations"][0]["id"]
    await ask("examinations-to-cancel", {"examinationId": exam_id})
    await ask("confirm-cancel", {"examinationId": exam_id})
    await ask("sign-out")

    other = tv.new_browser()
    begin = await other.data("begin-authentication")
    assert (await tv.scan(begin, SSN, action="cancel")).status_code == 200
    response = await other.call("check-authentication-status-qr", begin)
    answers["check-authentication-status-qr-cancelled"] = (response.status_code, response.json())
    return answers


@pytest.fixture(scope="module")
async def answers() -> AsyncIterator[dict[str, tuple[int, Any]]]:
    async with open_replica() as tv:
        yield await record_answers(tv)


def test_every_endpoint_has_a_sample() -> None:
    named = {name.lower() for name in SAMPLE_NAMES}
    assert set(ANSWERS) <= named


@pytest.mark.parametrize("name", SAMPLE_NAMES)
async def test_replica_answer_has_the_sample_shape(
    name: str, answers: dict[str, tuple[int, Any]]
) -> None:
    status, body = answers[name]
    # Every answer is HTTP 200, the BankID failure too (its 400 is inside the body).
    assert status == 200
    assert shape_differences(sample(name), body) == []


@pytest.mark.parametrize("name", [name for name in SAMPLE_NAMES if name.lower() in ANSWERS])
def test_sample_fits_the_wire_model(name: str) -> None:
    envelope = sample(name)
    assert envelope["status"] == 200
    assert envelope["url"].endswith(f"/Boka/{name}")
    assert strict_answer(name, envelope["data"]) == json.loads(json.dumps(envelope["data"]))
