"""VPBank forms replica in real Chromium: fields, wizard, rules, autosave, restore, submit, clear."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
import pytest_asyncio
from playwright.async_api import Browser, BrowserContext, Page, expect

from gofer.replicas.vpbank import FORMS, create_vpbank_app
from gofer.serving import BackgroundServer

pytestmark = pytest.mark.e2e

VIETNAM = timezone(timedelta(hours=7))
# Every page runs at this Vietnamese time unless a test picks another: "today" is then 2026-05-04.
MORNING = datetime(2026, 5, 4, 10, 7, tzinfo=VIETNAM)
TODAY = "2026-05-04"
WAIT_S = 10.0


@pytest.fixture(scope="module")
def base_url() -> Any:
    server = BackgroundServer(create_vpbank_app()).start()
    yield server.url
    server.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def api(base_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=base_url, timeout=WAIT_S) as client:
        yield client


@pytest_asyncio.fixture(loop_scope="session")
async def context(browser: Browser) -> AsyncIterator[BrowserContext]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.set_default_timeout(WAIT_S * 1000)
    yield context
    await context.close()


@pytest.fixture
def session() -> str:
    return "t-" + uuid.uuid4().hex[:16]


OpenForm = Callable[..., Any]


@pytest.fixture
def open_form(context: BrowserContext, base_url: str, session: str) -> OpenForm:
    async def open_(form: str, *, at: datetime = MORNING, key: str | None = None) -> Page:
        page = await context.new_page()
        await page.clock.set_fixed_time(at)
        await page.goto(f"{base_url}/vpbank/{form}/?session={key or session}")
        await expect(page.locator("body")).to_have_attribute("data-ready", "true")
        return page

    return open_


async def wait_for_state(
    api: httpx.AsyncClient,
    form: str,
    session: str,
    condition: Callable[[dict[str, Any]], bool],
) -> dict[str, Any]:
    """Poll the inspection endpoint until the saved state meets `condition`."""
    deadline = asyncio.get_running_loop().time() + WAIT_S
    while True:
        response = await api.get(f"/_replica/forms/{form}/state", params={"session": session})
        state = response.json()
        if condition(state):
            return state
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"state never met the condition; last: {state}")
        await asyncio.sleep(0.05)  # poll interval, not synchronisation


async def visible_step(page: Page) -> int:
    steps = await page.locator(".wizard-step-pane:not(.is-hidden)").evaluate_all(
        "panes => panes.filter(p => getComputedStyle(p).display !== 'none')"
        ".map(p => Number(p.dataset.step))"
    )
    assert len(steps) == 1, steps
    return int(steps[0])


async def go_to_step(page: Page, form: str, step: int) -> None:
    next_class, prev_class = (
        (".btn-next", ".btn-prev") if form == "hr" else (".wizard-next", ".wizard-prev")
    )
    while (current := await visible_step(page)) != step:
        button = next_class if current < step else prev_class
        await page.locator(f".wizard-step-pane:not(.is-hidden) {button}").click()


DUMP_FIELDS = """() => {
  const form = document.querySelector("form.vpbank-form");
  return Array.from(form.elements).filter(e => e.name).map(e => {
    const label = document.querySelector(`label[for="${e.id}"]`);
    const pane = e.closest(".wizard-step-pane");
    const tag = e.tagName.toLowerCase();
    return {
      name: e.name, id: e.id,
      kind: tag === "input" ? e.type : tag,
      label: label ? label.textContent.replace(/\\s+/g, " ").trim() : null,
      step: pane ? Number(pane.dataset.step) : null,
      placeholder: e.getAttribute("placeholder") || "",
      options: tag === "select" ? Array.from(e.options).map(o => [o.value, o.textContent]) : [],
      attrs: Object.fromEntries(["min", "max", "step", "accept", "multiple", "rows"]
        .filter(a => e.hasAttribute(a)).map(a => [a, e.getAttribute(a)])),
      checks: e.required || e.hasAttribute("pattern") || e.hasAttribute("minlength"),
      groups: Array.from(document.querySelectorAll("[id]"))
        .filter(g => g !== e && g.contains(e)).map(g => g.id),
    };
  });
}"""


# --- structure ---------------------------------------------------------------------------------


@pytest.mark.parametrize("form", list(FORMS))
async def test_every_field_has_its_label_type_options_and_step(open_form, form: str) -> None:
    spec = FORMS[form]
    page = await open_form(form)

    assert await page.title() == spec.title
    form_el = page.locator(f"form#{spec.form_id}.vpbank-form")
    await expect(form_el).to_have_attribute("novalidate", "")
    await expect(page.locator(".form-title")).to_have_text(spec.card_heading)
    await expect(page.locator(".hero-title")).to_have_text(spec.hero_title)
    if spec.hero_text:
        await expect(page.locator(".hero-text")).to_have_text(spec.hero_text)

    fields = await page.evaluate(DUMP_FIELDS)
    assert [f["name"] for f in fields] == [f.name for f in spec.fields]
    for got, want in zip(fields, spec.fields, strict=True):
        where = f"{form}.{want.name}"
        assert got["id"] == want.name, where
        assert got["kind"] == want.kind, where
        assert got["label"] == want.label + (" *" if want.marked else ""), where
        assert got["step"] == want.step, where
        assert got["placeholder"] == want.placeholder, where
        assert [tuple(o) for o in got["options"]] == list(want.options), where
        assert {k: v for k, v in got["attrs"].items() if k != "rows" or "rows" in want.attrs} == (
            want.attrs
        ), where
        assert not got["checks"], f"{where} must not validate"
        if want.group:
            assert want.group in got["groups"], where
    if form == "hr":
        assert await page.locator("#approvalStatus").input_value() == "pending"


@pytest.mark.parametrize("form", list(FORMS))
async def test_the_wizard_goes_forward_and_back_unchecked(open_form, form: str) -> None:
    spec = FORMS[form]
    page = await open_form(form)
    next_cls, prev_cls = (
        ("btn-next", "btn-prev") if form == "hr" else ("wizard-next", "wizard-prev")
    )

    assert await page.locator(".wizard-step-pane").count() == spec.steps
    assert await visible_step(page) == 1
    for step in range(1, spec.steps + 1):
        pane = page.locator(f'.wizard-step-pane[data-step="{step}"]')
        buttons = await pane.locator(".wizard-actions button").all_inner_texts()
        if step == spec.steps:
            assert buttons == ["Xóa Form", "Quay lại", spec.submit_text]
            await expect(pane.locator("#clearBtn")).to_have_text("Xóa Form")
            await expect(pane.locator('button[type="submit"]')).to_have_text(spec.submit_text)
        elif step == 1:
            assert buttons == ["Tiếp tục"]
        else:
            assert buttons == ["Quay lại", "Tiếp tục"]
        if step < spec.steps:
            await pane.locator(f"button.{next_cls}").click()
            assert await visible_step(page) == step + 1
    for step in range(spec.steps, 1, -1):
        await page.locator(f'.wizard-step-pane[data-step="{step}"] button.{prev_cls}').click()
        assert await visible_step(page) == step - 1

    progress = page.locator(".wizard-progress")
    if form in ("crm", "hr"):
        await expect(progress).to_be_attached()
        await expect(progress).to_be_hidden()
        labels = await progress.locator(".wizard-progress-label").all_text_contents()
        assert tuple(labels) == spec.step_labels
    else:
        await expect(progress).to_have_count(0)


async def test_the_layout_is_green_with_a_red_clear_and_one_column_on_phones(open_form) -> None:
    page = await open_form("loan")
    style = await page.evaluate(
        """() => ({
          cardMax: getComputedStyle(document.querySelector("form.vpbank-form")).maxWidth,
          columns: getComputedStyle(document.querySelector(".form-row")).gridTemplateColumns,
          next: getComputedStyle(document.querySelector(".wizard-next")).backgroundColor,
          clear: getComputedStyle(document.querySelector("#clearBtn")).backgroundColor,
          toastRole: document.querySelector("#toast").getAttribute("role"),
        })"""
    )
    assert style["cardMax"] == "420px"
    assert len(style["columns"].split()) == 2
    assert style["next"] == "rgb(0, 183, 79)"
    assert style["clear"] == "rgb(225, 6, 0)"
    assert style["toastRole"] == "status"

    await page.set_viewport_size({"width": 700, "height": 900})
    columns = await page.evaluate(
        "getComputedStyle(document.querySelector('.form-row')).gridTemplateColumns"
    )
    assert len(columns.split()) == 1


async def test_nothing_is_requested_from_outside_the_replica(
    context: BrowserContext, base_url: str, session: str
) -> None:
    requested: list[str] = []
    page = await context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    for form in FORMS:
        await page.goto(f"{base_url}/vpbank/{form}/?session={session}")
        await expect(page.locator("body")).to_have_attribute("data-ready", "true")
    outside = [u for u in requested if not u.startswith((base_url, "data:"))]
    assert outside == []


# --- rules -------------------------------------------------------------------------------------


async def test_hr_leave_type_rejection_reason_and_day_count(open_form) -> None:
    page = await open_form("hr")
    leave_type = page.locator("#leaveTypeGroup")
    await expect(leave_type).to_be_hidden()
    await page.select_option("#requestType", "leave")
    await expect(leave_type).to_be_visible()
    await page.select_option("#leaveType", "annual")
    await page.select_option("#requestType", "training")
    await expect(leave_type).to_be_hidden()
    assert await page.locator("#leaveType").input_value() == "annual"  # hidden values are kept

    await page.fill("#startDate", "2026-05-04")
    await page.fill("#endDate", "2026-05-08")
    await expect(page.locator("#duration")).to_have_value("5")
    await page.fill("#endDate", "2026-05-04")
    await expect(page.locator("#duration")).to_have_value("1")
    await page.fill("#endDate", "2026-05-01")
    await expect(page.locator("#duration")).to_have_value("")
    await page.fill("#duration", "2.5")
    await expect(page.locator("#duration")).to_have_value("2.5")

    await go_to_step(page, "hr", 2)
    assert await page.locator("#submissionDate").input_value() == TODAY
    reason = page.locator("#rejectionReasonGroup")
    await expect(reason).to_be_hidden()
    await page.select_option("#approvalStatus", "rejected")
    await expect(reason).to_be_visible()
    await page.select_option("#approvalStatus", "approved")
    await expect(reason).to_be_hidden()


async def test_compliance_violation_details_and_follow_up_date(open_form) -> None:
    page = await open_form("compliance")
    assert await page.locator("#submissionDate").input_value() == ""  # no default dates
    await expect(page.locator("#complianceForm")).to_have_attribute("autocomplete", "off")
    await go_to_step(page, "compliance", 2)

    details = page.locator("#violationDetails")
    await expect(details).to_be_hidden()
    for value, shown in (("minor", True), ("none", False), ("major", True), ("", False)):
        await page.select_option("#violationsFound", value)
        await (expect(details).to_be_visible() if shown else expect(details).to_be_hidden())

    follow_up = page.locator("#followUpDate")
    await expect(follow_up).to_be_hidden()
    await page.select_option("#followUpRequired", "yes")
    await expect(follow_up).to_be_visible()
    assert await follow_up.input_value() == ""  # no automatic value here
    await page.select_option("#followUpRequired", "no")
    await expect(follow_up).to_be_hidden()


async def test_operations_groups_and_reconciliation_as_intended(open_form) -> None:
    page = await open_form("operations")
    groups = {
        g: page.locator(f"#{g}")
        for g in ("beneficiarySection", "failureReasonGroup", "validationIssuesGroup")
    }
    groups["fraudDetailsGroup"] = page.locator("#fraudDetailsGroup")
    for group in groups.values():
        await expect(group).to_be_hidden()

    await page.select_option("#transactionType", "transfer")
    await expect(groups["beneficiarySection"]).to_be_visible()
    await expect(groups["beneficiarySection"].locator("h3")).to_have_text("Thông Tin Người Nhận")
    await page.fill("#transactionAmount", "1000000")

    await go_to_step(page, "operations", 2)
    assert await page.locator("#reviewDate").input_value() == TODAY
    for value, shown in (("failed", True), ("completed", False), ("cancelled", True)):
        await page.select_option("#status", value)
        group = groups["failureReasonGroup"]
        await (expect(group).to_be_visible() if shown else expect(group).to_be_hidden())
    for value, shown in (("invalid", True), ("valid", False), ("needs-review", True)):
        await page.select_option("#validationResult", value)
        group = groups["validationIssuesGroup"]
        await (expect(group).to_be_visible() if shown else expect(group).to_be_hidden())

    status = page.locator("#balanceStatus")
    await page.fill("#balanceBefore", "5000000")
    await expect(status).to_have_value("")  # not all four set yet
    await page.fill("#balanceAfter", "4000000")
    await expect(status).to_have_value("matched")
    await page.select_option("#balanceStatus", "pending")  # a manual choice stands...
    await expect(status).to_have_value("pending")
    await page.fill("#balanceAfter", "3999000")  # ...until an input changes
    await expect(status).to_have_value("mismatched")
    await go_to_step(page, "operations", 1)
    await page.select_option("#transactionType", "refund")  # 5000000 + 1000000 expected
    await page.fill("#transactionAmount", "-1001000")
    await expect(status).to_have_value("matched")

    await go_to_step(page, "operations", 3)
    for value, shown in (("velocity", True), ("none", False), ("multiple", True), ("", False)):
        await page.select_option("#fraudIndicators", value)
        group = groups["fraudDetailsGroup"]
        await (expect(group).to_be_visible() if shown else expect(group).to_be_hidden())


async def test_operations_deployed_mode_never_shows_the_groups(
    open_form, api: httpx.AsyncClient
) -> None:
    assert (
        await api.patch("/_replica/forms/config", json={"operations_mode": "deployed"})
    ).status_code == 200
    try:
        page = await open_form("operations")
    finally:
        await api.patch("/_replica/forms/config", json={"operations_mode": "as_intended"})
    await page.select_option("#transactionType", "transfer")
    await page.fill("#transactionAmount", "1000000")
    await go_to_step(page, "operations", 2)
    await page.select_option("#status", "failed")
    await page.select_option("#validationResult", "suspicious")
    await page.fill("#balanceBefore", "5000000")
    await page.fill("#balanceAfter", "4000000")
    await go_to_step(page, "operations", 3)
    await page.select_option("#fraudIndicators", "velocity")

    for group in ("beneficiarySection", "failureReasonGroup", "validationIssuesGroup"):
        await expect(page.locator(f"#{group}")).to_be_hidden()
    await expect(page.locator("#fraudDetailsGroup")).to_be_hidden()
    assert await page.locator("#balanceStatus").input_value() == ""


@pytest.mark.parametrize(
    ("at", "slot", "time", "date"),
    [
        (MORNING, "10:00", "10:00", TODAY),
        (datetime(2026, 5, 4, 10, 8, tzinfo=VIETNAM), "10:15", "10:15", TODAY),
        (datetime(2026, 5, 4, 7, 53, tzinfo=VIETNAM), "08:00", "08:00", TODAY),
        (datetime(2026, 5, 4, 20, 37, tzinfo=VIETNAM), "20:30", "20:30", TODAY),
        (datetime(2026, 5, 4, 21, 3, tzinfo=VIETNAM), "__custom__", "21:03", TODAY),
        # 18:30 UTC is already the next morning in Vietnam.
        (datetime(2026, 5, 4, 18, 30, tzinfo=UTC), "__custom__", "01:30", "2026-05-05"),
    ],
)
async def test_crm_time_defaults_round_to_the_quarter_hour(
    open_form, at: datetime, slot: str, time: str, date: str
) -> None:
    page = await open_form("crm", at=at)
    assert await page.locator("#timeSlot").input_value() == slot
    assert await page.locator("#interactionTime").input_value() == time
    assert await page.locator("#interactionDate").input_value() == date
    wrap = page.locator("#customTimeWrap")
    await (expect(wrap).to_be_visible() if slot == "__custom__" else expect(wrap).to_be_hidden())


async def test_crm_time_bridge_and_follow_up_date(open_form) -> None:
    page = await open_form("crm")
    time = page.locator("#interactionTime")
    wrap = page.locator("#customTimeWrap")

    await page.select_option("#timeSlot", "14:30")
    await expect(time).to_have_value("14:30")
    await expect(wrap).to_be_hidden()
    await page.select_option("#timeSlot", "__custom__")
    await expect(wrap).to_be_visible()
    await page.fill("#interactionTime", "14:37")
    await page.select_option("#timeSlot", "")
    await expect(time).to_have_value("")
    await expect(wrap).to_be_hidden()

    await go_to_step(page, "crm", 2)
    follow_up = page.locator("#followUpDate")
    await expect(follow_up).to_be_visible()
    await page.select_option("#followUpRequired", "yes")
    await expect(follow_up).to_have_value("2026-05-11")
    await page.fill("#followUpDate", "2026-05-20")  # stays editable
    await page.fill("#tags", "VIP")
    await expect(follow_up).to_have_value("2026-05-20")
    await page.select_option("#followUpRequired", "no")
    await expect(follow_up).to_have_value("")


async def test_crm_restores_an_off_grid_time_as_a_typed_time(
    open_form, api: httpx.AsyncClient, session: str
) -> None:
    saved = {"timeSlot": "09:15", "interactionTime": "09:10", "followUpRequired": "yes"}
    saved["followUpDate"] = "2026-06-01"
    response = await api.put(
        "/_replica/forms/crm/state", params={"session": session}, json={"values": saved}
    )
    assert response.status_code == 200

    page = await open_form("crm")
    assert await page.locator("#timeSlot").input_value() == "__custom__"
    assert await page.locator("#interactionTime").input_value() == "09:10"
    await expect(page.locator("#customTimeWrap")).to_be_visible()
    # A restore never re-runs the follow-up rule, so the edited date survives.
    assert await page.locator("#followUpDate").input_value() == "2026-06-01"


# --- saved state -------------------------------------------------------------------------------


async def test_typing_is_saved_and_a_reload_restores_it(
    open_form, api: httpx.AsyncClient, session: str
) -> None:
    page = await open_form("loan")
    assert await page.locator("body").get_attribute("data-session-key") == session
    await page.fill("#customerName", "Nguyễn Văn An")
    await page.fill("#customerId", "012345678901")
    await page.select_option("#gender", "female")
    await go_to_step(page, "loan", 2)
    await page.fill("#loanAmount", "500000000")
    await page.select_option("#loanTerm", "24")
    await page.fill("#applicationDate", "")  # a cleared default must stay cleared

    state = await wait_for_state(
        api,
        "loan",
        session,
        lambda s: s["values"].get("loanTerm") == "24" and s["values"].get("applicationDate") == "",
    )
    values = state["values"]
    assert set(values) == {f.name for f in FORMS["loan"].fields}
    assert values["customerName"] == "Nguyễn Văn An"
    assert values["customerId"] == "012345678901"
    assert values["loanAmount"] == "500000000"
    assert values["gender"] == "female"
    version = state["version"]

    await page.reload()
    await expect(page.locator("body")).to_have_attribute("data-ready", "true")
    assert await visible_step(page) == 1
    await expect(page.locator("#customerName")).to_have_value("Nguyễn Văn An")
    await expect(page.locator("#gender")).to_have_value("female")
    await expect(page.locator("#loanAmount")).to_have_value("500000000")
    await expect(page.locator("#loanTerm")).to_have_value("24")
    await expect(page.locator("#applicationDate")).to_have_value("")

    # Restoring saved nothing: the next edit is exactly one version later.
    await page.fill("#companyName", "VPBank")
    state = await wait_for_state(
        api, "loan", session, lambda s: s["values"].get("companyName") == "VPBank"
    )
    assert state["version"] == version + 1


async def test_leaving_right_after_typing_still_saves(
    open_form, api: httpx.AsyncClient, session: str
) -> None:
    page = await open_form("operations")
    await page.fill("#customerName", "Hoàng Thị E")
    await page.goto("about:blank")
    await wait_for_state(
        api, "operations", session, lambda s: s["values"].get("customerName") == "Hoàng Thị E"
    )


async def test_files_are_saved_as_names_and_not_restored(
    open_form, api: httpx.AsyncClient, session: str
) -> None:
    page = await open_form("hr")
    await go_to_step(page, "hr", 2)
    await page.set_input_files(
        "#attachments",
        [
            {"name": "don-nghi-phep.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"},
            {"name": "anh.png", "mimeType": "image/png", "buffer": b"\x89PNG"},
        ],
    )
    await wait_for_state(
        api,
        "hr",
        session,
        lambda s: s["values"].get("attachments") == ["don-nghi-phep.pdf", "anh.png"],
    )
    await page.reload()
    await expect(page.locator("body")).to_have_attribute("data-ready", "true")
    assert await page.locator("#attachments").evaluate("el => el.files.length") == 0


async def test_without_a_session_query_the_cookie_is_the_key(
    context: BrowserContext, base_url: str, api: httpx.AsyncClient
) -> None:
    page = await context.new_page()
    await page.goto(f"{base_url}/vpbank/compliance")  # no slash: redirected
    assert page.url == f"{base_url}/vpbank/compliance/"
    await expect(page.locator("body")).to_have_attribute("data-ready", "true")
    key = await page.locator("body").get_attribute("data-session-key")
    cookies = {c["name"]: c["value"] for c in await context.cookies()}
    assert key and cookies["vpbank_session"] == key

    await page.fill("#reportId", "BC-202410-001")
    await wait_for_state(
        api, "compliance", key, lambda s: s["values"].get("reportId") == "BC-202410-001"
    )


# --- submit and clear --------------------------------------------------------------------------

WATCH_BLUR = """() => {
  window.blurSeen = false;
  new MutationObserver(() => {
    if (document.body.classList.contains("is-blurred")) window.blurSeen = true;
  }).observe(document.body, { attributes: true, attributeFilter: ["class"] });
}"""
BLUR_OVER = "() => window.blurSeen && !document.body.classList.contains('is-blurred')"


async def test_submit_records_the_values_shows_the_toast_and_resets(
    open_form, api: httpx.AsyncClient, session: str
) -> None:
    page = await open_form("loan")
    await page.fill("#customerName", "Nguyễn Văn An")
    await go_to_step(page, "loan", 2)
    await page.fill("#loanAmount", "500000000")
    await go_to_step(page, "loan", 3)
    await page.fill("#relationshipManager", "Trần B")
    await page.evaluate(WATCH_BLUR)

    await page.get_by_role("button", name="Gửi Đơn").click()

    toast = page.locator("#toast")
    await expect(toast).to_be_visible()
    await expect(toast).to_have_text("✓ Đăng ký vay thành công")
    await expect(toast).to_have_attribute("role", "status")
    await page.wait_for_function(BLUR_OVER)
    assert await visible_step(page) == 1
    await expect(page.locator("#customerName")).to_have_value("")
    await expect(page.locator("#loanAmount")).to_have_value("")
    await expect(page.locator("#applicationDate")).to_have_value(TODAY)

    state = await wait_for_state(
        api,
        "loan",
        session,
        lambda s: len(s["submissions"]) == 1 and s["values"].get("customerName") == "",
    )
    submitted = state["submissions"][0]["values"]
    assert submitted["customerName"] == "Nguyễn Văn An"
    assert submitted["loanAmount"] == "500000000"
    assert submitted["relationshipManager"] == "Trần B"
    assert state["values"]["applicationDate"] == TODAY
    await expect(toast).to_be_hidden(timeout=(5 + WAIT_S) * 1000)


async def test_clear_empties_everything_back_to_step_one_without_a_toast(
    open_form, api: httpx.AsyncClient, session: str
) -> None:
    page = await open_form("hr")
    await page.fill("#employeeName", "Lê Văn C")
    await page.select_option("#requestType", "leave")
    await page.select_option("#leaveType", "sick")
    await go_to_step(page, "hr", 2)
    await page.select_option("#approvalStatus", "rejected")
    await page.fill("#rejectionReason", "Thiếu người")
    await page.fill("#submissionDate", "2026-01-01")
    await wait_for_state(
        api, "hr", session, lambda s: s["values"].get("submissionDate") == "2026-01-01"
    )
    await page.evaluate(WATCH_BLUR)

    await page.locator("#clearBtn").click()

    await page.wait_for_function(BLUR_OVER)
    assert await visible_step(page) == 1
    await expect(page.locator("#employeeName")).to_have_value("")
    await expect(page.locator("#requestType")).to_have_value("")
    await expect(page.locator("#leaveTypeGroup")).to_be_hidden()
    await expect(page.locator("#approvalStatus")).to_have_value("pending")
    await expect(page.locator("#rejectionReasonGroup")).to_be_hidden()
    await expect(page.locator("#submissionDate")).to_have_value(TODAY)
    await expect(page.locator("#toast")).to_be_hidden()

    state = await wait_for_state(
        api, "hr", session, lambda s: s["values"].get("submissionDate") == TODAY
    )
    assert state["values"]["employeeName"] == ""
    assert state["values"]["leaveType"] == ""
    assert state["values"]["approvalStatus"] == "pending"
    assert state["values"]["rejectionReason"] == ""
    assert state["submissions"] == []
