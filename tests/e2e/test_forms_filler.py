"""Filling the bank form replicas through their own controls, in real Chromium, with read-back."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
import pytest_asyncio
from playwright.async_api import BrowserContext

from gofer.browser.pool import BrowserPool
from gofer.serving import BackgroundServer
from gofer.workflows.forms.discovery import DiscoveredForm, SchemaCache, wait_until_ready
from gofer.workflows.forms.filler import FormFiller

pytestmark = pytest.mark.e2e

LOAN = {
    "customerName": "Nguyễn Văn An",
    "customerId": "012345678901",
    "phoneNumber": "0912345678",
    "email": "an.nguyen@example.com",
    "address": "12 Láng Hạ, Đống Đa, Hà Nội",
    "dateOfBirth": "1990-03-15",
    "gender": "male",
    "employmentStatus": "employed",
    "companyName": "FPT Software",
    "monthlyIncome": "30000000",
    "workAddress": "17 Duy Tân, Cầu Giấy",
    "loanAmount": "500000000",
    "loanTerm": "24",
    "loanPurpose": "home",
    "applicationDate": "2026-05-04",
    "collateralType": "real-estate",
    "collateralValue": "2000000000",
    "collateralDescription": "Căn hộ chung cư",
    "relationshipManager": "Trần Thị Bình",
    "additionalNotes": "Khách hàng ưu tiên",
}


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def pool() -> AsyncIterator[BrowserPool]:
    pool = BrowserPool("/usr/bin/chromium", action_timeout_ms=10_000)
    await pool.start()
    yield pool
    await pool.stop()


@pytest_asyncio.fixture(loop_scope="session")
async def context(pool: BrowserPool) -> AsyncIterator[BrowserContext]:
    async with pool.context() as context:
        yield context


@pytest.fixture(scope="module")
def schemas() -> SchemaCache:
    return SchemaCache()


Open = Callable[..., Awaitable[tuple[FormFiller, str]]]
# A Vietnamese morning, when CRM's time defaults to a slot on the grid.
MORNING = datetime(2026, 5, 4, 10, 7, tzinfo=timezone(timedelta(hours=7)))


@pytest.fixture
def open_form(context: BrowserContext, replica: BackgroundServer, schemas: SchemaCache) -> Open:
    async def open_(form: str, at: datetime | None = None) -> tuple[FormFiller, str]:
        url = f"{replica.url}/vpbank/{form}/"
        found: DiscoveredForm = await schemas.get(context, url)
        session = "fill-" + uuid.uuid4().hex[:12]
        page = await context.new_page()
        if at is not None:
            await page.clock.set_fixed_time(at)
        await page.goto(f"{url}?session={session}")
        await wait_until_ready(page)
        return FormFiller(page, found), session

    return open_


async def saved_state(replica: BackgroundServer, form: str, session: str) -> dict[str, Any]:
    """The replica's state once its version has stood still for 500 ms."""
    url = f"{replica.url}/_replica/forms/{form}/state"
    async with httpx.AsyncClient(timeout=10) as client:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10
        state = (await client.get(url, params={"session": session})).json()
        still = loop.time()
        while loop.time() < deadline:
            await asyncio.sleep(0.1)  # poll interval, not synchronisation
            latest = (await client.get(url, params={"session": session})).json()
            if latest["version"] != state["version"]:
                state, still = latest, loop.time()
            elif state["version"] and loop.time() - still >= 0.5:
                return latest
    raise AssertionError(f"state never settled: {state}")


async def test_all_twenty_loan_fields_across_three_steps(
    open_form: Open, replica: BackgroundServer
) -> None:
    filler, session = await open_form("loan")

    report = await filler.apply(LOAN)

    assert report.mismatches == {} and report.skipped == {}
    assert set(LOAN) - set(report.written) <= {"applicationDate"}  # unless today is that day
    assert {k: report.values[k] for k in LOAN} == LOAN
    assert report.step == 3  # the wizard was walked with its own buttons
    saved = await saved_state(replica, "loan", session)
    assert {k: saved["values"][k] for k in LOAN} == LOAN


