"""A site change is named: the failure code, the step, the element or field, and nothing vague."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from gofer.workflows.trafikverket.obstacles import known_dialogs
from gofer.workflows.trafikverket.site_changed import (
    SiteChanged,
    blocked_by,
    login_unless_qr_unreadable,
)
from gofer.workflows.trafikverket.slots import (
    OccasionQuery,
    SlotWindow,
    check_usable,
    fitting_slots,
    missing_field,
)

OCCASION: dict[str, Any] = {
    "duration": {"start": "2027-02-03T09:30:00+01:00", "end": "2027-02-03T10:15:00+01:00"},
    "locationId": 1000071,
    "examinationTypeId": 12,
    "vehicleTypeId": 2,
}
PLAYWRIGHT_INTERCEPTED = (
    "Locator.click: Timeout 4000ms exceeded.\nCall log:\n  - waiting for locator\n"
    '    - <div role="dialog" aria-modal="true" class="survey-overlay">…</div> intercepts '
    "pointer events\n  - retrying click action\n"
)


def test_site_changed_is_its_own_code_with_only_the_known_details() -> None:
    failure = SiteChanged("Could not find the pay button", step="booking", selector="#pay")
    assert failure.code == "site_changed"
    assert failure.details == {"step": "booking", "selector": "#pay"}


def test_the_element_that_took_the_click_is_named() -> None:
    assert blocked_by(Exception(PLAYWRIGHT_INTERCEPTED)) == (
        '<div role="dialog" aria-modal="true" class="survey-overlay">'
    )
    assert blocked_by(Exception("Timeout 4000ms exceeded.")) is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda o: o["duration"].pop("start"), "duration.start"),
        (lambda o: o.pop("locationId"), "locationId"),
        (lambda o: o["duration"].update(start="den 3 februari"), "duration.start"),
        (lambda o: o.update(examinationTypeId=None), "examinationTypeId"),
    ],
)
def test_search_answers_with_no_usable_occasion_are_a_site_change(change: Any, field: str) -> None:
    occasion = {**OCCASION, "duration": dict(OCCASION["duration"])}
    change(occasion)
    assert missing_field(occasion) == field
    bundles = [{"occasions": [occasion], "cost": "800"}]
    with pytest.raises(SiteChanged) as raised:
        check_usable(bundles)
    assert raised.value.details["field"] == field and raised.value.details["step"] == "searching"
    query = OccasionQuery((1000071,), 12, 2, 0)
    assert fitting_slots(bundles, query, SlotWindow(), set()) == []


def test_one_usable_occasion_among_changed_ones_is_not_a_site_change() -> None:
    broken = {k: v for k, v in OCCASION.items() if k != "locationId"}
    check_usable([{"occasions": [broken]}, {"occasions": [OCCASION]}])
    check_usable([])  # no bundles: simply no slot


async def test_a_qr_that_never_reads_is_a_site_change_not_the_persons_fault() -> None:
    login = asyncio.get_running_loop().create_future()
    with pytest.raises(SiteChanged) as raised:
        await login_unless_qr_unreadable(login, asyncio.Event(), 0.05)
    assert raised.value.details == {"step": "bankid", "selector": "div.qrcode canvas"}
    assert login.cancelled()
    readable = asyncio.Event()
    readable.set()
    done = asyncio.get_running_loop().create_future()
    done.set_result("logged in")
    assert await login_unless_qr_unreadable(done, readable, 0.05) == "logged in"


async def test_a_login_that_finishes_without_a_readable_qr_is_fine() -> None:
    done = asyncio.get_running_loop().create_future()
    done.set_result("same device")
    assert await login_unless_qr_unreadable(done, asyncio.Event(), 5) == "same device"


def test_known_dialogs_are_data_and_match_by_heading() -> None:
    known = known_dialogs()
    survey = known.find("Hjälp oss att bli bättre")
    assert survey is not None and "Nej tack" in survey.close
    assert known.find("VIKTIG INFORMATION om avbokning") is not None
    assert known.find("Betala nu") is None
    assert "app-login-dialog" in known.own and "#cookie-banner" in known.own
