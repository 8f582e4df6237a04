"""/docs works offline (its assets come from this server), and the OpenAPI and AsyncAPI say how to
authenticate and what errors look like."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gofer.app import create_app
from gofer.events.model import DATA_MODELS
from gofer.webhooks.outbox import EVENT_TYPES

# The webhook event picker of the web UI.
WEB_EVENT_TYPES = Path(__file__).parents[2] / "web" / "src" / "data" / "eventTypes.json"


@pytest.fixture
async def client(make_settings, run_app):
    app = create_app(make_settings(), with_browser=False)  # every default feature's routes
    async with run_app(app) as running:
        yield running.client


async def test_docs_page_loads_only_assets_this_server_serves(client):
    page = await client.get("/docs")
    assert page.status_code == 200
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", page.text)
    urls += re.findall(r"""url:\s*["']([^"']+)["']""", page.text)
    assert urls, page.text
    for url in urls:
        assert url.startswith("/"), f"{url} is not on this server"
        asset = await client.get(url)
        assert asset.status_code == 200, url
    scripts = [u for u in urls if u.endswith(".js")]
    assert scripts and "SwaggerUIBundle" in (await client.get(scripts[0])).text


async def test_redoc_is_off_and_unknown_assets_are_not_found(client):
    assert (await client.get("/redoc")).status_code == 404
    assert (await client.get("/docs/assets/index.html")).status_code == 404
    assert (await client.get("/docs/assets/..%2F__init__.py")).status_code == 404


async def test_openapi_has_a_bearer_scheme_on_protected_operations(client):
    schema = (await client.get("/openapi.json")).json()
    scheme = schema["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    job = schema["paths"]["/api/v1/jobs/{job_id}"]["get"]
    assert job["security"] == [{"bearerAuth": []}]
    assert "security" not in schema["paths"]["/health"]["get"]
    assert "/asyncapi.json" in schema["info"]["description"]


async def test_operations_document_the_error_envelope(client):
    schema = (await client.get("/openapi.json")).json()
    responses = schema["paths"]["/api/v1/jobs/{job_id}"]["get"]["responses"]
    for status in ("401", "404", "422", "429"):
        example = responses[status]["content"]["application/json"]["example"]
        assert example["success"] is False and example["code"] and example["error"], status
    create = schema["paths"]["/api/v1/jobs"]["post"]["responses"]
    assert "409" in create
    envelope = schema["components"]["schemas"]["ErrorBody"]
    assert envelope["required"] == ["success", "error", "code"]
    assert "HTTPValidationError" not in schema["components"]["schemas"]


async def test_asyncapi_describes_the_job_websocket_and_its_close_codes(client):
    document = (await client.get("/asyncapi.json")).json()
    assert document["asyncapi"].startswith("3.")
    channel = document["channels"]["jobEvents"]
    assert channel["address"] == "/ws/{job_id}"
    assert set(channel["x-close-codes"]) >= {"1000", "1008", "4401", "4404"}
    assert set(channel["messages"]) == {"event", "qrUpdate"}


async def test_every_event_type_is_documented_and_offered_by_the_ui(client):
    document = (await client.get("/asyncapi.json")).json()
    envelope = document["components"]["schemas"]["Envelope"]["properties"]["type"]
    documented = set(re.findall(r"[a-z_]+", envelope["description"]))
    web_picker = json.loads(WEB_EVENT_TYPES.read_text(encoding="utf-8"))
    assert documented >= set(DATA_MODELS)
    assert set(web_picker) == EVENT_TYPES == set(DATA_MODELS)
