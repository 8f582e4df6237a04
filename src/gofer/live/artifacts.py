"""A job's recordings on disk: step screenshots, the page at failure, Playwright traces.

Files live under DATA_DIR/artifacts/<job_id>/. Names are checked against one pattern before any
path is built, so no name can reach outside its job's folder. Screenshots may show personal data:
they are served only to the job's owner and never put in logs or webhooks.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import structlog

log = structlog.get_logger("gofer.artifacts")

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,95}\.(jpg|html|txt|zip)$")
JOB_ID_PATTERN = re.compile(r"^job_[0-9a-f]{24}$")
MEDIA_TYPES = {
    "jpg": "image/jpeg",
    "html": "text/plain; charset=utf-8",  # served as text: never rendered in our origin
    "txt": "text/plain; charset=utf-8",
    "zip": "application/zip",
}


def valid_name(name: str) -> bool:
    return bool(NAME_PATTERN.fullmatch(name))


def media_type(name: str) -> str:
    return MEDIA_TYPES[name.rsplit(".", 1)[1]]


@dataclass(frozen=True)
class Artifact:
    name: str
    size: int
    created_at: datetime
    media_type: str


class ArtifactStore:
    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / "artifacts"

    def folder(self, job_id: str) -> Path:
        if not JOB_ID_PATTERN.fullmatch(job_id):
            raise ValueError("not a job id")
        return self.root / job_id

    def path(self, job_id: str, name: str) -> Path | None:
        """The file of an artifact, or None if the name is not one or no such file exists."""
        if not valid_name(name):
            return None
        path = self.folder(job_id) / name
        return path if path.is_file() else None

    async def save(self, job_id: str, name: str, content: bytes) -> None:
        if not valid_name(name):
            raise ValueError(f"bad artifact name {name!r}")
        await asyncio.to_thread(self._write, self.folder(job_id), name, content)

    @staticmethod
    def _write(folder: Path, name: str, content: bytes) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{name}.part"
        partial.write_bytes(content)
        partial.replace(folder / name)  # readers never see half a file

    def list(self, job_id: str) -> list[Artifact]:
        folder = self.folder(job_id)
        if not folder.is_dir():
            return []
        found = []
        for path in sorted(folder.iterdir()):
            if not path.is_file() or not valid_name(path.name):
                continue
            stat = path.stat()
            found.append(
                Artifact(
                    path.name,
                    stat.st_size,
                    datetime.fromtimestamp(stat.st_mtime, UTC),
                    media_type(path.name),
                )
            )
        return found


def prune_artifacts(data_dir: Path, older_than: timedelta) -> int:
    """Deletes jobs' artifact folders last written more than `older_than` ago; returns how many.

    Blocking file work: call it in a thread from async code. The general retention pruner calls
    this with the artifact retention setting.
    """
    root = data_dir / "artifacts"
    if not root.is_dir():
        return 0
    cutoff = time.time() - older_than.total_seconds()
    removed = 0
    for folder in root.iterdir():
        if not folder.is_dir() or not JOB_ID_PATTERN.fullmatch(folder.name):
            continue
        newest = max((p.stat().st_mtime for p in folder.iterdir()), default=folder.stat().st_mtime)
        if newest < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    if removed:
        log.info("artifacts_pruned", folders=removed)
    return removed
