"""The code and tables that turn a file into answers -> one hash, so a cached result is reused only when nothing
that made it has changed: every module of extractors/ and every crosswalk and reference table, byte for byte."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PATTERNS = ("**/*.py", "crosswalks/*.csv", "reference/*.csv")


def files_fingerprint(root: Path, patterns: tuple[str, ...]) -> str:
    """Given a folder and glob patterns, return the sha256 of every matching file's relative name and bytes."""
    digest = hashlib.sha256()
    paths = sorted({p for pattern in patterns for p in root.glob(pattern) if p.is_file()})
    for path in paths:
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@cache
def extractors_fingerprint() -> str:
    """Return the hash of the extractors' code and tables as installed (computed once per process)."""
    return files_fingerprint(PACKAGE, PATTERNS)
