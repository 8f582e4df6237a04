"""The result every extractor returns: a DOM value, or the reason a value was refused."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ValueRead:
    """A value read from `[start, end)` of the message.

    `value` is the DOM string in the form's conventions, or None when the text held a value of
    the right kind that is not acceptable; then `error` is a reason code and `shown` the text as
    the user gave it (used in the question asked back).
    """

    value: str | None
    start: int
    end: int
    error: str | None = None
    shown: str = ""

    @property
    def ok(self) -> bool:
        return self.value is not None


def refused(start: int, end: int, error: str, shown: str) -> ValueRead:
    return ValueRead(None, start, end, error, shown)
