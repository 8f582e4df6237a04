"""Watching a job's browser: frames of the real page, input only when interactive, one-time links,
one screencast however many watch, and the recordings a failed job leaves."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

import httpx
import pytest
import websockets

from tests.conftest import ADMIN_TOKEN
from tests.e2e.live.conftest import EMBEDDING_ORIGIN, LiveServer
from tests.e2e.live.support import Viewer, centre_of, connect, jpeg_size, on_server
from tests.e2e.test_auth_matrix import sign_up

pytestmark = pytest.mark.e2e

BANNER_BUTTON = "button:has-text('Godkänn nödvändiga')"


@pytest.fixture(scope="module")
def tenants(live_server: LiveServer) -> dict[str, dict[str, str]]:
    db = live_server.core.settings.data_dir / "gofer.db"
    with httpx.Client(base_url=live_server.url, timeout=30) as http:
        return {
            "anna": sign_up(http, db, "anna.live@example.com").headers,
            "bo": sign_up(http, db, "bo.live@example.com").headers,
        }


async def events_until(
    live_server: LiveServer, job_id: str, stop: Any, timeout_s: float = 60
) -> dict[str, Any]:
    """Follows the job's events until `stop(message)`; returns that message."""
    url = live_server.url.replace("http://", "ws://") + f"/ws/{job_id}?token={ADMIN_TOKEN}"
    async with asyncio.timeout(timeout_s), websockets.connect(url) as ws:
        async for raw in ws:
            message = json.loads(raw)
            if stop(message):
                return message
    raise AssertionError("the job's event stream ended first")


def at_step(step: str) -> Any:
    return lambda m: m["type"] == "status_update" and m["data"]["status"] == step


@asynccontextmanager
async def page_job(
    live_server: LiveServer,
    replica_url: str,
    headers: dict[str, str],
    then: str = "hold",
    **params: Any,
) -> AsyncIterator[str]:
    """A job holding the replica's start page open; cancelled when the test is done."""
    with httpx.Client(base_url=live_server.url, headers=headers, timeout=30) as http:
        created = http.post(
            "/api/v1/jobs",
            json={
                "workflow": "test.live.page",
                "params": {"url": f"{replica_url}/Boka/ng/", "then": then, **params},
            },
        )
        assert created.status_code == 201, created.text
        job_id = created.json()["job_id"]
        try:
            yield job_id
        finally:
            http.post(f"/api/v1/jobs/{job_id}/cancel")


def live_link(live_server: LiveServer, headers: dict[str, str], job_id: str, **body: Any) -> str:
    with httpx.Client(base_url=live_server.url, headers=headers, timeout=30) as http:
        answer = http.post(f"/api/v1/jobs/{job_id}/live", json=body)
        assert answer.status_code == 200, answer.text
        return str(answer.json()["live_url"])


async def test_a_viewer_sees_the_page_as_jpeg_frames_of_its_size(live_server, replica, tenants):
    anna = tenants["anna"]
    async with page_job(live_server, replica.url, anna) as job_id:
        await events_until(live_server, job_id, at_step("open"))
        url = live_link(live_server, anna, job_id)
        assert (
            "/live/lv_" in url and ADMIN_TOKEN not in url and anna["Authorization"][7:] not in url
        )

        page = httpx.get(url)
        assert page.status_code == 200 and "viewer.js" in page.text
        policy = page.headers["content-security-policy"]
        assert f"frame-ancestors 'self' {EMBEDDING_ORIGIN}" in policy
        assert page.headers["referrer-policy"] == "no-referrer"

        async with connect(live_server.url, url, job_id) as ws:
            viewer = Viewer(ws)
            hello = await viewer.next("hello")
            assert hello == {"type": "hello", "job_id": job_id, "interactive": False}
            frame = await viewer.next("frame")
        assert jpeg_size(frame) == (frame["width"], frame["height"]) == (1024, 768)


