"""Checking one candidate value for one field, whoever proposed it (the same rules for an LLM)."""

from __future__ import annotations

import datetime as dt
import re

from ..schema import FormField
from .dates import find_dates, find_datetimes, find_times, make_date
from .email import valid_email
from .ids import read_code
from .money import read_money
from .names import capitalise_name
from .phone import normalise_phone_digits, read_phone
from .profiles import FieldProfile, classify, split_label, split_name
from .readers import allowed_terms, match_option
from .terms import read_term
from .text import Message, collapse, fold, fold_words

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_DATETIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?")
_HHMM = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2})?")


def profile_of(field: FormField) -> FieldProfile:
    main, paren = split_label(field.label)
    return FieldProfile(field, classify(field), 0, main, paren, split_name(field.name))


def _whole(read_end: int, text: str) -> bool:
    return not text[read_end:].strip(" .,;")


def validate_value(field: FormField, candidate: str, *, today: dt.date) -> tuple[str | None, str]:
    """(DOM value, "") when `candidate` is acceptable for `field`, else (None, reason code)."""
    profile = profile_of(field)
    kind = profile.kind
    text = collapse(str(candidate))
    low = fold(text)
    if not text:
        return None, "empty"
    if kind == "file":
        return None, "file_not_fillable"
    if kind == "phone":
        digits = re.sub(r"[\s.\-()]", "", text)
        plus = digits.startswith("+")
        phone = (
            normalise_phone_digits(digits.lstrip("+"), plus=plus)
            if digits.lstrip("+").isdigit()
            else None
        )
        if phone is None:
            read = read_phone(low)
            phone = read.value if read is not None and read.ok and _whole(read.end, low) else None
        return (phone, "") if phone else (None, "phone_invalid")
    if kind == "email":
        address = valid_email(text)
        return (address, "") if address else (None, "email_invalid")
    if kind == "national_id":
        digits = re.sub(r"[\s.]", "", text)
        ok = digits.isdigit() and len(digits) in (9, 12)
        return (digits, "") if ok else (None, "national_id_invalid")
    if kind == "account":
        digits = re.sub(r"[\s.\-]", "", text)
        ok = digits.isdigit() and 6 <= len(digits) <= 19
        return (digits, "") if ok else (None, "account_invalid")
    if kind == "code":
        read = read_code(text, low)
        ok = read is not None and read.ok and _whole(read.end, low)
        return (read.value, "") if ok and read is not None else (None, "code_invalid")
    if kind in ("money", "number"):
        return _number(field, kind, text, low)
    if kind == "date":
        return _date(text, low, today)
    if kind == "datetime":
        match = _ISO_DATETIME.fullmatch(text)
        if match:
            year, month, day, hour, minute = (int(g) for g in match.groups())
            if make_date(year, month, day) and hour < 24 and minute < 60:
                return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}", ""
            return None, "date_invalid"
        moments = find_datetimes(low, today)
        if len(moments) == 1 and moments[0].value:
            return moments[0].value, ""
        return None, "datetime_needs_time"
    if kind in ("time", "timeslot"):
        match = _HHMM.fullmatch(text)
        if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
            value = f"{int(match.group(1)):02d}:{match.group(2)}"
        else:
            times = find_times(low)
            value = times[0].value if len(times) == 1 and times[0].value else ""
        if not value:
            return None, "time_invalid"
        if kind == "timeslot" and value not in field.option_values():
            custom = [v for v in field.option_values() if v and not _HHMM.fullmatch(v)]
            return (custom[0], "") if custom else (None, "option_unknown")
        return value, ""
    if kind in ("select", "yesno", "term"):
        return _option(field, profile, text, low)
    if kind == "person_name":
        words = text.split()
        if not 1 <= len(words) <= 6 or not all(
            re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)?", w) for w in words
        ):
            return None, "name_invalid"
        return capitalise_name(text), ""
    return text, ""


def _number(field: FormField, kind: str, text: str, low: str) -> tuple[str | None, str]:
    plain = text.replace(" ", "")
    value: float | None = None
    if re.fullmatch(r"-?\d+(?:\.\d+)?", plain):
        value = float(plain)
    elif kind == "money":
        read = read_money(low)
        if read is not None and _whole(read.end, low):
            value = float(read.value)
    if value is None:
        return None, "money_invalid" if kind == "money" else "number_invalid"
    if field.min_value is not None and value < field.min_value:
        return None, "number_out_of_range"
    if field.max_value is not None and value > field.max_value:
        return None, "number_out_of_range"
    if value.is_integer():
        return str(int(value)), ""
    step = field.step_value
    if step is not None and step < 1 and (value / step).is_integer():
        return f"{value:g}", ""
    return None, "number_invalid"


def _date(text: str, low: str, today: dt.date) -> tuple[str | None, str]:
    match = _ISO_DATE.fullmatch(text)
    if match:
        value = make_date(*(int(g) for g in match.groups()))
        return (value.isoformat(), "") if value else (None, "date_invalid")
    dates = find_dates(low, today)
    if len(dates) != 1 or not _whole(dates[0].end, low):
        return None, "date_invalid"
    if dates[0].value is None:
        return None, "date_invalid"
    return dates[0].value.isoformat(), ""


def _option(field: FormField, profile: FieldProfile, text: str, low: str) -> tuple[str | None, str]:
    values = [o.value for o in field.options if o.value]
    if text in values:
        return text, ""
    if profile.kind == "term":
        term = read_term(low)
        if term is not None and term.months == term.months.to_integral_value():
            months = str(int(term.months))
            if months in allowed_terms(profile):
                return months, ""
        return None, "term_not_offered"
    message = Message(text)
    read = match_option(message, profile, 0, len(message.low))
    if read is not None and read.ok and _whole(read.end, message.low):
        return read.value, ""
    by_label = [
        o.value for o in field.options if o.value and fold_words(o.label) == fold_words(text)
    ]
    if len(by_label) == 1:
        return by_label[0], ""
    return None, "option_unknown"
