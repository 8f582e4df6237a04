"""Artifacts on disk: names that cannot leave their job's folder, listing, and retention."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest

from gofer.live.artifacts import ArtifactStore, prune_artifacts, valid_name

JOB = "job_" + "a" * 24
OLD_JOB = "job_" + "b" * 24


@pytest.mark.parametrize(
    "name",
    ["../gofer.db", "..", "a/b.jpg", ".hidden.jpg", "x.exe", "a\x00.jpg", "", "a" * 120 + ".jpg"],
)
def test_names_outside_the_pattern_are_refused(tmp_path, name):
    assert not valid_name(name)
    assert ArtifactStore(tmp_path).path(JOB, name) is None


def test_a_job_id_that_is_not_one_reaches_no_folder(tmp_path):
    with pytest.raises(ValueError):
        ArtifactStore(tmp_path).folder("../etc")


async def test_saved_artifacts_are_listed_with_their_type(tmp_path):
    store = ArtifactStore(tmp_path)
    await store.save(JOB, "failure.jpg", b"\xff\xd8\xff")
    await store.save(JOB, "trace.zip", b"PK")
    listed = {a.name: a for a in store.list(JOB)}
    assert set(listed) == {"failure.jpg", "trace.zip"}
    assert listed["failure.jpg"].media_type == "image/jpeg" and listed["trace.zip"].size == 2
    assert store.path(JOB, "failure.jpg") == tmp_path / "artifacts" / JOB / "failure.jpg"
    with pytest.raises(ValueError):
        await store.save(JOB, "../x.jpg", b"")


async def test_retention_deletes_only_folders_older_than_the_limit(tmp_path):
    store = ArtifactStore(tmp_path)
    await store.save(JOB, "step-001-open.jpg", b"new")
    await store.save(OLD_JOB, "step-001-open.jpg", b"old")
    eight_days_ago = time.time() - 8 * 86400
    old_file = tmp_path / "artifacts" / OLD_JOB / "step-001-open.jpg"
    os.utime(old_file, (eight_days_ago, eight_days_ago))

    assert prune_artifacts(tmp_path, timedelta(days=7)) == 1
    assert store.list(OLD_JOB) == [] and len(store.list(JOB)) == 1
