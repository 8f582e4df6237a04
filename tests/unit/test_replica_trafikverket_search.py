"""Trafikverket replica: search-information and occasion-bundles (generation, paging, limits)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from gofer.replicas.trafikverket import ReplicaConfig
from gofer.replicas.trafikverket.reference import LOCATIONS
from gofer.replicas.trafikverket.slots import generate_day
from tests.unit.replica_trafikverket_fixtures import (
    FARSTA,
    JARFALLA,
    KORPROV_B,
    KUNSKAPSPROV_B,
    SODERTALJE,
    SOLLENTUNA,
    STOCKHOLM_CITY,
    SWEDISH,
    UPPSALA,
    Browser,
    booking_session,
    open_replica,
)

MALMO, LUND = 1000061, 1000062


async def all_occasions(
    browser: Browser, location_id: int, nearby: list[int] | None = None, **query: Any
) -> list[dict[str, Any]]:
    """Every occasion over all months, following the `searchedMonths` cursor."""
    found: list[dict[str, Any]] = []
    months = 0
    while True:
        page = await browser.search(location_id, nearby, months=months, **query)
        found += [occasion for bundle in page["bundles"] for occasion in bundle["occasions"]]
        if not page["bundles"]:
            return found
        assert page["searchedMonths"] > months
        months = page["searchedMonths"]


async def test_search_information_describes_licence_b() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        info = await browser.data("search-information", {"bookingSession": booking_session()})
        assert info["canBookLicence"] is True
        assert info["showExaminationType"] is True
        assert [(e["id"], e["name"]) for e in info["examinationTypes"]] == [
            (3, "Kunskapsprov"),
            (12, "Körprov"),
        ]
        assert [(v["id"], v["name"]) for v in info["vehicleTypes"]] == [
            (2, "Manuell bil"),
            (4, "Automatbil"),
        ]
        assert {lang["id"]: lang["name"] for lang in info["languages"]} == {
            13: "Svenska",
            4: "Engelska",
        }
        assert info["maxNearbyLocations"] == 3
        assert info["maxSearchPeriodInMonths"] == 6
        assert info["showTachographType"] is False and info["showOccasionChoices"] is False
        assert len(info["locations"]) == 36
        by_id = {item["location"]["id"]: item for item in info["locations"]}
        assert by_id[1000041]["location"]["name"] == "Sala"
        assert by_id[1000031]["location"]["name"] == "Karlstad"
        assert by_id[STOCKHOLM_CITY]["examinationCategories"] == [{"value": 1}]
        assert by_id[UPPSALA]["examinationCategories"] == [{"value": 1}, {"value": 2}]
        address = by_id[UPPSALA]["location"]["address"]
        assert set(address) == {"streetAddress1", "streetAddress2", "zipCode", "city", "careOf"}
        assert set(by_id[UPPSALA]["location"]["coordinates"]) == {"latitude", "longitude"}
        licence_codes = {licence["name"] for licence in info["licences"]}
        assert {"AM", "A1", "A2", "A", "B", "B96", "BE", "C", "D", "ADR"} <= licence_codes

        driving = await browser.data(
            "search-information", {"bookingSession": booking_session(exam=KORPROV_B)}
        )
        assert (driving["showVehicleType"], driving["showLanguage"]) == (True, False)
        theory = await browser.data(
            "search-information", {"bookingSession": booking_session(exam=KUNSKAPSPROV_B)}
        )
        assert (theory["showVehicleType"], theory["showLanguage"]) == (False, True)


async def test_own_vehicle_option_adds_a_last_vehicle_type() -> None:
    async with open_replica(ReplicaConfig(own_vehicle_option=True)) as tv:
        browser = await tv.login()
        info = await browser.data("search-information", {"bookingSession": booking_session()})
        assert [v["id"] for v in info["vehicleTypes"]] == [2, 4, 1]


async def test_another_persons_booking_session_is_refused() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        failed = await browser.error(
            "search-information", {"bookingSession": booking_session("199001011234")}
        )
        assert failed["data"]["message"] == "Ogiltig bokningssession"


async def test_occasions_have_the_real_shape_and_prices() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        page = await browser.search(UPPSALA)
        assert page["bundles"], "the default density gives Uppsala free slots"
        bundle = page["bundles"][0]
        assert bundle["cost"] == bundle["occasions"][0]["cost"]
        occasion = bundle["occasions"][0]
        assert occasion["examinationId"] is None
        assert occasion["examinationCategory"] == 2
        assert occasion["name"] == "Körprov B"
        assert occasion["locationName"] == "Uppsala"
        assert (occasion["vehicleTypeId"], occasion["languageId"]) == (4, 0)
        assert re.fullmatch(
            r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00", occasion["duration"]["start"]
        )
        assert occasion["duration"]["start"][:10] == occasion["date"]
        assert occasion["duration"]["start"][11:16] == occasion["time"]

        everything = await all_occasions(browser, UPPSALA, [JARFALLA, SOLLENTUNA, FARSTA])
        starts = [o["duration"]["start"] for o in everything]
        assert starts == sorted(starts, key=lambda s: (s[:10], s[11:16])), "earliest first"
        for o in everything:
            evening = o["time"] >= "17:00"
            weekend = date.fromisoformat(o["date"]).weekday() >= 5
            assert o["increasedFee"] is (evening or weekend), o
            assert o["cost"] == ("2200" if o["increasedFee"] else "1800")
            assert o["costText"] in ("1 800 kr", "2 200 kr")
        assert any(o["increasedFee"] for o in everything)
        first_day = min(date.fromisoformat(o["date"]) for o in everything)
        assert (first_day - date(2026, 3, 2)).days >= 14


async def test_theory_tests_use_the_language_and_stockholm_city_has_only_them() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        theory = await all_occasions(
            browser, STOCKHOLM_CITY, exam=KUNSKAPSPROV_B, vehicle=0, language=SWEDISH
        )
        assert theory
        assert {(o["name"], o["languageId"], o["vehicleTypeId"]) for o in theory} == {
            ("Kunskapsprov B", SWEDISH, 0)
        }
        assert {o["time"] for o in theory} <= {"08:30", "10:30", "13:00", "15:00"}
        assert {o["cost"] for o in theory if not o["increasedFee"]} == {"325"}
        assert await all_occasions(browser, STOCKHOLM_CITY) == []


async def test_same_seed_gives_the_same_slots_and_another_seed_does_not() -> None:
    async with open_replica() as first, open_replica() as second:
        one = await all_occasions(await first.login(), UPPSALA, [FARSTA])
        two = await all_occasions(await second.login(), UPPSALA, [FARSTA])
        assert one == two
    async with open_replica(ReplicaConfig(seed=2)) as other:
        assert await all_occasions(await other.login(), UPPSALA, [FARSTA]) != one


async def test_adding_a_place_does_not_change_another_places_slots() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        alone = await all_occasions(browser, UPPSALA)
        mixed = await all_occasions(browser, UPPSALA, [MALMO, LUND])
        assert [o for o in mixed if o["locationId"] == UPPSALA] == alone
        assert {o["locationId"] for o in mixed} == {UPPSALA, MALMO, LUND}


async def test_at_most_three_nearby_places_are_searched() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        six = [JARFALLA, SOLLENTUNA, FARSTA, SODERTALJE, MALMO]
        assert await all_occasions(browser, SODERTALJE) and await all_occasions(browser, MALMO)
        found = await all_occasions(browser, UPPSALA, six)
        assert {o["locationId"] for o in found} == {UPPSALA, JARFALLA, SOLLENTUNA, FARSTA}


async def test_paging_walks_months_and_reports_the_end() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        assert (await tv.controls.delete("/_replica/slots")).status_code == 200
        assert (await browser.search(UPPSALA))["bundles"] == []
        added = await tv.controls.post(
            "/_replica/slots",
            json={
                "slots": [
                    {
                        "locationId": UPPSALA,
                        "examinationTypeId": KORPROV_B,
                        "vehicleTypeId": 4,
                        "start": "2026-05-12T10:30:00+02:00",
                    },
                    {
                        "locationId": UPPSALA,
                        "examinationTypeId": KORPROV_B,
                        "vehicleTypeId": 4,
                        "start": "2026-07-01T08:00:00+02:00",
                    },
                ]
            },
        )
        assert added.status_code == 200
        # Month 0 is March 2026 (the replica's today): May is month 2, July month 4.
        page = await browser.search(UPPSALA)
        assert [b["occasions"][0]["date"] for b in page["bundles"]] == ["2026-05-12"]
        assert page["searchedMonths"] == 3
        page = await browser.search(UPPSALA, months=3)
        assert [b["occasions"][0]["date"] for b in page["bundles"]] == ["2026-07-01"]
        assert page["searchedMonths"] == 5
        page = await browser.search(UPPSALA, months=5)
        assert page == {"bundles": [], "searchedMonths": 6}
        # A start date moves month 0 and hides earlier slots.
        page = await browser.search(UPPSALA, start_date="2026-05-13T00:00:00.000Z")
        assert [b["occasions"][0]["date"] for b in page["bundles"]] == ["2026-07-01"]
        # Other vehicle types see nothing.
        assert (await browser.search(UPPSALA, vehicle=2))["bundles"] == []


async def test_bundle_cap_drops_the_latest_slots() -> None:
    async with open_replica(ReplicaConfig(bundle_cap=3)) as tv:
        browser = await tv.login()
        await tv.controls.delete("/_replica/slots")
        slots = [
            {
                "locationId": UPPSALA,
                "examinationTypeId": KORPROV_B,
                "vehicleTypeId": 4,
                "start": f"2026-03-2{day}T09:40:00+01:00",
            }
            for day in (3, 4, 5)
        ] + [
            {
                "locationId": FARSTA,
                "examinationTypeId": KORPROV_B,
                "vehicleTypeId": 4,
                "start": "2026-03-30T08:00:00+02:00",
            }
        ]
        await tv.controls.post("/_replica/slots", json={"slots": slots})
        page = await browser.search(UPPSALA, [FARSTA])
        assert len(page["bundles"]) == 3
        assert {b["occasions"][0]["locationId"] for b in page["bundles"]} == {UPPSALA}
        assert page["searchedMonths"] == 1
        assert len((await browser.search(FARSTA))["bundles"]) == 1


async def test_duplicate_occasions_switch_repeats_some_bundles() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        plain = (await browser.search(UPPSALA))["bundles"]
        await tv.controls.patch("/_replica/config", json={"duplicate_occasions": True})
        repeated = (await browser.search(UPPSALA))["bundles"]
        assert len(repeated) > len(plain)
        assert repeated[0] == repeated[1] == plain[0]


async def test_slots_appear_at_their_visible_from_time() -> None:
    async with open_replica() as tv:
        browser = await tv.login()
        await tv.controls.delete("/_replica/slots")
        await tv.controls.post(
            "/_replica/slots",
            json={
                "slots": [
                    {
                        "locationId": UPPSALA,
                        "examinationTypeId": KORPROV_B,
                        "vehicleTypeId": 4,
                        "start": "2026-03-20T08:00:00",
                        "visibleFrom": "+30s",
                    }
                ]
            },
        )
        assert await browser.occasions(UPPSALA) == []
        tv.time.advance(29)
        assert await browser.occasions(UPPSALA) == []
        tv.time.advance(1)
        [occasion] = await browser.occasions(UPPSALA)
        assert occasion["duration"]["start"] == "2026-03-20T08:00:00+01:00"


async def test_adding_slots_rejects_bad_input_naming_the_field() -> None:
    async with open_replica() as tv:
        bad_place = await tv.controls.post(
            "/_replica/slots",
            json={"slots": [{"locationId": 1, "examinationTypeId": 12, "start": "2026-03-20"}]},
        )
        assert bad_place.status_code == 422
        assert "slots.0.locationId" in bad_place.json()["error"]
        bad_time = await tv.controls.post(
            "/_replica/slots",
            json={"slots": [{"locationId": UPPSALA, "examinationTypeId": 12, "start": "soon"}]},
        )
        assert bad_time.status_code == 422
        assert "slots.0.start" in bad_time.json()["error"]
        bad_vehicle = await tv.controls.post(
            "/_replica/slots",
            json={
                "slots": [
                    {
                        "locationId": UPPSALA,
                        "examinationTypeId": 12,
                        "vehicleTypeId": 9,
                        "start": "2026-03-20T08:00",
                    }
                ]
            },
        )
        assert bad_vehicle.status_code == 422
        assert "vehicleTypeId" in bad_vehicle.json()["error"]


def test_density_is_lower_in_the_first_weeks() -> None:
    config = ReplicaConfig()
    today = date(2026, 3, 2)

    def count(first: int, last: int) -> int:
        return sum(
            len(
                generate_day(
                    config, today, place, KORPROV_B, 4, date.fromordinal(today.toordinal() + ahead)
                )
            )
            for place in LOCATIONS
            for ahead in range(first, last)
        )

    assert count(14, 28) * 2 < count(60, 74)
    assert count(0, 14) == 0 and count(121, 135) == 0
