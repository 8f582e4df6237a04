"""Request bodies of the forms replica and the checks that tie them to a form's fields."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from gofer.replicas.vpbank.catalog import FORMS, FormSpec
from gofer.replicas.vpbank.errors import ReplicaError
from gofer.replicas.vpbank.state import FormValues

MAX_TEXT_CHARS = 20_000
MAX_FILES = 50
MAX_FILE_NAME_CHARS = 255


class ValuesBody(BaseModel):
    """`{"values": {...}}`: every control by name, as the DOM strings; files as their names."""

    model_config = ConfigDict(extra="forbid")

    # Shapes are checked per field by `checked_values`, which can name the field it refuses.
    values: dict[str, Any]


def form_spec(form: str) -> FormSpec:
    spec = FORMS.get(form)
    if spec is None:
        raise ReplicaError(404, "unknown_form", f"There is no form called '{form[:40]}'.")
    return spec


def checked_values(spec: FormSpec, values: dict[str, Any]) -> FormValues:
    """The values if every name is a control of this form and each has the right shape."""
    for name, value in values.items():
        where = f"values.{name[:60]}"
        if name not in spec.field_names:
            error = f"The {spec.name} form has no field '{name[:60]}'."
            raise ReplicaError(422, "unknown_field", error, field=where)
        if spec.field(name).is_file:
            if not isinstance(value, list) or not all(isinstance(f, str) for f in value):
                raise ReplicaError(
                    422, "validation_error", f"'{name}' takes a list of file names.", field=where
                )
            if len(value) > MAX_FILES or any(len(f) > MAX_FILE_NAME_CHARS for f in value):
                raise ReplicaError(
                    422,
                    "validation_error",
                    f"'{name}' takes at most {MAX_FILES} file names of at most "
                    f"{MAX_FILE_NAME_CHARS} characters.",
                    field=where,
                )
        elif not isinstance(value, str):
            raise ReplicaError(422, "validation_error", f"'{name}' takes a string.", field=where)
        elif len(value) > MAX_TEXT_CHARS:
            raise ReplicaError(
                422,
                "validation_error",
                f"'{name}' is longer than {MAX_TEXT_CHARS} characters.",
                field=where,
            )
    return dict(values)
