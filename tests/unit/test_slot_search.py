"""Slot search: earliest fitting slot across places and months, never outside the window."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from gofer.workflows.trafikverket.slots import FROM_NOW, OccasionQuery, SlotWindow, earliest_slot

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
QUERY = OccasionQuery(
    location_ids=(1000071, 1000326), examination_type_id=12, vehicle_type_id=2, language_id=0
)


def occasion(location_id: int, start: str, exam: int = 12, vehicle: int = 2) -> dict:
    return {
        "examinationId": None,
        "locationId": location_id,
        "locationName": {1000071: "Uppsala", 1000326: "Järfälla", 1000061: "Malmö"}.get(
            location_id, "X"
        ),
        "duration": {"start": start, "end": start},
        "examinationTypeId": exam,
        "vehicleTypeId": vehicle,
        "name": "Körprov B",
        "cost": "1800",
        "costText": "1 800 kr",
    }


class FakeSite:
    """Answers occasion-bundles by month as the site's cursor rules say."""

    def __init__(self, months: dict[int, list[dict]], max_months: int = 6) -> None:
        self.months = months
        self.max_months = max_months
        self.requests: list[dict] = []

    async def fetch(self, body: dict) -> dict:
        self.requests.append(body)
        month = body["occasionBundleQuery"]["searchedMonths"]
        while month < self.max_months:
            occasions = self.months.get(month, [])
            if occasions:
                return {
                    "bundles": [{"occasions": [o], "cost": o["cost"]} for o in occasions],
                    "searchedMonths": month + 1,
                }
            month += 1
        return {"bundles": [], "searchedMonths": self.max_months}


async def test_picks_earliest_fitting_slot_not_first_listed():
    site = FakeSite(
        {
            0: [
                occasion(1000071, "2027-01-20T08:00:00+01:00"),
                occasion(1000326, "2027-01-18T15:30:00+01:00"),
            ]
        }
    )
    slot = await earliest_slot(site.fetch, {}, QUERY, SlotWindow(), now=NOW, max_months=6)
    assert slot is not None and slot.occasion["locationId"] == 1000326


async def test_never_books_outside_the_window_and_pages_by_month():
    site = FakeSite(
        {
            0: [occasion(1000071, "2027-01-20T08:00:00+01:00")],  # before date_from
            2: [occasion(1000071, "2027-03-02T08:00:00+01:00")],
        }
    )
    window = SlotWindow(date_from=date(2027, 2, 1), date_to=date(2027, 3, 31))
    slot = await earliest_slot(site.fetch, {}, QUERY, window, now=NOW, max_months=6)
    assert slot is not None and slot.occasion["duration"]["start"].startswith("2027-03-02")
    assert site.requests[0]["occasionBundleQuery"]["startDate"] == "2027-01-31T23:00:00.000Z"


async def test_no_slot_when_all_fall_after_the_window():
    site = FakeSite({1: [occasion(1000071, "2027-02-20T08:00:00+01:00")]})
    window = SlotWindow(date_to=date(2027, 2, 1))
    assert await earliest_slot(site.fetch, {}, QUERY, window, now=NOW, max_months=6) is None
    assert len(site.requests) == 1  # stopped at the first month past the window


async def test_time_of_day_weekday_place_exam_and_vehicle_filters():
    site = FakeSite(
        {
            0: [
                occasion(1000071, "2027-01-18T07:30:00+01:00"),  # too early in the day
                occasion(1000071, "2027-01-23T10:00:00+01:00"),  # Saturday
                occasion(1000061, "2027-01-19T10:00:00+01:00"),  # a place not asked for
                occasion(1000071, "2027-01-19T10:00:00+01:00", exam=3),  # other exam
                occasion(1000071, "2027-01-19T11:00:00+01:00", vehicle=4),  # automatic
                occasion(1000071, "2027-01-21T10:00:00+01:00"),
            ]
        }
    )
    window = SlotWindow(
        time_from=time(8, 0), time_to=time(16, 0), weekdays=frozenset({1, 2, 3, 4, 5})
    )
    slot = await earliest_slot(site.fetch, {}, QUERY, window, now=NOW, max_months=6)
    assert slot is not None and slot.occasion["duration"]["start"] == "2027-01-21T10:00:00+01:00"


async def test_excluded_slots_are_skipped():
    taken = occasion(1000071, "2027-01-18T08:00:00+01:00")
    site = FakeSite({0: [taken, occasion(1000071, "2027-01-19T08:00:00+01:00")]})
    exclude = {(1000071, taken["duration"]["start"], 12)}
    slot = await earliest_slot(
        site.fetch, {}, QUERY, SlotWindow(), now=NOW, max_months=6, exclude=exclude
    )
    assert slot is not None and slot.occasion["duration"]["start"].startswith("2027-01-19")


async def test_window_in_the_past_searches_from_now():
    site = FakeSite({})
    await earliest_slot(
        site.fetch, {}, QUERY, SlotWindow(date_from=date(2026, 1, 1)), now=NOW, max_months=6
    )
    assert site.requests[0]["occasionBundleQuery"]["startDate"] == FROM_NOW


async def test_crowded_month_asks_each_place_alone():
    busy = [occasion(1000326, f"2027-01-{d:02d}T08:00:00+01:00") for d in range(13, 31)]

    class CappedSite(FakeSite):
        async def fetch(self, body):
            self.requests.append(body)
            q = body["occasionBundleQuery"]
            places = [q["locationId"], *q["nearbyLocationIds"]]
            if places == [1000071]:
                return {
                    "bundles": [
                        {
                            "occasions": [occasion(1000071, "2027-01-12T08:00:00+01:00")],
                            "cost": "1800",
                        }
                    ],
                    "searchedMonths": 1,
                }
            return {
                "bundles": [{"occasions": [o], "cost": "1800"} for o in busy[:3]],
                "searchedMonths": 1,
            }

    site = CappedSite({})
    window = SlotWindow(date_from=date(2027, 1, 12), date_to=date(2027, 1, 31))
    slot = await earliest_slot(site.fetch, {}, QUERY, window, now=NOW, max_months=6, bundle_cap=3)
    assert slot is not None and slot.occasion["locationId"] == 1000071
