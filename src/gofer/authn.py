"""Bearer tokens to principals: the operator's admin key, and the resolvers every kind of token has."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, Sequence

from gofer.config import Settings
from gofer.principal import ADMIN_USER_ID, Principal

# A resolver turns a bearer token into a Principal, or None if the token is not its kind.
TokenResolver = Callable[[str], Awaitable[Principal | None]]


def admin_token(settings: Settings) -> str:
    """The admin key; in dev without one, a random key kept in the data folder for the CLI."""
    if settings.api_secret_token is not None:
        return settings.api_secret_token.get_secret_value()
    path = settings.data_dir / "dev_api_token"
    if path.exists():
        return path.read_text().strip()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    path.write_text(token + "\n")
    path.chmod(0o600)
    return token


class AdminTokenResolver:
    """The `API_SECRET_TOKEN`: the operator's key."""

    def __init__(self, token: str) -> None:
        self._token = token.encode()

    async def __call__(self, token: str) -> Principal | None:
        if hmac.compare_digest(token.encode(), self._token):
            return Principal(ADMIN_USER_ID, is_admin=True)
        return None


async def resolve(resolvers: Sequence[TokenResolver], token: str | None) -> Principal | None:
    if not token:
        return None
    for resolver in resolvers:
        principal = await resolver(token)
        if principal is not None:
            return principal
    return None
