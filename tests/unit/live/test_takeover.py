"""Takeover at a safe point: the job pauses at the asked step, tells clients, and resumes (or
fails, as configured) — through stored requests, as when the job runs in another process."""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from pydantic import BaseModel

from gofer.app import create_app
from gofer.events.model import Event
from gofer.workflows.base import BOOKING_KIND, StepContext
from gofer.workflows.registry import WorkflowRegistry


class Steps(BaseModel):
    pass


class ThreeSteps:
    """Steps one, two, three; waits for the test between one and two."""

    name: ClassVar[str] = "test.three"
    kind: ClassVar[str] = BOOKING_KIND
    progress: ClassVar[dict[str, int]] = {"one": 10, "two": 50, "three": 90}
    params_model: ClassVar[type[BaseModel]] = Steps
    completed_event: ClassVar[str] = "task_completed"
    failed_event: ClassVar[str | None] = "task_failed"
    started_event: ClassVar[str | None] = None

    def __init__(self) -> None:
        self.at_one = asyncio.Event()
        self.go_on = asyncio.Event()

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        await ctx.step("one", "one")
        self.at_one.set()
        await self.go_on.wait()
        paused_at_two = await ctx.step("two", "two")
        await ctx.step("three", "three")
        return {"paused_at_two": paused_at_two, "handbacks": ctx.handbacks}


async def events_of(client, job_id, headers) -> list[dict[str, Any]]:
    return (await client.get(f"/api/v1/jobs/{job_id}/events", headers=headers)).json()["events"]


async def until_event(client, job_id, headers, check) -> dict[str, Any]:
    running = client._transport.app.state.core  # the same loop: wait on the bus, not a timer
    async with running.bus.subscribe(job_id) as subscription:
        for event in await events_of(client, job_id, headers):
            if check(event):
                return event
        async with asyncio.timeout(30):
            async for item in subscription:
                if isinstance(item, Event) and check(event := item.envelope()):
                    return event
    raise AssertionError("the subscription ended")


async def start(running, headers, workflow: ThreeSteps) -> str:
    created = await running.client.post(
        "/api/v1/jobs", json={"workflow": "test.three"}, headers=headers
    )
    job_id = created.json()["job_id"]
    await workflow.at_one.wait()
    return job_id


async def test_a_takeover_pauses_at_the_asked_step_and_hand_back_resumes(
    make_settings, run_app, admin_headers
):
    workflow = ThreeSteps()
    registry = WorkflowRegistry()
    registry.add(workflow)
    app = create_app(make_settings(), registry=registry, with_browser=False)
    async with run_app(app) as running:
        client = running.client
        job_id = await start(running, admin_headers, workflow)
        unknown = await client.post(
            f"/api/v1/jobs/{job_id}/takeover", json={"at_step": "four"}, headers=admin_headers
        )
        assert unknown.status_code == 422 and "at_step" in unknown.json()["error"]
        taken = await client.post(
            f"/api/v1/jobs/{job_id}/takeover", json={"at_step": "two"}, headers=admin_headers
        )
        assert taken.status_code == 200 and taken.json()["interactive"] is True
        workflow.go_on.set()
        paused = await until_event(
            client, job_id, admin_headers, lambda e: e["type"] == "human_needed"
        )
        assert paused["data"].pop("artifacts_url").endswith(f"/api/v1/jobs/{job_id}/artifacts")
        assert paused["data"] | {"status": "two"} == {
            "reason": "takeover",
            "action": "takeover",
            "status": "two",
            "message": "A person has taken over the browser",
        }
        job = (await client.get(f"/api/v1/jobs/{job_id}", headers=admin_headers)).json()
        assert job["state"] == "waiting"  # a paused job holds no execution slot

        handed = await client.post(f"/api/v1/jobs/{job_id}/handback", headers=admin_headers)
        assert handed.status_code == 200
        done = await until_event(
            client, job_id, admin_headers, lambda e: e["type"] == "task_completed"
        )
        assert done["data"]["paused_at_two"] is True and done["data"]["handbacks"] == 1
        again = await client.post(f"/api/v1/jobs/{job_id}/handback", headers=admin_headers)
        assert again.status_code == 409 and again.json()["code"] == "job_not_running"


async def test_a_takeover_that_outlasts_its_limit_fails_the_job_when_so_configured(
    make_settings, run_app, admin_headers
):
    workflow = ThreeSteps()
    registry = WorkflowRegistry()
    registry.add(workflow)
    settings = make_settings(takeover_timeout_s=0.2, takeover_timeout_action="fail")
    async with run_app(create_app(settings, registry=registry, with_browser=False)) as running:
        client = running.client
        job_id = await start(running, admin_headers, workflow)
        await client.post(f"/api/v1/jobs/{job_id}/takeover", json={}, headers=admin_headers)
        workflow.go_on.set()
        failed = await until_event(
            client, job_id, admin_headers, lambda e: e["type"] == "job_failed"
        )
        assert failed["data"]["code"] == "takeover_timeout"


async def test_a_request_handed_back_before_the_pause_never_pauses(
    make_settings, run_app, admin_headers
):
    workflow = ThreeSteps()
    registry = WorkflowRegistry()
    registry.add(workflow)
    async with run_app(
        create_app(make_settings(), registry=registry, with_browser=False)
    ) as running:
        client = running.client
        job_id = await start(running, admin_headers, workflow)
        await client.post(
            f"/api/v1/jobs/{job_id}/takeover", json={"at_step": "three"}, headers=admin_headers
        )
        assert (
            await client.post(f"/api/v1/jobs/{job_id}/handback", headers=admin_headers)
        ).status_code == 200
        workflow.go_on.set()
        done = await until_event(
            client, job_id, admin_headers, lambda e: e["type"] == "task_completed"
        )
        assert done["data"]["handbacks"] == 0
        types = [e["type"] for e in await events_of(client, job_id, admin_headers)]
        assert "human_needed" not in types


class LongPoll:
    """Waits an hour for its next poll, as a monitoring booking does."""

    name: ClassVar[str] = "test.long_poll"
    kind: ClassVar[str] = BOOKING_KIND
    progress: ClassVar[dict[str, int]] = {"monitoring": 50}
    params_model: ClassVar[type[BaseModel]] = Steps
    completed_event: ClassVar[str] = "task_completed"
    failed_event: ClassVar[str | None] = "task_failed"
    started_event: ClassVar[str | None] = None

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        await ctx.step("monitoring", "next search in an hour")
        await ctx.idle(3600)
        return {"handbacks": ctx.handbacks}


async def test_a_takeover_cuts_a_long_wait_short(make_settings, run_app, admin_headers):
    registry = WorkflowRegistry()
    registry.add(LongPoll())
    async with run_app(
        create_app(make_settings(), registry=registry, with_browser=False)
    ) as running:
        client = running.client
        created = await client.post(
            "/api/v1/jobs", json={"workflow": "test.long_poll"}, headers=admin_headers
        )
        job_id = created.json()["job_id"]
        await until_event(
            client, job_id, admin_headers, lambda e: e["data"].get("status") == "monitoring"
        )
        await client.post(f"/api/v1/jobs/{job_id}/takeover", headers=admin_headers)
        await until_event(client, job_id, admin_headers, lambda e: e["type"] == "human_needed")
        await client.post(f"/api/v1/jobs/{job_id}/handback", headers=admin_headers)
        done = await until_event(
            client, job_id, admin_headers, lambda e: e["type"] == "task_completed"
        )
        assert done["data"]["handbacks"] == 1
