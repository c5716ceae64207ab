"""Tables of shaded bands -> proper columns: pdfplumber reads each band ('Interviews offered 25 98') as one cell.

Striped ('zebra') tables draw a filled rectangle per row and no column rules, so every row comes out as a single
cell holding the label and its figures. When every row of a one-column table ends in the same number of figures,
the row is cut into the label and those figures, and the line just above the table (often drawn outside the
bands) becomes the header when it has one heading per column.
"""

from __future__ import annotations

import re

from extractors.model import Cell, Line, Table

FIGURES_AT_END = re.compile(r"^(?P<label>.*?[^\d\s,.])\s+(?P<figures>(?:(?:\d[\d,]*|[<>]?\d+|\*|-|n/a)\s*)+)$", re.I)
NEAR = 30.0  # points: a header line this close above the table belongs to it


def band_cells(text: str) -> list[str] | None:
    """Given one band's text, return its label and figures as separate cells, or None if it does not end in figures."""
    match = FIGURES_AT_END.match(" ".join(text.split()))
    if not match:
        return None
    return [match["label"].strip(), *match["figures"].split()]


def header_above(table: Table, lines: list[Line], width: int) -> list[str] | None:
    """Given a table and the page's lines, return the headings of the line just above it, if it has `width`."""
    above = [ln for ln in lines if ln.page == table.page and 0 < table.top - ln.top <= NEAR]
    if not above:
        return None
    segments = list(max(above, key=lambda ln: ln.top).segments)
    return segments if len(segments) == width else None


def banded_to_columns(table: Table, lines: list[Line]) -> Table:
    """Given a table as pdfplumber read it and the page's lines, return it cut into columns when it is banded."""
    if len(table.rows) < 2 or any(len([c for c in row if c.text.strip()]) != 1 for row in table.rows):
        return table
    split = [band_cells(next(c for c in row if c.text.strip()).text) for row in table.rows]
    if any(s is None for s in split) or len({len(s) for s in split}) != 1:
        return table
    width = len(split[0])
    header = header_above(table, lines, width)
    base = table.name
    rows = [[Cell(text, f"{base} r{r}c{c}") for c, text in enumerate(cells, 1)]
            for r, cells in enumerate(([header] if header else []) + split, 1)]
    return Table(rows, table.name, table.page, table.top)
