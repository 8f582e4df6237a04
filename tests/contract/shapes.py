"""Comparing two JSON answers by shape: the same keys, value types and nullability."""

from __future__ import annotations

from typing import Any


def kind(value: Any) -> str:
    """A JSON value's type; ints and floats are both numbers (JSON does not tell them apart)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def shape_differences(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Where `actual` departs from `expected`; lists compare their first items when both have one."""
    where = path or "(root)"
    if kind(expected) != kind(actual):
        return [f"{where}: {kind(expected)} expected, got {kind(actual)}"]
    if isinstance(expected, dict):
        differences = [f"{path}.{key}: missing" for key in expected.keys() - actual.keys()]
        differences += [
            f"{path}.{key}: not in the sample" for key in actual.keys() - expected.keys()
        ]
        for key in expected.keys() & actual.keys():
            differences += shape_differences(expected[key], actual[key], f"{path}.{key}")
        return sorted(differences)
    if isinstance(expected, list) and expected and actual:
        return shape_differences(expected[0], actual[0], f"{path}[]")
    return []
