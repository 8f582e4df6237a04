"""`gofer eval forms`: runs a case file and prints the figures (a table, or JSON with --json)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from gofer.evaluation.cases import BadCaseFile, load_cases
from gofer.evaluation.forms import CaseRun, evaluate_forms


def run_forms_command(path: Path, *, as_json: bool, form_hint: bool = True) -> int:
    """Returns the exit code: 0 after a run, 2 when the case file is unusable."""
    err = Console(stderr=True)
    try:
        cases = load_cases(path)
    except BadCaseFile as exc:
        err.print(f"[red]{exc}[/red]")
        return 2

    def progress(run: CaseRun) -> None:
        mark = "✓" if run.score and run.score.exact else "✗"
        err.print(f"{mark} {run.case.id} ({round(run.ms)} ms)", highlight=False)

    result = evaluate_forms(cases, form_hint=form_hint, on_case=None if as_json else progress)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return 0
    out = Console()
    failing = Table(title="Cases not exactly right", show_lines=False)
    for column in ("case", "field", "expected", "got"):
        failing.add_column(column)
    for case in result["cases"]:
        if case["exact"]:
            continue
        for name, pair in case["wrong"].items():
            failing.add_row(case["id"], name, pair["expected"], pair["got"])
        for name in case["filled_but_forbidden"]:
            failing.add_row(case["id"], name, "(empty)", case["filled"].get(name, ""))
        for name in case["not_asked"]:
            failing.add_row(case["id"], name, "(asked)", case["filled"].get(name, "") or "-")
        if case["error"]:
            failing.add_row(case["id"], "-", "-", case["error"])
    if failing.row_count:
        out.print(failing)
    out.print(breakdown_table(result["breakdown"]))
    s = result["summary"]
    summary = Table(title=f"Forms evaluation: {path.name}")
    summary.add_column("figure")
    summary.add_column("value", justify="right")
    summary.add_row("cases", str(s["cases"]))
    summary.add_row("field accuracy", f"{s['field_accuracy']:.2%}")
    summary.add_row("exact cases", f"{s['exact_rate']:.2%}")
    summary.add_row("submit accuracy", f"{s['submit_accuracy']:.2%}")
    summary.add_row("p50 / p95 per case", f"{s['p50_ms']} / {s['p95_ms']} ms")
    summary.add_row("invented values", str(s["invented"]))
    summary.add_row("errors", str(s["errors"]))
    out.print(summary)
    return 0


def breakdown_table(breakdown: dict[str, Any]) -> Table:
    """Failures per class (and failing cases per tag), so a regression shows at a glance."""
    table = Table(title="Failures by class")
    table.add_column("class")
    table.add_column("failures", justify="right")
    table.add_column("cases", justify="right")
    for klass, counts in breakdown["classes"].items():
        table.add_row(klass, str(counts["failures"]), str(counts["cases"]))
    for tag, counts in breakdown["tags"].items():
        table.add_row(f"tag: {tag}", f"{counts['failing']} failing", f"of {counts['cases']}")
    return table
