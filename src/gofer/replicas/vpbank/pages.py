"""The five form pages: static HTML with the session key, saved values and switches filled in."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from gofer.replicas.vpbank.catalog import FORMS
from gofer.replicas.vpbank.config import FormsReplicaConfig
from gofer.replicas.vpbank.state import FormValues

STATIC_DIR = Path(__file__).parent / "static"
ASSETS_DIR = STATIC_DIR / "assets"


class FormPages:
    """Page templates read once; `render` fills the three placeholders."""

    def __init__(self, directory: Path = STATIC_DIR) -> None:
        self._templates = {name: (directory / f"{name}.html").read_text("utf-8") for name in FORMS}

    def render(
        self,
        form: str,
        *,
        session: str,
        saved: FormValues | None,
        config: FormsReplicaConfig,
    ) -> str:
        saved_json = "null" if saved is None else json.dumps({"values": saved}, ensure_ascii=False)
        # Inside <script> only "<" can end the element early; JSON allows it escaped.
        saved_json = saved_json.replace("<", "\\u003c")
        return (
            self._templates[form]
            .replace("__SESSION_KEY__", escape(session))
            .replace("__OPERATIONS_MODE__", config.operations_mode)
            .replace("__SAVED_STATE__", saved_json)
        )


def index_page() -> str:
    links = "\n".join(
        f'    <li><a href="{name}/">{escape(spec.title)}</a></li>' for name, spec in FORMS.items()
    )
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n  <meta charset="utf-8">\n'
        "  <title>VPBank forms (replica)</title>\n"
        '  <link rel="icon" href="data:,">\n'
        '  <link rel="stylesheet" href="/vpbank/assets/vpbank.css">\n</head>\n<body>\n'
        '  <main class="page"><section class="hero">\n  <h1 class="hero-title">VPBank</h1>\n'
        f"  <ul>\n{links}\n  </ul>\n  </section></main>\n</body>\n</html>\n"
    )
