"""The web UI's static serving: SPA fallback, reserved server paths, cache headers."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from gofer.web_ui import LONG_CACHE, NO_CACHE, RESERVED_PREFIXES, install_web_ui


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text("<!doctype html><title>Gofer</title>")
    (root / "assets" / "index-abc123.js").write_text("console.log(1)")
    (root / "favicon.svg").write_text("<svg/>")
    return root


def client_for(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def test_index_and_client_routes_get_the_app_shell_uncached(dist: Path) -> None:
    app = FastAPI()
    install_web_ui(app, dist)
    async with client_for(app) as client:
        for path in ("/", "/jobs", "/jobs/job_123", "/settings?x=1"):
            answer = await client.get(path)
            assert answer.status_code == 200, path
            assert "<title>Gofer</title>" in answer.text
            assert answer.headers["cache-control"] == NO_CACHE


async def test_hashed_assets_are_cached_for_a_year(dist: Path) -> None:
    app = FastAPI()
    install_web_ui(app, dist)
    async with client_for(app) as client:
        asset = await client.get("/assets/index-abc123.js")
        assert asset.status_code == 200 and asset.headers["cache-control"] == LONG_CACHE
        assert (await client.get("/favicon.svg")).headers["cache-control"] == NO_CACHE
        missing = await client.get("/assets/index-gone.js")
        assert missing.status_code == 404 and missing.json()["code"] == "not_found"


@pytest.mark.parametrize("prefix", sorted(RESERVED_PREFIXES))
async def test_server_paths_are_never_shadowed(dist: Path, prefix: str) -> None:
    app = FastAPI()

    @app.get("/api/v1/jobs")
    async def jobs() -> dict[str, bool]:
        return {"api": True}

    install_web_ui(app, dist)
    async with client_for(app) as client:
        assert (await client.get("/api/v1/jobs")).json() == {"api": True}
        unknown = await client.get(f"/{prefix}/not-a-route")
        assert unknown.status_code == 404
        assert unknown.json() == {"success": False, "error": "Not found", "code": "not_found"}
        # Other methods on unknown paths are 404s too, not 405s from the UI's route.
        posted = await client.post(f"/{prefix}/not-a-route", json={})
        assert posted.status_code == 404 and posted.json()["code"] == "not_found"
        assert (await client.delete("/jobs/anything")).status_code == 404
        # A known path with the wrong method is still a 405 that names the right one.
        wrong = await client.delete("/api/v1/jobs")
        assert wrong.status_code == 405 and wrong.headers["allow"] == "GET"


async def test_files_outside_the_build_are_not_served(dist: Path) -> None:
    (dist.parent / "secret.txt").write_text("top secret")
    app = FastAPI()
    install_web_ui(app, dist)
    async with client_for(app) as client:
        for path in ("/..%2Fsecret.txt", "/assets/..%2F..%2Fsecret.txt"):
            assert "top secret" not in (await client.get(path)).text


async def test_without_a_build_the_root_says_how_to_build_it(tmp_path: Path) -> None:
    app = FastAPI()
    install_web_ui(app, tmp_path / "nothing")
    async with client_for(app) as client:
        answer = await client.get("/")
        assert answer.status_code == 200 and "make run" in answer.text


async def test_the_real_app_serves_api_docs_and_the_ui_side_by_side(make_settings, run_app) -> None:  # type: ignore[no-untyped-def]
    from gofer.app import create_app

    app = create_app(make_settings(), with_browser=False)
    async with run_app(app) as running:
        client = running.client
        assert (await client.get("/health")).json()["status"] == "ok"
        assert (await client.get("/openapi.json")).json()["info"]["title"] == "Gofer"
        assert (await client.get("/api/v1/jobs")).status_code == 401
        assert (await client.get("/jobs/anything")).headers["content-type"].startswith("text/html")
        wrong = await client.get("/api/auth/login")
        assert wrong.status_code == 405 and wrong.json()["success"] is False
        missing = await client.post("/api/v1/nothing", json={})
        assert missing.status_code == 404 and missing.json()["success"] is False


async def test_booking_choices_need_auth_and_list_the_sites_locations(  # type: ignore[no-untyped-def]
    make_settings, run_app, admin_headers
) -> None:
    from gofer.app import create_app

    app = create_app(make_settings(), with_browser=False)
    async with run_app(app) as running:
        client = running.client
        assert (await client.get("/api/v1/booking/locations")).status_code == 401
        body = (await client.get("/api/v1/booking/locations", headers=admin_headers)).json()
        assert "Uppsala" in body["locations"] and "Järfälla" in body["locations"]
        assert body["exam_types"] == ["Körprov", "Kunskapsprov"]
        assert body["max_locations"] == 4 and "B" in body["licence_types"]
