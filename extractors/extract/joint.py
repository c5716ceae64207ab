"""A reply written for several councils -> the reply as it reads for one of them.

A shared service answers once for two or more councils and gives each council its own columns ('North Vale:
full-time', 'North Vale: part-time'). Read for one council, the columns headed with
another council's name are left out and this council's name is taken off its headings; the rest of the reply
(answers given once for all) is read as it is. A view that keeps no column headed with this council's name is
no view at all: the figures cannot then be told apart by council.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.model import Cell, Document, Table

HEADER_ROWS = 3  # a council's name heads its columns within the table's first rows


def names_in(text: str, names: list[str]) -> bool:
    """Given a heading and a council's names (lower case), return whether the heading names that council."""
    flat = " ".join(text.lower().split())
    return any(re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", flat) for name in names)


def column_owners(table: Table, own: list[str], others: list[list[str]]) -> dict[int, str]:
    """Given a table and the councils' names, return for each column headed with a council's name 'own' or 'other'.

    A name in a merged heading cell ('North Vale' over two columns) heads the blank cells to its right as well.
    """
    owners: dict[int, str] = {}
    for row in table.rows[:HEADER_ROWS]:
        current = ""
        for column, cell in enumerate(row):
            text = cell.text.strip()
            if text:
                current = "own" if names_in(text, own) else (
                    "other" if any(names_in(text, names) for names in others) else "")
            if current and column > 0:
                owners.setdefault(column, current)
    return owners


def without_name(text: str, names: list[str]) -> str:
    """Given a heading and a council's names, return the heading with the name (and its colon) taken off."""
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"(?i)(?<![a-z]){re.escape(name)}(?![a-z])\s*(?:council)?\s*[:\-\u2013]?\s*", " ", text)
    return " ".join(text.split())


def table_for_council(table: Table, own: list[str], others: list[list[str]]) -> tuple[Table, bool]:
    """Given a table and the councils' names, return it as it reads for this council and whether any column
    was headed with this council's name."""
    owners = column_owners(table, own, others)
    if not owners:
        return table, False
    keep = [c for c in range(max(len(r) for r in table.rows)) if owners.get(c) != "other"]
    rows = [[Cell(without_name(row[c].text, own), row[c].locator) if r < HEADER_ROWS else row[c]
             for c in keep if c < len(row)] for r, row in enumerate(table.rows)]
    return Table(rows, table.name, table.page, table.top), "own" in owners.values()


def document_for_council(document: Document, own: list[str], others: list[list[str]]) -> Document | None:
    """Given a joint reply (its tables already laid out) and the councils' names, return it as it reads for this
    council, or None when no column of it is headed with this council's name."""
    tables, found = [], False
    for table in document.tables:
        view, named = table_for_council(table, own, others)
        tables.append(view)
        found = found or named
    return replace(document, tables=tables) if found else None
