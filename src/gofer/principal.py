"""Who is acting: a user, or the operator with the admin key; owners see only their own things."""

from __future__ import annotations

from dataclasses import dataclass

ADMIN_USER_ID = "admin"


@dataclass(frozen=True)
class Principal:
    user_id: str
    is_admin: bool = False

    def can_see(self, owner_id: str) -> bool:
        return self.is_admin or self.user_id == owner_id
