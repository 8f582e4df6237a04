"""Command line: `gofer serve`, `gofer replicas`, `gofer book`."""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Gofer: errands on real websites.")


@app.command()
def serve(
    host: str | None = typer.Option(None, help="Bind address (default from settings)."),
    port: int | None = typer.Option(None, help="Port (default 8080)."),
    with_replicas: bool = typer.Option(
        False, "--with-replicas", help="Also serve the local replica sites on REPLICAS_PORT."
    ),
) -> None:
    """Start the API server."""
    import uvicorn

    from gofer.app import create_app
    from gofer.config import Settings

    overrides = {k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    settings = Settings(**overrides)  # type: ignore[arg-type]
    api = create_app(settings)
    if with_replicas:
        from gofer.replicas.server import serve_replicas_in_background

        serve_replicas_in_background(settings)
    uvicorn.run(api, host=settings.host, port=settings.port, log_level="warning", ws="websockets")


@app.command()
def replicas(
    host: str | None = typer.Option(None, help="Bind address (default 127.0.0.1)."),
    port: int | None = typer.Option(None, help="Port (default 8090)."),
    no_test_controls: bool = typer.Option(
        False, "--no-test-controls", help="Remove the /_replica/ test endpoints."
    ),
) -> None:
    """Serve the local replicas of the Trafikverket booking site and the five bank forms."""
    import uvicorn

    from gofer.config import Settings
    from gofer.replicas.server import create_replicas_app

    settings = Settings()
    uvicorn.run(
        create_replicas_app(test_controls=not no_test_controls),
        host=host or settings.replicas_host,
        port=port or settings.replicas_port,
        log_level="warning",
    )


def main() -> None:
    app()
