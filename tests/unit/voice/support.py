"""Helpers for voice tests: the assembled models, speech made at test time, a fake OpenAI server."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
from fastapi import FastAPI, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from gofer.voice import models
from gofer.voice.audio import pcm_to_wav

REPO = Path(__file__).resolve().parents[3]
MODELS_ROOT = REPO / "data" / "voice-models"


def models_root() -> Path:
    """The models `make` installs (assembling is idempotent and quick once done)."""
    models.assemble_all(MODELS_ROOT)
    return MODELS_ROOT


def tone(seconds: float = 0.5, rate: int = 24000) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * math.pi * 440 * t) * 8000).astype(np.int16).tobytes()


def fake_openai_app(calls: list[dict[str, Any]], heard: list[str] | None = None) -> FastAPI:
    """An OpenAI-compatible server on 127.0.0.1 standing in for a cloud speech/LLM API.

    Its transcription answers are `heard`, in order (what a cloud recogniser would have heard).
    """
    app = FastAPI()

    @app.post("/v1/audio/transcriptions")
    async def transcriptions(
        request: Request, file: UploadFile, model: str = Form(...), language: str = Form("")
    ) -> JSONResponse:
        audio = await file.read()
        calls.append(
            {
                "path": "transcriptions",
                "model": model,
                "language": language,
                "auth": request.headers.get("authorization"),
                "wav": audio[:4] == b"RIFF",
            }
        )
        text = heard.pop(0) if heard else f"fake words in {language}"
        return JSONResponse({"text": text})

    @app.post("/v1/audio/speech")
    async def speech(request: Request) -> Response:
        body = await request.json()
        calls.append({"path": "speech", **body, "auth": request.headers.get("authorization")})
        return Response(pcm_to_wav(tone(), 24000), media_type="audio/wav")

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> JSONResponse:
        body = await request.json()
        calls.append({"path": "chat", **body})
        content = json.dumps({"intent": "help"})
        return JSONResponse({"choices": [{"message": {"role": "assistant", "content": content}}]})

    return app
