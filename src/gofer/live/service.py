"""Live view, takeover and recordings as a service: who may open what, and the links to it.

Raises domain errors only (404 for another tenant's job, 409 when the job is not running); the
routes in api/live.py shape the answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gofer.config import Settings
from gofer.errors import Conflict, NotFound, invalid_field
from gofer.events.model import STATUS_UPDATE
from gofer.jobs.model import JobView
from gofer.jobs.service import JobService
from gofer.live.artifacts import Artifact, ArtifactStore
from gofer.live.runtime import LiveRuntime
from gofer.live.takeover import TakeoverStore
from gofer.live.tokens import LiveGrant, LiveTokens
from gofer.principal import Principal


@dataclass(frozen=True)
class LiveLink:
    live_url: str
    expires_at: datetime
    interactive: bool
    job_id: str


class LiveService:
    def __init__(
        self,
        settings: Settings,
        jobs: JobService,
        tokens: LiveTokens,
        takeovers: TakeoverStore,
        artifacts: ArtifactStore,
        runtime: LiveRuntime | None,
    ) -> None:
        self.settings = settings
        self.jobs = jobs
        self.tokens = tokens
        self.takeovers = takeovers
        self.artifacts = artifacts
        # Present only where jobs run in this process (lets a takeover act at once here).
        self.runtime = runtime

    async def _running_job(self, principal: Principal, job_id: str) -> JobView:
        job = await self.jobs.get(principal, job_id)
        if job.state.terminal:
            raise Conflict(f"The job is not running ({job.status})", "job_not_running")
        return job

    async def link(
        self, principal: Principal, job_id: str, *, interactive: bool, ttl_s: float | None = None
    ) -> LiveLink:
        """A one-time URL to watch (and, if interactive, drive) a running job's browser."""
        job = await self._running_job(principal, job_id)
        return await self._issue(job, interactive=interactive, ttl_s=ttl_s)

    async def _issue(self, job: JobView, *, interactive: bool, ttl_s: float | None) -> LiveLink:
        token, grant = await self.tokens.issue(
            job.job_id,
            job.user_id,
            interactive=interactive,
            ttl_s=ttl_s or self.settings.live_token_ttl_s,
        )
        return LiveLink(
            f"{self.settings.effective_public_base_url}/live/{token}",
            grant.expires_at,
            interactive,
            job.job_id,
        )

    async def take_over(
        self,
        principal: Principal,
        job_id: str,
        *,
        reason: str,
        at_step: str | None,
        ttl_s: float | None = None,
    ) -> LiveLink:
        """Asks the job to pause at its next safe point (or at `at_step`) and gives a person
        an interactive live URL to drive it meanwhile."""
        job = await self._running_job(principal, job_id)
        workflow = self.jobs.registry.get(job.workflow)
        steps = sorted(workflow.progress) if workflow is not None else []
        if at_step is not None and at_step not in steps:
            raise invalid_field(
                "at_step", f"'{at_step}' is not a step of this job; use one of {', '.join(steps)}"
            )
        await self.takeovers.request(job_id, principal.user_id, reason, at_step=at_step)
        where = f"at step '{at_step}'" if at_step else "at its next safe point"
        await self._note(job, f"A person asked to take over; the job pauses {where}", "requested")
        if self.runtime is not None:
            await self.runtime.refresh(job_id)
        return await self._issue(job, interactive=True, ttl_s=ttl_s)

    async def _note(self, job: JobView, message: str, takeover: str) -> None:
        """Tells every client (a status_update that keeps the job's step) what was asked."""
        await self.jobs.store.record(
            job.job_id,
            STATUS_UPDATE,
            {"message": message, "progress": job.progress, "takeover": takeover},
        )

    async def hand_back(self, principal: Principal, job_id: str) -> None:
        job = await self._running_job(principal, job_id)
        if not await self.takeovers.hand_back(job_id):
            raise Conflict("Nobody has taken this job over", "no_takeover")
        await self._note(job, "The person handed the job back", "handed_back")
        if self.runtime is not None:
            await self.runtime.refresh(job_id)

    async def current(self, principal: Principal, job_id: str | None) -> LiveLink | None:
        """A view-only link to the given job, or to the caller's newest running one; None if
        no job of theirs has a browser going."""
        if job_id is not None:
            job = await self.jobs.get(principal, job_id)
            candidates = [job] if not job.state.terminal else []
        else:
            candidates = await self.jobs.search(principal, statuses=["running", "waiting"], limit=5)
        for job in candidates:
            runtime = self.runtime
            if runtime is not None and runtime.runs(job.job_id) and not runtime.browser(job.job_id):
                continue  # runs here, but has no browser open right now (elsewhere: unknown)
            return await self._issue(job, interactive=False, ttl_s=None)
        return None

    async def redeem(self, token: str) -> LiveGrant:
        return await self.tokens.redeem(token)

    async def artifact_list(self, principal: Principal, job_id: str) -> list[Artifact]:
        await self.jobs.get(principal, job_id)
        return self.artifacts.list(job_id)

    async def artifact(self, principal: Principal, job_id: str, name: str) -> Path:
        await self.jobs.get(principal, job_id)
        path = self.artifacts.path(job_id, name)
        if path is None:
            raise NotFound("No such artifact for this job", "artifact_not_found")
        return path
