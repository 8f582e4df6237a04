"""What the agent says back after a turn: a one-line result and, if needed, the next question."""

from __future__ import annotations

from dataclasses import dataclass, field

from gofer.workflows.forms.directory import FORMS
from gofer.workflows.forms.schema import FormSchema
from gofer.workflows.forms.understanding.questions import display_label, message_language

MAX_ASKED = 3


def language_of(message: str, fallback: str = "vi") -> str:
    """ "vi" or "en": the message's own language, else the conversation's (`fallback`)."""
    return message_language(message) or fallback


def form_title(key: str, language: str) -> str:
    known = FORMS.get(key)
    if known is None:
        return key
    return known.title_vi if language == "vi" else known.title_en


def which_form_question(language: str) -> str:
    names = [form_title(key, language) for key in FORMS]
    if language == "vi":
        return f"Bạn muốn điền mẫu nào: {', '.join(names[:-1])} hay {names[-1]}?"
    return f"Which form should I fill: {', '.join(names[:-1])} or {names[-1]}?"


def _labels(schema: FormSchema, names: list[str], language: str) -> list[str]:
    labels = []
    for name in names:
        spec = schema.get(name)
        labels.append(display_label(spec, language) if spec else name)
    return labels


@dataclass
class TurnOutcome:
    """The facts a reply is made of."""

    form: str
    schema: FormSchema
    written: list[str]
    removed: list[str]
    cleared: bool
    submitted: bool
    submit_message: str
    submit_blocked: str
    step: int
    missing: list[str]
    questions: list[str]
    mismatches: list[str]
    skipped: dict[str, str]
    moved_to: int | None = None
    # Fields the message named whose value could not be used (field → why, as a question).
    rejected: dict[str, str] = field(default_factory=dict)


def summary(outcome: TurnOutcome, language: str) -> str:
    o = outcome
    title = form_title(o.form, language)
    vi = language == "vi"
    parts: list[str] = []
    if o.cleared:
        parts.append("Đã xóa toàn bộ biểu mẫu." if vi else "Cleared the whole form.")
    if o.written:
        count = len(o.written)
        parts.append(
            f"Đã điền {count} trường trên {title}."
            if vi
            else f"Filled {count} field(s) on the {title}."
        )
    if o.removed:
        names = ", ".join(_labels(o.schema, o.removed, language))
        parts.append(f"Đã xóa: {names}." if vi else f"Removed: {names}.")
    if o.mismatches:
        names = ", ".join(_labels(o.schema, o.mismatches, language))
        parts.append(
            f"Không ghi đúng được: {names}." if vi else f"Could not set correctly: {names}."
        )
    not_set = [n for n in o.rejected if n not in o.written]
    if not_set:
        names = ", ".join(_labels(o.schema, not_set, language))
        parts.append(f"Chưa điền được: {names}." if vi else f"Not filled: {names}.")
    if o.submitted:
        confirmation = f" ({o.submit_message})" if o.submit_message else ""
        parts.append(f"Đã gửi đơn{confirmation}." if vi else f"Submitted the form{confirmation}.")
    elif o.submit_blocked:
        parts.append(o.submit_blocked)
    if o.moved_to is not None and not o.submitted:
        parts.append(f"Đã chuyển sang bước {o.step}." if vi else f"Moved to step {o.step}.")
    if not parts:
        parts.append(f"Không có thay đổi nào trên {title}." if vi else f"No change to the {title}.")
    if not o.submitted and o.schema.steps > 1 and o.moved_to is None:
        parts.append(
            f"Đang ở bước {o.step}/{o.schema.steps}."
            if vi
            else f"At step {o.step} of {o.schema.steps}."
        )
    return " ".join(parts)


def next_question(outcome: TurnOutcome, language: str) -> str | None:
    o = outcome
    vi = language == "vi"
    if o.questions:
        return " ".join(o.questions[:2])
    if o.skipped:
        name, why = next(iter(o.skipped.items()))
        label = _labels(o.schema, [name], language)[0]
        return (
            f"Chưa điền được {label} ({why}). Bạn muốn xử lý thế nào?"
            if vi
            else f"Could not fill {label} ({why}). How should I proceed?"
        )
    if o.mismatches:
        names = ", ".join(_labels(o.schema, o.mismatches, language))
        return (
            f"Trang không nhận giá trị của {names}. Bạn kiểm tra và cho mình giá trị khác nhé?"
            if vi
            else f"The page did not keep the value of {names}. Could you give another value?"
        )
    if o.submitted or not o.missing:
        return None
    asked = _labels(o.schema, o.missing[:MAX_ASKED], language)
    more = len(o.missing) - len(asked)
    listed = ", ".join(asked)
    if vi:
        tail = f" (và {more} trường khác)" if more > 0 else ""
        return f"Bạn cho mình biết thêm: {listed}{tail}?"
    tail = f" (and {more} more)" if more > 0 else ""
    return f"Could you tell me: {listed}{tail}?"
