"""Serves the built web UI (web/dist) at `/`, with an SPA fallback that never shadows the API."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

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


def install_web_ui(app: FastAPI, dist: Path | None = None) -> None:
    """Adds the UI's catch-all GET route; call it after every other router is included."""
    root = (dist or default_dist()).resolve()

    # Every method, so that a POST to an unknown path stays a 404 (not a 405 from this route).
    @app.api_route("/{path:path}", methods=ALL_METHODS, include_in_schema=False)
    async def web_ui(path: str, request: Request) -> Response:
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
