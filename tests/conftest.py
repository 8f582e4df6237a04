"""Shared fixtures: settings in a temporary folder, and an in-process app with its lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from gofer.config import Settings

ADMIN_TOKEN = "test-admin-token-0123456789"


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "env": "test",
            "api_secret_token": ADMIN_TOKEN,
            "data_dir": tmp_path / "data",
            "log_level": "WARNING",
        }
        values.update(overrides)
        return Settings(_env_file=None, **values)  # type: ignore[call-arg]

    return make


@pytest.fixture
def admin_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {ADMIN_TOKEN}"}


class RunningApp:
    def __init__(self, app: FastAPI, client: httpx.AsyncClient) -> None:
        self.app = app
        self.client = client

    @property
    def core(self) -> Any:
        return self.app.state.core


@pytest.fixture
def run_app() -> Callable[[FastAPI], Any]:
    """`async with run_app(app) as running:` runs the lifespan and gives an httpx client."""
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def run(app: FastAPI) -> AsyncIterator[RunningApp]:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://gofer.test"
            ) as client:
                yield RunningApp(app, client)

    return run
