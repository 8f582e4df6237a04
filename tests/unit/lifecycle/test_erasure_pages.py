"""Erasing a conversation also closes its form page, which still shows the values it was given."""

from __future__ import annotations

from gofer.workflows.forms.state import WORKFLOW
from tests.unit.lifecycle.support import lifecycle_app


class RecordingPages:
    def __init__(self) -> None:
        self.closed: list[str] = []

    async def close(self, key: str) -> None:
        self.closed.append(key)


async def test_erasing_a_session_closes_its_live_page(make_settings, run_app, admin_headers):
    app, _ = lifecycle_app(make_settings())
    async with run_app(app) as running:
        pages = RecordingPages()
        forms = running.services.registry.get(WORKFLOW)
        forms.live_pages = pages
        store = running.services.extras["sessions"]
        session_id = await store.create("admin", "forms", "Đơn vay")

        answer = await running.client.delete(f"/api/sessions/{session_id}", headers=admin_headers)

        assert answer.status_code == 200
        assert pages.closed == [session_id]
        forms.live_pages = None
