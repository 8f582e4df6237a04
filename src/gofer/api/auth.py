"""Who is calling: bearer tokens resolved to a Principal; the admin key sees everything."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import Request, Security, WebSocket
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from gofer.api.errors import ApiError


@dataclass(frozen=True)
class Principal:
    user_id: str
    is_admin: bool = False

    def can_see(self, owner_id: str) -> bool:
        return self.is_admin or self.user_id == owner_id


ADMIN_USER_ID = "admin"

# A resolver turns a bearer token into a Principal, or None if the token is not its kind.
TokenResolver = Callable[[str], Awaitable[Principal | None]]


class AdminTokenResolver:
    """The `API_SECRET_TOKEN`: the operator's key."""

    def __init__(self, token: str) -> None:
        self._token = token.encode()

    async def __call__(self, token: str) -> Principal | None:
        if hmac.compare_digest(token.encode(), self._token):
            return Principal(ADMIN_USER_ID, is_admin=True)
        return None


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


async def resolve(resolvers: list[TokenResolver], token: str | None) -> Principal | None:
    if not token:
        return None
    for resolver in resolvers:
        principal = await resolver(token)
        if principal is not None:
            return principal
    return None


UNAUTHORIZED = ApiError(
    401,
    "Missing or invalid bearer token",
    "unauthorized",
    headers={"WWW-Authenticate": "Bearer"},
)


# Declared for OpenAPI (the Authorize button, and `security` on each protected operation); the
# header is still read by `bearer_token` below, which also accepts what HTTPBearer would not.
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
