"""Optional LLM help, against a tiny fake OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from gofer.workflows.forms.schema import FormSchema
from gofer.workflows.forms.understanding import understand
from gofer.workflows.forms.understanding.llm import (
    LlmConfig,
    checked_proposals,
    response_format,
    understand_with_llm,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "form_fields"
TODAY = dt.date(2026, 11, 24)


def loan() -> FormSchema:
    return FormSchema.from_json((DATA / "loan.json").read_text(encoding="utf-8"))


@dataclass
class FakeModel:
    """Replies queued by the test: ("values", {...}), ("status", 500), ("text", "..."), ("hang", None)."""

    replies: list[tuple[str, Any]] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


def _handler(model: FakeModel) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            model.requests.append(json.loads(self.rfile.read(length)))
            model.headers.append(dict(self.headers))
            kind, payload = model.replies.pop(0) if model.replies else ("status", 500)
            if self.path != "/v1/chat/completions":
                kind, payload = "status", 404
            if kind == "hang":
                model.release.wait(timeout=30)
                kind, payload = "values", {}
            if kind == "status":
                self.send_response(payload)
                self.end_headers()
                return
            content = payload if kind == "text" else json.dumps({"values": payload})
            body = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]})
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


@pytest.fixture
def fake_model() -> Iterator[tuple[FakeModel, str]]:
    model = FakeModel()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(model))
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield model, f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        model.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def config(base_url: str, timeout_s: float = 5.0) -> LlmConfig:
    return LlmConfig(base_url=base_url, model="test-model", api_key="sk-test", timeout_s=timeout_s)


def test_response_format_is_built_from_the_discovered_fields() -> None:
    spec = response_format(loan())
    assert spec["type"] == "json_schema"
    values = spec["json_schema"]["schema"]["properties"]["values"]
    assert set(values["required"]) == set(values["properties"])
    assert values["additionalProperties"] is False
    purpose = values["properties"]["loanPurpose"]
    assert purpose["enum"] == [
        "personal",
        "business",
        "education",
        "home",
        "vehicle",
        "renovation",
        "other",
        None,
    ]
    assert "YYYY-MM-DD" in values["properties"]["dateOfBirth"]["description"]


async def test_model_fills_what_the_rules_left_open(fake_model: tuple[FakeModel, str]) -> None:
    model, url = fake_model
    model.replies.append(
        ("values", {"customerName": "Tuấn", "loanAmount": "300000000", "email": None})
    )
    message = "khách tên Tuấn muốn vay 300 triệu"
    plain = understand(message, loan(), today=TODAY, current={})
    assert "customerName" not in plain.set_values
    result = await understand_with_llm(message, loan(), today=TODAY, current={}, config=config(url))
    assert result.set_values["customerName"] == "Tuấn"
    assert result.set_values["loanAmount"] == "300000000"
    request = model.requests[0]
    assert request["model"] == "test-model"
    assert request["response_format"]["json_schema"]["name"] == "form_values"
    assert model.headers[0]["Authorization"] == "Bearer sk-test"


async def test_invented_or_invalid_proposals_are_refused(fake_model: tuple[FakeModel, str]) -> None:
    model, url = fake_model
    model.replies.append(
        (
            "values",
            {
                "phoneNumber": "0999999999",  # not in the message
                "loanPurpose": "spaceship",  # no such option
                "dateOfBirth": "1990-02-30",  # no such day
                "customerId": "12345",  # neither CCCD nor CMND
                "relationshipManager": "Phạm Văn Bịa",  # a name nobody said
                "loanTerm": "120",  # not offered
            },
        )
    )
    message = "khách Nguyễn Văn An muốn vay mua nhà trong 10 năm"
    result = await understand_with_llm(message, loan(), today=TODAY, current={}, config=config(url))
    for name in (
        "phoneNumber",
        "loanPurpose",
        "dateOfBirth",
        "customerId",
        "relationshipManager",
        "loanTerm",
    ):
        assert result.set_values.get(name, "") in ("", "home"), name
    assert result.set_values["loanPurpose"] == "home"  # from the rules, not the model
    assert "loanTerm" in result.rejected


def test_checked_proposals_give_reasons() -> None:
    accepted, refused = checked_proposals(
        {"phoneNumber": "0999999999", "email": "AN@GMAIL.COM", "gender": "Nữ"},
        "email an@gmail.com, giới tính nữ",
        loan(),
        today=TODAY,
    )
    assert accepted == {"email": "an@gmail.com", "gender": "female"}
    assert refused == {"phoneNumber": "not_in_message"}


async def test_rules_win_over_the_model(fake_model: tuple[FakeModel, str]) -> None:
    model, url = fake_model
    model.replies.append(("values", {"phoneNumber": "0912345679"}))
    result = await understand_with_llm(
        "sđt 0912345678, số cũ 0912345679", loan(), today=TODAY, current={}, config=config(url)
    )
    assert result.set_values["phoneNumber"] == "0912345678"


async def test_a_value_left_open_is_asked_not_taken_from_the_model(
    fake_model: tuple[FakeModel, str],
) -> None:
    model, url = fake_model
    model.replies.append(("values", {"phoneNumber": "0912345679"}))
    result = await understand_with_llm(
        "sđt 0912345678 hoặc 0912345679", loan(), today=TODAY, current={}, config=config(url)
    )
    assert "phoneNumber" not in result.set_values
    assert any("0912345678" in q and "0912345679" in q for q in result.questions)


@pytest.mark.parametrize("reply", [("status", 500), ("text", "not json"), ("text", "[1, 2]")])
async def test_errors_fall_back_to_the_rules(
    fake_model: tuple[FakeModel, str], reply: tuple[str, Any]
) -> None:
    model, url = fake_model
    model.replies.append(reply)
    message = "vay 500 triệu trong 24 tháng"
    result = await understand_with_llm(message, loan(), today=TODAY, current={}, config=config(url))
    assert result.set_values == understand(message, loan(), today=TODAY, current={}).set_values
    assert len(model.requests) == 1


async def test_timeout_falls_back_to_the_rules(fake_model: tuple[FakeModel, str]) -> None:
    model, url = fake_model
    model.replies.append(("hang", None))
    result = await understand_with_llm(
        "vay 500 triệu", loan(), today=TODAY, current={}, config=config(url, timeout_s=0.3)
    )
    assert result.set_values == {"loanAmount": "500000000"}


async def test_unreachable_server_falls_back() -> None:
    unused = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = unused.server_address[1]
    unused.server_close()
    result = await understand_with_llm(
        "vay 500 triệu",
        loan(),
        today=TODAY,
        current={},
        config=config(f"http://127.0.0.1:{port}/v1", 2.0),
    )
    assert result.set_values == {"loanAmount": "500000000"}


async def test_off_unless_configured(fake_model: tuple[FakeModel, str]) -> None:
    model, _url = fake_model
    result = await understand_with_llm(
        "vay 500 triệu", loan(), today=TODAY, current={}, config=None
    )
    assert result.set_values == {"loanAmount": "500000000"}
    assert model.requests == []


def test_config_comes_from_settings_and_is_off_by_default() -> None:
    from gofer.config import Settings
    from gofer.workflows.forms.understanding.llm import config_from_settings

    off = Settings(env="dev", llm_base_url=None, llm_model=None, _env_file=None)  # type: ignore[call-arg]
    assert config_from_settings(off) is None
    on = Settings(
        env="dev",
        llm_base_url="http://127.0.0.1:9/v1",
        llm_model="m",
        llm_api_key="sk-x",
        llm_timeout_s=3.0,
        _env_file=None,  # type: ignore[call-arg]
    )
    assert config_from_settings(on) == LlmConfig("http://127.0.0.1:9/v1", "m", "sk-x", 3.0)


def test_base_url_alone_turns_the_model_on() -> None:
    from gofer.config import Settings
    from gofer.workflows.forms.understanding.llm import DEFAULT_MODEL, config_from_settings

    settings = Settings(env="dev", llm_base_url="http://127.0.0.1:9/v1", _env_file=None)  # type: ignore[call-arg]
    found = config_from_settings(settings)
    assert found is not None and found.model == DEFAULT_MODEL


async def test_the_workflow_seam_asks_the_model_when_llm_base_url_is_set(
    fake_model: tuple[FakeModel, str],
) -> None:
    from gofer.config import Settings
    from gofer.workflows.forms.intent import understand_turn

    model, url = fake_model
    model.replies.append(("values", {"customerName": "Tuấn"}))
    settings = Settings(env="dev", llm_base_url=url, llm_model="test-model", _env_file=None)  # type: ignore[call-arg]
    message = "khách tên Tuấn muốn vay 300 triệu"
    intent = await understand_turn(message, loan(), today=TODAY, current={}, settings=settings)
    assert intent.set_values["customerName"] == "Tuấn"
    assert intent.set_values["loanAmount"] == "300000000"
    assert len(model.requests) == 1


async def test_the_workflow_seam_stays_on_the_rules_without_llm_base_url(
    fake_model: tuple[FakeModel, str],
) -> None:
    from gofer.config import Settings
    from gofer.workflows.forms.intent import understand_turn

    model, _url = fake_model
    settings = Settings(env="dev", llm_base_url=None, _env_file=None)  # type: ignore[call-arg]
    intent = await understand_turn(
        "vay 300 triệu", loan(), today=TODAY, current={}, settings=settings
    )
    assert intent.set_values == {"loanAmount": "300000000"}
    assert model.requests == []


async def test_a_callers_model_replaces_the_servers(fake_model: tuple[FakeModel, str]) -> None:
    from gofer.config import Settings
    from gofer.workflows.forms.intent import understand_turn

    model, url = fake_model
    model.replies.append(("values", {}))
    settings = Settings(env="dev", llm_base_url=url, llm_model="server-model", _env_file=None)  # type: ignore[call-arg]
    await understand_turn(
        "vay 500 triệu", loan(), today=TODAY, current={}, settings=settings, model="their-model"
    )
    assert model.requests[0]["model"] == "their-model"
