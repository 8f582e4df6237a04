"""POST /api/execute end to end: a Gofer server, the form replicas and real Chromium on 127.0.0.1.

What counts is what the replica holds afterwards (its inspection endpoint), not what the agent
says it did.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gofer.app import create_app
from gofer.serving import BackgroundServer
from tests.e2e.conftest import AUTH, e2e_settings

pytestmark = pytest.mark.e2e

ONE_SHOT = {
    "loan": (
        "Mở đơn vay cho Nguyễn Văn An, số điện thoại 0912345678, email an@example.com, "
        "vay 500 triệu trong 24 tháng, mục đích mua xe",
        {
            "customerName": "Nguyễn Văn An",
            "phoneNumber": "0912345678",
            "email": "an@example.com",
            "loanAmount": "500000000",
            "loanTerm": "24",
            "loanPurpose": "vehicle",
        },
    ),
    "crm": (
        "Cập nhật CRM cho khách hàng Trần Thị Bình, mã khách hàng KH12345, gọi điện, "
        "danh mục thẻ, trạng thái đã giải quyết, hài lòng 5 sao",
        {
            "customerName": "Trần Thị Bình",
            "customerId": "KH12345",
            "interactionType": "call",
            "issueCategory": "card",
            "resolutionStatus": "resolved",
            "satisfactionRating": "5",
        },
    ),
    "hr": (
        "Đơn nghỉ phép cho Lê Thị Hoa, mã nhân viên NV001, nghỉ ốm từ 10/12/2026 đến "
        "12/12/2026, lý do sốt cao",
        {
            "employeeName": "Lê Thị Hoa",
            "employeeId": "NV001",
            "requestType": "leave",
            "leaveType": "sick",
            "startDate": "2026-12-10",
            "endDate": "2026-12-12",
            "reason": "sốt cao",
        },
    ),
    "compliance": (
        "Báo cáo tuân thủ mã BC-202410-001, loại AML, nhân viên Phạm Văn Dũng, trạng thái "
        "hoàn thành, vi phạm nhỏ, chi tiết vi phạm thiếu hồ sơ KYC, rủi ro trung bình",
        {
            "reportId": "BC-202410-001",
            "reportType": "aml",
            "complianceOfficer": "Phạm Văn Dũng",
            "status": "completed",
            "violationsFound": "minor",
            "violationDetails": "thiếu hồ sơ KYC",
            "overallRisk": "medium",
        },
    ),
    "operations": (
        "Kiểm tra giao dịch TXN12345 của khách hàng Hoàng Văn Em, chuyển khoản 5 triệu qua "
        "mobile banking, người nhận Lê Văn C, trạng thái thất bại, lý do thất bại hết thời gian chờ",
        {
            "transactionId": "TXN12345",
            "customerName": "Hoàng Văn Em",
            "transactionType": "transfer",
            "transactionAmount": "5000000",
            "channel": "mobile",
            "beneficiaryName": "Lê Văn C",
            "status": "failed",
            "failureReason": "hết thời gian chờ",
        },
    ),
}

# Two turns per form: the second adds a field and corrects one from the first.
INCREMENTAL = {
    "loan": (
        [
            "Đơn vay cho Nguyễn Văn An, số điện thoại 0912345678",
            "à nhầm, số điện thoại là 0987654321, vay 300 triệu",
        ],
        {"customerName": "Nguyễn Văn An", "phoneNumber": "0987654321", "loanAmount": "300000000"},
    ),
    "crm": (
        [
            "Cập nhật CRM: khách hàng Trần Thị Bình, mã KH12345",
            "sửa lại mã khách hàng là KH54321, email binh@example.com",
        ],
        {"customerName": "Trần Thị Bình", "customerId": "KH54321", "email": "binh@example.com"},
    ),
    "hr": (
        ["Đơn nghỉ phép cho Lê Thị Hoa, mã nhân viên NV001", "phòng ban IT, chức vụ chuyên viên"],
        {
            "employeeName": "Lê Thị Hoa",
            "employeeId": "NV001",
            "department": "it",
            "position": "chuyên viên",
        },
    ),
    "compliance": (
        ["Báo cáo tuân thủ mã BC-202410-001, loại KYC", "nhầm, loại báo cáo là AML, rủi ro cao"],
        {"reportId": "BC-202410-001", "reportType": "aml", "overallRisk": "high"},
    ),
    "operations": (
        ["Kiểm tra giao dịch TXN12345, rút tiền 2 triệu", "kênh ATM, trạng thái hoàn thành"],
        {
            "transactionId": "TXN12345",
            "transactionType": "withdrawal",
            "transactionAmount": "2000000",
            "channel": "atm",
            "status": "completed",
        },
    ),
}


@pytest.fixture(scope="module")
def server(
    replica: BackgroundServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BackgroundServer]:
    settings = e2e_settings(tmp_path_factory.mktemp("forms"), replica.url)
    server = BackgroundServer(create_app(settings)).start(timeout_s=60)
    settings.port = server.port
    yield server
    server.stop()


@pytest.fixture(scope="module")
def api(server: BackgroundServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, headers=AUTH, timeout=120) as client:
        yield client


@pytest.fixture(scope="module")
def inspect(replica: BackgroundServer) -> Iterator[Any]:
    with httpx.Client(base_url=replica.url, timeout=30) as client:

        def settled(form: str, session: str) -> dict[str, Any]:
            """The replica's saved state once its version has stood still for 500 ms."""
            url = f"/_replica/forms/{form}/state"
            deadline = time.monotonic() + 15
            state = client.get(url, params={"session": session}).json()
            still = time.monotonic()
            while time.monotonic() < deadline:
                time.sleep(0.1)  # poll interval, not synchronisation
                latest = client.get(url, params={"session": session}).json()
                if latest["version"] != state["version"]:
                    state, still = latest, time.monotonic()
                elif state["version"] and time.monotonic() - still >= 0.5:
                    return latest
            raise AssertionError(f"replica state never settled: {state}")

        yield settled


