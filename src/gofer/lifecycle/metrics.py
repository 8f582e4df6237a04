"""Prometheus collectors for pruning, QR image dropping, vacuuming and erasure."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

PRUNED = Counter(
    "gofer_pruned_rows",
    "Rows (or files) removed by retention, by kind of data.",
    ["kind"],
)
QR_IMAGES_DROPPED = Counter(
    "gofer_qr_images_dropped",
    "Stored QR images replaced by a hash (events and webhook messages).",
)
PRUNE_RUNS = Counter("gofer_prune_runs", "Retention passes, by outcome.", ["outcome"])
PRUNE_DURATION = Histogram(
    "gofer_prune_duration_seconds",
    "Time one retention pass took.",
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300),
)
VACUUM_PAGES = Counter(
    "gofer_vacuum_freed_pages", "SQLite pages given back to the file system by incremental vacuum."
)
ERASURES = Counter("gofer_erasures", "Erasures carried out, by kind.", ["kind"])