async def test_an_interactive_click_changes_the_page_and_a_view_only_one_is_refused(
    live_server, replica, tenants
):
    anna = tenants["anna"]
    runtime = live_server.core.live_runtime
    async with page_job(live_server, replica.url, anna, then="ask") as job_id:
        asked = await events_until(live_server, job_id, lambda m: m["type"] == "human_needed")
        assert asked["data"]["action"] == "takeover" and asked["data"]["reason"] == "unknown_page"

        # Watching only: input is refused and the page stays as it was.
        async with connect(live_server.url, live_link(live_server, anna, job_id), job_id) as ws:
            watcher = Viewer(ws)
            frame = await watcher.next("frame")
            x, y = await centre_of(runtime, job_id, BANNER_BUTTON)
            await watcher.click(x, y, frame)
            refused = await watcher.next("refused")
            assert refused["code"] == "view_only"

        async def banner_visible() -> bool:
            page = runtime.current_page(job_id)
            return bool(await page.locator(BANNER_BUTTON).is_visible())

        assert await on_server(runtime, banner_visible)

        # In control: the click reaches the page.
        url = live_link(live_server, anna, job_id, interactive=True)
        async with connect(live_server.url, url, job_id) as ws:
            person = Viewer(ws)
            frame = await person.next("frame")
            await person.click(x, y, frame)

            async def banner_gone() -> None:
                page = runtime.current_page(job_id)
                await page.locator(BANNER_BUTTON).wait_for(state="hidden", timeout=15000)

            await on_server(runtime, banner_gone)

        with httpx.Client(base_url=live_server.url, headers=anna, timeout=30) as http:
            assert http.post(f"/api/v1/jobs/{job_id}/handback").status_code == 200
        done = await events_until(live_server, job_id, lambda m: m["type"] == "task_completed")
        assert done["data"]["success"] is True and done["data"]["consent"] is True


async def test_a_live_link_opens_once_and_not_after_it_expires(live_server, replica, tenants):
    anna = tenants["anna"]
    async with page_job(live_server, replica.url, anna) as job_id:
        await events_until(live_server, job_id, at_step("open"))
        url = live_link(live_server, anna, job_id)
        async with connect(live_server.url, url, job_id) as ws:
            await Viewer(ws).next("hello")
        async with connect(live_server.url, url, job_id) as ws:
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await ws.recv()
        assert closed.value.rcvd.code == 4401 and "already used" in closed.value.rcvd.reason
        assert httpx.get(url).status_code == 404

        core = live_server.core
        user_id = (await on_server(core.live_runtime, lambda: core.store.get(job_id))).user_id
        token, _ = await on_server(
            core.live_runtime,
            lambda: core.live.tokens.issue(job_id, user_id, interactive=False, ttl_s=-1),
        )
        expired = f"{live_server.url}/live/{token}"
        assert "expired" in httpx.get(expired).text
        async with connect(live_server.url, expired, job_id) as ws:
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await ws.recv()
        assert closed.value.rcvd.code == 4401 and "expired" in closed.value.rcvd.reason

        # A link for one job opens no other.
        other = live_link(live_server, anna, job_id)
        async with connect(live_server.url, other, "job_000000000000000000000000") as ws:
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await ws.recv()
        assert closed.value.rcvd.code == 4404


async def test_another_tenant_finds_nothing_and_an_ended_job_has_no_live_view(
    live_server, replica, tenants
):
    anna, bo = tenants["anna"], tenants["bo"]
    async with page_job(live_server, replica.url, anna) as job_id:
        await events_until(live_server, job_id, at_step("open"))
        with httpx.Client(base_url=live_server.url, headers=bo, timeout=30) as http:
            for path in ("live", "takeover", "handback"):
                answer = http.post(f"/api/v1/jobs/{job_id}/{path}", json={})
                assert answer.status_code == 404, (path, answer.text)
                assert answer.json()["code"] == "job_not_found"
            assert http.get(f"/api/v1/jobs/{job_id}/artifacts").status_code == 404
            assert http.get("/api/live", params={"job_id": job_id}).status_code == 404
        with httpx.Client(base_url=live_server.url, headers=anna, timeout=30) as http:
            current = http.get("/api/live", params={"job_id": job_id}).json()
            assert current["live_url"].startswith(f"{live_server.url}/live/lv_")
            assert http.post(f"/api/v1/jobs/{job_id}/handback").json()["code"] == "no_takeover"
            http.post(f"/api/v1/jobs/{job_id}/cancel")
            ended = http.post(f"/api/v1/jobs/{job_id}/live", json={})
            assert ended.status_code == 409 and ended.json()["code"] == "job_not_running"
            assert http.post(f"/api/v1/jobs/{job_id}/takeover").status_code == 409
            assert http.get("/api/live", params={"job_id": job_id}).json()["live_url"] is None


