"""Captured log output of a full booking and a form fill holds no personal data.

Each test runs its own Gofer server (real Chromium, the replicas) with DEBUG JSON logs written to a
buffer, drives the whole flow through the API, then searches the captured output for every
personal value that went through the server.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gofer.app import create_app
from gofer.config import Settings
from gofer.logs import configure_logging
from gofer.serving import BackgroundServer
from tests.conftest import ADMIN_TOKEN
from tests.e2e.conftest import AUTH, PERSONNUMMER, e2e_settings, watch_job

pytestmark = pytest.mark.e2e


class CapturedServer:
    def __init__(self, server: BackgroundServer, settings: Settings, buffer: io.StringIO) -> None:
        self.server = server
        self.settings = settings
        self.buffer = buffer

    @property
    def url(self) -> str:
        return self.server.url

    def lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.buffer.getvalue().splitlines() if line.strip()]


@pytest.fixture
def captured_gofer(replica: BackgroundServer, tmp_path: Path) -> Iterator[CapturedServer]:
    settings = e2e_settings(tmp_path / "gofer", replica.url, log_level="DEBUG", log_format="json")
    buffer = io.StringIO()
    app = create_app(settings)
    # Everything the process logs from here on goes to the buffer, through the real pipeline.
    configure_logging(settings, stream=buffer)
    server = BackgroundServer(app).start(timeout_s=60)
    settings.port = server.port
    try:
        yield CapturedServer(server, settings, buffer)
    finally:
        server.stop()
        configure_logging(
            Settings(_env_file=None, env="dev", log_level="WARNING"), stream=sys.__stderr__
        )


def assert_masked(output: str, secrets: list[str]) -> None:
    for secret in secrets:
        assert secret and secret not in output, f"{secret[:12]}... reached the log"


async def test_full_booking_log_is_masked(captured_gofer, replica, site):
    body = {
        "user_id": "app-user-1",
        "license_type": "B",
        "exam_type": "Körprov",
        "vehicle": "manual",
        "locations": ["Uppsala", "Järfälla"],
    }
    with httpx.Client(base_url=captured_gofer.url, headers=AUTH, timeout=30) as api:
        started = api.post("/api/v1/booking/start", json=body)
        assert started.status_code == 201, started.text
        job_id = started.json()["job_id"]
        watch = await watch_job(captured_gofer, replica, job_id)
        assert watch.last("booking_completed")["data"]["success"] is True
    payloads = [m["qr_payload"] for m in watch.messages if m.get("qr_payload")]
    assert payloads, "the booking relayed no QR"
    lines = captured_gofer.lines()
    output = captured_gofer.buffer.getvalue()
    # The booking was really logged, job by job and request by request.
    assert any(line.get("job_id") == job_id for line in lines)
    assert any(line["event"] == "http_request" for line in lines)
    hyphenated = f"{PERSONNUMMER[:8]}-{PERSONNUMMER[8:]}"
    assert_masked(output, [PERSONNUMMER, hyphenated, PERSONNUMMER[2:], ADMIN_TOKEN, *payloads])


FORM_MESSAGE = (
    "Mở đơn vay cho Nguyễn Văn An, CCCD 012345678901, số điện thoại 0912345678, "
    "email an.nguyen@example.com, vay 500 triệu trong 24 tháng"
)


async def test_form_fill_log_is_masked(captured_gofer):
    with httpx.Client(base_url=captured_gofer.url, headers=AUTH, timeout=360) as api:
        answer = api.post("/api/execute", json={"user_message": FORM_MESSAGE, "form": "loan"})
    if answer.status_code != 200:
        pytest.xfail(
            f"the form fill did not complete here: {answer.status_code} {answer.text[:200]}"
        )
    filled = answer.json()["filled"]
    # The personal values really went through the server and into the form.
    assert "012345678901" in filled.values() and "0912345678" in filled.values()
    lines = captured_gofer.lines()
    assert any(line.get("job_id") == answer.json()["job_id"] for line in lines)
    assert_masked(
        captured_gofer.buffer.getvalue(),
        ["012345678901", "0912345678", "an.nguyen@example.com", ADMIN_TOKEN],
    )
