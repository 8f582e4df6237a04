"""Trafikverket replica: holds, payment, summary, cancellation, rebooking and the competitor."""

from __future__ import annotations

from typing import Any

from gofer.replicas.trafikverket import ReplicaConfig
from tests.unit.replica_trafikverket_fixtures import (
    FARSTA,
    KORPROV_B,
    KUNSKAPSPROV_B,
    OTHER_SSN,
    SSN,
    SWEDISH,
    UPPSALA,
    Replica,
    booking_session,
    open_replica,
)


def slot(start: str, location_id: int = UPPSALA, **extra: Any) -> dict[str, Any]:
    return {
        "locationId": location_id,
        "examinationTypeId": KORPROV_B,
        "vehicleTypeId": 4,
        "start": start,
        **extra,
    }


async def only_slots(tv: Replica, *slots: dict[str, Any]) -> None:
    """Replace the generated inventory with exactly these slots."""
    assert (await tv.controls.delete("/_replica/slots")).status_code == 200
    response = await tv.controls.post("/_replica/slots", json={"slots": list(slots)})
    assert response.status_code == 200, response.text


async def bookings(tv: Replica, query: str = "") -> list[dict[str, Any]]:
    response = await tv.controls.get(f"/_replica/bookings{query}")
    assert response.status_code == 200
    result: list[dict[str, Any]] = response.json()["bookings"]
    return result


async def test_reserve_holds_for_fifteen_minutes_then_releases() -> None:
    async with open_replica() as tv:
        await only_slots(tv, slot("2026-03-20T08:00:00+01:00"))
        me, other = await tv.login(), await tv.login(tv.new_browser(OTHER_SSN))
        [occasion] = await me.occasions(UPPSALA)
        reserved = await me.reserve(occasion)
        assert reserved.status_code == 200 and reserved.json()["data"] is None

        # Held: gone from everyone's results, and nobody else can take it.
        assert await other.occasions(UPPSALA) == []
        taken = await other.error(
            "create-reservation",
            {
                "bookingSession": booking_session(OTHER_SSN, KORPROV_B),
                "occasionBundle": {"occasions": [occasion], "cost": "1800"},
            },
        )
        assert taken["data"]["message"] == "Tiden är inte längre tillgänglig"
        assert taken["type"] == "BookingException"

        active = await me.data("get-active-reservations")
        [hold] = active["activeReservations"]
        assert hold["reservationExpires"] == "2026-03-02 09:15:00"
        assert hold["startDate"] == "2026-03-20 08:00"
        assert isinstance(hold["examinationId"], int)
        left = await me.data("get-reservation-time", {"expiryDates": [hold["reservationExpires"]]})
        assert left == 900
        holds = (await tv.controls.get("/_replica/reservations")).json()["reservations"]
        assert [(h["socialSecurityNumber"], h["secondsLeft"]) for h in holds] == [(SSN, 900)]

        tv.time.advance(15 * 60)
        assert (
            await me.data("get-reservation-time", {"expiryDates": [hold["reservationExpires"]]})
            == 0
        )
        assert (await me.data("get-active-reservations"))["activeReservations"] == []
        assert [o["duration"] for o in await other.occasions(UPPSALA)] == [occasion["duration"]]
        expired = await me.pay()
        assert expired.status_code == 400
        assert expired.json()["data"]["message"] == "Reservationen har gått ut"
        assert await bookings(tv) == []


async def test_a_new_hold_of_the_same_exam_type_replaces_the_old_one() -> None:
    async with open_replica() as tv:
        await only_slots(
            tv,
            slot("2026-03-20T08:00:00+01:00"),
            slot("2026-03-21T08:00:00+01:00"),
            {
                "locationId": UPPSALA,
                "examinationTypeId": KUNSKAPSPROV_B,
                "languageId": SWEDISH,
                "start": "2026-03-22T08:30:00+01:00",
            },
        )
        me = await tv.login()
        first, second = await me.occasions(UPPSALA)
        [theory] = await me.occasions(UPPSALA, exam=KUNSKAPSPROV_B, vehicle=0, language=SWEDISH)
        assert (await me.reserve(first)).status_code == 200
        assert (await me.reserve(theory)).status_code == 200
        assert (await me.reserve(second)).status_code == 200
        active = (await me.data("get-active-reservations"))["activeReservations"]
        assert sorted(r["startDate"] for r in active) == ["2026-03-21 08:00", "2026-03-22 08:30"]
        assert [o["date"] for o in await me.occasions(UPPSALA)] == ["2026-03-20"]


