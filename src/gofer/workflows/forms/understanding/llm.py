"""Optional help from an OpenAI-compatible chat model, checked by the same validators.

The model only proposes field values, through a JSON-schema structured output built from the
discovered fields. Every proposal is validated like any other value and must be grounded in the
message (no invented phone numbers, names or codes). Commands (submit, remove, clear, step) stay
deterministic. Any error or timeout gives None, and the caller keeps the deterministic result.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from ..schema import FormField, FormSchema
from .engine import understand
from .profiles import classify
from .questions import display_label
from .result import Understanding, is_visible
from .text import fold
from .validate import validate_value

if TYPE_CHECKING:
    from gofer.config import Settings


DEFAULT_MODEL = "default"


@dataclass(frozen=True)
class LlmConfig:
    """Where the model is. `api_key` may be empty for local servers."""

    base_url: str
    model: str
    api_key: str = ""
    timeout_s: float = 10.0


def config_from_settings(settings: Settings, model: str | None = None) -> LlmConfig | None:
    """The model configured in Settings (LLM_BASE_URL, LLM_MODEL, …), or None when it is off.

    LLM_BASE_URL alone turns it on: local OpenAI-compatible servers serve one model and take
    any name. `model` (a caller's own choice) replaces LLM_MODEL.
    """
    if not settings.llm_base_url:
        return None
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else ""
    return LlmConfig(
        base_url=settings.llm_base_url,
        model=model or settings.llm_model or DEFAULT_MODEL,
        api_key=key,
        timeout_s=settings.llm_timeout_s,
    )


_FORMAT_HINTS = {
    "phone": "10 digits starting with 0, e.g. 0912345678",
    "email": "lower-case e-mail address",
    "national_id": "12-digit CCCD or 9-digit CMND, digits only",
    "account": "digits only",
    "code": "code as given, letters upper case, e.g. KH12345",
    "money": "whole VND amount, digits only (500 triệu = 500000000)",
    "number": "number, digits only",
    "date": "YYYY-MM-DD",
    "datetime": "YYYY-MM-DDTHH:MM (24 h)",
    "time": "HH:MM (24 h)",
    "timeslot": "HH:MM (24 h)",
    "term": "number of months",
    "person_name": "full name with capitalised words",
}
_FILLABLE_TYPES = frozenset(
    {"text", "tel", "email", "textarea", "number", "date", "datetime-local", "time", "select"}
)


def _fillable(schema: FormSchema) -> list[FormField]:
    return [f for f in schema.fields if f.type in _FILLABLE_TYPES]


def response_format(schema: FormSchema) -> dict[str, Any]:
    """The `response_format` for structured output: one nullable string per field."""
    properties: dict[str, Any] = {}
    for field in _fillable(schema):
        kind = classify(field)
        description = display_label(field)
        if kind in _FORMAT_HINTS:
            description += f" — {_FORMAT_HINTS[kind]}"
        prop: dict[str, Any] = {"type": ["string", "null"], "description": description}
        if field.type == "select":
            values = [o.value for o in field.options if o.value]
            prop["enum"] = [*values, None]
            described = "; ".join(f"{o.value}={o.label}" for o in field.options if o.value)
            prop["description"] = f"{description} — one of: {described}"
        properties[field.name] = prop
    values_schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    return {
        "type": "json_schema",
        "json_schema": {
            "name": "form_values",
            "strict": True,
            "schema": {
                "type": "object",
                "properties": {"values": values_schema},
                "required": ["values"],
                "additionalProperties": False,
            },
        },
    }


def chat_messages(
    message: str, schema: FormSchema, *, today: dt.date, current: Mapping[str, str]
) -> list[dict[str, str]]:
    system = (
        "You fill a bank form from what a bank employee says (Vietnamese or English). "
        "Return only values the message states; use null for every field it does not mention. "
        "Never guess or invent a value. Use the formats in the schema descriptions and, for "
        f"selects, the option values. Today is {today.isoformat()} (Asia/Ho_Chi_Minh). "
        f"Form: {schema.title}."
    )
    known = {k: v for k, v in current.items() if v}
    user = f"Current values: {json.dumps(known, ensure_ascii=False)}\nMessage: {message}"
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


async def ask_model(
    message: str,
    schema: FormSchema,
    *,
    today: dt.date,
    current: Mapping[str, str],
    config: LlmConfig,
    client: httpx.AsyncClient | None = None,
) -> dict[str, Any] | None:
    """The model's proposed values (unchecked), or None on any error or timeout."""
    url = config.base_url.rstrip("/") + "/chat/completions"
    headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
    body = {
        "model": config.model,
        "temperature": 0,
        "messages": chat_messages(message, schema, today=today, current=current),
        "response_format": response_format(schema),
    }
    try:
        if client is None:
            async with httpx.AsyncClient(timeout=config.timeout_s) as own:
                response = await own.post(url, json=body, headers=headers)
        else:
            response = await client.post(url, json=body, headers=headers, timeout=config.timeout_s)
        response.raise_for_status()
        content = response.json()["choices"][0]["message"]["content"]
        parsed = json.loads(content) if isinstance(content, str) else content
        values = parsed["values"] if isinstance(parsed, dict) and "values" in parsed else parsed
        if not isinstance(values, dict):
            return None
        return values
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError):
        return None


