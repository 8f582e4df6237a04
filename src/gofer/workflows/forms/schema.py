"""Form schemas discovered from a live page: fields, labels, options, wizard steps and visibility."""

from __future__ import annotations

import json
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, Literal

FieldType = Literal[
    "text",
    "tel",
    "email",
    "textarea",
    "number",
    "date",
    "datetime-local",
    "time",
    "select",
    "file",
]
FIELD_TYPES: frozenset[str] = frozenset(
    (
        "text",
        "tel",
        "email",
        "textarea",
        "number",
        "date",
        "datetime-local",
        "time",
        "select",
        "file",
    )
)


@dataclass(frozen=True)
class FieldOption:
    """One `<option>` of a select: the value written to the DOM and the label shown."""

    value: str
    label: str

    def to_dict(self) -> dict[str, str]:
        return {"value": self.value, "label": self.label}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FieldOption:
        return cls(value=str(data["value"]), label=str(data.get("label", "")))


@dataclass(frozen=True)
class FormField:
    """One control of a form, as discovered from the DOM.

    `step` is the wizard step (1-based). `visible` says whether the field is shown when the
    page loads, ignoring which wizard step is open. `revealed_by` names the controlling field and
    the values that show this field. `min_value`/`max_value`/`step_value` are the numeric
    `min`/`max`/`step` attributes when present.
    """

    name: str
    label: str
    type: FieldType
    options: tuple[FieldOption, ...] = ()
    step: int = 1
    placeholder: str = ""
    visible: bool = True
    revealed_by: tuple[str, tuple[str, ...]] | None = None
    min_value: float | None = None
    max_value: float | None = None
    step_value: float | None = None
    multiple: bool = False

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"unknown field type {self.type!r} for field {self.name!r}")
        if not self.name:
            raise ValueError("a field needs a name")

    def option_values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "label": self.label,
            "type": self.type,
            "step": self.step,
            "placeholder": self.placeholder,
            "visible": self.visible,
        }
        if self.options:
            data["options"] = [option.to_dict() for option in self.options]
        if self.revealed_by is not None:
            data["revealed_by"] = {
                "field": self.revealed_by[0],
                "values": list(self.revealed_by[1]),
            }
        for key in ("min_value", "max_value", "step_value"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.multiple:
            data["multiple"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FormField:
        revealed = data.get("revealed_by")
        revealed_by: tuple[str, tuple[str, ...]] | None = None
        if isinstance(revealed, dict):
            revealed_by = (str(revealed["field"]), tuple(str(v) for v in revealed["values"]))
        elif isinstance(revealed, list | tuple) and len(revealed) == 2:
            revealed_by = (str(revealed[0]), tuple(str(v) for v in revealed[1]))
        return cls(
            name=str(data["name"]),
            label=str(data.get("label", "")),
            type=data.get("type", "text"),
            options=tuple(FieldOption.from_dict(o) for o in data.get("options", ())),
            step=int(data.get("step", 1)),
            placeholder=str(data.get("placeholder", "")),
            visible=bool(data.get("visible", True)),
            revealed_by=revealed_by,
            min_value=_optional_float(data.get("min_value")),
            max_value=_optional_float(data.get("max_value")),
            step_value=_optional_float(data.get("step_value")),
            multiple=bool(data.get("multiple", False)),
        )


@dataclass(frozen=True)
class FormSchema:
    """Everything the understanding needs to know about one form."""

    form_id: str
    title: str
    fields: tuple[FormField, ...]
    steps: int = 1
    _by_name: dict[str, FormField] = dataclass_field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(names) != len(set(names)):
            raise ValueError(f"duplicate field names in form {self.form_id!r}")
        self._by_name.update({f.name: f for f in self.fields})

    def get(self, name: str) -> FormField | None:
        return self._by_name.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def to_dict(self) -> dict[str, Any]:
        return {
            "form_id": self.form_id,
            "title": self.title,
            "steps": self.steps,
            "fields": [f.to_dict() for f in self.fields],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FormSchema:
        return cls(
            form_id=str(data["form_id"]),
            title=str(data.get("title", "")),
            fields=tuple(FormField.from_dict(f) for f in data.get("fields", ())),
            steps=int(data.get("steps", 1)),
        )

    @classmethod
    def from_json(cls, text: str) -> FormSchema:
        return cls.from_dict(json.loads(text))


def _optional_float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    return float(value)
