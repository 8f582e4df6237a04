"""Live view, takeover and recordings: one-time viewer URLs, the viewer page and its WebSocket,
takeover and hand-back, and a job's artifacts."""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from fastapi import APIRouter, Body, Depends, WebSocket, WebSocketDisconnect
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, Response
from pydantic import BaseModel, Field
from starlette.websockets import WebSocketState

from gofer.api.auth import require_principal
from gofer.api.deps import core, websocket_core
from gofer.core import Core
from gofer.cors import allowed_origins
from gofer.live.artifacts import media_type
from gofer.live.service import LiveLink
from gofer.live.tokens import TokenRefused
from gofer.live.viewer import ViewerSession
from gofer.principal import Principal

router = APIRouter(tags=["live"])

STATIC = Path(__file__).resolve().parent.parent / "live" / "static"
CLOSE_UNAUTHORIZED = 4401
CLOSE_NOT_FOUND = 4404
CLOSE_POLICY = 1008
JOB_ID = PathParam(..., max_length=40)


class LiveRequest(BaseModel):
    interactive: bool = False
    ttl_s: int | None = Field(None, ge=10, le=3600, description="Life of the URL in seconds.")


class TakeoverRequest(BaseModel):
    at_step: str | None = Field(
        None,
        max_length=32,
        description="Pause when the workflow reaches this step (default: its next safe point).",
    )
    ttl_s: int | None = Field(None, ge=10, le=3600)


class LiveAnswer(BaseModel):
    success: bool = True
    job_id: str
    live_url: str
    expires_at: datetime
    interactive: bool


class HandbackAnswer(BaseModel):
    success: bool = True
    job_id: str
    message: str


class ArtifactView(BaseModel):
    name: str
    size: int
    created_at: datetime
    media_type: str
    url: str


class ArtifactList(BaseModel):
    success: bool = True
    job_id: str
    artifacts: list[ArtifactView]


def _answer(link: LiveLink) -> LiveAnswer:
    return LiveAnswer(
        job_id=link.job_id,
        live_url=link.live_url,
        expires_at=link.expires_at,
        interactive=link.interactive,
    )


