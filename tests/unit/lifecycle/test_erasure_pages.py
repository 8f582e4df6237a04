"""Erasing a conversation also closes its form page, which still shows the values it was given."""

from __future__ import annotations

from gofer.lifecycle.artifacts import ArtifactStore
from gofer.lifecycle.erasure import ACTOR_OWNER, Eraser
from tests.unit.lifecycle.support import lifecycle_app


async def test_erasing_a_session_closes_its_live_page(make_settings, run_app):
    settings = make_settings()
    async with run_app(lifecycle_app(settings)) as running:
        closed: list[str] = []

        async def close_page(session_id: str) -> None:
            closed.append(session_id)

        eraser = Eraser(
            running.core.db, ArtifactStore(settings.artifacts_dir), session_closed=close_page
        )
        session_id = await running.core.sessions.create("user-1", "forms", "Đơn vay")

        await eraser.erase_session(session_id, ACTOR_OWNER)

        assert closed == [session_id]
        assert await running.core.sessions.get(session_id) is None
