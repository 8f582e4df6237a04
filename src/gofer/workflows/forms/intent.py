"""The seam to the language understanding: one call in, one plain intent out."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gofer.config import Settings
    from gofer.workflows.forms.schema import FormSchema


@dataclass
class TurnIntent:
    """What a message asks of the form."""

    set_values: dict[str, str] = field(default_factory=dict)
    remove: list[str] = field(default_factory=list)
    clear_all: bool = False
    goto_step: int | None = None
    submit: bool = False
    questions: list[str] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)
    language: str | None = None  # "vi" or "en", when the understanding says

    @property
    def touches_page(self) -> bool:
        return bool(
            self.set_values
            or self.remove
            or self.clear_all
            or self.goto_step is not None
            or self.submit
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "set": dict(self.set_values),
            "remove": list(self.remove),
            "clear_all": self.clear_all,
            "goto_step": self.goto_step,
            "submit": self.submit,
            "rejected": dict(self.rejected),
        }


async def understand_turn(
    message: str,
    schema: FormSchema,
    *,
    today: dt.date,
    current: dict[str, str],
    settings: Settings,
    language: str = "vi",
    model: str | None = None,
) -> TurnIntent:
    """Runs the rules, completed by the model when LLM_BASE_URL and LLM_MODEL are set."""
    from gofer.workflows.forms.understanding import understand
    from gofer.workflows.forms.understanding.llm import config_from_settings, understand_with_llm

    config = config_from_settings(settings, model)
    if config is None:
        found = await asyncio.to_thread(
            understand, message, schema, today=today, current=current, language=language
        )
    else:
        found = await understand_with_llm(
            message, schema, today=today, current=current, config=config, language=language
        )
    known = set(f.name for f in schema.fields)
    return TurnIntent(
        set_values={k: str(v) for k, v in dict(found.set_values).items() if k in known},
        remove=[name for name in found.remove if name in known],
        clear_all=bool(found.clear_all),
        goto_step=found.goto_step,
        submit=bool(found.submit),
        questions=list(found.questions),
        rejected={k: str(v) for k, v in dict(found.rejected).items()},
        language=getattr(found, "language", None),
    )


def missing_fields(schema: FormSchema, current: dict[str, str]) -> list[str]:
    """Fields the form expects that hold no value yet, in page order."""
    from gofer.workflows.forms.understanding import missing

    return list(missing(schema, current))
