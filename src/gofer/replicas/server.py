"""One server for all local replicas: the Trafikverket booking site and the five bank forms."""

from __future__ import annotations

from contextlib import AsyncExitStack
from typing import Any

from gofer.config import Settings
from gofer.serving import BackgroundServer

Scope = dict[str, Any]


def _is_forms_path(path: str) -> bool:
    return path.startswith("/vpbank") or path.startswith("/_replica/forms")


class ReplicaSites:
    """Routes each request to the replica that owns its path; runs both apps' lifespans."""

    def __init__(self, trafikverket: Any, vpbank: Any) -> None:
        self.trafikverket = trafikverket
        self.vpbank = vpbank

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        app = self.vpbank if _is_forms_path(scope.get("path", "")) else self.trafikverket
        await app(scope, receive, send)

    async def _lifespan(self, receive: Any, send: Any) -> None:
        async with AsyncExitStack() as stack:
            message = await receive()
            assert message["type"] == "lifespan.startup"
            try:
                for app in (self.trafikverket, self.vpbank):
                    await stack.enter_async_context(app.router.lifespan_context(app))
            except Exception as exc:
                await send({"type": "lifespan.startup.failed", "message": str(exc)})
                return
            await send({"type": "lifespan.startup.complete"})
            message = await receive()
        await send({"type": "lifespan.shutdown.complete"})


def create_replicas_app(*, test_controls: bool = True) -> ReplicaSites:
    from gofer.replicas.trafikverket.app import create_trafikverket_app
    from gofer.replicas.vpbank.app import create_vpbank_app

    return ReplicaSites(
        create_trafikverket_app(test_controls=test_controls),
        create_vpbank_app(test_controls=test_controls),
    )


def serve_replicas_in_background(settings: Settings) -> BackgroundServer:
    return BackgroundServer(
        create_replicas_app(), host=settings.replicas_host, port=settings.replicas_port
    ).start()
