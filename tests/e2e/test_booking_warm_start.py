"""A pool that keeps Boka prov open (consent given) hands it to the next booking, which books."""

from __future__ import annotations

import httpx
import pytest

from gofer.app import create_app
from gofer.serving import BackgroundServer
from tests.e2e.conftest import AUTH, PERSONNUMMER, e2e_settings, watch_job

pytestmark = pytest.mark.e2e

BODY = {"license_type": "B", "exam_type": "Körprov", "locations": ["Uppsala"]}


async def test_a_booking_starts_from_the_prepared_start_page_and_books(replica, site, tmp_path):
    settings = e2e_settings(tmp_path, replica.url, browser_warm_contexts=1)
    server = BackgroundServer(create_app(settings)).start(timeout_s=60)
    try:
        pool = server._server.config.app.state.core.pool  # type: ignore[attr-defined]
        with httpx.Client(base_url=server.url, headers=AUTH, timeout=30) as api:
            first = api.post("/api/v1/booking/start", json=BODY).json()["job_id"]
            await watch_job(server, replica, first)
            # The first booking asked for the start page; the pool has prepared it since.
            assert await _warm_ready(pool)
            assert pool.warm_handed_out == 0
            second = api.post("/api/v1/booking/start", json=BODY).json()["job_id"]
            watch = await watch_job(server, replica, second)
        assert watch.last("booking_completed")["data"]["success"] is True
        # The second job was handed the page the pool had open at the start, consent given.
        assert pool.warm_handed_out == 1
        bookings = site.get("/_replica/bookings", params={"ssn": PERSONNUMMER}).json()["bookings"]
        assert len(bookings) == 2
    finally:
        server.stop()


async def _warm_ready(pool) -> bool:
    task = next(iter(pool._warming.values()), None)
    if task is not None:
        await task
    return any(pool._warm.values())
