"""What `gofer serve` prints when it is ready: the URLs it serves and where the token is."""

from __future__ import annotations

from typing import Any

from gofer import __version__
from gofer.config import Settings


def has_root_page(app: Any) -> bool:
    """Whether something answers at `/` (the web UI, once it is built and mounted)."""
    return any(getattr(route, "path", None) in ("/", "") for route in getattr(app, "routes", ()))


def startup_banner(settings: Settings, app: Any, replicas_url: str | None) -> str:
    base = f"http://{settings.host}:{settings.port}"
    rows = [
        ("API", f"{base}/api/v1  (health: {base}/health)"),
        ("Docs", f"{base}/docs  (OpenAPI: {base}/openapi.json, AsyncAPI: {base}/asyncapi.json)"),
    ]
    if has_root_page(app):
        rows.append(("UI", f"{base}/"))
    if replicas_url is not None:
        rows.append(("Replicas", f"{replicas_url}/  (Trafikverket Boka prov)"))
        rows.append(("", f"{replicas_url}/vpbank/loan/  (bank forms: loan, crm, hr, …)"))
    if settings.api_secret_token is None:
        rows.append(("Token", f"{settings.data_dir / 'dev_api_token'}  (dev admin token)"))
    else:
        rows.append(("Token", "API_SECRET_TOKEN from the environment"))
    lines = [f"Gofer {__version__} is ready."]
    lines += [f"  {label:<9} {value}" for label, value in rows]
    lines.append("Press Ctrl-C to stop.")
    return "\n".join(lines)