async def test_invoice_payment_books_once_and_refuses_a_repeat() -> None:
    async with open_replica() as tv:
        await only_slots(tv, slot("2026-03-20T08:00:00+01:00"))
        me = await tv.login()
        [occasion] = await me.occasions(UPPSALA)
        await me.reserve(occasion)
        cart = await me.data("reservation-information", {"bookingSession": booking_session()})
        assert [r["examinationId"] is not None for r in cart["reservations"]] == [True]
        assert cart["amountToPayInvoice"] == "1800"
        assert cart["provider"]["isPayInvoiceEnabled"] is True
        assert cart["provider"]["isPayDirectPaymentEnabled"] is False
        assert cart["reservationTimeInSeconds"] == 900

        paid = await me.call(
            "invoice-payment", {"bookingSession": booking_session(), "bundleReservation": cart}
        )
        result = paid.json()["data"]
        assert result["success"] is True and result["bookingId"].isdigit()
        assert result["socialSecurityNumber"] == SSN
        again = await me.call(
            "invoice-payment", {"bookingSession": booking_session(), "bundleReservation": cart}
        )
        assert again.status_code == 400
        assert again.json()["data"]["message"] == "Det finns ingen aktiv reservation"

        [booked] = await bookings(tv)
        assert booked["bookingId"] == result["bookingId"]
        assert (booked["status"], booked["by"], booked["socialSecurityNumber"]) == (
            "confirmed",
            "user",
            SSN,
        )
        assert booked["start"] == "2026-03-20T08:00:00+01:00"
        assert (booked["locationName"], booked["cost"], booked["payment"]) == (
            "Uppsala",
            "1800",
            "invoice",
        )
        logged = (await tv.controls.get("/_replica/requests?endpoint=invoice-payment")).json()
        assert [r["status"] for r in logged["requests"]] == [200, 400]

        summary = await me.data(
            "summary",
            {
                "socialSecurityNumber": "19121212-1212",
                "bookingId": result["bookingId"],
                "licenceId": 5,
            },
        )
        [exam] = summary["confirmedExaminations"]
        assert exam["duration"]["start"] == "2026-03-20T08:00:00+01:00"
        assert exam["place"]["locationName"] == "Uppsala"
        assert summary["cancelledExaminations"] == []
        unknown = await me.error(
            "summary", {"socialSecurityNumber": SSN, "bookingId": "1", "licenceId": 5}
        )
        assert unknown["data"]["message"] == "Ogiltig bokningssession"
        stranger = await tv.login(tv.new_browser(OTHER_SSN))
        foreign = await stranger.error(
            "summary", {"socialSecurityNumber": OTHER_SSN, "bookingId": result["bookingId"]}
        )
        assert foreign["data"]["message"] == "Ogiltig bokningssession"


async def test_a_booking_is_named_as_a_hindrance_but_does_not_block_a_new_reservation() -> None:
    async with open_replica() as tv:
        await only_slots(tv, slot("2026-03-20T08:00:00+01:00"), slot("2026-03-21T08:00:00+01:00"))
        me = await tv.login()
        first, second = await me.occasions(UPPSALA)
        await me.reserve(first)
        assert (await me.pay()).status_code == 200
        hindrance = await me.data(
            "booking-hindrances", {"bookingSession": booking_session(exam=KORPROV_B)}
        )
        assert hindrance["canBookLicence"] is True
        assert hindrance["hindranceMessages"][0].startswith("Befintlig bokning")
        # Reserving the same exam type again is a rebooking, with no flag in the session.
        assert (await me.reserve(second)).status_code == 200
        cart = await me.data("reservation-information", {"bookingSession": booking_session()})
        assert cart["isRescheduling"] is True
        theory = await me.data(
            "booking-hindrances", {"bookingSession": booking_session(exam=KUNSKAPSPROV_B)}
        )
        assert theory["canBookLicence"] is True and theory["hindranceMessages"] == []


