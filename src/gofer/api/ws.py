"""Live job events over WebSocket: stored events after `?after=seq` first, then live ones."""

from __future__ import annotations

import asyncio
from typing import Any

import structlog
from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.websockets import WebSocketState

from gofer.api.auth import websocket_principal
from gofer.api.deps import websocket_core
from gofer.events.model import ENDING_EVENTS, QR_CODE_UPDATE, Event
from gofer.metrics import WEBSOCKET_CONNECTIONS

router = APIRouter()
log = structlog.get_logger("gofer.ws")

# Close codes in the application range: the client should not retry these.
CLOSE_UNAUTHORIZED = 4401
CLOSE_NOT_FOUND = 4404


def ws_message(event: Event) -> dict[str, Any]:
    """The envelope, with QR events also in the seed's `qr_update` shape."""
    message = event.envelope()
    if event.type == QR_CODE_UPDATE:
        message["type"] = "qr_update"
        message["event_type"] = QR_CODE_UPDATE
        message["image_data"] = event.data.get("image_data")
        message["qr_payload"] = event.data.get("qr_payload")
    return message


@router.websocket("/ws/{job_id}")
async def job_events(websocket: WebSocket, job_id: str) -> None:
    svc = websocket_core(websocket)
    principal = await websocket_principal(websocket)
    if principal is None:
        await websocket.close(code=CLOSE_UNAUTHORIZED, reason="Missing or invalid token")
        return
    job = await svc.store.get(job_id)
    if job is None or not principal.can_see(job.user_id):
        await websocket.close(code=CLOSE_NOT_FOUND, reason="Job not found")
        return
    try:
        after = max(0, int(websocket.query_params.get("after", "0")))
    except ValueError:
        await websocket.close(code=1008, reason="after must be a whole number")
        return
    await websocket.accept()
    WEBSOCKET_CONNECTIONS.inc()
    try:
        # Subscribe before replaying so nothing published during the replay is missed.
        async with svc.bus.subscribe(job_id) as subscription:
            last = await _send_stored(websocket, svc, job_id, after)
            if await _finished(svc, job_id, last):
                await websocket.close(code=1000)
                return
            while True:
                event = await _next_event_or_disconnect(websocket, subscription)
                if event is None:
                    return  # the client went away while the job was quiet
                replayed = subscription.lagged or event.seq > last + 1
                if replayed:
                    # Missed some live events: the store has them all, in order.
                    subscription.lagged = False
                    last = await _send_stored(websocket, svc, job_id, last)
                elif event.seq == last + 1:
                    await websocket.send_json(ws_message(event))
                    last = event.seq
                # Only an ending event (or a replay that may hold one) can finish the stream: no
                # database read on the QR relay path.
                ending = replayed or event.type in ENDING_EVENTS
                if ending and await _finished(svc, job_id, last):
                    await websocket.close(code=1000)
                    return
    except WebSocketDisconnect:
        pass
    finally:
        WEBSOCKET_CONNECTIONS.dec()
        if (
            websocket.application_state == WebSocketState.CONNECTED
            and websocket.client_state == WebSocketState.CONNECTED
        ):
            await websocket.close()


async def _next_event_or_disconnect(websocket: WebSocket, subscription: Any) -> Event | None:
    """The next live event, or None once the client disconnects (messages it sends are ignored)."""
    next_event = asyncio.ensure_future(subscription.get())
    try:
        while True:
            receive = asyncio.ensure_future(websocket.receive())
            done, _ = await asyncio.wait({next_event, receive}, return_when=asyncio.FIRST_COMPLETED)
            if receive in done:
                if receive.result()["type"] == "websocket.disconnect":
                    return None
                if next_event not in done:
                    continue
            else:
                receive.cancel()
            return next_event.result()
    finally:
        next_event.cancel()


async def _send_stored(websocket: WebSocket, svc: Any, job_id: str, after: int) -> int:
    last = after
    while True:
        batch = await svc.store.events_after(job_id, last, 500)
        for event in batch:
            await websocket.send_json(ws_message(event))
            last = event.seq
        if len(batch) < 500:
            return last


async def _finished(svc: Any, job_id: str, last_sent: int) -> bool:
    """True once the job has ended and the client has every event up to its last one."""
    job = await svc.store.get(job_id)
    return job is None or (job.state.terminal and last_sent >= job.last_seq)
