"""Deterministic Vietnamese/English understanding of form-filling requests."""

from .engine import understand
from .result import Understanding, is_visible, missing

__all__ = ["Understanding", "is_visible", "missing", "understand"]
