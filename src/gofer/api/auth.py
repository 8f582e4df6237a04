"""Who is calling: the bearer token resolved to a Principal by the core's resolvers."""

from __future__ import annotations

from fastapi import Request, WebSocket

from gofer.authn import resolve
from gofer.errors import NotAuthenticated
from gofer.principal import Principal


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


UNAUTHORIZED = NotAuthenticated(
    "Missing or invalid bearer token",
    "unauthorized",
    headers={"WWW-Authenticate": "Bearer"},
)


async def require_principal(request: Request) -> Principal:
    """FastAPI dependency for every non-public route."""
    token = bearer_token(request.headers.get("authorization"))
    principal = await resolve(request.app.state.token_resolvers, token)
    if principal is None:
        raise UNAUTHORIZED
    request.state.principal = principal
    return principal


async def websocket_principal(websocket: WebSocket) -> Principal | None:
    """WebSockets take the token from the Authorization header or the `token` query parameter."""
    token = bearer_token(websocket.headers.get("authorization")) or websocket.query_params.get(
        "token"
    )
    return await resolve(websocket.app.state.token_resolvers, token)
