"""Live job events over WebSocket: stored events after `?after=seq` first, then live ones."""

from __future__ import annotations

import re

import anyio
import structlog
from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.websockets import WebSocketState

from gofer.api.auth import websocket_principal
from gofer.api.deps import websocket_core
from gofer.api.ws_messages import ws_frame, ws_message
from gofer.core import Core
from gofer.events.bus import Gap, Subscription
from gofer.events.model import ENDING_EVENTS
from gofer.metrics import WEBSOCKET_CONNECTIONS

__all__ = ["router", "ws_message"]  # ws_message: the frame shape, for callers that build one

router = APIRouter()
log = structlog.get_logger("gofer.ws")

# Close codes in the application range: the client should not retry these as they are.
CLOSE_UNAUTHORIZED = 4401  # sign in again
CLOSE_NOT_FOUND = 4404  # no such job for this caller
CLOSE_POLICY = 1008  # a bad request (e.g. `after`)
MAX_SEQ = 2**63 - 1  # seq is a 64-bit integer in the database
_WHOLE_NUMBER = re.compile(r"[0-9]{1,19}")
_REPLAY_BATCH = 500


class Refusal(Exception):
    """Why a connection is closed right after it is accepted."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def parse_after(raw: str | None) -> int:
    """The `after` query value: a whole number from 0 to 2^63-1 (a seq the client has seen)."""
    if raw is None or raw == "":
        return 0
    if not _WHOLE_NUMBER.fullmatch(raw) or int(raw) > MAX_SEQ:
        raise Refusal(CLOSE_POLICY, f"after must be a whole number from 0 to {MAX_SEQ}")
    return int(raw)


@router.websocket("/ws/{job_id}")
async def job_events(websocket: WebSocket, job_id: str) -> None:
    # Accept first: a refusal before the handshake reaches clients only as a bare HTTP 403,
    # while a close code lets them tell "sign in again" (4401) from "no such job" (4404).
    await websocket.accept()
    svc = websocket_core(websocket)
    try:
        after = await _admit(websocket, svc, job_id)
    except Refusal as refusal:
        await websocket.close(code=refusal.code, reason=refusal.reason)
        return
    WEBSOCKET_CONNECTIONS.inc()
    try:
        # Subscribe before replaying so nothing published during the replay is missed.
        async with svc.bus.subscribe(job_id) as subscription, anyio.create_task_group() as tasks:
            # Two tasks for the connection's life: the sender, and a watcher that notices the
            # client leaving while the job is quiet. Whichever ends first ends the other.
            async def send_events() -> None:
                await _stream(websocket, svc, job_id, after, subscription)
                tasks.cancel_scope.cancel()

            async def watch_client() -> None:
                await _client_left(websocket)
                tasks.cancel_scope.cancel()

            tasks.start_soon(send_events)
            tasks.start_soon(watch_client)
    except* WebSocketDisconnect:
        pass  # the client went away mid-send
    finally:
        WEBSOCKET_CONNECTIONS.dec()
        if (
            websocket.application_state == WebSocketState.CONNECTED
            and websocket.client_state == WebSocketState.CONNECTED
        ):
            await websocket.close()


async def _admit(websocket: WebSocket, svc: Core, job_id: str) -> int:
    """The `after` seq to replay from, once the caller may see the job; else a `Refusal`."""
    principal = await websocket_principal(websocket)
    if principal is None:
        raise Refusal(CLOSE_UNAUTHORIZED, "Missing or invalid token")
    job = await svc.store.get(job_id)
    if job is None or not principal.can_see(job.user_id):
        raise Refusal(CLOSE_NOT_FOUND, "Job not found")
    return parse_after(websocket.query_params.get("after"))


async def _stream(
    websocket: WebSocket, svc: Core, job_id: str, after: int, subscription: Subscription
) -> None:
    """Sends stored events, then live ones without gaps or repeats; closes 1000 at the job's end."""
    last = await _send_stored(websocket, svc, job_id, after)
    if await _finished(svc, job_id, last):
        await websocket.close(code=1000)
        return
    async for item in subscription:
        if isinstance(item, Gap) or item.seq > last + 1:
            # Missed some live events (this client lagged): the store has them all, in order.
            last = await _send_stored(websocket, svc, job_id, last)
            ending = True
        elif item.seq == last + 1:
            await websocket.send_text(ws_frame(item))
            last = item.seq
            ending = item.type in ENDING_EVENTS
        else:
            continue  # already sent by a replay
        # Only an ending event (or a replay that may hold one) can finish the stream: no
        # database read on the QR relay path.
        if ending and await _finished(svc, job_id, last):
            await websocket.close(code=1000)
            return


async def _client_left(websocket: WebSocket) -> None:
    """Returns once the client disconnects; messages it sends are ignored."""
    while (await websocket.receive())["type"] != "websocket.disconnect":
        pass


async def _send_stored(websocket: WebSocket, svc: Core, job_id: str, after: int) -> int:
    last = after
    while True:
        batch = await svc.store.events_after(job_id, last, _REPLAY_BATCH)
        for event in batch:
            await websocket.send_text(ws_frame(event))
            last = event.seq
        if len(batch) < _REPLAY_BATCH:
            return last


async def _finished(svc: Core, job_id: str, last_sent: int) -> bool:
    """True once the job has ended and the client has every event up to its last one."""
    job = await svc.store.get(job_id)
    return job is None or (job.state.terminal and last_sent >= job.last_seq)
