"""Optional LLM help for the dialogue: names the intent of a turn the rules did not recognise.

Any OpenAI-compatible chat endpoint (LLM_BASE_URL, LLM_API_KEY, LLM_MODEL), used only when
VOICE_USE_LLM is on. The model only classifies; acting stays deterministic, so an LLM can never
book or submit by itself.
"""

from __future__ import annotations

import json

import httpx
import structlog

log = structlog.get_logger("gofer.voice.llm")

INTENTS = ("booking", "forms", "help", "status", "cancel", "repeat")
SYSTEM = (
    "You classify one utterance said to a voice assistant that books Swedish driving tests and "
    'fills bank forms. Answer only JSON: {"intent": one of ' + ", ".join(INTENTS) + "}."
)


class IntentModel:
    def __init__(
        self, base_url: str, api_key: str | None, model: str, timeout_s: float = 10.0
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.AsyncClient(headers=headers, timeout=timeout_s)

    def _url(self) -> str:
        suffix = "/chat/completions" if self.base_url.endswith("/v1") else "/v1/chat/completions"
        return self.base_url + suffix

    async def intent(self, text: str, language: str) -> str | None:
        """One of INTENTS, or None when the model is unreachable or answers something else."""
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": SYSTEM},
                {"role": "user", "content": f"[{language}] {text}"},
            ],
        }
        try:
            response = await self._client.post(self._url(), json=body)
            response.raise_for_status()
            content = response.json()["choices"][0]["message"]["content"]
            intent = json.loads(content).get("intent")
        except (httpx.HTTPError, ValueError, KeyError, IndexError, AttributeError) as exc:
            log.warning("voice_llm_unavailable", error_type=type(exc).__name__)
            return None
        return intent if intent in INTENTS else None

    async def aclose(self) -> None:
        await self._client.aclose()
