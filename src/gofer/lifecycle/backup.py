"""SQLite backups: a consistent online copy while the server runs, and a restore that refuses a live one.

A running server holds a shared lock on `<database>.lock` for its lifetime; `restore` needs the
exclusive lock, so it cannot replace the file under a server (and a server cannot start while a
restore is writing).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy.engine import make_url


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, for the operator."""


class ServerRunning(BackupError):
    """The database is in use by a running Gofer server."""


def sqlite_path(database_url: str) -> Path:
    """The file behind a SQLite URL; a clear error for any other database."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise BackupError(
            f"{url.get_backend_name()} is backed up with its own tools (see the README: pg_dump)"
        )
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory database has nothing to back up")
    return Path(url.database)


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class ServerLock:
    """The running server's claim on its database file (shared: a server and its workers)."""

    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self._file: IO[bytes] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("ab")
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise ServerRunning(f"{self.path} is locked: a restore is in progress") from None
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


@contextlib.contextmanager
def exclusive(database: Path) -> Iterator[None]:
    """Held while restoring: fails at once if any server has the database open."""
    path = lock_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ServerRunning(
                f"a Gofer server is using {database}; stop it before restoring"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    bytes: int
    tables: int


def _check(path: Path) -> int:
    """Opens a copy read-only and checks it; returns how many tables it has."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        verdict = connection.execute("PRAGMA quick_check").fetchone()
        if verdict is None or verdict[0] != "ok":
            raise BackupError(f"{path} is not a sound SQLite database ({verdict})")
        tables = connection.execute("SELECT count(*) FROM sqlite_master WHERE type='table'")
        return int(tables.fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a SQLite database: {exc}") from exc
    finally:
        connection.close()


def backup(database: Path, target: Path) -> BackupInfo:
    """Copies the live database to `target` with SQLite's backup API (one consistent snapshot).

    The copy is taken in one step, so it is the database as of one moment: every event committed
    before the copy started is in it. Writers keep going meanwhile (WAL). The copy is written
    next to the target and renamed into place when complete.
    """
    if not database.exists():
        raise BackupError(f"no database at {database}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    # The copy holds the same personal data as the database: readable by its owner only.
    os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    source = sqlite3.connect(database, timeout=30)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy, pages=-1)
            # A self-contained file: no WAL beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
    finally:
        source.close()
    tables = _check(partial)
    os.replace(partial, target)
    return BackupInfo(target, target.stat().st_size, tables)


def restore(backup_file: Path, database: Path) -> BackupInfo:
    """Replaces the database with a backup; refuses while a server uses it."""
    if not backup_file.exists():
        raise BackupError(f"no backup at {backup_file}")
    tables = _check(backup_file)
    with exclusive(database):
        database.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(database, timeout=30)
            try:
                source.backup(target, pages=-1)
                target.execute("PRAGMA journal_mode=WAL")
                target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                target.close()
        finally:
            source.close()
    return BackupInfo(database, database.stat().st_size, tables)
