"""The workflow's site client: error envelopes in the body, tolerant reading of answers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, cast

import pytest
from playwright.async_api import APIRequestContext
from structlog.testing import capture_logs

from gofer.workflows.trafikverket.site import SiteApi, SiteError


@dataclass
class Answer:
    status: int
    body: Any

    async def text(self) -> str:
        return json.dumps(self.body)


class OneAnswer:
    """Stands in for the browser context's request API: always gives the same answer."""

    def __init__(self, status: int, body: Any) -> None:
        self.answer = Answer(status, body)

    async def post(self, url: str, **_: Any) -> Answer:
        return self.answer


def site(status: int, body: Any) -> SiteApi:
    return SiteApi(cast(APIRequestContext, OneAnswer(status, body)), "http://site.test")


async def test_an_error_inside_an_http_200_answer_is_the_sites_refusal() -> None:
    body = {
        "status": 400,
        "data": {"success": False, "message": "Inloggningen avbröts"},
        "type": "BankIdException",
    }
    with pytest.raises(SiteError) as refused:
        await site(200, body).call("check-authentication-status-qr", {})
    assert (refused.value.kind, refused.value.message) == (
        "BankIdException",
        "Inloggningen avbröts",
    )


async def test_a_changed_answer_is_read_and_logged_as_site_changed() -> None:
    data = {"isUpdating": False, "updateMessage": "", "showTimerMessage": False, "banner": "x"}
    body = {"data": data, "status": 200, "url": "http://site.test/Boka/is-system-updating"}
    api = site(200, body)
    with capture_logs() as logs:
        assert await api.call("is-system-updating") == data
        assert await api.call("is-system-updating") == data  # logged once, not every call
    [event] = [entry for entry in logs if entry["event"] == "site_changed"]
    assert event["endpoint"] == "is-system-updating"
    assert (event["missing"], event["unknown"]) == (["timerMessage"], ["banner"])
