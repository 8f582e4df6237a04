"""Error answers a client reads: a body that is not JSON is one clear sentence, not a fake field."""

from __future__ import annotations

import pytest

from gofer.app import create_app


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (b'{"workflow": "test.gate", "params": {,}}', "at line 1 column 38"),
        (b'{\n  "workflow": "test.gate",\n  "params": {\n}', "at line 4 column 2"),
        (b"{not json", "at line 1 column 2"),
    ],
)
async def test_a_body_that_is_not_json_says_so_with_line_and_column(
    make_settings, run_app, admin_headers, body, where
):
    app = create_app(make_settings(), with_browser=False)
    async with run_app(app) as running:
        response = await running.client.post(
            "/api/v1/jobs",
            content=body,
            headers={**admin_headers, "Content-Type": "application/json"},
        )
    answer = response.json()
    assert response.status_code == 422
    assert answer["success"] is False and answer["code"] == "invalid_json"
    assert answer["error"].startswith("The request body is not valid JSON: ")
    assert answer["error"].endswith(where)
    assert "Invalid value for" not in answer["error"]
    assert [d["field"] for d in answer["details"]] == ["body"]


async def test_a_bad_field_is_still_named(make_settings, run_app, admin_headers):
    app = create_app(make_settings(), with_browser=False)
    async with run_app(app) as running:
        response = await running.client.post(
            "/api/v1/jobs", json={"workflow": 5}, headers=admin_headers
        )
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert "'workflow'" in response.json()["error"]
