"""Optional parts of the server (webhooks, accounts, limits, forms agent) and how they plug in.

A feature adds routes and middleware when the app is built (`setup`), and starts and stops its
background parts with the server (`start`, `stop`). Order matters for middleware: the list is
applied in order, so the last feature's middleware runs first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from gofer.accounts.feature import AccountsFeature
from gofer.cors import CorsFeature
from gofer.metrics import MetricsFeature
from gofer.ratelimit.middleware import RateLimitFeature
from gofer.request_context import RequestContextFeature
from gofer.sessions.feature import SessionsFeature
from gofer.voice.feature import VoiceFeature
from gofer.webhooks.feature import WebhookFeature
from gofer.workflows.forms.feature import FormsFeature

if TYPE_CHECKING:
    from fastapi import FastAPI

    from gofer.config import Settings
    from gofer.services import Services


class Feature(Protocol):
    def setup(self, app: FastAPI, settings: Settings) -> None: ...
    async def start(self, app: FastAPI, svc: Services) -> None: ...
    async def stop(self, app: FastAPI, svc: Services) -> None: ...


def default_features(settings: Settings) -> list[Feature]:
    features: list[Feature] = []
    # Each feature appends itself here, one line each.
    features.append(WebhookFeature())
    features.append(AccountsFeature())
    features.append(SessionsFeature())
    features.append(FormsFeature())
    if settings.voice_enabled:
        features.append(VoiceFeature())
    features.append(RateLimitFeature())  # middleware from here on: later ones run first
    features.append(MetricsFeature())
    features.append(RequestContextFeature())
    features.append(CorsFeature())
    return features
