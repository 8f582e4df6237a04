"""The forms workflow's steps, with their progress."""

from __future__ import annotations

from enum import StrEnum


class FormsStep(StrEnum):
    STARTING = "starting"
    OPENING = "opening"
    FILLING = "filling"
    SUBMITTING = "submitting"


PROGRESS: dict[str, int] = {
    FormsStep.STARTING: 5,
    FormsStep.OPENING: 10,
    FormsStep.FILLING: 50,
    FormsStep.SUBMITTING: 90,
}
