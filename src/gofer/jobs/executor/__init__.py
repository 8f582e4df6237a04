"""The seam between accepting a job and running it: in this process, or on workers over SAQ."""

from __future__ import annotations

from typing import Protocol

from gofer.jobs.model import JobView


class JobExecutor(Protocol):
    async def submit(self, job: JobView) -> None:
        """Hands a stored, queued job to whoever runs jobs."""

    async def cancel(self, job_id: str, reason: str) -> None:
        """Stops a job wherever it runs (the stored request is already written)."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    def describe(self) -> dict[str, object]:
        """What /health/detailed shows of the queue."""
        ...
