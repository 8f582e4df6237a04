"""Voice routes: WebRTC offers (the seed's /offer and Pipecat's /api/offer), voice tokens, the
transcript WebSocket /ws, and the voice page."""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse, JSONResponse
from pipecat.transports.smallwebrtc.request_handler import (
    IceCandidate,
    SmallWebRTCPatchRequest,
    SmallWebRTCRequest,
)
from pydantic import BaseModel, ValidationError

from gofer.accounts.preferences import UserSettings
from gofer.api.auth import UNAUTHORIZED, bearer_token, require_principal
from gofer.api.errors import validation_details
from gofer.authn import resolve
from gofer.errors import InvalidInput, NotFound, Unavailable
from gofer.principal import Principal
from gofer.voice.call import CallChoices
from gofer.voice.hub import VoiceHub
from gofer.voice.metrics import OPERATION_DURATION
from gofer.voice.wording import LANGUAGES

router = APIRouter(tags=["voice"])
PAGE = Path(__file__).with_name("static") / "voice.html"
PING_INTERVAL_S = 30.0
CLOSE_UNAUTHORIZED, CLOSE_NOT_FOUND = 4401, 4404
OFFER_PATHS = ("/offer", "/api/offer")


def hub_of(request: Request | WebSocket) -> VoiceHub:
    hub = getattr(request.app.state, "voice", None)
    if hub is None:
        raise Unavailable("Voice is not running on this server", "voice_unavailable")
    return hub  # type: ignore[no-any-return]


def invalid_offer() -> JSONResponse:
    return JSONResponse(
        {"success": False, "error": "Invalid offer", "code": "invalid_offer"}, status_code=400
    )


async def voice_principal(request: Request | WebSocket, token: str | None) -> Principal | None:
    """A user's (or the admin's) bearer token, or a voice token minted for a logged-in user."""
    principal = await resolve(request.app.state.token_resolvers, token)
    if principal is None:
        hub = getattr(request.app.state, "voice", None)
        principal = hub.tokens.resolve(token) if hub is not None else None
    return principal


async def _caller(request: Request) -> Principal:
    token = bearer_token(request.headers.get("authorization")) or request.query_params.get("token")
    principal = await voice_principal(request, token)
    if principal is None:
        raise UNAUTHORIZED
    return principal


async def _json(request: Request) -> Any:
    try:
        return await request.json()
    except ValueError:
        return None


def _language(data: dict[str, Any], saved: UserSettings) -> str:
    """The offer's language if it names one, else the caller's saved call language."""
    extra = data.get("request_data") or data.get("requestData") or {}
    chosen = extra.get("language") if isinstance(extra, dict) else None
    chosen = chosen or data.get("language") or saved.voice_language
    if chosen not in LANGUAGES:
        raise InvalidInput(
            "Invalid value for 'request_data.language': choose vi, en or sv",
            "validation_error",
            details=[{"field": "request_data.language", "message": "choose vi, en or sv"}],
        )
    return str(chosen)


async def offer(request: Request) -> JSONResponse:
    """Answers a WebRTC offer and starts the call's bot (or renegotiates an existing call)."""
    started = time.perf_counter()
    hub = hub_of(request)
    principal = await _caller(request)
    data = await _json(request)
    if (
        not isinstance(data, dict)
        or data.get("type") != "offer"
        or not isinstance(data.get("sdp"), str)
        or not data["sdp"].startswith("v=0")
    ):
        return invalid_offer()
    pc_id = data.get("pc_id")
    if pc_id is not None:
        call = hub.calls.get(str(pc_id))
        if call is None or call.principal.user_id != principal.user_id:
            raise NotFound("Peer connection not found", "peer_connection_not_found")
    extra = data.get("request_data") or data.get("requestData") or {}
    extra = extra if isinstance(extra, dict) else {}
    session_id = extra.get("session_id")
    if session_id is not None:
        owner = await hub.backend.session_owner(str(session_id))
        if owner is None or (owner != principal.user_id and not principal.is_admin):
            raise NotFound("Session not found", "session_not_found")
    saved = await hub.backend.saved_settings(principal.user_id)
    language = _language(data, saved)
    webrtc_request = SmallWebRTCRequest(
        sdp=data["sdp"],
        type="offer",
        pc_id=pc_id,
        restart_pc=bool(data.get("restart_pc") or data.get("restartPc")),
        request_data=extra,
    )
    try:
        answer = await hub.offer(
            principal,
            webrtc_request,
            language,
            session_id,
            greet=extra.get("greet", True) is True,
            choices=CallChoices(voice=saved.voice, model=saved.model),
        )
    except (ValueError, RuntimeError):
        return invalid_offer()
    finally:
        OPERATION_DURATION.labels("offer").observe(time.perf_counter() - started)
    return JSONResponse(
        {
            "sdp": answer["sdp"],
            "type": "answer",
            "pc_id": answer["pc_id"],
            "session_id": answer["session_id"],
            "language": answer["language"],
            "voice": answer["voice"],
        }
    )


