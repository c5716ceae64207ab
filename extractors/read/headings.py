"""Heading lines a table's header row left out -> joined to the columns they stand over.

A heading wrapped onto more lines in one column than in the next, or a first heading level over the value
columns ('Looked-after' over 'young people'), is read as lines of its own; the columns' headings then lack
the words that say which question or group each column is.
"""

from __future__ import annotations

from extractors.model import Cell, Line, Table
from extractors.read.banded import FIGURE_TOKEN, NEAR, heading_line


def upper_heading(table: Table, lines: list[Line]) -> Line | None:
    """Given a table headed by words over its value columns (a blank corner), return the line just above that
    gives each value column the first level of its heading ('Looked-after' over 'young people'), or None."""
    head = table.rows[0] if table.rows else []
    if len(head) < 3 or head[0].text.strip() or not all(
            c.text.strip() and not FIGURE_TOKEN.fullmatch(c.text.strip()) for c in head[1:]):
        return None
    above = [ln for ln in lines if ln.page == table.page and 0 < table.top - ln.top <= NEAR]
    if not above:
        return None
    line = max(above, key=lambda ln: ln.top)
    margin = min((ln.segment_x[0] for ln in lines if ln.page == table.page and ln.segment_x), default=0.0)
    if len(line.segments) != len(head) - 1 or not line.segment_x or line.segment_x[0] - margin < 60 or any(
            len(s) > 30 or any(ch.isdigit() for ch in s) for s in line.segments):
        return None  # a sentence, a figure row or a line starting at the margin is not a heading over columns
    return line


def with_upper_heading(table: Table, lines: list[Line]) -> tuple[Table, Line | None]:
    """Given a table and the page's lines, return it with a heading's upper line joined to its header row, and
    the line taken (None when there is none)."""
    line = upper_heading(table, lines)
    if line is None:
        return table, None
    head = [table.rows[0][0], *(Cell(f"{up.strip()} {c.text.strip()}", c.locator, c.ocr_confidence)
                                for up, c in zip(line.segments, table.rows[0][1:], strict=True))]
    return Table([head, *table.rows[1:]], table.name, table.page, line.top), line


Bounds = list[tuple[float, float]]


def column_of(x: float, bounds: Bounds) -> int | None:
    """Given a segment's x position and a table's column bounds, return the column it starts in, or None."""
    return next((i for i, (x0, x1) in enumerate(bounds) if x0 - 3 <= x < x1), None)


def fragments_above(table: Table, bounds: Bounds, lines: list[Line]) -> list[Line]:
    """Given a table headed by words, its column bounds and the page's lines, return the lines just above it that
    are pieces of its value columns' headings left out of the header row (a heading wrapped over more lines in
    one column than in the next), nearest first."""
    head = table.rows[0] if table.rows else []
    if len(head) != len(bounds) or len(head) < 3 or any(FIGURE_TOKEN.fullmatch(c.text.strip()) for c in head[1:]):
        return []
    taken: list[Line] = []
    edge = table.top
    for line in sorted((ln for ln in lines if ln.page == table.page and ln.top < table.top), key=lambda ln: -ln.top):
        columns = [column_of(x, bounds) for x in line.segment_x]
        piece = len(line.segment_x) == len(line.segments) and all(c is not None and c >= 1 for c in columns) and \
            all(len(t) <= 30 and not t.rstrip().endswith((".", "?")) for t in line.segments)
        if not piece or edge - line.top > (45 if edge == table.top else 12):
            break
        if not heading_line(line, [table]):  # a line the header row was built from is in it already
            taken.append(line)
        edge = line.top
    return taken


def with_fragments_above(table: Table, bounds: Bounds, lines: list[Line]) -> tuple[Table, list[Line]]:
    """Given a table, its column bounds and the page's lines, return it with heading pieces left above it joined
    to their columns' headings, and the lines taken."""
    taken = fragments_above(table, bounds, lines)
    if not taken:
        return table, []
    heads = [c.text.strip() for c in table.rows[0]]
    for line in taken:  # nearest first: each piece goes before what is already under it
        for text, x in zip(line.segments, line.segment_x, strict=True):
            column = column_of(x, bounds) or 0
            heads[column] = f"{text.strip()} {heads[column]}".strip()
    head = [Cell(text, c.locator, c.ocr_confidence) for text, c in zip(heads, table.rows[0], strict=True)]
    return Table([head, *table.rows[1:]], table.name, table.page, taken[-1].top), taken
