"""The FastAPI application: routers, error handlers and the lifespan that owns the parts."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog
from fastapi import FastAPI

from gofer import __version__
from gofer.api import booking, booking_reference, health, jobs, ws
from gofer.api.auth import AdminTokenResolver, TokenResolver
from gofer.api.errors import install_error_handlers
from gofer.browser.pool import BrowserPool
from gofer.config import Settings
from gofer.events.bus import EventBus
from gofer.features import Feature, default_features
from gofer.jobs.queue import InProcessJobQueue
from gofer.jobs.runner import Runner
from gofer.jobs.store import JobStore
from gofer.logs import configure_logging
from gofer.services import Services
from gofer.store.db import create_engine, create_tables, session_factory
from gofer.web_ui import install_web_ui
from gofer.workflows.registry import WorkflowRegistry, default_registry

log = structlog.get_logger("gofer.app")


def admin_token(settings: Settings) -> str:
    """The admin key; in dev without one, a random key kept in the data folder for the CLI."""
    if settings.api_secret_token is not None:
        return settings.api_secret_token.get_secret_value()
    path = settings.data_dir / "dev_api_token"
    if path.exists():
        return path.read_text().strip()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    path.write_text(token + "\n")
    path.chmod(0o600)
    return token


def create_app(
    settings: Settings | None = None,
    *,
    registry: WorkflowRegistry | None = None,
    with_browser: bool = True,
    features: list[Feature] | None = None,
) -> FastAPI:
    settings = settings or Settings()
    configure_logging(settings)
    token = admin_token(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.effective_database_url.startswith("sqlite"):
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_engine(settings.effective_database_url)
        await create_tables(engine)
        sessions = session_factory(engine)
        bus = EventBus()
        store = JobStore(sessions, bus)
        pool: BrowserPool | None = None
        if with_browser:
            pool = BrowserPool(
                settings.effective_browser_executable,
                headless=settings.browser_headless,
                launch_timeout_s=settings.browser_launch_timeout_s,
                action_timeout_ms=settings.browser_action_timeout_ms,
                per_job=settings.browser_mode == "per_job",
                spare_contexts=settings.browser_spare_contexts,
                extra_args=settings.browser_extra_args,
            )
            await pool.start()
        workflows = registry or default_registry()
        runner = Runner(settings, store, InProcessJobQueue(), workflows, pool)
        svc = Services(settings, engine, sessions, bus, store, workflows, pool, runner)
        app.state.services = svc
        for feature in installed:
            await feature.start(app, svc)
        await runner.start()
        log.info("gofer_started", version=__version__, workflows=workflows.names())
        try:
            yield
        finally:
            await runner.stop()
            for feature in reversed(installed):
                await feature.stop(app, svc)
            if pool is not None:
                await pool.stop()
            await engine.dispose()

    app = FastAPI(
        title="Gofer",
        version=__version__,
        description="Runs errands on real websites: bookings, bank forms, live BankID hand-off.",
        lifespan=lifespan,
    )
    resolvers: list[TokenResolver] = [AdminTokenResolver(token)]
    app.state.token_resolvers = resolvers
    app.state.settings = settings
    install_error_handlers(app)
    for router in (health.router, jobs.router, booking_reference.router, booking.router, ws.router):
        app.include_router(router)
    installed = default_features(settings) if features is None else features
    for feature in installed:
        feature.setup(app, settings)
    install_web_ui(app)  # last: its catch-all route must not shadow any other
    return app
