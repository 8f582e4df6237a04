"""Logged-in sessions keyed by the `FpsExternalIdentity` cookie, and forced expiry (spec §4, §7)."""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from .config import ReplicaConfig

ExpiryStyle = Literal["login_required", "status_401", "html"]

SESSION_ID_ALPHABET = string.ascii_lowercase + string.digits


def new_session_id() -> str:
    """An `ASP.NET_SessionId`: 24 lowercase letters and digits."""
    return "".join(secrets.choice(SESSION_ID_ALPHABET) for _ in range(24))


def new_identity() -> str:
    """An `FpsExternalIdentity`: 128 hex characters."""
    return secrets.token_hex(64)


def normalise_ssn(value: str) -> str:
    """Personnummer compared without the hyphen (and surrounding spaces)."""
    return value.strip().replace("-", "")


@dataclass
class Doom:
    """A forced expiry: the login survives `calls_left` more authenticated calls."""

    calls_left: int
    style: ExpiryStyle


@dataclass
class Login:
    ssn: str
    identity: str
    logged_in_at: datetime
    last_activity: datetime
    previous_identities: list[str] = field(default_factory=list)
    doom: Doom | None = None

    def expires_at(self, config: ReplicaConfig) -> datetime:
        anchor = self.last_activity if config.session_mode == "sliding" else self.logged_in_at
        return anchor + timedelta(minutes=config.session_minutes)

    @property
    def dying(self) -> bool:
        return self.doom is not None and self.doom.calls_left <= 0


@dataclass
class PendingDoom:
    who: str  # "all" or a normalised personnummer
    calls_left: int
    style: ExpiryStyle


class LoginStore:
    """Who is logged in. The server alone decides expiry; cookie edits change nothing."""

    # Identities a sliding session keeps accepting after rotation, for requests in flight.
    KEEP_PREVIOUS = 3

    def __init__(self) -> None:
        self._by_identity: dict[str, Login] = {}
        self._pending: list[PendingDoom] = []

    def clear(self) -> None:
        self._by_identity.clear()
        self._pending.clear()

    def logins(self) -> list[Login]:
        unique = {id(login): login for login in self._by_identity.values()}
        return list(unique.values())

    def login(self, ssn: str, now: datetime) -> Login:
        login = Login(ssn=ssn, identity=new_identity(), logged_in_at=now, last_activity=now)
        self._by_identity[login.identity] = login
        for pending in list(self._pending):
            if pending.who in ("all", ssn):
                login.doom = Doom(pending.calls_left, pending.style)
                self._pending.remove(pending)
                break
        return login

    def lookup(self, identity: str | None, now: datetime, config: ReplicaConfig) -> Login | None:
        if not identity:
            return None
        login = self._by_identity.get(identity)
        if login is None:
            return None
        if now >= login.expires_at(config):
            self.remove(login)
            return None
        return login

    def remove(self, login: Login) -> None:
        for identity in (login.identity, *login.previous_identities):
            if self._by_identity.get(identity) is login:
                del self._by_identity[identity]

    def rotate(self, login: Login) -> str:
        """Give a sliding session a new identity; recent old ones stay valid briefly."""
        login.previous_identities = [login.identity, *login.previous_identities]
        for stale in login.previous_identities[self.KEEP_PREVIOUS :]:
            self._by_identity.pop(stale, None)
        login.previous_identities = login.previous_identities[: self.KEEP_PREVIOUS]
        login.identity = new_identity()
        self._by_identity[login.identity] = login
        return login.identity

    def doom(self, who: str, after_calls: int, style: ExpiryStyle) -> int:
        """Schedule expiry for current logins of `who`; if none, for the next such login."""
        target = "all" if who == "all" else normalise_ssn(who)
        affected = 0
        for login in self.logins():
            if target in ("all", login.ssn):
                login.doom = Doom(after_calls, style)
                affected += 1
        if affected == 0:
            self._pending.append(PendingDoom(target, after_calls, style))
        return affected