async def test_rebooking_moves_the_old_exam_to_cancellations() -> None:
    async with open_replica() as tv:
        await only_slots(tv, slot("2026-03-20T08:00:00+01:00"), slot("2026-03-25T08:00:00+01:00"))
        me = await tv.login()
        first, later = await me.occasions(UPPSALA)
        await me.reserve(first)
        old_booking = (await me.pay()).json()["data"]["bookingId"]
        assert (await me.reserve(later)).status_code == 200
        cart = await me.data("reservation-information", {"bookingSession": booking_session()})
        assert cart["isRescheduling"] is True
        assert [c["date"] for c in cart["cancellations"]] == ["2026-03-20"]
        new_booking = (await me.pay()).json()["data"]["bookingId"]
        assert new_booking != old_booking
        summary = await me.data(
            "summary", {"socialSecurityNumber": SSN, "bookingId": new_booking, "licenceId": 5}
        )
        assert [e["startDate"] for e in summary["cancelledExaminations"]] == ["2026-03-20 08:00"]
        assert [b["bookingId"] for b in await bookings(tv, "?status=confirmed")] == [new_booking]
        assert [b["bookingId"] for b in await bookings(tv, "?status=cancelled")] == [old_booking]
        # The freed slot is bookable again.
        assert [o["date"] for o in await me.occasions(UPPSALA)] == ["2026-03-20"]


async def test_cancel_frees_the_slot_and_lists_it_as_cancelled() -> None:
    async with open_replica() as tv:
        await only_slots(tv, slot("2026-03-03T08:50:00+01:00"), slot("2026-03-20T08:00:00+01:00"))
        me = await tv.login()
        soon, later = await me.occasions(UPPSALA)
        await me.reserve(later)
        await me.pay()
        [exam] = (await me.data("examinations"))["confirmedExaminations"]
        assert exam["canCancel"] is True and exam["canReschedule"] is True
        check = await me.data("examinations-to-cancel", {"examinationId": exam["id"]})
        assert check["show24HourCancellationWarning"] is False
        assert [e["id"] for e in check["examinations"]] == [exam["id"]]
        assert await me.data("confirm-cancel", {"examinationId": exam["id"]}) is None
        assert (await me.data("examinations"))["confirmedExaminations"] == []
        [record] = await bookings(tv)
        assert record["status"] == "cancelled" and record["cancelledAt"] is not None
        assert len(await me.occasions(UPPSALA)) == 2
        again = await me.error("confirm-cancel", {"examinationId": exam["id"]})
        assert again["data"]["message"] == "Ogiltig bokningssession"

        await me.reserve(soon)
        await me.pay()
        [close] = (await me.data("examinations"))["confirmedExaminations"]
        warned = await me.data("examinations-to-cancel", {"examinationId": close["id"]})
        assert warned["show24HourCancellationWarning"] is True


async def test_bookings_inspection_filters_by_status_and_person() -> None:
    async with open_replica() as tv:
        await only_slots(tv, slot("2026-03-20T08:00:00+01:00"), slot("2026-03-21T08:00:00+01:00"))
        me, other = await tv.login(), await tv.login(tv.new_browser(OTHER_SSN))
        mine, theirs = await me.occasions(UPPSALA)
        await me.reserve(mine)
        await me.pay()
        await other.reserve(theirs)
        await other.pay()
        assert [b["socialSecurityNumber"] for b in await bookings(tv)] == [SSN, OTHER_SSN]
        assert [b["start"][:10] for b in await bookings(tv, "?ssn=19121212-1212")] == ["2026-03-20"]
        exam_id = (await other.data("examinations"))["confirmedExaminations"][0]["id"]
        await other.data("confirm-cancel", {"examinationId": exam_id})
        assert [b["socialSecurityNumber"] for b in await bookings(tv, "?status=cancelled")] == [
            OTHER_SSN
        ]
        assert await bookings(tv, f"?status=confirmed&ssn={OTHER_SSN}") == []
        invalid = await tv.controls.get("/_replica/bookings?status=maybe")
        assert invalid.status_code == 422 and "status" in invalid.json()["error"]