@router.post("/api/v1/jobs/{job_id}/live", response_model=LiveAnswer)
async def live_link(
    job_id: str = JOB_ID,
    body: LiveRequest | None = Body(None),
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> LiveAnswer:
    """A one-time URL (no API key inside) to watch the job's browser, or to drive it."""
    body = body or LiveRequest()
    link = await gofer.live.link(principal, job_id, interactive=body.interactive, ttl_s=body.ttl_s)
    return _answer(link)


@router.post("/api/v1/jobs/{job_id}/takeover", response_model=LiveAnswer)
async def takeover(
    job_id: str = JOB_ID,
    body: TakeoverRequest | None = Body(None),
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> LiveAnswer:
    """Pauses the job at its next safe point for a person; returns an interactive live URL."""
    body = body or TakeoverRequest()
    link = await gofer.live.take_over(
        principal, job_id, reason="takeover", at_step=body.at_step, ttl_s=body.ttl_s
    )
    return _answer(link)


@router.post("/api/v1/jobs/{job_id}/handback", response_model=HandbackAnswer)
async def handback(
    job_id: str = JOB_ID,
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> HandbackAnswer:
    """Ends a takeover: the job reads the page again and carries on."""
    await gofer.live.hand_back(principal, job_id)
    return HandbackAnswer(job_id=job_id, message="Handed back; the job carries on")


@router.get("/api/v1/jobs/{job_id}/artifacts", response_model=ArtifactList)
async def artifacts(
    job_id: str = JOB_ID,
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> ArtifactList:
    """Screenshots at each step, the page at failure, and Playwright traces of the job."""
    found = await gofer.live.artifact_list(principal, job_id)
    base = f"{gofer.settings.effective_public_base_url}/api/v1/jobs/{job_id}/artifacts"
    return ArtifactList(
        job_id=job_id,
        artifacts=[
            ArtifactView(
                name=a.name,
                size=a.size,
                created_at=a.created_at,
                media_type=a.media_type,
                url=f"{base}/{a.name}",
            )
            for a in found
        ],
    )


@router.get("/api/v1/jobs/{job_id}/artifacts/{name}", response_class=FileResponse)
async def artifact(
    job_id: str = JOB_ID,
    name: str = PathParam(..., max_length=100),
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> FileResponse:
    path = await gofer.live.artifact(principal, job_id, name)
    return FileResponse(
        path,
        media_type=media_type(name),
        filename=name,
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"},
    )


# --- the viewer page --------------------------------------------------------------------------


def _page_headers(gofer: Core) -> dict[str, str]:
    ancestors = " ".join(["'self'", *(o for o in allowed_origins(gofer.settings) if o != "*")])
    return {
        "Content-Security-Policy": (
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src data: blob:; "
            f"connect-src 'self' ws: wss:; frame-ancestors {ancestors}; base-uri 'none'"
        ),
        # The token is in the URL: it must not travel on to anywhere else.
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }


@router.get("/live/static/{name}", include_in_schema=False)
async def viewer_asset(name: str = PathParam(..., max_length=40)) -> Response:
    assets = {"viewer.js": "text/javascript", "viewer.css": "text/css"}
    if name not in assets:
        return Response(status_code=404)
    return FileResponse(STATIC / name, media_type=assets[name])


@router.get("/live/{token}", response_class=HTMLResponse, include_in_schema=False)
async def viewer_page(
    token: str = PathParam(..., max_length=100), gofer: Core = Depends(core)
) -> HTMLResponse:
    """The viewer, embeddable in an iframe of an allowed origin. The token is not used up here:
    the page's WebSocket uses it."""
    headers = _page_headers(gofer)
    try:
        grant = await gofer.live.tokens.peek(token)
    except TokenRefused as refused:
        body = (
            (STATIC / "refused.html").read_text().replace("{reason}", html.escape(refused.reason))
        )
        return HTMLResponse(body, status_code=404, headers=headers)
    page = (STATIC / "viewer.html").read_text()
    page = page.replace("{job_id}", html.escape(grant.job_id)).replace(
        "{mode}", "interactive" if grant.interactive else "view"
    )
    return HTMLResponse(page, headers=headers)


class _Channel:
    """The WebSocket as a viewer channel: text in and out; None once the client has gone."""

    def __init__(self, websocket: WebSocket) -> None:
        self._websocket = websocket

    async def send_text(self, text: str) -> None:
        await self._websocket.send_text(text)

    async def receive_text(self) -> str | None:
        message = await self._websocket.receive()
        if message["type"] == "websocket.disconnect":
            return None
        return str(message.get("text") or "")


@router.websocket("/ws/{job_id}/view")
async def view(websocket: WebSocket, job_id: str) -> None:
    """Frames of the job's browser; in interactive mode, the person's input goes back."""
    gofer = websocket_core(websocket)
    # Accepted first, so the client learns why it is refused (browsers hide pre-accept refusals).
    await websocket.accept()
    token = websocket.query_params.get("token", "")
    if not token or len(token) > 100:
        await websocket.close(code=CLOSE_UNAUTHORIZED, reason="A live token is required")
        return
    try:
        grant = await gofer.live.redeem(token)
    except TokenRefused as refused:
        await websocket.close(code=CLOSE_UNAUTHORIZED, reason=refused.reason)
        return
    job = await gofer.store.get(job_id)
    if grant.job_id != job_id or job is None or job.user_id != grant.user_id:
        await websocket.close(code=CLOSE_NOT_FOUND, reason="Job not found")
        return
    if job.state.terminal:
        await websocket.close(code=CLOSE_POLICY, reason="The job has ended")
        return
    try:
        await ViewerSession(gofer.settings, gofer.bus, grant).run(_Channel(websocket))
    except WebSocketDisconnect:
        return
    if websocket.client_state == WebSocketState.CONNECTED:
        await websocket.close(code=1000)