async def test_hidden_field_is_revealed_by_setting_its_only_controller(open_form: Open) -> None:
    filler, _ = await open_form("operations")

    report = await filler.apply({"beneficiaryName": "Lê Văn C", "beneficiaryBank": "VCB"})

    assert report.implied == {"transactionType": "transfer"}
    assert report.values["beneficiaryName"] == "Lê Văn C"
    assert report.values["transactionType"] == "transfer"


async def test_hidden_field_with_several_controller_values_is_not_guessed(
    open_form: Open,
) -> None:
    filler, _ = await open_form("operations")

    report = await filler.apply({"fraudDetails": "nhiều giao dịch nhỏ"})

    assert "fraudDetails" in report.skipped
    assert report.values["fraudIndicators"] == ""  # no indicator was invented
    assert report.values["fraudDetails"] == ""


async def test_controller_given_by_the_user_comes_first(open_form: Open) -> None:
    filler, _ = await open_form("compliance")

    # Page order would reach the details after the select anyway; give them reversed.
    report = await filler.apply({"violationDetails": "Thiếu hồ sơ KYC", "violationsFound": "minor"})

    assert report.implied == {}
    assert report.values["violationsFound"] == "minor"
    assert report.values["violationDetails"] == "Thiếu hồ sơ KYC"


async def test_a_field_emptied_as_its_controller_hides_it_is_empty(open_form: Open) -> None:
    filler, _ = await open_form("compliance")
    await filler.apply({"followUpRequired": "yes", "followUpDate": "2026-06-01"})

    # One turn: "no follow-up after all, drop its date" (the date field hides with "no").
    report = await filler.apply({"followUpRequired": "no", "followUpDate": ""})

    assert report.values["followUpRequired"] == "no"
    assert report.values["followUpDate"] == ""
    assert "followUpDate" not in report.skipped


async def test_explicit_value_survives_the_pages_own_rules(open_form: Open) -> None:
    filler, _ = await open_form("operations")

    # The page computes balanceStatus from the balances; the user's own choice must stand.
    report = await filler.apply(
        {
            "transactionType": "withdrawal",
            "transactionAmount": "1000000",
            "balanceBefore": "5000000",
            "balanceAfter": "4000000",
            "balanceStatus": "pending",
        }
    )

    assert report.mismatches == {}
    assert report.values["balanceStatus"] == "pending"


async def test_changes_made_by_the_page_are_reported(open_form: Open) -> None:
    filler, _ = await open_form("hr")

    report = await filler.apply({"startDate": "2026-05-04", "endDate": "2026-05-06"})

    assert report.page_changes == {"duration": "3"}


async def test_a_value_the_control_cannot_hold_is_a_reported_mismatch(open_form: Open) -> None:
    filler, _ = await open_form("loan")

    report = await filler.apply({"customerName": "An", "monthlyIncome": "ba mươi triệu"})

    assert "monthlyIncome" in report.mismatches
    assert report.mismatches["monthlyIncome"]["actual"] == ""
    assert report.written == {"customerName": "An"}


async def test_custom_time_is_reached_through_the_slot_select(open_form: Open) -> None:
    filler, _ = await open_form("crm", at=MORNING)

    report = await filler.apply({"interactionTime": "14:37"})

    assert report.implied == {"timeSlot": "__custom__"}
    assert report.values["interactionTime"] == "14:37"


async def test_clear_then_submit_records_exactly_the_new_values(
    open_form: Open, replica: BackgroundServer
) -> None:
    filler, session = await open_form("crm")
    await filler.apply({"customerName": "Phạm Thị Dung", "notes": "gọi lại"})

    report = await filler.apply({"customerId": "KH12345"}, clear_first=True)
    message = await filler.submit()

    assert report.cleared
    assert report.values["customerName"] == "" and report.values["notes"] == ""
    assert message == "✓ Cập nhật thành công"
    saved = await saved_state(replica, "crm", session)
    submitted = saved["submissions"][-1]["values"]
    assert submitted["customerId"] == "KH12345"
    assert submitted["customerName"] == ""


async def test_go_to_step_uses_the_wizard_buttons_both_ways(open_form: Open) -> None:
    filler, _ = await open_form("compliance")

    assert await filler.go_to_step(3) == 3
    assert await filler.current_step() == 3
    assert await filler.go_to_step(1) == 1
    assert await filler.current_step() == 1
