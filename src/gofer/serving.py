"""Runs ASGI apps under uvicorn: `gofer serve` in the foreground, and in a background thread
(replicas beside the API, tests, benches)."""

from __future__ import annotations

import signal
import socket
import threading
import time
from collections.abc import Callable, Generator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Any

import uvicorn

if TYPE_CHECKING:
    from gofer.config import Settings

# The sans-I/O websockets protocol: uvicorn's older `websockets` one warns on every start. No
# permessage-deflate: it compresses each frame once per subscriber, which made a QR relayed to a
# thousand subscribers several times slower (docs/benchmarks.md, fan-out).
WEBSOCKET_OPTIONS: dict[str, Any] = {"ws": "websockets-sansio", "ws_per_message_deflate": False}


class ForegroundServer(uvicorn.Server):
    """uvicorn for `gofer serve`: Ctrl-C or SIGTERM stop it gracefully and the process exits 0.

    Plain uvicorn re-raises the signal after its graceful shutdown, so the process ends "killed
    by SIGTERM" (exit 143, which `make run` reports as an error) or with a KeyboardInterrupt.
    """

    def __init__(self, config: uvicorn.Config, on_started: Callable[[], None] | None = None):
        super().__init__(config)
        self._on_started = on_started
        self.stop_signal: int | None = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and self._on_started is not None:
            self._on_started()

    @contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        handled = (signal.SIGINT, signal.SIGTERM)
        previous = {sig: signal.signal(sig, self._stop) for sig in handled}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _stop(self, sig: int, frame: FrameType | None) -> None:
        if self.should_exit and sig == signal.SIGINT:
            self.force_exit = True  # a second Ctrl-C: stop without waiting
        self.should_exit = True
        self.stop_signal = sig


def follow_local_replicas(settings: Settings) -> Settings:
    """Settings whose site URLs point at the replicas this process serves on REPLICAS_PORT.

    Only the defaults move: a TRAFIKVERKET_BASE_URL or FORMS_BASE_URL set explicitly still wins.
    """
    base = f"http://{settings.replicas_host}:{settings.replicas_port}"
    defaults = {"trafikverket_base_url": base, "forms_base_url": f"{base}/vpbank"}
    update = {k: v for k, v in defaults.items() if k not in settings.model_fields_set}
    return settings.model_copy(update=update) if update else settings


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class BackgroundServer:
    """A uvicorn server on its own thread and event loop; `start()` returns once it listens."""

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0, **config: Any) -> None:
        self.host = host
        self.port = port or free_port(host)
        options = {**WEBSOCKET_OPTIONS, **config}
        self._server = uvicorn.Server(
            uvicorn.Config(
                app, host=self.host, port=self.port, log_level="warning", lifespan="on", **options
            )
        )
        self._thread = threading.Thread(
            target=self._server.run, name=f"uvicorn-{self.port}", daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout_s: float = 30.0) -> BackgroundServer:
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError(f"server on port {self.port} failed to start")
            if time.monotonic() > deadline:
                raise TimeoutError(f"server on port {self.port} did not start in {timeout_s} s")
            time.sleep(0.02)
        return self

    def stop(self, timeout_s: float = 30.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout_s)
