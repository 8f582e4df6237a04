"""Small workflows for testing the job engine without a browser."""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from pydantic import BaseModel

from gofer.jobs.model import JobFailure
from gofer.workflows.base import BOOKING_KIND, INTERACTIVE_KIND, StepContext
from gofer.workflows.registry import WorkflowRegistry, default_registry


class GateParams(BaseModel):
    name: str = "gate"
    fail: str | None = None
    timeout_s: float | None = None
    wait: bool = True  # False: finish without waiting for the gate
    # True: wait for the gate like a person's scan, holding no execution slot.
    wait_releases_slot: bool = False


class Gates:
    """Per-job events a test opens to let a gated workflow finish; records what ran."""

    def __init__(self) -> None:
        self.opened: dict[str, asyncio.Event] = {}
        self.entered: dict[str, asyncio.Event] = {}
        self.cleaned_up: set[str] = set()

    def gate(self, job_id: str) -> asyncio.Event:
        return self.opened.setdefault(job_id, asyncio.Event())

    def entered_event(self, job_id: str) -> asyncio.Event:
        return self.entered.setdefault(job_id, asyncio.Event())


class GateWorkflow:
    """Moves through a few statuses, then waits for its gate; fails on request."""

    name: ClassVar[str] = "test.gate"
    kind: ClassVar[str] = BOOKING_KIND
    progress: ClassVar[dict[str, int]] = {"navigating": 10}
    params_model: ClassVar[type[BaseModel]] = GateParams
    completed_event: ClassVar[str] = "task_completed"
    failed_event: ClassVar[str | None] = "task_failed"
    started_event: ClassVar[str | None] = None

    def __init__(self, gates: Gates) -> None:
        self.gates = gates

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        params = ctx.params
        assert isinstance(params, GateParams)
        await ctx.step("navigating", "navigating")
        await ctx.qr("data:image/png;base64,AAAA", "bankid.x.0.y")
        await ctx.qr("data:image/png;base64,AAAA", "bankid.x.0.y")  # unchanged: not sent again
        try:
            self.gates.entered_event(ctx.job_id).set()
            if params.wait and params.wait_releases_slot:
                async with ctx.waiting():
                    await self.gates.gate(ctx.job_id).wait()
            elif params.wait:
                await self.gates.gate(ctx.job_id).wait()
        finally:
            self.gates.cleaned_up.add(ctx.job_id)
        if params.fail:
            raise JobFailure(params.fail, "asked_to_fail")
        return {"message": f"done {params.name}"}


class InteractiveGateWorkflow(GateWorkflow):
    """The same, in the interactive pool (like a forms turn)."""

    name: ClassVar[str] = "test.interactive"
    kind: ClassVar[str] = INTERACTIVE_KIND


def registry_with_gate(gates: Gates) -> WorkflowRegistry:
    registry = default_registry()
    registry.add(GateWorkflow(gates))
    registry.add(InteractiveGateWorkflow(gates))
    return registry
