"""Every integer and number a client can send is bounded: out-of-range values are a 422, never 500.

Walks the OpenAPI schema (so a new route is covered without a new test): each integer query
parameter gets values past any 64-bit column, and each number in a request body gets values past
what a float holds. Schemathesis's generated runs do not reach these on their own.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gofer.serving import BackgroundServer
from tests.e2e.test_schemathesis import ADMIN, build_app

pytestmark = pytest.mark.e2e

HUGE_INTEGERS = ["100000000000000000000", str(2**63), str(-(2**63) - 1)]
HUGE_NUMBERS = ["1e309", "-1e309", "1e30"]
# Bodies that are valid apart from the number under test, so the 422 can only be about it.
VALID_BODIES: dict[str, dict[str, Any]] = {
    "/api/v1/booking/start": {"locations": ["Uppsala"]},
    "/api/v1/booking/rebook": {"locations": ["Uppsala"]},
    "/api/v1/booking/cancel": {"booking_id": "12345", "confirm": True},
}

with tempfile.TemporaryDirectory() as _unused_dir:
    SCHEMA: dict[str, Any] = build_app(Path(_unused_dir)).openapi()


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = SCHEMA["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _numbers(node: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Top-level number/integer properties of a body schema (also inside anyOf with null)."""
    found = []
    for name, prop in _resolve(node).get("properties", {}).items():
        options = prop.get("anyOf", [prop])
        for option in options:
            if option.get("type") in ("number", "integer"):
                found.append((name, option))
    return found


def _query_integers() -> list[tuple[str, str, str]]:
    cases = []
    for path, item in SCHEMA["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                options = schema.get("anyOf", [schema])
                if parameter["in"] == "query" and any(o.get("type") == "integer" for o in options):
                    cases.append((method.upper(), path, parameter["name"]))
    return cases


def _body_numbers() -> list[tuple[str, str, str]]:
    cases = []
    for path, item in SCHEMA["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            body = content.get("application/json", {}).get("schema")
            if body:
                cases += [(method.upper(), path, name) for name, _ in _numbers(body)]
    return cases


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackgroundServer]:
    server = BackgroundServer(build_app(tmp_path_factory.mktemp("bounds"))).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def job_id(server: BackgroundServer) -> str:
    """A real job, so path parameters reach the code that uses the query values."""
    response = httpx.post(
        f"{server.url}/api/v1/jobs", json={"workflow": "test.gate"}, headers=ADMIN, timeout=30
    )
    return str(response.json()["job_id"])


def _concrete(path: str, job_id: str) -> str:
    return re.sub(r"\{[^}]+\}", job_id, path)


def test_the_walk_finds_what_it_must_cover() -> None:
    assert ("GET", "/api/v1/jobs/{job_id}/events", "after") in _query_integers()
    assert ("POST", "/api/v1/booking/start", "poll_interval_s") in _body_numbers()


@pytest.mark.parametrize(("method", "path", "name"), _query_integers())
def test_integer_query_parameters_out_of_range_are_422(
    server: BackgroundServer, job_id: str, method: str, path: str, name: str
) -> None:
    with httpx.Client(base_url=server.url, headers=ADMIN, timeout=30) as client:
        for value in HUGE_INTEGERS:
            response = client.request(method, _concrete(path, job_id), params={name: value})
            assert response.status_code < 500, (method, path, name, value, response.text[:200])
            if response.status_code == 422:
                assert f"'{name}'" in response.json()["error"]


@pytest.mark.parametrize(("method", "path", "name"), _body_numbers())
def test_numbers_in_bodies_are_bounded_and_refused_past_the_bound(
    server: BackgroundServer, job_id: str, method: str, path: str, name: str
) -> None:
    operation = SCHEMA["paths"][path][method.lower()]
    body_schema = operation["requestBody"]["content"]["application/json"]["schema"]
    declared = dict(_numbers(body_schema))[name]
    assert "maximum" in declared or "exclusiveMaximum" in declared, f"{path} {name} has no maximum"
    base = VALID_BODIES.get(path, {})
    with httpx.Client(base_url=server.url, headers=ADMIN, timeout=30) as client:
        for value in HUGE_NUMBERS:
            raw = json.dumps(base)[:-1] + ("," if base else "") + f'"{name}": {value}}}'
            response = client.request(
                method,
                _concrete(path, job_id),
                content=raw.encode(),
                headers={"Content-Type": "application/json"},
            )
            assert response.status_code == 422, (path, name, value, response.text[:200])
            assert f"'{name}'" in response.json()["error"]
