"""Voice metrics: the seed's names (webrtc_*, sessions_total, operation_duration_seconds) and latencies."""

from __future__ import annotations

from prometheus_client import Histogram

from gofer.metrics import SESSIONS_CREATED, WEBRTC_ACTIVE, WEBRTC_CONNECTIONS

__all__ = [
    "OPERATION_DURATION",
    "SESSIONS_CREATED",
    "STT_SECONDS",
    "TTS_SECONDS",
    "TURN_SECONDS",
    "WEBRTC_ACTIVE",
    "WEBRTC_CONNECTIONS",
]

_FAST = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0)

OPERATION_DURATION = Histogram(
    "operation_duration_seconds",
    "Duration of voice operations (offer, forms_turn, booking_start, ...).",
    ["operation"],
    buckets=_FAST,
)
STT_SECONDS = Histogram(
    "gofer_voice_stt_seconds", "Time to transcribe one user segment.", ["language"], buckets=_FAST
)
TTS_SECONDS = Histogram(
    "gofer_voice_tts_seconds", "Time to synthesize one bot sentence.", ["language"], buckets=_FAST
)
TURN_SECONDS = Histogram(
    "gofer_voice_turn_seconds",
    "End of the user's speech (VAD) to the bot's first audio.",
    ["language"],
    buckets=_FAST,
)