def execute(api: httpx.Client, message: str, **extra: Any) -> dict[str, Any]:
    response = api.post("/api/execute", json={"user_message": message, **extra})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["success"] is True
    return body


def holds(values: dict[str, str], expected: dict[str, str]) -> dict[str, str]:
    return {name: values.get(name, "") for name in expected}


# --- one-shot and incremental, every form ------------------------------------------------------


@pytest.mark.parametrize("form", list(ONE_SHOT))
def test_one_message_fills_the_form(api: httpx.Client, inspect: Any, form: str) -> None:
    message, expected = ONE_SHOT[form]

    body = execute(api, message)

    assert body["form"] == form  # named by the message itself
    assert body["submitted"] is False and body["mismatches"] == {}
    assert holds(body["filled"], expected) == expected
    assert set(body["missing"]).isdisjoint(expected)
    assert body["question"]  # something is still missing, so the agent asks
    saved = inspect(form, body["session_id"])
    assert holds(saved["values"], expected) == expected
    assert saved["submissions"] == []


@pytest.mark.parametrize("form", list(INCREMENTAL))
def test_later_turns_add_and_correct(api: httpx.Client, inspect: Any, form: str) -> None:
    messages, expected = INCREMENTAL[form]

    first = execute(api, messages[0], form=form)
    second = execute(api, messages[1], session_id=first["session_id"])

    assert second["session_id"] == first["session_id"]
    assert holds(second["filled"], expected) == expected
    saved = inspect(form, first["session_id"])
    assert holds(saved["values"], expected) == expected


def test_remove_move_hold_back_then_submit(api: httpx.Client, inspect: Any) -> None:
    first = execute(
        api, "Đơn vay cho Nguyễn Văn An, email an@example.com, vay 500 triệu trong 24 tháng"
    )
    session = first["session_id"]

    removed = execute(api, "bỏ email đi", session_id=session)
    assert "email" not in removed["filled"] and "email" in removed["missing"]
    moved = execute(api, "chuyển sang bước 3", session_id=session)
    assert moved["step"] == 3
    held = execute(api, "đừng gửi nhé", session_id=session)
    assert held["submitted"] is False
    saved = inspect("loan", session)
    assert saved["values"]["email"] == "" and saved["submissions"] == []

    sent = execute(api, "gửi đơn", session_id=session)

    assert sent["submitted"] is True
    submitted = inspect("loan", session)["submissions"]
    assert len(submitted) == 1
    assert holds(submitted[0]["values"], sent["filled"]) == sent["filled"]
    assert submitted[0]["values"]["loanAmount"] == "500000000"
    assert submitted[0]["values"]["email"] == ""


