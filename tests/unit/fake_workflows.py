"""Small workflows for testing the job engine without a browser."""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from pydantic import BaseModel

from gofer.jobs.model import JobFailure, JobStatus
from gofer.workflows.base import StepContext
from gofer.workflows.registry import WorkflowRegistry, default_registry


class GateParams(BaseModel):
    name: str = "gate"
    fail: str | None = None
    timeout_s: float | None = None
    wait: bool = True  # False: finish without waiting for the gate


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
    params_model: ClassVar[type[BaseModel]] = GateParams
    completed_event: ClassVar[str] = "task_completed"
    failed_event: ClassVar[str | None] = "task_failed"
    started_event: ClassVar[str | None] = None

    def __init__(self, gates: Gates) -> None:
        self.gates = gates

    async def run(self, ctx: StepContext) -> dict[str, Any]:
        params = ctx.params
        assert isinstance(params, GateParams)
        await ctx.status(JobStatus.NAVIGATING, "navigating")
        await ctx.qr("data:image/png;base64,AAAA", "bankid.x.0.y")
        await ctx.qr("data:image/png;base64,AAAA", "bankid.x.0.y")  # unchanged: not sent again
        try:
            self.gates.entered_event(ctx.job_id).set()
            if params.wait:
                await self.gates.gate(ctx.job_id).wait()
        finally:
            self.gates.cleaned_up.add(ctx.job_id)
        if params.fail:
            raise JobFailure(params.fail, "asked_to_fail")
        return {"message": f"done {params.name}"}


def registry_with_gate(gates: Gates) -> WorkflowRegistry:
    registry = default_registry()
    registry.add(GateWorkflow(gates))
    return registry
