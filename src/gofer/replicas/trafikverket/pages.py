"""Serving the single-page app: the shell for every `/Boka/ng/...` route, and its assets."""

from __future__ import annotations

import asyncio
import html
import json
import re
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .api import fault_response, give_session_cookies
from .state import ReplicaState

STATIC_DIR = Path(__file__).parent / "static"
TITLE = "Förarprov - Bokning"
SWITCHES_META = "replica-switches"
DRIFTS_META = "replica-drifts"

PLACEHOLDER_SHELL = f"""<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE}</title>
<link rel="stylesheet" href="/Boka/assets/app.css">
</head>
<body>
<app-root><p>Laddar…</p></app-root>
<script src="/Boka/assets/qrcode.js"></script>
<script src="/Boka/assets/app.js"></script>
</body>
</html>
"""

CONTENT_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
}
SAFE_ASSET = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*$")
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
# Test-only: applies the active page drifts; after the app's script, so it runs after the app.
DRIFT_SCRIPT = '<script src="/Boka/assets/drift.js"></script>\n'


def shell_html(state: ReplicaState, static_dir: Path) -> str:
    """index.html as it is on disk now, with the page switches (and drifts) in meta tags."""
    index = static_dir / "index.html"
    try:
        text = index.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        text = PLACEHOLDER_SHELL
    switches = html.escape(json.dumps(state.config.page_switches()), quote=True)
    drifts = html.escape(json.dumps(state.drifts.page_names()), quote=True)
    meta = (
        f'<meta name="{SWITCHES_META}" content="{switches}">\n'
        f'<meta name="{DRIFTS_META}" content="{drifts}">\n'
    )
    if state.drifts.page_names():
        end = _BODY_END.search(text)
        text = (
            text + DRIFT_SCRIPT
            if end is None
            else text[: end.start()] + DRIFT_SCRIPT + text[end.start() :]
        )
    match = _HEAD_END.search(text)
    if match is None:
        return meta + text
    return text[: match.start()] + meta + text[match.start() :]


def build_pages_router(state: ReplicaState, static_dir: Path = STATIC_DIR) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.api_route("/", methods=["GET", "HEAD"])
    @router.api_route("/Boka", methods=["GET", "HEAD"])
    @router.api_route("/Boka/", methods=["GET", "HEAD"])
    async def to_start() -> Response:
        return RedirectResponse("/Boka/ng/", status_code=302)

    @router.api_route("/Boka/ng/{route:path}", methods=["GET", "HEAD"])
    async def shell(request: Request, route: str) -> Response:
        delay = state.config.page_latency_ms / 1000
        if delay > 0:
            await asyncio.sleep(delay)
        state.tick()
        rule = state.faults.take(None)
        response = (
            fault_response(rule)
            if rule is not None
            else HTMLResponse(shell_html(state, static_dir), headers={"Cache-Control": "no-store"})
        )
        give_session_cookies(request, response)
        return response

    @router.api_route("/Boka/assets/{name}", methods=["GET", "HEAD"])
    async def asset(name: str) -> Response:
        path = static_dir / name
        if not SAFE_ASSET.match(name) or not path.is_file():
            body = {"success": False, "error": f"No asset named {name!r}.", "code": "not_found"}
            return Response(json.dumps(body), status_code=404, media_type="application/json")
        media_type = CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
        return Response(
            path.read_bytes(), media_type=media_type, headers={"Cache-Control": "no-cache"}
        )

    return router