class CandidateBody(BaseModel):
    candidate: str = ""
    sdp_mid: str | None = None
    sdp_mline_index: int | None = None
    sdpMid: str | None = None
    sdpMLineIndex: int | None = None


class PatchBody(BaseModel):
    pc_id: str
    candidates: list[CandidateBody]


async def patch(request: Request) -> JSONResponse:
    """Trickle ICE: candidates for an existing peer connection of the caller."""
    hub = hub_of(request)
    principal = await _caller(request)
    try:
        body = PatchBody.model_validate(await _json(request))
    except ValidationError as exc:
        sentence, details = validation_details(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        )
        raise InvalidInput(sentence, "validation_error", details=details) from exc
    call = hub.calls.get(body.pc_id)
    if call is None or call.principal.user_id != principal.user_id:
        raise NotFound("Peer connection not found", "peer_connection_not_found")
    candidates = [
        IceCandidate(
            candidate=c.candidate,
            sdp_mid=c.sdp_mid or c.sdpMid or "0",
            sdp_mline_index=c.sdp_mline_index
            if c.sdp_mline_index is not None
            else (c.sdpMLineIndex or 0),
        )
        for c in body.candidates
    ]
    await hub.patch(SmallWebRTCPatchRequest(pc_id=body.pc_id, candidates=candidates))
    return JSONResponse({"success": True})


for _path in OFFER_PATHS:
    router.add_api_route(_path, offer, methods=["POST"], summary="WebRTC offer → answer")
    router.add_api_route(_path, patch, methods=["PATCH"], summary="Trickle ICE candidates")


class VoiceToken(BaseModel):
    token: str
    expires_in: int


@router.post("/api/voice/token", response_model=VoiceToken)
async def voice_token(
    request: Request, principal: Principal = Depends(require_principal)
) -> VoiceToken:
    """A short-lived token good only for /offer and /ws (e.g. for a browser page)."""
    hub = hub_of(request)
    return VoiceToken(token=hub.tokens.mint(principal), expires_in=hub.tokens.ttl_s)


@router.get("/voice", response_class=HTMLResponse, include_in_schema=False)
async def voice_page() -> HTMLResponse:
    """The minimal voice page (public: it holds no data; it asks for a token to call)."""
    return HTMLResponse(PAGE.read_text())


@router.websocket("/ws")
async def transcripts(websocket: WebSocket) -> None:
    """The caller's own voice session: transcripts and task results, replayed after `after`."""
    await websocket.accept()
    token = bearer_token(websocket.headers.get("authorization")) or websocket.query_params.get(
        "token"
    )
    principal = await voice_principal(websocket, token)
    if principal is None:
        await websocket.close(code=CLOSE_UNAUTHORIZED, reason="Missing or invalid token")
        return
    hub = getattr(websocket.app.state, "voice", None)
    session_id = websocket.query_params.get("session_id")
    call = hub.sessions.get(session_id or "") if hub is not None else None
    if call is None or call.principal.user_id != principal.user_id:
        await websocket.close(code=CLOSE_NOT_FOUND, reason="Voice session not found")
        return
    try:
        after = int(websocket.query_params.get("after", "0"))
    except ValueError:
        await websocket.close(code=1008, reason="after must be a whole number")
        return
    async with call.transcript.subscribe(after) as queue:
        while True:
            try:
                item = await asyncio.wait_for(queue.get(), PING_INTERVAL_S)
            except TimeoutError:
                item = {"type": "ping"}
            if item is None:
                break
            try:
                await websocket.send_json(item)
            except (WebSocketDisconnect, RuntimeError):
                return
    with contextlib.suppress(RuntimeError):
        await websocket.close(code=1000)
