"""How a forms case is scored: expected values against what the replica holds."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from gofer.evaluation.cases import FormCase

FREE_TEXT_TYPES = frozenset({"text", "textarea"})
_TODAY = re.compile(r"^@today(?:([+-])(\d+))?")


def expected_value(value: str, today: dt.date) -> str:
    """Expands a leading "@today" (or "@today+N"/"@today-N" days) to an ISO date.

    Whatever follows stays, so "@todayT09:30" is today's date at 09:30 (datetime-local).
    """
    match = _TODAY.match(value.strip())
    if not match:
        return value
    days = int(match.group(2) or 0) * (-1 if match.group(1) == "-" else 1)
    return (today + dt.timedelta(days=days)).isoformat() + value.strip()[match.end() :]


def same_value(expected: str, got: str, field_type: str | None) -> bool:
    """Free text: trimmed, whitespace-collapsed, case-insensitive. Everything else: exact."""
    if field_type in FREE_TEXT_TYPES:
        return " ".join(expected.split()).casefold() == " ".join(got.split()).casefold()
    return expected == got


@dataclass
class CaseScore:
    case_id: str
    checks: int = 0
    correct: int = 0
    wrong: dict[str, dict[str, str]] = field(default_factory=dict)
    filled_but_forbidden: list[str] = field(default_factory=list)
    # Fields the case wants asked about: filled anyway, or left without any question.
    not_asked: list[str] = field(default_factory=list)
    submit_ok: bool = True

    @property
    def exact(self) -> bool:
        return (
            not self.wrong
            and not self.filled_but_forbidden
            and not self.not_asked
            and self.submit_ok
        )


def score_case(
    case: FormCase,
    filled: dict[str, str],
    submitted: bool,
    field_types: dict[str, str],
    today: dt.date,
    asked: bool = True,
) -> CaseScore:
    """`asked` says whether the agent's last reply asked the user something."""
    score = CaseScore(case.id)
    for name, raw in case.expected.items():
        want = expected_value(raw, today)
        got = filled.get(name, "")
        score.checks += 1
        if same_value(want, got, field_types.get(name)):
            score.correct += 1
        else:
            score.wrong[name] = {"expected": want, "got": got}
    for name in case.must_not_fill:
        score.checks += 1
        if filled.get(name, "").strip():
            score.filled_but_forbidden.append(name)
        else:
            score.correct += 1
    for name in case.ask:
        score.checks += 1
        if filled.get(name, "").strip() or not asked:
            score.not_asked.append(name)
        else:
            score.correct += 1
    score.submit_ok = submitted == case.submit
    return score


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return float(ordered[min(rank, len(ordered)) - 1])


def summarise(scores: list[CaseScore], latencies_ms: list[float]) -> dict[str, Any]:
    checks = sum(s.checks for s in scores)
    correct = sum(s.correct for s in scores)
    count = len(scores) or 1
    return {
        "field_accuracy": round(correct / checks, 4) if checks else 1.0,
        "exact_rate": round(sum(1 for s in scores if s.exact) / count, 4),
        "submit_accuracy": round(sum(1 for s in scores if s.submit_ok) / count, 4),
        "p50_ms": round(percentile(latencies_ms, 50)),
        "p95_ms": round(percentile(latencies_ms, 95)),
        "cases": len(scores),
        "fields_checked": checks,
        "fields_correct": correct,
    }