def test_an_english_conversation_is_answered_in_english(api: httpx.Client, inspect: Any) -> None:
    first = execute(api, "New loan application for Nguyen Van An, 500 million over 24 months")
    assert first["form"] == "loan"

    # "don't" folds to "don", which is unaccented Vietnamese for "đơn": still English.
    held = execute(api, "don't submit yet", session_id=first["session_id"])

    assert held["submitted"] is False
    reply = f"{held['result']} {held['question'] or ''}"
    assert "Chưa" not in reply and "Bạn" not in reply and "bước" not in reply
    assert "Số Điện Thoại" not in reply  # fields are named in English, not by the page's labels
    assert inspect("loan", first["session_id"])["submissions"] == []


def test_clear_empties_the_form_without_submitting(api: httpx.Client, inspect: Any) -> None:
    first = execute(api, "Cập nhật CRM cho khách hàng Trần Thị Bình, mã khách hàng KH12345")

    cleared = execute(api, "xóa hết form", session_id=first["session_id"])

    assert cleared["filled"] == {}
    saved = inspect("crm", first["session_id"])
    assert saved["values"]["customerName"] == "" and saved["values"]["customerId"] == ""
    assert saved["submissions"] == []


def test_a_turn_is_a_job_with_events(api: httpx.Client) -> None:
    body = execute(api, ONE_SHOT["hr"][0])

    job = api.get(f"/api/v1/jobs/{body['job_id']}").json()
    events = api.get(f"/api/v1/jobs/{body['job_id']}/events").json()["events"]

    assert job["workflow"] == "forms.fill" and job["status"] == "completed"
    types = [e["type"] for e in events]
    assert types[-1] == "task_completed"
    assert events[-1]["data"]["success"] is True
    assert events[-1]["data"]["filled"] == body["filled"]
    history = api.get(f"/api/sessions/{body['session_id']}").json()["session"]
    assert [m["role"] for m in history["messages"]] == ["user", "assistant"]
    assert [(e["job_id"], e["status"]) for e in history["executions"]] == [
        (body["job_id"], "completed")
    ]


def test_unknown_form_is_asked_for_without_a_browser(api: httpx.Client) -> None:
    body = execute(api, "xin chào, giúp mình với")

    assert body["form"] is None and body["url"] is None
    assert body["question"] and "page_ready" not in body["timings_ms"]
    follow = execute(api, "đơn vay nhé, khách hàng Nguyễn Văn An", session_id=body["session_id"])
    assert follow["form"] == "loan"
    assert follow["filled"]["customerName"] == "Nguyễn Văn An"


def test_live_view_between_turns_has_no_browser_at_work(api: httpx.Client) -> None:
    body = execute(api, ONE_SHOT["loan"][0])

    live = api.get("/api/live", params={"session_id": body["session_id"]}).json()

    # The turn has ended: no browser is at work, so there is nothing to watch live.
    assert live["live_url"] is None
    assert live["form_url"] == body["url"]
    assert live["form_url"].endswith(f"?session={body['session_id']}")


# --- bad input and auth ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload", [{}, {"user_message": ""}, {"user_message": "   "}, {"session_id": "x"}]
)
def test_a_message_is_required(api: httpx.Client, payload: dict[str, Any]) -> None:
    response = api.post("/api/execute", json=payload)

    assert response.status_code == 400
    assert response.json() == {
        "success": False,
        "error": "user_message is required",
        "code": "user_message_required",
    }


