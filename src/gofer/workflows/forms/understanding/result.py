"""What a message means for a form: values to set, fields to remove, commands and questions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..schema import FormField, FormSchema


@dataclass
class Understanding:
    """The outcome of understanding one message.

    `set_values` holds DOM strings in the form's conventions (option values, digits, ISO dates).
    The filler applies, in order: `clear_all`, `remove`, `set_values`, `goto_step`, then
    `submit` (only ever true on an explicit request). `questions` are asked back, in the
    message's language; `rejected` says per field why a value was refused.
    """

    set_values: dict[str, str] = field(default_factory=dict)
    remove: list[str] = field(default_factory=list)
    clear_all: bool = False
    goto_step: int | None = None
    submit: bool = False
    questions: list[str] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)
    language: str = "vi"
    # Fields each question is about, parallel to `questions` (lets a helper resolve them).
    question_fields: list[tuple[str, ...]] = field(default_factory=list)

    def ask(self, text: str, fields: tuple[str, ...] = ()) -> None:
        if text not in self.questions:
            self.questions.append(text)
            self.question_fields.append(fields)

    def apply_to(self, values: Mapping[str, str]) -> dict[str, str]:
        """The field values after this understanding, the way the filler changes the page."""
        result = {} if self.clear_all else dict(values)
        for name in self.remove:
            result.pop(name, None)
        result.update(self.set_values)
        return result

    def to_dict(self) -> dict[str, Any]:
        return {
            "set_values": dict(self.set_values),
            "remove": list(self.remove),
            "clear_all": self.clear_all,
            "goto_step": self.goto_step,
            "submit": self.submit,
            "questions": list(self.questions),
            "rejected": dict(self.rejected),
            "language": self.language,
        }


def is_visible(field: FormField, values: Mapping[str, str]) -> bool:
    """Whether a field shows, given the current values of the fields that reveal it."""
    if field.revealed_by is None:
        return field.visible
    control, showing = field.revealed_by
    return values.get(control, "") in showing


def missing(schema: FormSchema, current: Mapping[str, str]) -> list[str]:
    """Visible fields (by the current values) that are still empty; file inputs excluded."""
    return [
        f.name
        for f in schema.fields
        if f.type != "file" and is_visible(f, current) and not str(current.get(f.name, "")).strip()
    ]
