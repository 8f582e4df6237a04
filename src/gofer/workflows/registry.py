"""The workflows this server can run, by name."""

from __future__ import annotations

from gofer.workflows.base import Workflow


class WorkflowRegistry:
    def __init__(self) -> None:
        self._workflows: dict[str, Workflow] = {}

    def add(self, workflow: Workflow) -> None:
        self._workflows[workflow.name] = workflow

    def get(self, name: str) -> Workflow | None:
        return self._workflows.get(name)

    def names(self) -> list[str]:
        return sorted(self._workflows)

    def steps(self) -> set[str]:
        """Every step any of these workflows reports."""
        return {step for w in self._workflows.values() for step in w.progress}


def default_registry() -> WorkflowRegistry:
    from gofer.workflows.forms.workflow import FormsWorkflow
    from gofer.workflows.trafikverket.cancel import CancelWorkflow
    from gofer.workflows.trafikverket.rebook import RebookWorkflow
    from gofer.workflows.trafikverket.workflow import BookingWorkflow

    registry = WorkflowRegistry()
    registry.add(BookingWorkflow())
    registry.add(RebookWorkflow())
    registry.add(CancelWorkflow())
    registry.add(FormsWorkflow())
    return registry
