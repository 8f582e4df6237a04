"""Prometheus collectors for webhook delivery, created once per process on the default registry."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

DELIVERIES = Counter(
    "gofer_webhook_deliveries",
    "Webhook delivery attempts by outcome (success or failure).",
    ["outcome"],
)
RETRIES = Counter(
    "gofer_webhook_retries",
    "Failed webhook attempts that were scheduled to be tried again.",
)
GAVE_UP = Counter(
    "gofer_webhook_messages_failed",
    "Webhook messages that failed every attempt of the retry schedule.",
)
DISABLED = Counter(
    "gofer_webhook_endpoints_disabled",
    "Webhook endpoints disabled by the dispatcher, by reason (gone or failing).",
    ["reason"],
)
SUPERSEDED = Counter(
    "gofer_webhook_messages_superseded",
    "Pending QR code messages replaced by a newer QR code before they were sent.",
)
LATENCY = Histogram(
    "gofer_webhook_delivery_seconds",
    "Duration of one webhook attempt, from connecting to the response status.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 15.0),
)
ENQUEUE_TO_DELIVERY = Histogram(
    "gofer_webhook_enqueue_to_delivery_seconds",
    "Time from an event being stored to its webhook being accepted by the receiver.",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0, 30.0, 300.0, 3600.0),
)
