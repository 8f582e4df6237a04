"""Forms evaluation cases: one JSON object per line, validated with the line it came from."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from gofer.workflows.forms.directory import FORMS


class FormCase(BaseModel):
    """A conversation and what the replica must hold after it."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(..., min_length=1)
    form: str
    mode: Literal["one_shot", "incremental"] = "one_shot"
    messages: list[str] = Field(..., min_length=1)
    expected: dict[str, str] = Field(default_factory=dict)
    must_not_fill: list[str] = Field(default_factory=list)
    submit: bool = False
    # Fields the message leaves ambiguous: they must stay empty and the reply must ask.
    ask: list[str] = Field(default_factory=list)
    # The clock the case was written against (relative dates); the agent's "today" comes from it.
    now: dt.datetime | None = None
    tags: list[str] = Field(default_factory=list)

    @property
    def today(self) -> dt.date | None:
        """The case's own date in Vietnam, when it names a clock."""
        if self.now is None:
            return None
        if self.now.tzinfo is None:
            return self.now.date()
        return self.now.astimezone(dt.timezone(dt.timedelta(hours=7))).date()

    @field_validator("form")
    @classmethod
    def _known_form(cls, value: str) -> str:
        if value not in FORMS:
            raise ValueError(f"unknown form {value!r}; use one of {', '.join(FORMS)}")
        return value


class BadCaseFile(Exception):
    """A case file that cannot be read; the message names the line."""


def load_cases(path: Path) -> list[FormCase]:
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise BadCaseFile(f"cannot read {path}: {exc.strerror}") from exc
    cases: list[FormCase] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            case = FormCase.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            raise BadCaseFile(f"{path}:{number}: not JSON ({exc.msg})") from exc
        except (ValidationError, ValueError) as exc:
            raise BadCaseFile(f"{path}:{number}: {exc}") from exc
        if case.id in seen:
            raise BadCaseFile(f"{path}:{number}: duplicate case id {case.id!r}")
        seen.add(case.id)
        cases.append(case)
    if not cases:
        raise BadCaseFile(f"{path}: no cases")
    return cases
