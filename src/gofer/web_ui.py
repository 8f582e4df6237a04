"""Serves the built web UI (web/dist) at `/`, with an SPA fallback that never shadows the API."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException
from starlette.routing import compile_path

# First path segments that belong to the server, never to the UI's client-side routes.
RESERVED_PREFIXES = frozenset(
    {"api", "ws", "docs", "redoc", "openapi.json", "health", "metrics", "live", "offer", "_replica"}
)
# Vite puts content-hashed files here: they never change, so browsers may keep them for a year.
HASHED_ASSETS = "assets"
LONG_CACHE = "public, max-age=31536000, immutable"
NO_CACHE = "no-cache"

NOT_BUILT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Gofer</title></head>
<body><main><h1>Gofer</h1><p>The web UI is not built. Run <code>make run</code>, which builds it
with Node.js, or use the API at <a href="/docs">/docs</a>.</p></main></body></html>"""


ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]


def not_found() -> JSONResponse:
    return JSONResponse(
        {"success": False, "error": "Not found", "code": "not_found"}, status_code=404
    )


def default_dist() -> Path:
    """web/dist next to the source tree (the Makefile's `web` step writes it)."""
    return Path(__file__).resolve().parents[2] / "web" / "dist"


def _reserved(path: str) -> bool:
    return path.split("/", 1)[0] in RESERVED_PREFIXES


def _route_table(app: FastAPI) -> list[tuple[re.Pattern[str], set[str]]]:
    """Every other HTTP route as (path pattern, methods), read once the app has its routes."""
    table: list[tuple[re.Pattern[str], set[str]]] | None = getattr(app.state, "web_ui_routes", None)
    if table is None:
        table = []
        for context in iter_route_contexts(app.routes):
            methods = context.methods
            if methods and str(context.path) != CATCH_ALL:
                pattern, _, _ = compile_path(str(context.path))
                table.append((pattern, set(methods)))
        app.state.web_ui_routes = table
    return table


def _methods_elsewhere(app: FastAPI, request: Request) -> set[str]:
    """Methods another route takes at this path (so a wrong method stays a 405, not a 404)."""
    path = request.url.path
    allowed: set[str] = set()
    for pattern, methods in _route_table(app):
        if pattern.match(path):
            allowed |= methods
    return allowed


CATCH_ALL = "/{path:path}"


def install_web_ui(app: FastAPI, dist: Path | None = None) -> None:
    """Adds the UI's catch-all route; call it after every other router is included."""
    root = (dist or default_dist()).resolve()

    # Every method, so that a POST to an unknown path stays a 404 (not a 405 from this route).
    @app.api_route(CATCH_ALL, methods=ALL_METHODS, include_in_schema=False)
    async def web_ui(path: str, request: Request) -> Response:
        allowed = _methods_elsewhere(app, request)
        if allowed:
            raise HTTPException(405, headers={"Allow": ", ".join(sorted(allowed))})
        if _reserved(path) or request.method not in ("GET", "HEAD"):
            return not_found()
        index = root / "index.html"
        if not index.is_file():
            return HTMLResponse(NOT_BUILT, headers={"Cache-Control": NO_CACHE})
        if path:
            candidate = (root / path).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                cache = LONG_CACHE if path.startswith(f"{HASHED_ASSETS}/") else NO_CACHE
                return FileResponse(candidate, headers={"Cache-Control": cache})
            if path.startswith(f"{HASHED_ASSETS}/"):
                return not_found()
        # A client-side route (/jobs/job_…, /settings): the app shell decides what to show.
        return FileResponse(index, headers={"Cache-Control": NO_CACHE})
