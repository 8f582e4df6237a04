"""Signed webhook delivery: endpoints, a durable outbox, the dispatcher and its delivery log."""
