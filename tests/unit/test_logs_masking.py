"""No personal number, contact detail, card, token, password or QR payload reaches a log line."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import sys
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from pydantic import BaseModel

from gofer.app import create_app
from gofer.config import Settings
from gofer.logs import configure_logging, mask_text, mask_value
from gofer.workflows.base import StepContext
from tests.unit.accounts_support import latest_code
from tests.unit.fake_workflows import Gates, registry_with_gate

PERSONNUMMER_12 = "199001011239"
PERSONNUMMER_DASH = "900101-1239"
PERSONNUMMER_LONG_DASH = "19121212-1212"
CCCD = "001203004567"
PHONE_SE = "+46 70 123 45 67"
PHONE_VN = "0912345678"
EMAIL = "nguyen.van.an@example.vn"
CARD = "4111 1111 1111 1111"
PASSWORD = "my secret passphrase"
QR = (
    "bankid.5f0c7a2e-3b1d-4c8e-9a6f-2d7e4b1c9a30.1.38343954790483c134429d554333f5967bb7056dd8b3803b"
)


@pytest.mark.parametrize(
    ("text", "mask"),
    [
        (f"pnr {PERSONNUMMER_12}", "[personnummer]"),
        (f"pnr {PERSONNUMMER_DASH}", "[personnummer]"),
        (f"pnr {PERSONNUMMER_LONG_DASH}", "[personnummer]"),
        ("pnr 9001011239", "[personnummer]"),
        ("samordningsnummer 900161-1234", "[personnummer]"),
        (f"cccd {CCCD}", "[cccd]"),
        (f"tel {PHONE_SE}", "[phone]"),
        ("tel 070-123 45 67", "[phone]"),
        (f"tel {PHONE_VN}", "[phone]"),
        ("tel +84 912 345 678", "[phone]"),
        ("tel 84912345678", "[phone]"),
        (f"mail {EMAIL}", "[email]"),
        (f"card {CARD}", "[card]"),
        ("card 5555-5555-5555-4444", "[card]"),
        ("Authorization: Bearer abc.DEF_123-xyz", "Bearer [redacted]"),
        ("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl", "[jwt]"),
        ("password=hunter2hunter2", "password=[redacted]"),
        ('{"newPassword": "s3cret-pass"}', '"newPassword": "[redacted]"'),
        ("/ws/job_1?token=abcdef123", "token=[redacted]"),
        (f"qr {QR}", "[bankid-qr]"),
    ],
)
def test_each_kind_is_masked(text, mask):
    masked = mask_text(text)
    assert mask in masked
    secret = text.split(" ", 1)[-1]
    assert secret not in masked


@pytest.mark.parametrize(
    "text",
    [
        "loan 500000000 VND over 24 months",
        "at 2026-05-04T09:15:02.123456+00:00",
        "epoch 1714812345",
        "job_3f9a2b1c0d4e5f6a7b8c9d0e usr_199001011239abc",
        "listening on 127.0.0.1:8090 after 0.523 s",
        "version 1.2.3, seq 42, progress 75",
    ],
)
def test_ordinary_values_are_left_alone(text):
    assert mask_text(text) == text


def test_secret_keys_are_redacted_whatever_their_value():
    masked = mask_value(
        {
            "password": "x",
            "newPassword": "y",
            "qr_payload": "anything",
            "personal_number": 199001011239,
            "nested": {"Authorization": "Basic abc", "list": [f"call {PHONE_VN}"]},
            "code": "invalid_code",
        }
    )
    assert masked["password"] == masked["newPassword"] == masked["qr_payload"] == "[redacted]"
    assert masked["personal_number"] == "[redacted]"
    assert masked["nested"]["Authorization"] == "[redacted]"
    assert masked["nested"]["list"] == ["call [phone]"]
    assert masked["code"] == "invalid_code"  # error codes are not secrets


def test_standard_library_records_are_masked(caplog):
    configure_logging(Settings(_env_file=None, env="dev"))
    with caplog.at_level(logging.INFO):
        logging.getLogger("uvicorn.error").error("rejected %s for %s", PERSONNUMMER_12, EMAIL)
        try:
            raise ValueError(f"bad card {CARD}")
        except ValueError:
            logging.getLogger("uvicorn.error").exception("Exception in ASGI application")
    assert PERSONNUMMER_12 not in caplog.text and EMAIL not in caplog.text
    assert "[personnummer]" in caplog.text and "[email]" in caplog.text
    assert CARD not in caplog.text and "[card]" in caplog.text


class CarelessParams(BaseModel):
    personal_number: str
    note: str = ""
    contact: dict[str, str] = {}


class CarelessWorkflow:
    """Logs everything it is given and fails quoting the person: what a hurried workflow does."""

    name: ClassVar[str] = "test.careless"
    kind: ClassVar[str] = "booking"
    progress: ClassVar[dict[str, int]] = {}
    params_model: ClassVar[type[BaseModel]] = CarelessParams
    completed_event: ClassVar[str] = "task_completed"
    failed_event: ClassVar[str | None] = "task_failed"
    started_event: ClassVar[str | None] = None

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        params = ctx.params
        assert isinstance(params, CarelessParams)
        ctx.log.info("params_received", params=params.model_dump(), note=params.note)
        ctx.log.debug(f"relaying qr {QR} for {params.personal_number}")
        raise RuntimeError(f"site refused {params.personal_number} / {params.contact}")


@pytest.fixture
def log_capture() -> Iterator[io.StringIO]:
    buffer = io.StringIO()
    yield buffer
    # Back to the console, quietly, for whatever runs next in this process.
    configure_logging(
        Settings(_env_file=None, env="dev", log_level="WARNING"), stream=sys.__stderr__
    )


async def test_real_log_output_of_api_flows_is_masked(make_settings, run_app, log_capture):
    settings = make_settings(log_level="DEBUG", log_format="json", rate_limit_login="100/minute")
    gates = Gates()
    registry = registry_with_gate(gates)
    registry.add(CarelessWorkflow())
    app = create_app(settings, registry=registry, with_browser=False)
    configure_logging(settings, stream=log_capture)
    async with run_app(app) as running:
        c = running.client
        await c.post("/api/auth/register", json={"email": EMAIL, "password": PASSWORD})
        code = await latest_code(running.core, EMAIL)
        await c.post("/api/auth/verify", json={"email": EMAIL, "code": code})
        tokens = (
            await c.post("/api/auth/login", json={"email": EMAIL, "password": PASSWORD})
        ).json()["tokens"]
        await c.post("/api/auth/forgot-password", json={"email": EMAIL})
        reset_code = await latest_code(running.core, EMAIL)
        headers = {
            "Authorization": f"Bearer {tokens['accessToken']}",
            "X-Request-ID": "req-mask-0001",
        }
        params = {
            "personal_number": PERSONNUMMER_12,
            "note": f"call {PHONE_SE} or {PHONE_VN}, card {CARD}, cccd {CCCD}, {PERSONNUMMER_DASH}",
            "contact": {"email": EMAIL, "phone": PHONE_VN},
        }
        job_id = (
            await c.post(
                "/api/v1/jobs",
                json={"workflow": "test.careless", "params": params},
                headers=headers,
            )
        ).json()["job_id"]
        async with asyncio.timeout(10):
            while (await c.get(f"/api/v1/jobs/{job_id}", headers=headers)).json().get(
                "status"
            ) != "failed":
                await asyncio.sleep(0.02)
        # A bad request carrying personal data in its body and a token in its query.
        await c.post(
            "/api/v1/booking/start", json={"locations": [PERSONNUMMER_LONG_DASH]}, headers=headers
        )
        await c.get(f"/api/v1/jobs?token={tokens['refreshToken']}", headers=headers)
    output = log_capture.getvalue()
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]
    events = {line["event"] for line in lines}
    # The flows really were logged: registration, the job's own lines, its crash, each request.
    assert {"user_registered", "params_received", "job_crashed", "http_request"} <= events
    for secret in (
        PERSONNUMMER_12,
        PERSONNUMMER_DASH,
        PERSONNUMMER_LONG_DASH,
        CCCD,
        PHONE_SE,
        PHONE_VN,
        EMAIL,
        CARD,
        PASSWORD,
        QR,
        code,
        reset_code,
        tokens["accessToken"],
        tokens["refreshToken"],
        tokens["idToken"],
    ):
        assert secret not in output, f"{secret!r} reached the log"
    for mask in ("[personnummer]", "[cccd]", "[phone]", "[email]", "[card]", "[bankid-qr]"):
        assert mask in output, f"expected {mask} where personal data was logged"
    # Lines carry the request id, and the job's lines carry the job id.
    assert any(line.get("request_id") == "req-mask-0001" for line in lines)
    crash = next(line for line in lines if line["event"] == "job_crashed")
    assert crash["job_id"] == job_id and "RuntimeError" in crash["exception"]
