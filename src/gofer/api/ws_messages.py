"""The text frames the job WebSocket sends, each built and encoded once per event, not per client.

A QR event held by a thousand subscribers carries the same PNG data URL a thousand times; encoding
it once and sending the same string to everyone keeps the relay fast (see bench/fanout.py).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

from gofer.events.model import QR_CODE_UPDATE, Event

# Recent events' frames; live fan-out and the replays after a gap hit the same few events.
_CACHE_SIZE = 512
_frames: OrderedDict[tuple[str, int, str], str] = OrderedDict()


def ws_message(event: Event) -> dict[str, Any]:
    """The envelope, with QR events in the seed's `qr_update` shape (envelope fields included)."""
    message = event.envelope()
    if event.type == QR_CODE_UPDATE:
        message["type"] = "qr_update"
        message["event_type"] = QR_CODE_UPDATE
        message["image_data"] = event.data.get("image_data")
        message["qr_payload"] = event.data.get("qr_payload")
    return message


def ws_frame(event: Event) -> str:
    """`ws_message(event)` as JSON text, cached by the event's identity."""
    # The timestamp tells apart two events with the same job and seq (two test databases).
    key = (event.job_id, event.seq, event.timestamp.isoformat())
    frame = _frames.get(key)
    if frame is None:
        frame = json.dumps(ws_message(event), separators=(",", ":"), ensure_ascii=False)
        _frames[key] = frame
        if len(_frames) > _CACHE_SIZE:
            _frames.popitem(last=False)
    return frame
