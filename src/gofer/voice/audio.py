"""Small PCM/WAV helpers shared by the speech engines (16-bit mono little-endian)."""

from __future__ import annotations

import io
import wave

import numpy as np


def pcm_to_wav(pcm16: bytes, sample_rate: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(pcm16)
    return buffer.getvalue()


def wav_to_pcm(data: bytes) -> tuple[bytes, int]:
    """Mono 16-bit PCM and its rate from a WAV file (stereo is mixed down)."""
    with wave.open(io.BytesIO(data), "rb") as wav:
        rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
        frames = wav.readframes(wav.getnframes())
    if width != 2:
        raise ValueError("only 16-bit WAV is supported")
    if channels > 1:
        samples = np.frombuffer(frames, dtype=np.int16).reshape(-1, channels)
        frames = samples.mean(axis=1).astype(np.int16).tobytes()
    return frames, rate


def resample(pcm16: bytes, from_rate: int, to_rate: int) -> bytes:
    if from_rate == to_rate or not pcm16:
        return pcm16
    import soxr

    samples = np.frombuffer(pcm16, dtype=np.int16)
    return bytes(soxr.resample(samples, from_rate, to_rate).astype(np.int16).tobytes())


def duration_s(pcm16: bytes, sample_rate: int) -> float:
    return len(pcm16) / 2 / sample_rate