async def test_competitor_takes_the_slot_on_reserve() -> None:
    async with open_replica() as tv:
        await only_slots(
            tv,
            slot("2026-03-20T08:00:00+01:00"),
            slot("2026-03-20T08:00:00+01:00", location_id=FARSTA),
        )
        me = await tv.login()
        uppsala, farsta = await me.occasions(UPPSALA, [FARSTA])
        rule = await tv.controls.post(
            "/_replica/competitor",
            json={"mode": "on_reserve", "match": {"locationId": UPPSALA}, "count": 1},
        )
        assert rule.status_code == 200
        lost = await me.reserve(uppsala)
        assert lost.status_code == 400
        assert lost.json()["data"]["message"] == "Tiden är inte längre tillgänglig"
        assert [o["locationId"] for o in await me.occasions(UPPSALA, [FARSTA])] == [FARSTA]
        [taken] = await bookings(tv)
        assert (taken["by"], taken["locationId"], taken["socialSecurityNumber"]) == (
            "competitor",
            UPPSALA,
            None,
        )
        # The rule was used up; the next place is reserved normally.
        assert (await me.reserve(farsta)).status_code == 200


async def test_competitor_takes_the_slot_a_while_after_it_is_seen() -> None:
    async with open_replica() as tv:
        await only_slots(tv, slot("2026-03-20T08:00:00+01:00"), slot("2026-03-21T08:00:00+01:00"))
        me = await tv.login()
        await tv.controls.post(
            "/_replica/competitor",
            json={
                "mode": "after_seen",
                "match": {"start": "2026-03-21T08:00:00+01:00"},
                "delay_ms": 5000,
            },
        )
        assert len(await me.occasions(UPPSALA)) == 2
        tv.time.advance(4.9)
        assert await bookings(tv) == []
        assert len(await me.occasions(UPPSALA)) == 2
        tv.time.advance(0.1)
        [taken] = await bookings(tv)
        assert (taken["by"], taken["start"]) == ("competitor", "2026-03-21T08:00:00+01:00")
        [left] = await me.occasions(UPPSALA)
        assert left["date"] == "2026-03-20"


async def test_a_hold_wins_over_a_late_competitor() -> None:
    async with open_replica() as tv:
        await only_slots(tv, slot("2026-03-20T08:00:00+01:00"))
        me = await tv.login()
        await tv.controls.post(
            "/_replica/competitor", json={"mode": "after_seen", "delay_ms": 2000}
        )
        [occasion] = await me.occasions(UPPSALA)
        assert (await me.reserve(occasion)).status_code == 200
        tv.time.advance(3)
        assert (await me.pay()).status_code == 200
        assert [b["by"] for b in await bookings(tv)] == ["user"]


async def test_hold_minutes_switch_changes_the_hold() -> None:
    async with open_replica(ReplicaConfig(hold_minutes=1)) as tv:
        await only_slots(tv, slot("2026-03-20T08:00:00+01:00"))
        me = await tv.login()
        [occasion] = await me.occasions(UPPSALA)
        await me.reserve(occasion)
        [hold] = (await me.data("get-active-reservations"))["activeReservations"]
        assert hold["reservationExpires"] == "2026-03-02 09:01:00"


async def test_bad_reservation_bodies_are_refused() -> None:
    async with open_replica() as tv:
        me = await tv.login()
        empty = await me.error(
            "create-reservation",
            {"bookingSession": booking_session(), "occasionBundle": {"occasions": []}},
        )
        assert empty["data"]["message"] == "Ogiltig förfrågan"
        invented = {
            "examinationTypeId": KORPROV_B,
            "locationId": UPPSALA,
            "vehicleTypeId": 4,
            "languageId": 0,
            "duration": {"start": "2026-03-20T08:07:00+01:00"},
            "cost": "1800",
        }
        assert (await me.reserve(invented)).json()["data"]["message"] == (
            "Tiden är inte längre tillgänglig"
        )
        broken = await me.client.post("/Boka/create-reservation", content=b"{not json")
        assert broken.status_code == 400