def test_no_body_at_all_is_the_same_400(api: httpx.Client) -> None:
    assert api.post("/api/execute").status_code == 400


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"user_message": "x" * 4001}, "user_message"),
        ({"user_message": 12}, "user_message"),
        ({"user_message": "đơn vay", "form": "mortgage"}, "form"),
    ],
)
def test_bad_fields_are_named(api: httpx.Client, payload: dict[str, Any], field: str) -> None:
    response = api.post("/api/execute", json=payload)

    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == field


@pytest.mark.parametrize("session_id", ["ses_doesnotexist", "../../etc", "x" * 150])
def test_unknown_sessions_are_404(api: httpx.Client, session_id: str) -> None:
    response = api.post(
        "/api/execute", json={"user_message": "vay 5 triệu", "session_id": session_id}
    )

    assert response.status_code == 404
    assert response.json()["code"] == "session_not_found"
    assert api.get("/api/live", params={"session_id": session_id[:200]}).status_code == 404


def test_routes_need_a_token_except_health(server: BackgroundServer) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as anonymous:
        assert anonymous.post("/api/execute", json={"user_message": "đơn vay"}).status_code == 401
        assert anonymous.get("/api/live").status_code == 401
        health = anonymous.get("/api/health")
    assert health.status_code == 200
    assert health.json()["status"] == "ok" and health.json()["browser"] is True


# --- restart -----------------------------------------------------------------------------------


def test_a_new_server_over_the_same_data_continues_the_conversation(
    replica: BackgroundServer, inspect: Any, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = BackgroundServer(create_app(e2e_settings(data, replica.url))).start(timeout_s=60)
    try:
        with httpx.Client(base_url=first.url, headers=AUTH, timeout=120) as client:
            start = execute(client, "Đơn vay cho Nguyễn Văn An, vay 500 triệu trong 24 tháng")
    finally:
        first.stop()

    second = BackgroundServer(create_app(e2e_settings(data, replica.url))).start(timeout_s=60)
    try:
        with httpx.Client(base_url=second.url, headers=AUTH, timeout=120) as client:
            more = execute(client, "số điện thoại 0912345678", session_id=start["session_id"])
            history = client.get(f"/api/forms/sessions/{start['session_id']}").json()
    finally:
        second.stop()

    expected = {
        "customerName": "Nguyễn Văn An",
        "loanAmount": "500000000",
        "loanTerm": "24",
        "phoneNumber": "0912345678",
    }
    assert more["form"] == "loan"
    assert holds(more["filled"], expected) == expected
    assert holds(inspect("loan", start["session_id"])["values"], expected) == expected
    assert [t["status"] for t in history["turns"]] == ["completed", "completed"]


async def test_the_websocket_replays_the_turn(api: httpx.Client, server: BackgroundServer) -> None:
    import json

    import websockets

    body = execute(api, ONE_SHOT["crm"][0])
    url = (
        server.url.replace("http://", "ws://")
        + f"/ws/{body['job_id']}?token={AUTH['Authorization'][7:]}"
    )

    async with websockets.connect(url) as ws:
        messages = [json.loads(raw) async for raw in ws]

    assert messages[-1]["type"] == "task_completed"
    assert messages[-1]["data"]["filled"] == body["filled"]


def test_an_unreachable_site_fails_the_turn_with_task_failed(
    replica: BackgroundServer, tmp_path: Path
) -> None:
    from gofer.serving import free_port

    dead = f"http://127.0.0.1:{free_port()}/vpbank"
    settings = e2e_settings(tmp_path / "data", replica.url, forms_base_url=dead)
    server = BackgroundServer(create_app(settings)).start(timeout_s=60)
    try:
        with httpx.Client(base_url=server.url, headers=AUTH, timeout=120) as client:
            response = client.post("/api/execute", json={"user_message": "đơn vay cho An"})
            answer = response.json()
            events = client.get(f"/api/v1/jobs/{answer['job_id']}/events").json()["events"]
    finally:
        server.stop()

    assert response.status_code == 502
    assert answer["success"] is False and answer["code"] == "site_unreachable"
    assert answer["session_id"].startswith("ses_")
    types = [e["type"] for e in events]
    assert types[-2:] == ["task_failed", "job_failed"]
