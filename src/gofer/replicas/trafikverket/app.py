"""Builds the Trafikverket "Boka prov" replica as an ASGI app (run it with uvicorn)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from .api import build_api_router
from .config import ReplicaConfig
from .controls import ControlError, build_controls_router
from .pages import STATIC_DIR, TITLE, build_pages_router
from .state import ReplicaState

_FOLDED_SEGMENTS = {"boka": "Boka", "ng": "ng", "assets": "assets"}


class CaseInsensitiveBoka:
    """Serve `/boka/...` (any case) as `/Boka/...`, as the real site does."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            parts = path.split("/")
            if len(parts) > 1 and parts[1].lower() == "boka":
                parts[1] = "Boka"
                if len(parts) > 2 and parts[2].lower() in ("ng", "assets"):
                    parts[2] = _FOLDED_SEGMENTS[parts[2].lower()]
                fixed = "/".join(parts)
                if fixed != path:
                    scope = {**scope, "path": fixed, "raw_path": fixed.encode()}
        await self.app(scope, receive, send)


def _json_error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"success": False, "error": message, "code": code}, status_code=status)


def create_trafikverket_app(
    config: ReplicaConfig | None = None,
    *,
    test_controls: bool = True,
    state: ReplicaState | None = None,
    static_dir: Path = STATIC_DIR,
) -> FastAPI:
    """The replica app. Pass `state` to own the clock in tests; it is also `app.state.replica`."""
    replica = state or ReplicaState(config)
    if state is not None and config is not None:
        replica.config = config
    app = FastAPI(
        title=f"{TITLE} (replica)",
        docs_url="/_replica/docs" if test_controls else None,
        redoc_url=None,
        openapi_url="/_replica/openapi.json" if test_controls else None,
    )
    app.state.replica = replica

    @app.exception_handler(ControlError)
    async def control_error(_: Request, error: ControlError) -> JSONResponse:
        return JSONResponse(error.body(), status_code=error.status)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}"
            for item in error.errors()
        )
        return _json_error(422, "validation_error", f"Invalid request: {problems}")

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, error: HTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
        return _json_error(error.status_code, code, str(error.detail))

    @app.exception_handler(Exception)
    async def unexpected(_: Request, error: Exception) -> JSONResponse:
        return _json_error(500, "internal_error", "The replica failed to answer this request.")

    app.include_router(build_pages_router(replica, static_dir))
    if test_controls:
        app.include_router(build_controls_router(replica))
    app.include_router(build_api_router(replica))
    app.add_middleware(CaseInsensitiveBoka)
    return app


def replica_state(app: FastAPI) -> ReplicaState:
    """The state behind an app made by `create_trafikverket_app`."""
    state: ReplicaState = app.state.replica
    return state
