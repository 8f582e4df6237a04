"""Per-user settings (language, voice, model), kept on the server so they follow a person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, cast

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gofer.accounts.tables import UserSettingsRow
from gofer.events.model import utc_now

UiLanguage = Literal["en", "sv", "vi"]
VoiceLanguage = Literal["vi", "en", "sv"]
Voice = Literal["default", "female", "male"]


@dataclass(frozen=True)
class UserSettings:
    language: UiLanguage
    voice_language: VoiceLanguage
    voice: Voice
    # An LLM model name for this person's conversations; "" means the server's default.
    model: str
    updated_at: datetime | None = None


class UserSettingsStore:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], default_voice_language: VoiceLanguage
    ) -> None:
        self._sessions = sessions
        self._default = UserSettings("en", default_voice_language, "default", "")

    async def get(self, user_id: str) -> UserSettings:
        """The user's settings, or the server's defaults when they never saved any."""
        async with self._sessions() as session:
            row = await session.get(UserSettingsRow, user_id)
        if row is None:
            return self._default
        return UserSettings(
            # Validated when written (PUT /api/v1/me/settings).
            language=cast(UiLanguage, row.language),
            voice_language=cast(VoiceLanguage, row.voice_language),
            voice=cast(Voice, row.voice),
            model=row.model,
            updated_at=row.updated_at,
        )

    async def put(self, user_id: str, chosen: UserSettings) -> UserSettings:
        now = utc_now()
        async with self._sessions.begin() as session:
            row = await session.get(UserSettingsRow, user_id)
            if row is None:
                row = UserSettingsRow(user_id=user_id)
                session.add(row)
            row.language = chosen.language
            row.voice_language = chosen.voice_language
            row.voice = chosen.voice
            row.model = chosen.model
            row.updated_at = now
        return UserSettings(
            chosen.language, chosen.voice_language, chosen.voice, chosen.model, updated_at=now
        )
