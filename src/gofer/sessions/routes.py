"""HTTP routes for conversation history: list a user's sessions and read one."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel

from gofer.api.auth import require_principal
from gofer.api.deps import core
from gofer.core import Core
from gofer.errors import Conflict, InvalidInput, NotFound
from gofer.lifecycle.erasure import ACTOR_ADMIN, ACTOR_OWNER, StillRunning
from gofer.principal import Principal
from gofer.sessions.store import MAX_PAGE, BadCursor, SessionDetail, SessionStore, SessionSummary

router = APIRouter(prefix="/api/sessions", tags=["sessions"])

SESSION_NOT_FOUND = NotFound("Session not found", "session_not_found")


def session_store(gofer: Core = Depends(core)) -> SessionStore:
    return gofer.sessions


class SessionList(BaseModel):
    success: bool = True
    sessions: list[SessionSummary]
    count: int
    last_evaluated_key: str | None


class SessionAnswer(BaseModel):
    success: bool = True
    session: SessionDetail


class SessionDeleted(BaseModel):
    success: bool = True
    session_id: str


SessionId = Path(..., min_length=1, max_length=64)


@router.get("", response_model=SessionList)
async def list_sessions(
    limit: int = Query(50, ge=1, le=MAX_PAGE),
    last_key: str | None = Query(
        None, max_length=512, description="`last_evaluated_key` of the previous page."
    ),
    principal: Principal = Depends(require_principal),
    store: SessionStore = Depends(session_store),
) -> SessionList:
    try:
        page = await store.list_for_user(
            None if principal.is_admin else principal.user_id, limit=limit, cursor=last_key
        )
    except BadCursor as exc:
        raise InvalidInput(
            "Invalid value for 'last_key': not a key from this API", "bad_cursor"
        ) from exc
    return SessionList(
        sessions=page.sessions, count=len(page.sessions), last_evaluated_key=page.next_cursor
    )


async def _visible(store: SessionStore, principal: Principal, session_id: str) -> SessionDetail:
    session = await store.get(session_id)
    # Someone else's session looks exactly like a missing one.
    if session is None or not principal.can_see(session.user_id):
        raise SESSION_NOT_FOUND
    return session


@router.get("/{session_id}", response_model=SessionAnswer)
async def get_session(
    session_id: str = SessionId,
    principal: Principal = Depends(require_principal),
    store: SessionStore = Depends(session_store),
) -> SessionAnswer:
    return SessionAnswer(session=await _visible(store, principal, session_id))


@router.delete("/{session_id}", response_model=SessionDeleted)
async def delete_session(
    session_id: str = SessionId,
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> SessionDeleted:
    """Erases the conversation, its form state and turns, and the jobs it started."""
    owner = await gofer.sessions.owner(session_id)
    if owner is None or not principal.can_see(owner):
        raise SESSION_NOT_FOUND
    try:
        await gofer.lifecycle.eraser.erase_session(
            session_id, ACTOR_ADMIN if principal.is_admin else ACTOR_OWNER
        )
    except StillRunning as exc:
        raise Conflict(
            "A job of this session is still running; wait for it or cancel it", "session_busy"
        ) from exc
    return SessionDeleted(session_id=session_id)
