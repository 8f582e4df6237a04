"""The FastAPI application: routes, middleware, error handlers, and the lifespan that runs the core.

The app holds no parts of its own: its lifespan builds the `Core` (the same one `gofer worker`
builds) and routes reach it through `api.deps.core`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from gofer import __version__
from gofer.accounts.routes import keys_router
from gofer.accounts.routes import router as accounts_router
from gofer.accounts.tokens import signing_key
from gofer.api import (
    booking,
    booking_changes,
    booking_reference,
    erasure,
    execute,
    health,
    jobs,
    live,
    preferences,
    webhooks,
    ws,
)
from gofer.api.docs import install_docs
from gofer.api.errors import install_error_handlers
from gofer.authn import TokenResolver, admin_token
from gofer.config import Settings
from gofer.core import Role, build_core
from gofer.cors import install_cors
from gofer.logs import configure_logging
from gofer.metrics import install_metrics
from gofer.ratelimit.middleware import RateLimitMiddleware
from gofer.request_context import RequestContextMiddleware
from gofer.sessions.routes import router as sessions_router
from gofer.voice.feature import VoiceFeature
from gofer.web_ui import install_web_ui
from gofer.webhooks.ssrf import Resolver
from gofer.workflows.registry import WorkflowRegistry

ROUTERS = (
    health.router,
    jobs.router,
    jobs.schema_router,
    booking_reference.router,
    booking.router,
    booking_changes.router,
    ws.router,
    live.router,
    execute.router,
    webhooks.router,
    accounts_router,
    keys_router,
    sessions_router,
    erasure.router,
    preferences.router,
)


def create_app(
    settings: Settings | None = None,
    *,
    role: Role = "all",
    registry: WorkflowRegistry | None = None,
    with_browser: bool = True,
    webhook_resolver: Resolver | None = None,
) -> FastAPI:
    settings = settings or Settings()
    configure_logging(settings)
    # Here rather than at start, so a missing JWT_SECRET in production stops the build early.
    signing_key(settings, admin_token(settings))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        core = await build_core(
            settings,
            role=role,
            registry=registry,
            with_browser=with_browser,
            webhook_resolver=webhook_resolver,
        )
        # Resolvers added before start (tests add their own kinds of token) stay in front.
        app.state.token_resolvers.extend(core.token_resolvers)
        app.state.core = core
        await core.start()
        if voice is not None:
            await voice.start(app, core)
        try:
            yield
        finally:
            if voice is not None:
                await voice.stop(app)  # calls end first: they use the core's services
            await core.stop()
            del app.state.core
            for resolver in core.token_resolvers:
                app.state.token_resolvers.remove(resolver)

    app = FastAPI(
        title="Gofer",
        version=__version__,
        description="Runs errands on real websites: bookings, bank forms, live BankID hand-off.",
        lifespan=lifespan,
    )
    resolvers: list[TokenResolver] = []
    app.state.token_resolvers = resolvers
    app.state.settings = settings
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    voice = VoiceFeature() if settings.voice_enabled else None
    if voice is not None:
        voice.setup(app)
    # Middleware: the last added runs first.
    app.add_middleware(RateLimitMiddleware)  # type: ignore[arg-type]
    install_metrics(app)
    app.add_middleware(RequestContextMiddleware)  # type: ignore[arg-type]
    install_cors(app, settings)
    install_docs(app)  # after every router: it documents them all
    install_web_ui(app)  # last: its catch-all route must not shadow any other
    return app
