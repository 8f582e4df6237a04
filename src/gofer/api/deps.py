"""FastAPI dependencies that hand a route the parts of the running Core."""

from __future__ import annotations

from fastapi import Request, WebSocket

from gofer.core import Core
from gofer.errors import Unavailable


def core(request: Request) -> Core:
    found: Core | None = getattr(request.app.state, "core", None)
    if found is None:
        raise Unavailable("The server is starting", "starting")
    return found


def websocket_core(websocket: WebSocket) -> Core:
    found: Core = websocket.app.state.core
    return found
