"""Crosswalks are data: phrase and header tables in extractors/crosswalks/*.csv, read once by this one loader."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).parent / "crosswalks"


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """Given a crosswalk's file name, return its rows as dicts with stripped values, case kept."""
    with (FOLDER / name).open(encoding="utf-8", newline="") as handle:
        return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle))


@cache
def load_rows(name: str) -> tuple[dict[str, str], ...]:
    """Given a crosswalk's file name, return its rows with stripped, lower-cased values."""
    return tuple({k: v.lower() for k, v in row.items()} for row in rows(name))


@cache
def pairs(name: str, left: str, right: str) -> tuple[tuple[str, str], ...]:
    """Given a crosswalk and two column names, return its lower-cased (left, right) pairs in file order."""
    return tuple((row[left], row[right]) for row in load_rows(name))


@cache
def column(name: str, field: str) -> tuple[str, ...]:
    """Given a crosswalk and a column name, return that column's lower-cased values in file order."""
    return tuple(row[field] for row in load_rows(name))


def values(name: str, field: str, **where: str) -> list[str]:
    """Given a crosswalk, a column and column=value filters, return that column (case kept) for matching rows."""
    return list(_values(name, field, tuple(where.items())))


@cache
def _values(name: str, field: str, where: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """Given a crosswalk, a column and filters as pairs, return `values` as a tuple (worked out once)."""
    return tuple(row[field] for row in rows(name) if all(row.get(k) == v for k, v in where))