async def test_ten_viewers_share_one_screencast(live_server, replica, tenants):
    anna = tenants["anna"]
    runtime = live_server.core.live_runtime
    async with page_job(live_server, replica.url, anna) as job_id:
        await events_until(live_server, job_id, at_step("open"))
        async with AsyncExitStack() as stack:
            viewers = []
            for _ in range(10):
                url = live_link(live_server, anna, job_id)
                ws = await stack.enter_async_context(connect(live_server.url, url, job_id))
                viewers.append(Viewer(ws))
            frames = await asyncio.gather(*(v.next("frame") for v in viewers))
            assert all(f["width"] == 1024 for f in frames)
            assert runtime.browser(job_id).screencasts_started == 1


async def test_a_failed_job_leaves_a_trace_and_the_page_for_its_owner_only(
    live_server, replica, tenants
):
    anna, bo = tenants["anna"], tenants["bo"]
    async with page_job(live_server, replica.url, anna, then="fail") as job_id:
        await events_until(live_server, job_id, lambda m: m["type"] == "job_failed")
    with httpx.Client(base_url=live_server.url, headers=anna, timeout=30) as http:
        listed = http.get(f"/api/v1/jobs/{job_id}/artifacts").json()["artifacts"]
        names = {a["name"] for a in listed}
        assert {"trace.zip", "failure.jpg", "failure.html", "failure-url.txt"} <= names, names
        assert any(n.startswith("step-") and n.endswith("-open.jpg") for n in names), names
        shot = http.get(f"/api/v1/jobs/{job_id}/artifacts/failure.jpg")
        assert shot.status_code == 200 and shot.headers["content-type"] == "image/jpeg"
        assert shot.content[:3] == b"\xff\xd8\xff"
        trace = http.get(f"/api/v1/jobs/{job_id}/artifacts/trace.zip")
        assert trace.status_code == 200 and trace.content[:2] == b"PK"
        url = http.get(f"/api/v1/jobs/{job_id}/artifacts/failure-url.txt").text
        assert url == f"{replica.url}/Boka/ng/"
        for bad in ("..%2Fgofer.db", "%2E%2E", "trace.zip%00.jpg", ".trace.zip.part"):
            assert http.get(f"/api/v1/jobs/{job_id}/artifacts/{bad}").status_code == 404
    with httpx.Client(base_url=live_server.url, headers=bo, timeout=30) as http:
        answer = http.get(f"/api/v1/jobs/{job_id}/artifacts/failure.jpg")
        assert answer.status_code == 404 and answer.json()["code"] == "job_not_found"


async def test_the_view_follows_the_job_to_a_new_tab(live_server, replica, tenants):
    anna = tenants["anna"]
    runtime = live_server.core.live_runtime
    second = f"{replica.url}/vpbank/loan/"
    async with page_job(live_server, replica.url, anna, then="tab", second_url=second) as job_id:
        await events_until(live_server, job_id, at_step("open"))
        async with connect(live_server.url, live_link(live_server, anna, job_id), job_id) as ws:
            viewer = Viewer(ws)
            before = await viewer.next("frame")

            async def open_tab() -> None:
                live_server.pages.open_tab[job_id].set()

            await on_server(runtime, open_tab)
            await events_until(
                live_server,
                job_id,
                lambda m: (
                    m["type"] == "status_update"
                    and m["data"]["message"] == "The second tab is open"
                ),
            )
            # Frames go on coming until one shows the second tab (the first one's never change).
            while (frame := await viewer.next("frame"))["data"] == before["data"]:
                pass
        watched = runtime.browser(job_id)
        assert watched.screencast is None or watched.screencast.page.url == second
        assert watched.page.url == second and watched.screencasts_started == 2
        assert jpeg_size(frame) == (1024, 768)
