"""What one forms turn is given: the message, the conversation's form state, and an optional form."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from gofer.workflows.forms.directory import FORMS, normalise_form_key

MAX_MESSAGE_CHARS = 4000
SESSION_KEY_PATTERN = r"^[A-Za-z0-9_-]{1,100}$"


class FormState(BaseModel):
    """A conversation's form as the agent knows it; the source of truth for `filled`/`missing`."""

    form: str | None = None
    values: dict[str, str] = Field(default_factory=dict)  # what the agent set and read back
    page_values: dict[str, str] = Field(default_factory=dict)  # every non-empty control, last seen
    step: int = Field(1, ge=1, le=100)
    turn: int = Field(0, ge=0, le=1_000_000)
    submissions: int = Field(0, ge=0, le=1_000_000)
    language: Literal["vi", "en"] | None = None  # the conversation's, from its last clear message


def checked_form_key(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    key = normalise_form_key(value)
    if key is None:
        raise ValueError(f"unknown form {value!r}; use one of {', '.join(FORMS)}")
    return key


class FormsFillParams(BaseModel):
    """One turn of a forms conversation."""

    model_config = ConfigDict(extra="forbid")

    message: str = Field(..., min_length=1, max_length=MAX_MESSAGE_CHARS)
    session_id: str | None = Field(None, pattern=SESSION_KEY_PATTERN)
    form: str | None = Field(
        None, max_length=64, description="Forces the form: " + ", ".join(FORMS)
    )
    state: FormState = Field(default_factory=FormState)
    language: Literal["vi", "en"] | None = Field(
        None, description="The conversation's language, for messages that do not show one."
    )
    timeout_s: float | None = Field(None, gt=0, le=3600, allow_inf_nan=False)
    model: str | None = Field(
        None,
        max_length=100,
        pattern=r"^[A-Za-z0-9._:/-]+$",
        description="The LLM model for this turn (the caller's setting); the server's if absent.",
    )

    @field_validator("message")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the message is empty")
        return value

    @field_validator("form")
    @classmethod
    def _known_form(cls, value: str | None) -> str | None:
        return checked_form_key(value)
