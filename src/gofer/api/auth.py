"""Who is calling: the bearer token resolved to a Principal by the core's resolvers."""

from __future__ import annotations

from fastapi import Request, Security, WebSocket
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

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


# Declared for OpenAPI (the Authorize button, and `security` on each protected operation); the
# header is still read by `bearer_token` above, which also accepts what HTTPBearer would not.
BEARER_SCHEME = HTTPBearer(
    auto_error=False,
    scheme_name="bearerAuth",
    description="The admin token, a user's access token (POST /api/auth/login) or an API key.",
)


async def require_principal(
    request: Request, _declared: HTTPAuthorizationCredentials | None = Security(BEARER_SCHEME)
) -> Principal:
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
