"""A Gofer server with the live view's test workflows beside the real ones, and two tenants."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI

from gofer.app import create_app
from gofer.serving import BackgroundServer
from gofer.workflows.registry import default_registry
from tests.conftest import ADMIN_TOKEN
from tests.e2e.conftest import e2e_settings
from tests.e2e.live.support import PageWorkflow

EMBEDDING_ORIGIN = "https://app.example.com"


@dataclass
class LiveServer:
    server: BackgroundServer
    app: FastAPI
    pages: PageWorkflow

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def core(self):  # type: ignore[no-untyped-def]
        return self.app.state.core


@pytest.fixture(scope="session")
def live_server(
    replica: BackgroundServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    settings = e2e_settings(
        tmp_path_factory.mktemp("live"),
        replica.url,
        cors_origins=[EMBEDDING_ORIGIN],
        rate_limit_default="100000/minute",
        rate_limit_job_start="1000/minute",
    )
    registry = default_registry()
    pages = PageWorkflow()
    registry.add(pages)
    app = create_app(settings, registry=registry)
    server = BackgroundServer(app, ws="websockets").start(timeout_s=60)
    settings.port = server.port
    yield LiveServer(server, app, pages)
    server.stop()


@pytest.fixture
def admin(live_server: LiveServer) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    with httpx.Client(base_url=live_server.url, headers=headers, timeout=30) as client:
        yield client


def sign_up(http: httpx.Client, email: str) -> dict[str, str]:
    """A user with an API key (made by the admin for them): their bearer header."""
    created = http.post("/api/v1/api-keys", json={"name": email, "user_id": email.split("@")[0]})
    assert created.status_code in (200, 201), created.text
    return {"Authorization": f"Bearer {created.json()['key']}"}
