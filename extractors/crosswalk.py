"""Crosswalks are data: phrase tables in extractors/crosswalks/*.csv, loaded once."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).parent / "crosswalks"


@cache
def load_rows(name: str) -> tuple[dict[str, str], ...]:
    """Given a crosswalk's file name, return its rows as dicts with stripped, lower-cased values."""
    with (FOLDER / name).open(encoding="utf-8", newline="") as handle:
        return tuple({k: (v or "").strip().lower() for k, v in row.items()} for row in csv.DictReader(handle))


def pairs(name: str, left: str, right: str) -> tuple[tuple[str, str], ...]:
    """Given a crosswalk and two column names, return its (left, right) pairs in file order."""
    return tuple((row[left], row[right]) for row in load_rows(name))


def column(name: str, field: str) -> tuple[str, ...]:
    """Given a crosswalk and a column name, return that column's values in file order."""
    return tuple(row[field] for row in load_rows(name))
