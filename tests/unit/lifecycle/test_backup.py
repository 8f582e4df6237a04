"""Backups: a sound copy, a restore that replaces the file, and the refusals an operator needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gofer.lifecycle.backup import (
    BackupError,
    ServerLock,
    ServerRunning,
    backup,
    restore,
    sqlite_path,
)


def make_database(path: Path, rows: list[str]) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS notes (text TEXT)")
        db.executemany("INSERT INTO notes VALUES (?)", [(r,) for r in rows])


def notes(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [r[0] for r in db.execute("SELECT text FROM notes ORDER BY rowid")]


def test_backup_then_restore_brings_back_the_copied_state(tmp_path: Path) -> None:
    database = tmp_path / "gofer.db"
    make_database(database, ["one", "two"])
    info = backup(database, tmp_path / "copies" / "gofer-backup.db")
    assert info.tables == 1 and info.bytes > 0
    assert info.path.stat().st_mode & 0o077 == 0  # personal data: the owner's eyes only
    make_database(database, ["three"])

    restore(info.path, database)

    assert notes(database) == ["one", "two"]


def test_restore_is_refused_while_a_server_holds_the_database(tmp_path: Path) -> None:
    database = tmp_path / "gofer.db"
    make_database(database, ["live"])
    copy = backup(database, tmp_path / "copy.db").path
    server = ServerLock(database)
    server.acquire()
    try:
        with pytest.raises(ServerRunning, match="stop it before restoring"):
            restore(copy, database)
    finally:
        server.release()
    restore(copy, database)  # once the server is gone
    assert notes(database) == ["live"]


def test_a_file_that_is_not_a_database_is_never_restored(tmp_path: Path) -> None:
    database = tmp_path / "gofer.db"
    make_database(database, ["kept"])
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(BackupError):
        restore(junk, database)
    assert notes(database) == ["kept"]


def test_postgres_is_sent_to_its_own_tools() -> None:
    with pytest.raises(BackupError, match="pg_dump"):
        sqlite_path("postgresql+asyncpg://postgres@127.0.0.1/gofer")
    assert sqlite_path("sqlite+aiosqlite:///data/gofer.db") == Path("data/gofer.db")
