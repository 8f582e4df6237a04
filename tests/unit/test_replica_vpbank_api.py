"""VPBank forms replica: pages and /_replica/forms/ JSON routes, through the ASGI app."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI

from gofer.replicas.vpbank import FORMS, FormsReplicaConfig, create_vpbank_app

LOAN_VALUES = {"customerName": "Nguyễn Văn An", "loanAmount": "500000000", "loanTerm": "24"}


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://replica")


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with _client(create_vpbank_app()) as c:
        yield c


async def _save(client: httpx.AsyncClient, form: str, session: str, values: dict) -> httpx.Response:
    return await client.put(
        f"/_replica/forms/{form}/state", params={"session": session}, json={"values": values}
    )


async def _state(client: httpx.AsyncClient, form: str, session: str) -> dict:
    response = await client.get(f"/_replica/forms/{form}/state", params={"session": session})
    assert response.status_code == 200
    return response.json()


def _saved_state_in_page(html: str) -> object:
    match = re.search(r'<script id="savedState" type="application/json">(.*?)</script>', html, re.S)
    assert match, "page has no saved-state script"
    return json.loads(match.group(1))


# --- saved state ---------------------------------------------------------------------------


async def test_saved_values_come_back_with_a_version_and_a_vietnamese_time(client) -> None:
    saved = await _save(client, "loan", "k1", LOAN_VALUES)
    assert saved.status_code == 200
    assert saved.json()["version"] == 1

    state = await _state(client, "loan", "k1")
    assert state["form"] == "loan"
    assert state["session"] == "k1"
    assert state["version"] == 1
    assert state["values"] == LOAN_VALUES
    assert state["submissions"] == []
    updated = datetime.fromisoformat(state["updatedAt"])
    assert updated.utcoffset() == timedelta(hours=7)


async def test_each_save_counts_a_version_and_the_last_write_wins(client) -> None:
    await _save(client, "loan", "k1", LOAN_VALUES)
    await _save(client, "loan", "k1", {"customerName": ""})
    second = await _save(client, "loan", "k1", {"customerName": "Trần Thị Bình"})

    assert second.json()["version"] == 3
    state = await _state(client, "loan", "k1")
    assert state["version"] == 3
    assert state["values"] == {"customerName": "Trần Thị Bình"}


async def test_an_unknown_session_key_reads_as_version_zero(client) -> None:
    state = await _state(client, "crm", "never-used")
    assert state["version"] == 0
    assert state["values"] == {}
    assert state["submissions"] == []
    assert state["updatedAt"] is None


async def test_sessions_and_forms_never_mix(client) -> None:
    await _save(client, "loan", "alice", {"customerName": "Alice"})
    await _save(client, "loan", "bob", {"customerName": "Bob"})
    await _save(client, "crm", "alice", {"customerName": "Alice CRM"})

    assert (await _state(client, "loan", "alice"))["values"] == {"customerName": "Alice"}
    assert (await _state(client, "loan", "bob"))["values"] == {"customerName": "Bob"}
    assert (await _state(client, "crm", "alice"))["values"] == {"customerName": "Alice CRM"}
    assert (await _state(client, "hr", "alice"))["version"] == 0


async def test_files_are_saved_as_their_names(client) -> None:
    values = {"employeeName": "Lê Văn C", "attachments": ["don.pdf", "anh.png"]}
    assert (await _save(client, "hr", "k1", values)).status_code == 200
    assert (await _state(client, "hr", "k1"))["values"] == values


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize("session", ["a.b", "with space", "ä", "x" * 101, "semi;colon", ""])
async def test_a_bad_session_key_is_refused_everywhere(client, session: str) -> None:
    put = await _save(client, "loan", session, LOAN_VALUES)
    get = await client.get("/_replica/forms/loan/state", params={"session": session})
    post = await client.post(
        "/_replica/forms/loan/submissions", params={"session": session}, json={"values": {}}
    )
    page = await client.get("/vpbank/loan/", params={"session": session})
    for response in (put, get, post, page):
        assert response.status_code == 422
        body = response.json()
        assert body["success"] is False
        assert body["field"] == "session"
    assert (await client.get("/_replica/forms/loan/sessions")).json()["sessions"] == []


async def test_a_missing_session_key_is_refused(client) -> None:
    response = await client.put("/_replica/forms/loan/state", json={"values": {}})
    assert response.status_code == 422
    assert response.json()["field"] == "session"


async def test_the_longest_allowed_session_key_is_accepted(client) -> None:
    key = "A-z_9" * 20
    assert (await _save(client, "loan", key, LOAN_VALUES)).status_code == 200
    assert (await _state(client, "loan", key))["version"] == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/_replica/forms/mortgage/state?session=k1"),
        ("PUT", "/_replica/forms/mortgage/state?session=k1"),
        ("POST", "/_replica/forms/mortgage/submissions?session=k1"),
        ("GET", "/_replica/forms/mortgage/sessions"),
        ("GET", "/vpbank/mortgage/"),
        ("GET", "/vpbank/mortgage"),
    ],
)
async def test_an_unknown_form_is_not_found(client, method: str, path: str) -> None:
    response = await client.request(method, path, json={"values": {}})
    assert response.status_code == 404
    assert response.json() == {
        "success": False,
        "error": "There is no form called 'mortgage'.",
        "code": "unknown_form",
    }


@pytest.mark.parametrize(
    ("form", "body", "field"),
    [
        ("loan", {"values": {"salary": "1"}}, "values.salary"),
        ("loan", {"values": {"loanAmount": 500000000}}, "values.loanAmount"),
        ("loan", {"values": {"customerName": None}}, "values.customerName"),
        ("loan", {"values": {"customerName": "x" * 20_001}}, "values.customerName"),
        ("hr", {"values": {"attachments": "don.pdf"}}, "values.attachments"),
        ("hr", {"values": {"attachments": [1, 2]}}, "values.attachments"),
        ("hr", {"values": {"employeeName": ["a"]}}, "values.employeeName"),
        ("loan", {}, "values"),
        ("loan", {"values": []}, "values"),
        ("loan", {"values": {}, "extra": 1}, "extra"),
    ],
)
async def test_a_bad_body_is_refused_naming_the_field(client, form, body, field) -> None:
    for method, path in (("PUT", "state"), ("POST", "submissions")):
        response = await client.request(
            method, f"/_replica/forms/{form}/{path}", params={"session": "k1"}, json=body
        )
        assert response.status_code == 422, (method, response.text)
        assert response.json()["field"] == field
        assert response.json()["success"] is False
    assert (await _state(client, form, "k1"))["version"] == 0


async def test_a_body_that_is_not_json_is_refused(client) -> None:
    response = await client.put(
        "/_replica/forms/loan/state",
        params={"session": "k1"},
        content=b"{not json",
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["success"] is False


# --- submissions, sessions, reset, config ----------------------------------------------------


async def test_submissions_are_recorded_without_changing_the_saved_values(client) -> None:
    await _save(client, "loan", "k1", {"customerName": "Draft"})
    first = await client.post(
        "/_replica/forms/loan/submissions", params={"session": "k1"}, json={"values": LOAN_VALUES}
    )
    second = await client.post(
        "/_replica/forms/loan/submissions",
        params={"session": "k1"},
        json={"values": {"customerName": "Lần hai"}},
    )
    assert first.status_code == 201
    assert second.status_code == 201

    state = await _state(client, "loan", "k1")
    assert state["version"] == 1
    assert state["values"] == {"customerName": "Draft"}
    assert [s["values"] for s in state["submissions"]] == [
        LOAN_VALUES,
        {"customerName": "Lần hai"},
    ]
    assert datetime.fromisoformat(state["submissions"][0]["at"]).utcoffset() == timedelta(hours=7)


async def test_sessions_lists_each_key_of_one_form(client) -> None:
    await _save(client, "crm", "a", {"customerName": "A"})
    await _save(client, "crm", "a", {"customerName": "A2"})
    await client.post(
        "/_replica/forms/crm/submissions", params={"session": "b"}, json={"values": {}}
    )
    await _save(client, "loan", "c", {})

    body = (await client.get("/_replica/forms/crm/sessions")).json()
    assert body["form"] == "crm"
    by_key = {s["session"]: s for s in body["sessions"]}
    assert set(by_key) == {"a", "b"}
    assert by_key["a"]["version"] == 2
    assert by_key["a"]["submissions"] == 0
    assert by_key["b"]["submissions"] == 1


async def test_reset_forgets_everything_and_restores_the_startup_switches(client) -> None:
    await _save(client, "loan", "k1", LOAN_VALUES)
    await client.post(
        "/_replica/forms/loan/submissions", params={"session": "k1"}, json={"values": {}}
    )
    await client.patch("/_replica/forms/config", json={"operations_mode": "deployed"})

    response = await client.post("/_replica/forms/reset")

    assert response.status_code == 200
    state = await _state(client, "loan", "k1")
    assert state["version"] == 0
    assert state["submissions"] == []
    assert (await client.get("/_replica/forms/config")).json() == {"operations_mode": "as_intended"}


async def test_the_operations_mode_switch_reaches_the_page(client) -> None:
    assert (await client.get("/_replica/forms/config")).json() == {"operations_mode": "as_intended"}
    page = await client.get("/vpbank/operations/", params={"session": "k1"})
    assert 'data-operations-mode="as_intended"' in page.text

    patched = await client.patch("/_replica/forms/config", json={"operations_mode": "deployed"})

    assert patched.status_code == 200
    assert patched.json() == {"operations_mode": "deployed"}
    page = await client.get("/vpbank/operations/", params={"session": "k1"})
    assert 'data-operations-mode="deployed"' in page.text


async def test_the_startup_config_sets_the_switches() -> None:
    app = create_vpbank_app(FormsReplicaConfig(operations_mode="deployed"))
    async with _client(app) as c:
        assert (await c.get("/_replica/forms/config")).json() == {"operations_mode": "deployed"}


@pytest.mark.parametrize(
    ("body", "field"),
    [({"operations_mode": "live"}, "operations_mode"), ({"latency_ms": 5}, "latency_ms")],
)
async def test_a_bad_config_change_is_refused(client, body: dict, field: str) -> None:
    response = await client.patch("/_replica/forms/config", json=body)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert (await client.get("/_replica/forms/config")).json() == {"operations_mode": "as_intended"}


async def test_without_test_controls_only_the_page_calls_remain() -> None:
    async with _client(create_vpbank_app(test_controls=False)) as c:
        assert (await _save(c, "loan", "k1", LOAN_VALUES)).status_code == 200
        submitted = await c.post(
            "/_replica/forms/loan/submissions", params={"session": "k1"}, json={"values": {}}
        )
        assert submitted.status_code == 201
        page = await c.get("/vpbank/loan/", params={"session": "k1"})
        assert _saved_state_in_page(page.text) == {"values": LOAN_VALUES}

        for method, path in (
            ("GET", "/_replica/forms/loan/state?session=k1"),
            ("GET", "/_replica/forms/loan/sessions"),
            ("GET", "/_replica/forms/config"),
            ("PATCH", "/_replica/forms/config"),
            ("POST", "/_replica/forms/reset"),
        ):
            response = await c.request(method, path, json={})
            assert response.status_code in (404, 405), (method, path)
            assert response.json()["success"] is False


# --- pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("form", sorted(FORMS))
async def test_each_form_page_is_served_with_its_title_and_form(client, form: str) -> None:
    spec = FORMS[form]
    response = await client.get(f"/vpbank/{form}/", params={"session": "k1"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-store"
    html = response.text
    assert f"<title>{spec.title.replace('&', '&amp;')}</title>" in html
    assert f'<form id="{spec.form_id}" class="vpbank-form" novalidate' in html
    assert 'data-session-key="k1"' in html
    assert _saved_state_in_page(html) is None
    assert "http://" not in html
    assert "https://" not in html


async def test_a_page_without_the_slash_redirects_keeping_the_query(client) -> None:
    response = await client.get("/vpbank/hr", params={"session": "k9"})
    assert response.status_code == 307
    assert response.headers["location"] == "hr/?session=k9"


async def test_a_page_carries_the_saved_values_safely(client) -> None:
    values = {"customerName": "</script><script>alert(1)</script>", "loanAmount": ""}
    await _save(client, "loan", "k1", values)
    html = (await client.get("/vpbank/loan/", params={"session": "k1"})).text
    assert "<script>alert(1)" not in html
    assert _saved_state_in_page(html) == {"values": values}


async def test_a_first_visit_gets_a_session_cookie_that_later_visits_use(client) -> None:
    first = await client.get("/vpbank/crm/")
    key = first.cookies.get("vpbank_session")
    assert key and re.fullmatch(r"[A-Za-z0-9_-]{1,100}", key)
    assert f'data-session-key="{key}"' in first.text

    await _save(client, "crm", key, {"customerName": "Phạm D"})
    again = await client.get("/vpbank/crm/", headers={"Cookie": f"vpbank_session={key}"})
    assert "set-cookie" not in again.headers
    assert f'data-session-key="{key}"' in again.text
    assert _saved_state_in_page(again.text) == {"values": {"customerName": "Phạm D"}}


async def test_the_query_key_wins_over_the_cookie(client) -> None:
    page = await client.get(
        "/vpbank/loan/", params={"session": "from-query"}, headers={"Cookie": "vpbank_session=c1"}
    )
    assert 'data-session-key="from-query"' in page.text


async def test_a_bad_cookie_is_replaced(client) -> None:
    page = await client.get("/vpbank/loan/", headers={"Cookie": "vpbank_session=bad.key"})
    key = page.cookies.get("vpbank_session")
    assert key and key != "bad.key"
    assert f'data-session-key="{key}"' in page.text


async def test_assets_are_served_locally(client) -> None:
    for asset in ("vpbank.css", "form.js", "crm.js", "vpbank-logo.svg"):
        response = await client.get(f"/vpbank/assets/{asset}")
        assert response.status_code == 200, asset
    assert (await client.get("/vpbank/assets/missing.js")).status_code == 404


async def test_the_index_links_the_five_forms(client) -> None:
    assert (await client.get("/vpbank")).headers["location"] == "vpbank/"
    html = (await client.get("/vpbank/")).text
    for form in FORMS:
        assert f'href="{form}/"' in html
