"""Trafikverket replica, Mina prov: seeded bookings, Omboka (rebooking) and Avboka with the 24 h rule."""

from __future__ import annotations

from typing import Any

from tests.unit.replica_trafikverket_fixtures import (
    OTHER_SSN,
    SSN,
    UPPSALA,
    Replica,
    booking_session,
    open_replica,
)
from tests.unit.test_replica_trafikverket_booking import bookings, only_slots, slot

MAY = "2026-05-12T10:00:00+02:00"
MARCH = "2026-03-20T08:00:00+01:00"


async def seed(tv: Replica, start: str = MAY, ssn: str = SSN, **extra: Any) -> dict[str, Any]:
    response = await tv.controls.post(
        "/_replica/bookings", json={**slot(start), "socialSecurityNumber": ssn, **extra}
    )
    assert response.status_code == 201, response.text
    booking: dict[str, Any] = response.json()["booking"]
    return booking


async def test_a_seeded_booking_is_listed_in_mina_prov_with_its_flags() -> None:
    async with open_replica() as tv:
        await only_slots(tv, slot(MARCH))
        seeded = await seed(tv)
        assert seeded["status"] == "confirmed" and seeded["socialSecurityNumber"] == SSN
        me = await tv.login()
        [exam] = (await me.data("examinations"))["confirmedExaminations"]
        assert exam["id"] == seeded["examinationId"]
        assert exam["referenceId"] == seeded["bookingId"]
        assert exam["startDate"] == "2026-05-12 10:00"
        assert exam["canReschedule"] is True and exam["canCancel"] is True
        assert exam["isLateCancelledMustPay"] is False
        # Someone else logging in does not see it, and the seeded slot is not offered as free.
        other = await tv.login(tv.new_browser(OTHER_SSN))
        assert (await other.data("examinations"))["confirmedExaminations"] == []
        assert [o["date"] for o in await other.occasions(UPPSALA, months=2)] == []


async def test_seeding_refuses_a_taken_slot_a_past_start_and_a_bad_personnummer() -> None:
    async with open_replica() as tv:
        await seed(tv)
        again = await tv.controls.post(
            "/_replica/bookings", json={**slot(MAY), "socialSecurityNumber": OTHER_SSN}
        )
        assert again.status_code == 409 and again.json()["code"] == "slot_taken"
        past = await tv.controls.post(
            "/_replica/bookings",
            json={**slot("2026-03-01T08:00:00+01:00"), "socialSecurityNumber": SSN},
        )
        assert past.status_code == 422 and "start" in past.json()["error"]
        bad = await tv.controls.post(
            "/_replica/bookings", json={**slot(MARCH), "socialSecurityNumber": "12"}
        )
        assert bad.status_code == 422 and "socialSecurityNumber" in bad.json()["error"]
        assert len(await bookings(tv)) == 1


async def test_omboka_moves_a_seeded_may_test_to_march_in_one_payment() -> None:
    async with open_replica() as tv:
        await only_slots(tv, slot(MARCH))
        seeded = await seed(tv)
        me = await tv.login()
        [march] = await me.occasions(UPPSALA)
        assert (await me.reserve(march)).status_code == 200
        cart = await me.data("reservation-information", {"bookingSession": booking_session()})
        assert cart["isRescheduling"] is True
        assert [c["date"] for c in cart["cancellations"]] == ["2026-05-12"]
        # Until the payment the May test stands.
        assert [b["bookingId"] for b in await bookings(tv, "?status=confirmed")] == [
            seeded["bookingId"]
        ]
        new_booking = (await me.pay()).json()["data"]["bookingId"]
        summary = await me.data(
            "summary", {"socialSecurityNumber": SSN, "bookingId": new_booking, "licenceId": 5}
        )
        assert [e["startDate"] for e in summary["confirmedExaminations"]] == ["2026-03-20 08:00"]
        assert [e["id"] for e in summary["cancelledExaminations"]] == [seeded["examinationId"]]
        assert [b["start"][:10] for b in await bookings(tv, "?status=confirmed")] == ["2026-03-20"]
        assert [b["bookingId"] for b in await bookings(tv, "?status=cancelled")] == [
            seeded["bookingId"]
        ]


async def test_a_hold_that_expires_unpaid_leaves_the_old_booking_standing() -> None:
    async with open_replica() as tv:
        await only_slots(tv, slot(MARCH))
        seeded = await seed(tv)
        me = await tv.login()
        [march] = await me.occasions(UPPSALA)
        await me.reserve(march)
        tv.time.advance(16 * 60)
        refused = await me.pay()
        assert refused.status_code == 400
        [standing] = await bookings(tv, "?status=confirmed")
        assert standing["bookingId"] == seeded["bookingId"]


async def test_a_late_cancellation_is_warned_and_then_marked_must_pay() -> None:
    async with open_replica() as tv:
        # The replica's clock starts on Monday 2 March 09:00; this test is 23 h away.
        seeded = await seed(tv, "2026-03-03T08:00:00+01:00")
        me = await tv.login()
        check = await me.data("examinations-to-cancel", {"examinationId": seeded["examinationId"]})
        assert check["show24HourCancellationWarning"] is True
        await me.data("confirm-cancel", {"examinationId": seeded["examinationId"]})
        [cancelled] = await bookings(tv, "?status=cancelled")
        assert cancelled["examinationId"] == seeded["examinationId"]
        summary = await me.data(
            "summary",
            {"socialSecurityNumber": SSN, "bookingId": seeded["bookingId"], "licenceId": 5},
        )
        [exam] = summary["cancelledExaminations"]
        assert exam["isLateCancelledMustPay"] is True and exam["isCancelled"] is True


async def test_an_early_cancellation_keeps_the_refund() -> None:
    async with open_replica() as tv:
        seeded = await seed(tv)
        me = await tv.login()
        check = await me.data("examinations-to-cancel", {"examinationId": seeded["examinationId"]})
        assert check["show24HourCancellationWarning"] is False
        await me.data("confirm-cancel", {"examinationId": seeded["examinationId"]})
        summary = await me.data(
            "summary",
            {"socialSecurityNumber": SSN, "bookingId": seeded["bookingId"], "licenceId": 5},
        )
        [exam] = summary["cancelledExaminations"]
        assert exam["isLateCancelledMustPay"] is False
        # The freed May slot is offered again.
        assert "2026-05-12" in [o["date"] for o in await me.occasions(UPPSALA, months=2)]


async def test_someone_else_cannot_cancel_a_seeded_booking() -> None:
    async with open_replica() as tv:
        seeded = await seed(tv)
        other = await tv.login(tv.new_browser(OTHER_SSN))
        refused = await other.error("confirm-cancel", {"examinationId": seeded["examinationId"]})
        assert refused["data"]["message"] == "Ogiltig bokningssession"
        assert len(await bookings(tv, "?status=confirmed")) == 1
