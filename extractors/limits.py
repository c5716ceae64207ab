"""Limits on what one received file may cost, fixed before any work starts: a validated settings dataclass.

Each limit has a default and an environment variable (listed in the README's settings table); a run reads them
once, and every reader and container check takes them from here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

MB = 1000 * 1000


@dataclass(frozen=True)
class Limits:
    """What one file may cost: bytes, expansion, members, nesting, rows, cells, pages, seconds and memory."""

    file_bytes: int = 200 * MB  # FOI_MAX_FILE_BYTES: a received file or member larger than this is not read
    expanded_bytes: int = 200 * MB  # FOI_MAX_EXPANDED_BYTES: what a ZIP-based file (zip, xlsx, docx) may unpack to
    ratio: int = 200  # FOI_MAX_RATIO: how many times larger than its compressed size a member may unpack to
    members: int = 200  # FOI_MAX_MEMBERS: files in one archive, e-mail or winmail.dat
    depth: int = 3  # FOI_MAX_DEPTH: containers inside containers
    rows: int = 20_000  # FOI_MAX_ROWS: rows of one table (CSV or sheet) read
    cells: int = 500_000  # FOI_MAX_CELLS: cells of one file read
    pages: int = 100  # FOI_MAX_PAGES: pages of one PDF read
    seconds: float = 300.0  # FOI_FILE_SECONDS: time one file may take to read and extract (OCR included)
    memory_bytes: int = 1500 * MB  # FOI_WORKER_MEMORY: memory one reading process may hold (RLIMIT_DATA)

    def __post_init__(self) -> None:
        """Refuse limits that are not positive."""
        for field in fields(self):
            if not getattr(self, field.name) > 0:
                raise ValueError(f"{ENV_NAMES[field.name]} must be a positive number, not {getattr(self, field.name)}")


ENV_NAMES = {
    "file_bytes": "FOI_MAX_FILE_BYTES", "expanded_bytes": "FOI_MAX_EXPANDED_BYTES", "ratio": "FOI_MAX_RATIO",
    "members": "FOI_MAX_MEMBERS", "depth": "FOI_MAX_DEPTH", "rows": "FOI_MAX_ROWS", "cells": "FOI_MAX_CELLS",
    "pages": "FOI_MAX_PAGES", "seconds": "FOI_FILE_SECONDS", "memory_bytes": "FOI_WORKER_MEMORY",
}


def env_to_limits(env: Mapping[str, str] | None = None) -> Limits:
    """Given environment variables (default: this process's), return the limits they set over the defaults."""
    env = os.environ if env is None else env
    values: dict[str, float | int] = {}
    for field in fields(Limits):
        text = env.get(ENV_NAMES[field.name], "").strip()
        if not text:
            continue
        try:
            values[field.name] = float(text) if field.type in ("float", float) else int(float(text))
        except ValueError as exc:
            raise ValueError(f"{ENV_NAMES[field.name]} must be a number, not {text!r}") from exc
    return Limits(**values)


def size_in_words(size: float) -> str:
    """Given a number of bytes, return it as a person reads it (4.3 GB, 120 MB, 12 kB)."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{int(size)} bytes"
