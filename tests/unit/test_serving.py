"""Serving helpers: the site URLs follow the replicas that `gofer serve --with-replicas` starts."""

from __future__ import annotations

import pytest

from gofer.config import Settings
from gofer.serving import follow_local_replicas


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TRAFIKVERKET_BASE_URL", "FORMS_BASE_URL", "REPLICAS_PORT", "REPLICAS_HOST"):
        monkeypatch.delenv(name, raising=False)


def settings() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


def test_default_site_urls_follow_the_replicas_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLICAS_PORT", "9191")
    followed = follow_local_replicas(settings())
    assert followed.trafikverket_base_url == "http://127.0.0.1:9191"
    assert followed.forms_base_url == "http://127.0.0.1:9191/vpbank"


def test_an_explicit_site_url_still_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLICAS_PORT", "9191")
    monkeypatch.setenv("TRAFIKVERKET_BASE_URL", "https://fp.trafikverket.se/")
    followed = follow_local_replicas(settings())
    assert followed.trafikverket_base_url == "https://fp.trafikverket.se"
    assert followed.forms_base_url == "http://127.0.0.1:9191/vpbank"


def test_the_default_port_changes_nothing() -> None:
    followed = follow_local_replicas(settings())
    assert followed.trafikverket_base_url == "http://127.0.0.1:8090"
    assert followed.forms_base_url == "http://127.0.0.1:8090/vpbank"
