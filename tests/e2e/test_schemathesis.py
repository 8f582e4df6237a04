"""Property-based requests against every operation in the OpenAPI schema: no server errors.

Every operation gets schemathesis's coverage phase (boundary values: each integer's bounds and
one past them, empty and over-long strings, wrong types) and a bounded fuzzing phase that mixes
valid and invalid values, so an unbounded integer or an absurd float reaches the server. Every
refusal must be the documented error envelope. The server is real (uvicorn on 127.0.0.1).
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, settings
from schemathesis.config import SchemathesisConfig

from gofer.app import create_app
from gofer.config import Settings
from gofer.serving import BackgroundServer
from tests.conftest import ADMIN_TOKEN
from tests.unit.fake_workflows import Gates, registry_with_gate

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
# This server deliberately runs without a browser: routes that need one say so with this answer.
NO_BROWSER = (503, "browser_unavailable")


def server_settings(data_dir: Path) -> Settings:
    return Settings(
        _env_file=None,
        env="test",
        api_secret_token=ADMIN_TOKEN,
        data_dir=data_dir,
        log_level="ERROR",
        webhook_allow_hosts=["127.0.0.1"],
        rate_limit_default="100000/minute",
        rate_limit_login="100000/minute",
        rate_limit_job_start="100000/minute",
        job_timeout_s=5,
    )


def build_app(data_dir: Path) -> FastAPI:
    return create_app(
        server_settings(data_dir), registry=registry_with_gate(Gates()), with_browser=False
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackgroundServer]:
    server = BackgroundServer(build_app(tmp_path_factory.mktemp("schemathesis"))).start()
    yield server
    server.stop()


# The schema comes from the same app, built (not started) at collection time: building writes
# nothing. The cases run against the started server.
CONFIG = SchemathesisConfig.from_dict(
    {"generation": {"mode": "all"}, "phases": {"coverage": {"enabled": True}}}
)
with tempfile.TemporaryDirectory() as _unused_dir:
    schema = schemathesis.openapi.from_dict(build_app(Path(_unused_dir)).openapi(), config=CONFIG)

# What the run sent and got back, by status code; printed at the end of the module.
SENT: Counter[int] = Counter()


@pytest.fixture(scope="module", autouse=True)
def report_counts() -> Iterator[None]:
    yield
    print(f"\nschemathesis: {sum(SENT.values())} requests, by status {json.dumps(dict(SENT))}")


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case: schemathesis.Case, server: BackgroundServer) -> None:
    response = case.call(base_url=server.url, headers=ADMIN, timeout=30)
    SENT[response.status_code] += 1
    if 400 <= response.status_code < 500 and response.status_code != 405:
        body = response.json()
        assert body["success"] is False and body["code"] and body["error"], response.text[:300]
    if response.status_code >= 500:
        try:
            code = response.json().get("code")
        except ValueError:
            code = None
        assert (response.status_code, code) == NO_BROWSER, (
            f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:300]}"
        )