def _grounded(kind: str, value: str, message: str) -> bool:
    """A proposed value must come from the message, not from the model's imagination."""
    low = fold(message)
    alnum = re.sub(r"[^a-z0-9]", "", low)
    if kind in ("phone", "national_id", "account"):
        digits = re.sub(r"\D", "", low)
        tail = value[-7:] if kind == "phone" else value
        return tail in digits or _spoken_digits(low).find(tail) >= 0
    if kind in ("email", "code", "person_name", "short_text", "free_text", "tags"):
        wanted = re.sub(r"[^a-z0-9]", "", fold(value))
        return (bool(wanted) and wanted in alnum) or _spoken_email_match(kind, value, low)
    return True  # dates, amounts, numbers and options are checked by the validators


_SPOKEN = {
    "khong": "0", "mot": "1", "hai": "2", "ba": "3", "bon": "4", "nam": "5", "sau": "6",
    "bay": "7", "tam": "8", "chin": "9", "zero": "0", "oh": "0", "one": "1", "two": "2",
    "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip


def _spoken_digits(low: str) -> str:
    return "".join(_SPOKEN.get(w, w if w.isdigit() else "") for w in re.findall(r"[a-z0-9]+", low))


def _spoken_email_match(kind: str, value: str, low: str) -> bool:
    if kind != "email" or "@" not in value:
        return False
    local, domain = value.split("@", 1)
    words = re.findall(r"[a-z0-9]+", low)
    joined = "".join(words)
    return re.sub(r"[^a-z0-9]", "", local) in joined and domain.split(".")[0] in words


def checked_proposals(
    proposals: Mapping[str, Any], message: str, schema: FormSchema, *, today: dt.date
) -> tuple[dict[str, str], dict[str, str]]:
    """(accepted values, refused field → reason) for the model's proposals."""
    accepted: dict[str, str] = {}
    refused: dict[str, str] = {}
    for name, raw in proposals.items():
        field = schema.get(name)
        if field is None or raw is None or field.type not in _FILLABLE_TYPES:
            continue
        if not isinstance(raw, str | int | float) or not str(raw).strip():
            continue
        value, reason = validate_value(field, str(raw), today=today)
        if value is None:
            refused[name] = reason
            continue
        if not _grounded(classify(field), value, message):
            refused[name] = "not_in_message"
            continue
        accepted[name] = value
    return accepted, refused


def merge(
    deterministic: Understanding,
    accepted: Mapping[str, str],
    schema: FormSchema,
    current: Mapping[str, str],
) -> Understanding:
    """Deterministic values win; checked model values only fill fields left open."""
    merged = Understanding(
        set_values=dict(deterministic.set_values),
        remove=list(deterministic.remove),
        clear_all=deterministic.clear_all,
        goto_step=deterministic.goto_step,
        submit=deterministic.submit,
        rejected=dict(deterministic.rejected),
        language=deterministic.language,
    )
    for name, value in accepted.items():
        if name in merged.set_values or name in merged.remove or name in merged.rejected:
            continue
        merged.set_values[name] = value
        field = schema.get(name)
        state = {**current, **merged.set_values}
        if field is not None and field.revealed_by and not is_visible(field, state):
            control, showing = field.revealed_by
            if len(showing) == 1 and control not in merged.set_values:
                merged.set_values[control] = showing[0]
    for text, fields in zip(deterministic.questions, deterministic.question_fields, strict=True):
        if fields and len(fields) == 1 and fields[0] in merged.set_values:
            continue
        if fields and len(fields) > 1 and any(f in accepted for f in fields):
            continue  # the model chose which field an ambiguous value belongs to
        merged.ask(text, fields)
    return merged


async def understand_with_llm(
    message: str,
    schema: FormSchema,
    *,
    today: dt.date,
    current: Mapping[str, str] | None = None,
    config: LlmConfig | None = None,
    client: httpx.AsyncClient | None = None,
    language: str = "vi",
) -> Understanding:
    """Deterministic understanding, completed by a configured model when it answers in time."""
    state = dict(current or {})
    deterministic = understand(message, schema, today=today, current=state, language=language)
    if config is None:
        return deterministic
    proposals = await ask_model(
        message, schema, today=today, current=state, config=config, client=client
    )
    if proposals is None:
        return deterministic
    accepted, _refused = checked_proposals(proposals, message, schema, today=today)
    return merge(deterministic, accepted, schema, state)
