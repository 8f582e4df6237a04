"""A Gofer app for `uvicorn --factory` in webhook crash tests, with a route that emits events."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from gofer.app import create_app
from gofer.config import Settings
from gofer.events import model as events
from gofer.jobs.model import JobState


def create() -> FastAPI:
    app = create_app(Settings(_env_file=None), with_browser=False)  # type: ignore[call-arg]

    @app.post("/test/emit")
    async def emit(jobs: int, per_job: int) -> dict[str, Any]:
        """Creates `jobs` jobs and records `per_job` events for each, interleaved."""
        store = app.state.core.store
        ids = []
        for n in range(jobs):
            job = await store.create(
                user_id="admin", workflow="trafikverket.book", params={"user_id": f"user-{n}"}
            )
            ids.append(job.job_id)
        for step in range(1, per_job + 1):
            last = step == per_job
            for job_id in ids:
                await store.record(
                    job_id,
                    events.BOOKING_COMPLETED if last else events.STATUS_UPDATE,
                    {"success": True} if last else {"step": step, "message": "", "progress": 0},
                    state=JobState.COMPLETED if last else None,
                )
        return {"job_ids": ids}

    # Ahead of the web UI's catch-all route, which create_app adds last.
    app.router.routes.insert(0, app.router.routes.pop())
    return app
