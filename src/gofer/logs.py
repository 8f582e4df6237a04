"""Structured logging: JSON in production, readable in dev, with personal data masked out."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TextIO

import structlog

from gofer.config import Settings

# Keys whose values are never logged, whatever they look like. Compared in lower case without
# "_" and "-", so `newPassword`, `new_password` and `new-password` all match.
SECRET_KEYS = frozenset(
    {
        "password",
        "passwd",
        "pwd",
        "newpassword",
        "oldpassword",
        "currentpassword",
        "secret",
        "clientsecret",
        "webhooksecret",
        "apikey",
        "apisecrettoken",
        "token",
        "accesstoken",
        "refreshtoken",
        "idtoken",
        "authorization",
        "cookie",
        "setcookie",
        "qrpayload",
        "qrcode",
        "qrdata",
        "qrstartsecret",
        "qrstarttoken",
        "autostarttoken",
        "imagedata",
        "personalnumber",
        "personnummer",
        "ssn",
        "socialsecuritynumber",
        "aspriantsocialsecuritynumber",
        "cccd",
        "cmnd",
        "nationalid",
        "phone",
        "phonenumber",
        "mobile",
        "email",
        "cardnumber",
        "pan",
        "cvv",
        "cvc",
    }
)
# Keys that only ever hold our own identifiers and times: skipped for speed and readability.
PLAIN_KEYS = frozenset({"timestamp", "level", "logger", "request_id", "job_id", "seq"})

REDACTED = "[redacted]"

_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")
_BEARER = re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+")
_BANKID_QR = re.compile(r"\bbankid\.[A-Za-z0-9-]+\.\d+\.[A-Za-z0-9]+")
_SECRET_ASSIGNMENT = re.compile(
    r"(?i)\b([\w-]*(?:password|passwd|secret|token|api[_-]?key)[\w-]*)"
    r"([\"']?\s*[:=]\s*[\"']?)([^\s\"'&,;{}\[\]]+)"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_CARD = re.compile(r"(?<![\w])(?:\d[ -]?){12,18}\d(?![\w])")
# Personnummer: YYMMDD-XXXX, YYMMDD+XXXX, YYYYMMDD-XXXX and the same without a separator.
_PERSONNUMMER = re.compile(r"(?<![\w])((?:19|20)?\d{6})([-+]?)(\d{4})(?![\w])")
_CCCD = re.compile(r"(?<![\w])\d{12}(?![\w])")
_PHONE_INTERNATIONAL = re.compile(r"(?<![\w+])(?:\+|00)\d(?:[ -]?\d){7,13}(?![\w])")
_PHONE_NATIONAL = re.compile(r"(?<![\w])0\d(?:[ -]?\d){7,9}(?![\w])")
# Country code without "+": Vietnam 84 and Sweden 46 followed by a 9-digit number.
_PHONE_BARE_COUNTRY = re.compile(r"(?<![\w])(?:84|46)\d{9}(?![\w])")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    if 13 <= len(digits) <= 19 and _luhn_ok(digits):
        return "[card]"
    return match.group(0)


def _plausible_birth_date(date_digits: str) -> bool:
    month, day = int(date_digits[-4:-2]), int(date_digits[-2:])
    # Samordningsnummer add 60 to the day.
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


def _personnummer(match: re.Match[str]) -> str:
    date_digits, separator, _ = match.groups()
    # With a separator the shape alone is enough; bare digits must also look like a birth date.
    if separator or _plausible_birth_date(date_digits):
        return "[personnummer]"
    return match.group(0)


def mask_text(text: str) -> str:
    """The text with personal numbers, contact details, cards, tokens and QR payloads masked."""
    if not text:
        return text
    text = _JWT.sub("[jwt]", text)
    text = _BEARER.sub(r"\1 " + REDACTED, text)
    text = _BANKID_QR.sub("[bankid-qr]", text)
    text = _SECRET_ASSIGNMENT.sub(r"\1\2" + REDACTED, text)
    if not any(char.isdigit() for char in text) and "@" not in text:
        return text
    text = _EMAIL.sub("[email]", text)
    text = _CARD.sub(_card, text)
    text = _PERSONNUMMER.sub(_personnummer, text)
    text = _CCCD.sub("[cccd]", text)
    text = _PHONE_INTERNATIONAL.sub("[phone]", text)
    text = _PHONE_BARE_COUNTRY.sub("[phone]", text)
    return _PHONE_NATIONAL.sub("[phone]", text)


def _is_secret_key(key: object) -> bool:
    return isinstance(key, str) and key.lower().replace("_", "").replace("-", "") in SECRET_KEYS


def mask_value(value: Any, depth: int = 0) -> Any:
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return value
    if isinstance(value, int):
        masked = mask_text(str(value))
        return value if masked == str(value) else masked
    if depth > 8:
        return "[nested]"
    if isinstance(value, Mapping):
        return {
            k: (REDACTED if _is_secret_key(k) and v not in (None, "") else mask_value(v, depth + 1))
            for k, v in value.items()
        }
    if isinstance(value, list | tuple | set | frozenset):
        return [mask_value(v, depth + 1) for v in value]
    return mask_text(str(value))


def mask_personal_data(
    _logger: Any, _method: str, event_dict: structlog.types.EventDict
) -> structlog.types.EventDict:
    """structlog processor: runs after exception formatting, so tracebacks are masked too."""
    for key, value in list(event_dict.items()):
        if key in PLAIN_KEYS:
            continue
        if _is_secret_key(key) and value not in (None, ""):
            event_dict[key] = REDACTED
        else:
            event_dict[key] = mask_value(value)
    return event_dict


class MaskingFilter(logging.Filter):
    """The same masking for records from the standard library (uvicorn, libraries)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = mask_text(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        return True


_STDLIB_LOGGERS = ("", "uvicorn", "uvicorn.error", "uvicorn.access", "sqlalchemy", "httpx")


def _install_stdlib_masking() -> None:
    for name in _STDLIB_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, MaskingFilter) for f in logger.filters):
            logger.addFilter(MaskingFilter())


def configure_logging(settings: Settings, stream: TextIO | None = None) -> None:
    level = getattr(logging, settings.log_level.upper(), logging.INFO)
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer()
        if settings.effective_log_format == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            mask_personal_data,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(file=stream or sys.stderr),
        cache_logger_on_first_use=False,
    )
    _install_stdlib_masking()


@contextmanager
def job_log_context(job_id: str, workflow: str) -> Iterator[None]:
    """Binds the job to every log line written while it runs, from any module."""
    with structlog.contextvars.bound_contextvars(job_id=job_id, workflow=workflow):
        yield
