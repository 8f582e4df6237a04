"""Job artifacts on disk (screenshots, traces): DATA_DIR/artifacts/<job_id>/…, pruned and erased."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

# Job ids are generated ("job_" + hex); anything else in the folder is not ours to touch.
_JOB_DIR = re.compile(r"^job_[0-9a-f]{8,64}$")


@dataclass(frozen=True)
class ArtifactCounts:
    files: int = 0
    bytes: int = 0


class ArtifactStore:
    """The artifacts folder. All methods are blocking: call them with `asyncio.to_thread`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def job_dir(self, job_id: str) -> Path:
        if not _JOB_DIR.match(job_id):
            raise ValueError("not a job id")
        return self.root / job_id

    def job_ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return [p.name for p in self.root.iterdir() if p.is_dir() and _JOB_DIR.match(p.name)]

    def remove_job(self, job_id: str) -> ArtifactCounts:
        """Deletes everything a job left on disk."""
        try:
            folder = self.job_dir(job_id)
        except ValueError:
            return ArtifactCounts()
        if not folder.is_dir():
            return ArtifactCounts()
        counts = _measure(folder)
        shutil.rmtree(folder, ignore_errors=True)
        return counts

    def prune(
        self,
        names: Collection[str],
        known: Collection[str],
        older_than_s: float | None,
        now: float | None = None,
    ) -> ArtifactCounts:
        """Deletes files older than the limit, and folders of jobs that are not `known`.

        `names` are folders listed by `job_ids()`; `known` those whose job is still stored.
        """
        known = set(known)
        cutoff = None if older_than_s is None else (now or time.time()) - older_than_s
        files = size = 0
        for name in names:
            folder = self.root / name
            if name not in known:
                gone = _measure(folder)
                shutil.rmtree(folder, ignore_errors=True)
                files, size = files + gone.files, size + gone.bytes
                continue
            if cutoff is None:
                continue
            for path in sorted(folder.rglob("*"), reverse=True):
                try:
                    if path.is_file() and path.stat().st_mtime < cutoff:
                        size += path.stat().st_size
                        path.unlink()
                        files += 1
                    elif path.is_dir() and not any(path.iterdir()):
                        path.rmdir()
                except FileNotFoundError:
                    continue  # the job's own writer moved it meanwhile
        return ArtifactCounts(files, size)


def _measure(folder: Path) -> ArtifactCounts:
    files = size = 0
    for path in folder.rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
    return ArtifactCounts(files, size)
