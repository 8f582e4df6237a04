"""The long-lived parts of Gofer, built once and the same way for `gofer serve` and `gofer worker`.

`build_core(settings)` returns a typed `Core`. Every part a route, a worker, the voice bot or the
CLI needs is a field here (optional parts typed `X | None`), so the type checker sees the wiring.
The event store's hooks (webhook outbox, form state, session history, metrics) are given to the
store when it is built: a worker without the HTTP app sends the same webhooks as a server.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any, Literal

import structlog
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from gofer.accounts.api_keys import ApiKeyStore
from gofer.accounts.codes import OneTimeCodes
from gofer.accounts.mail import Mailer
from gofer.accounts.oidc import OidcVerifier
from gofer.accounts.preferences import UserSettingsStore
from gofer.accounts.resolvers import AccessTokenResolver, ApiKeyResolver, OidcResolver
from gofer.accounts.service import AccountService
from gofer.accounts.tokens import TokenSigner, derived_key, signing_key
from gofer.authn import AdminTokenResolver, TokenResolver, admin_token
from gofer.browser.pool import BrowserPool
from gofer.canary.health import canary_periodically
from gofer.config import Settings
from gofer.events.bus import EventBus, MemoryEventBus
from gofer.events.redis_bus import RedisEventBus
from gofer.jobs.executor import JobExecutor
from gofer.jobs.executor.inprocess import InProcessExecutor
from gofer.jobs.executor.saq import SaqExecutor
from gofer.jobs.service import JobService
from gofer.jobs.store import JobStore
from gofer.jobs.worker import Worker
from gofer.jobs.workers import WorkerRegistry
from gofer.lifecycle.parts import DataLifecycle, build_lifecycle, build_stripper
from gofer.live.artifacts import ArtifactStore
from gofer.live.recorder import Recorder
from gofer.live.retention import prune_periodically
from gofer.live.runtime import LiveRuntime
from gofer.live.service import LiveService
from gofer.live.takeover import TakeoverStore
from gofer.live.tokens import LiveTokens
from gofer.metrics import JobMetrics, watch_browser_contexts
from gofer.ratelimit.limiter import RateLimiter
from gofer.sessions.outcomes import ExecutionOutcomes
from gofer.sessions.store import SessionStore
from gofer.store.db import create_engine, create_tables, session_factory
from gofer.webhooks.parts import WebhookParts, build_webhook_parts
from gofer.webhooks.ssrf import Resolver
from gofer.workflows.forms.conversation import FormConversations
from gofer.workflows.forms.live_pages import LivePages
from gofer.workflows.forms.state import (
    ConversationLocks,
    FormSessions,
    RedisSessionLocks,
    SessionLocks,
)
from gofer.workflows.forms.workflow import FormsWorkflow
from gofer.workflows.registry import WorkflowRegistry, default_registry

log = structlog.get_logger("gofer.core")

Role = Literal["all", "api", "worker"]


@dataclass
class Core:
    settings: Settings
    role: Role
    engine: AsyncEngine
    db: async_sessionmaker[AsyncSession]
    bus: EventBus
    store: JobStore
    registry: WorkflowRegistry
    workers: WorkerRegistry
    executor: JobExecutor
    jobs: JobService
    webhooks: WebhookParts
    sessions: SessionStore
    forms: FormConversations
    accounts: AccountService
    api_keys: ApiKeyStore
    user_settings: UserSettingsStore
    limiter: RateLimiter
    token_resolvers: list[TokenResolver]
    lifecycle: DataLifecycle
    live: LiveService
    # Only in a process that runs jobs (role "all" or "worker").
    worker: Worker | None = None
    pool: BrowserPool | None = None
    live_pages: LivePages | None = None
    oidc: OidcVerifier | None = None
    # Redis connections to close at stop (the bus and the conversation locks, when on Redis).
    redis_parts: list[Any] = field(default_factory=list)
    live_runtime: LiveRuntime | None = None
    _background: list[asyncio.Task[None]] = field(default_factory=list)

    @property
    def runs_jobs(self) -> bool:
        return self.worker is not None

    async def start(self) -> None:
        # First: it may rebuild the SQLite file once, and takes the server's lock on it.
        await self.lifecycle.start()
        await self.limiter.start()
        if self.pool is not None:
            await self.pool.start()
        await self.webhooks.start()
        if self.live_runtime is not None:
            await self.live_runtime.start()
        self._background.append(
            asyncio.create_task(prune_periodically(self.settings, self.live.tokens))
        )
        await self.executor.start()
        if self.settings.canary_enabled and self.role == "all":
            self._background.append(asyncio.create_task(canary_periodically(self.settings)))
        log.info("gofer_core_started", role=self.role, workflows=self.registry.names())

    async def stop(self) -> None:
        await self.executor.stop()
        for task in self._background:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self.live_runtime is not None:
            await self.live_runtime.stop()
        await self.webhooks.stop()
        if self.live_pages is not None:
            await self.live_pages.close_all()
        if self.pool is not None:
            await self.pool.stop()
        if self.oidc is not None:
            await self.oidc.close()
        await self.lifecycle.stop()
        for part in self.redis_parts:
            await part.close()
        await self.engine.dispose()


async def build_core(
    settings: Settings,
    *,
    role: Role = "all",
    registry: WorkflowRegistry | None = None,
    with_browser: bool = True,
    webhook_resolver: Resolver | None = None,
) -> Core:
    """Builds every part (nothing is started: `await core.start()`)."""
    if settings.effective_database_url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = create_engine(settings.effective_database_url)
    await create_tables(engine)
    db = session_factory(engine)
    bus: EventBus = make_bus(settings)
    workflows = registry or default_registry()
    runs_jobs = role in ("all", "worker")

    sessions = SessionStore(db)
    form_sessions = FormSessions(db)
    metrics = JobMetrics()
    outcomes = ExecutionOutcomes(sessions)
    # The store is built after the webhook parts it feeds; they tell a job through it late.
    store_box: list[JobStore] = []
    webhooks = await build_webhook_parts(
        settings, db, lambda: store_box[0], resolver=webhook_resolver
    )
    stripper = build_stripper(settings, db)  # drops QR images once a job leaves the QR step
    store = JobStore(
        db,
        bus,
        in_transaction_hooks=[
            webhooks.outbox.enqueue,
            form_sessions.record_outcome,
            metrics.in_transaction,
        ],
        before_commit_hooks=[webhooks.outbox.write],
        after_commit_hooks=[
            webhooks.outbox.after_commit,
            outcomes.after_commit,
            metrics.after_commit,
            stripper.after_commit,
        ],
    )
    store_box.append(store)

    workers = WorkerRegistry(db, settings.worker_dead_after_s)
    pool: BrowserPool | None = None
    worker: Worker | None = None
    live_pages: LivePages | None = None
    live_runtime: LiveRuntime | None = None
    takeovers = TakeoverStore(db)
    artifacts = ArtifactStore(settings.data_dir)
    if runs_jobs:
        if with_browser:
            pool = BrowserPool(
                settings.effective_browser_executable,
                headless=settings.browser_headless,
                launch_timeout_s=settings.browser_launch_timeout_s,
                action_timeout_ms=settings.browser_action_timeout_ms,
                per_job=settings.browser_mode == "per_job",
                spare_contexts=settings.browser_spare_contexts,
                warm_contexts=settings.browser_warm_contexts,
                extra_args=settings.browser_extra_args,
            )
            watch_browser_contexts(pool)
        forms_workflow = workflows.get(FormsWorkflow.name)
        if isinstance(forms_workflow, FormsWorkflow) and settings.forms_page_idle_s > 0:
            live_pages = LivePages(idle_s=settings.forms_page_idle_s)
            forms_workflow.live_pages = live_pages
        worker = Worker(settings, store, workflows, pool, workers)
        live_runtime = LiveRuntime(settings, bus, takeovers, Recorder(settings, artifacts))
        worker.live = live_runtime
    executor = make_executor(settings, store, workflows, worker)
    jobs = JobService(
        settings,
        store,
        workflows,
        executor,
        webhook_url_check=webhooks.control.validate_job_webhook_url,
        default_webhook=webhooks.default_url is not None,
    )

    key = signing_key(settings, admin_token(settings))
    accounts = AccountService(
        db,
        TokenSigner(key, settings.access_token_ttl_s),
        OneTimeCodes(db, derived_key(key, "one-time-codes")),
        Mailer(settings, db),
        settings.refresh_token_ttl_s,
    )
    api_keys = ApiKeyStore(db)
    oidc = OidcVerifier(settings) if settings.oidc_jwks_url and settings.oidc_issuer else None
    resolvers: list[TokenResolver] = [
        AdminTokenResolver(admin_token(settings)),
        AccessTokenResolver(accounts),
        ApiKeyResolver(api_keys),
    ]
    if oidc is not None:
        resolvers.append(OidcResolver(oidc, accounts))

    locks = make_conversation_locks(settings)

    async def cancel_for_erasure(job_id: str) -> object:
        return await jobs.stop(job_id, "erasure")

    lifecycle = build_lifecycle(
        settings,
        engine,
        db,
        stripper,
        in_flight=lambda: webhooks.dispatcher.in_flight_ids,
        cancel_job=cancel_for_erasure,
        endpoints_changed=webhooks.directory.refresh,
        session_closed=live_pages.close if live_pages is not None else None,
        # One pruner per database is enough: the API process runs it, workers do not.
        run_pruner=role != "worker",
    )
    live = LiveService(settings, jobs, LiveTokens(db), takeovers, artifacts, live_runtime)
    user_settings = UserSettingsStore(db, settings.voice_default_language)
    forms = FormConversations(
        settings,
        jobs,
        form_sessions,
        locks,
        sessions,
        browser_here=pool is not None,
        user_settings=user_settings,
    )
    redis_parts: list[Any] = [
        p for p in (bus, locks) if isinstance(p, RedisEventBus | RedisSessionLocks)
    ]
    return Core(
        settings=settings,
        role=role,
        engine=engine,
        db=db,
        bus=bus,
        store=store,
        registry=workflows,
        workers=workers,
        executor=executor,
        jobs=jobs,
        webhooks=webhooks,
        sessions=sessions,
        forms=forms,
        accounts=accounts,
        api_keys=api_keys,
        user_settings=user_settings,
        limiter=RateLimiter(settings),
        token_resolvers=resolvers,
        lifecycle=lifecycle,
        worker=worker,
        pool=pool,
        live_pages=live_pages,
        oidc=oidc,
        redis_parts=redis_parts,
        live=live,
        live_runtime=live_runtime,
    )


def make_bus(settings: Settings) -> EventBus:
    """Memory in one process; Redis pub/sub when jobs run in other processes (or EVENT_BUS=redis)."""
    if settings.effective_event_bus == "redis":
        assert settings.redis_url is not None  # checked by Settings
        return RedisEventBus(settings.redis_url, settings.redis_prefix)
    return MemoryEventBus()


def make_executor(
    settings: Settings, store: JobStore, registry: WorkflowRegistry, worker: Worker | None
) -> JobExecutor:
    if settings.job_queue == "saq":
        assert settings.redis_url is not None  # checked by Settings
        return SaqExecutor(settings.redis_url, settings.redis_prefix, store, registry, worker)
    if worker is None:
        raise ValueError("JOB_QUEUE=inprocess runs jobs in the server: it needs a worker")
    return InProcessExecutor(store, worker)


def make_conversation_locks(settings: Settings) -> ConversationLocks:
    """A Redis lock when several processes may take a turn of the same conversation."""
    if settings.redis_url and settings.effective_event_bus == "redis":
        # Held for a whole turn at most: the turn's limit and the time to record its end.
        hold_s = settings.forms_timeout_s + 30
        return RedisSessionLocks(settings.redis_url, settings.redis_prefix, hold_s)
    return SessionLocks()
