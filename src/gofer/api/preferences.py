"""Your own settings: the UI's language, and the language, voice and model of your voice calls."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from gofer.accounts.preferences import UiLanguage, UserSettings, Voice, VoiceLanguage
from gofer.api.auth import require_principal
from gofer.api.deps import core
from gofer.core import Core
from gofer.principal import Principal

router = APIRouter(prefix="/api/v1/me", tags=["settings"])

# A model name as OpenAI-compatible servers spell them (gpt-4o-mini, llama3.1:8b, org/model).
MODEL_PATTERN = r"^$|^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$"


class SettingsBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: UiLanguage = Field(description="Language of the web UI.")
    voice_language: VoiceLanguage = Field(description="Language spoken in your voice calls.")
    voice: Voice = Field(description="The voice that speaks to you in calls.")
    model: str = Field(
        "",
        max_length=100,
        pattern=MODEL_PATTERN,
        description="The language model for your conversations; empty for the server's default.",
    )


class SettingsView(BaseModel):
    success: bool = True
    language: UiLanguage
    voice_language: VoiceLanguage
    voice: Voice
    model: str
    updated_at: datetime | None = Field(None, description="Null until you first save them.")


def _view(found: UserSettings) -> SettingsView:
    return SettingsView(
        language=found.language,
        voice_language=found.voice_language,
        voice=found.voice,
        model=found.model,
        updated_at=found.updated_at,
    )


@router.get("/settings", response_model=SettingsView)
async def get_settings(
    principal: Principal = Depends(require_principal), gofer: Core = Depends(core)
) -> SettingsView:
    """Your settings (the server's defaults until you save your own)."""
    return _view(await gofer.user_settings.get(principal.user_id))


@router.put("/settings", response_model=SettingsView)
async def put_settings(
    body: SettingsBody,
    principal: Principal = Depends(require_principal),
    gofer: Core = Depends(core),
) -> SettingsView:
    """Replaces your settings; every field is checked, and an unknown one is refused."""
    chosen = UserSettings(body.language, body.voice_language, body.voice, body.model)
    return _view(await gofer.user_settings.put(principal.user_id, chosen))
