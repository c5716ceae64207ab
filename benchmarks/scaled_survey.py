"""Build larger surveys from the example replies: every file copied N times with fresh bytes (fresh hashes)."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path


def fresh_copy(data: bytes, suffix: str, copy: int) -> bytes:
    """Given a file's bytes, return a variant that reads the same but hashes differently."""
    if suffix == ".pdf":
        return data + f"\n% copy {copy}\n".encode()
    if suffix in (".xlsx", ".xlsm"):
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                target.writestr(info, source.read(info))
            target.comment = f"copy {copy}".encode()
        return out.getvalue()
    return data + b"\n" * copy


def make_scaled_survey(source: Path, target: Path, factor: int) -> Path:
    """Given a survey folder, write a copy whose replies/ holds every reply `factor` times, and return it."""
    (target / "replies").mkdir(parents=True, exist_ok=True)
    for name in ("survey.yaml", "tracker.csv"):
        if (source / name).is_file():
            shutil.copy(source / name, target / name)
    for path in sorted((source / "replies").iterdir()):
        for copy in range(factor):
            name = path.name if copy == 0 else f"{path.stem} (copy {copy}){path.suffix}"
            (target / "replies" / name).write_bytes(fresh_copy(path.read_bytes(), path.suffix.lower(), copy))
    return target
