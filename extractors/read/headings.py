"""Heading lines a table's header row left out -> joined to the columns they stand over.

A heading wrapped onto more lines in one column than in the next, or a first heading level over the value
columns ('Looked-after' over 'young people'), is read as lines of its own; the columns' headings then lack
the words that say which question or group each column is.
"""

from __future__ import annotations

import re

from extractors.model import Cell, Line, Table
from extractors.read.banded import FIGURE_TOKEN, NEAR, heading_line


def heading_over_columns(line: Line, width: int, margin: float) -> bool:
    """Given a line, the number of value columns and the page's left margin, return whether the line could give
    each value column a heading: one short piece per column, no figures, set in from the margin."""
    return len(line.segments) == width and bool(line.segment_x) and line.segment_x[0] - margin >= 60 and not any(
        len(s) > 30 or any(ch.isdigit() for ch in s) for s in line.segments)


def with_wrapped_pieces(line: Line, lower: Line) -> Line | None:
    """Given a heading line and the line just under it, return the heading with the lower line's pieces joined to
    the headings they stand under ('Central Central' / 'Bedfordshire Bedfordshire'), or None when one does not."""
    if not lower.segment_x or len(lower.segment_x) != len(lower.segments) or not 0 < lower.top - line.top <= 16:
        return None
    heads = list(line.segments)
    for text, x in zip(lower.segments, lower.segment_x, strict=True):
        column = min(range(len(heads)), key=lambda i: abs(line.segment_x[i] - x))
        if abs(line.segment_x[column] - x) > 8 or any(ch.isdigit() for ch in text) or len(text) > 30:
            return None
        heads[column] = f"{heads[column]} {text}"
    return Line(" ".join(heads), line.page, line.top, tuple(heads), line.ocr_confidence, line.segment_x)


def upper_heading(table: Table, lines: list[Line]) -> list[Line]:
    """Given a table headed by words over its value columns (a blank corner), return the lines just above that
    give each value column the first level of its heading ('Looked-after' over 'young people'), that level's
    wrapped second line included, or []."""
    head = table.rows[0] if table.rows else []
    if len(head) < 3 or head[0].text.strip() or not all(
            c.text.strip() and not FIGURE_TOKEN.fullmatch(c.text.strip()) for c in head[1:]):
        return []
    above = sorted((ln for ln in lines if ln.page == table.page and 0 < table.top - ln.top <= 2 * NEAR and
                    not heading_line(ln, [table])), key=lambda ln: -ln.top)  # not the header row's own lines
    # the header row may be built from lines above the table's box: the heading stands near the highest of them
    edge = min((ln.top for ln in lines if ln.page == table.page and 0 < table.top - ln.top <= 2 * NEAR and
                heading_line(ln, [table])), default=table.top)
    if not above or edge - above[0].top > NEAR:
        return []
    margin = min((ln.segment_x[0] for ln in lines if ln.page == table.page and ln.segment_x), default=0.0)
    if heading_over_columns(above[0], len(head) - 1, margin):
        return [above[0]]
    if len(above) > 1 and heading_over_columns(above[1], len(head) - 1, margin) and \
            with_wrapped_pieces(above[1], above[0]) is not None:
        return [above[1], above[0]]
    return []  # a sentence, a figure row or a line starting at the margin is not a heading over columns


def with_upper_heading(table: Table, lines: list[Line]) -> tuple[Table, list[Line]]:
    """Given a table and the page's lines, return it with a heading's upper line (and its wrapped second line)
    joined to its header row, and the lines taken."""
    taken = upper_heading(table, lines)
    if not taken:
        return table, []
    line = taken[0] if len(taken) == 1 else with_wrapped_pieces(*taken)
    head = [table.rows[0][0], *(Cell(f"{up.strip()} {c.text.strip()}", c.locator, c.ocr_confidence)
                                for up, c in zip(line.segments, table.rows[0][1:], strict=True))]
    return Table([head, *table.rows[1:]], table.name, table.page, taken[0].top), taken


Bounds = list[tuple[float, float]]


def column_of(x: float, bounds: Bounds) -> int | None:
    """Given a segment's x position and a table's column bounds, return the column it starts in, or None."""
    return next((i for i, (x0, x1) in enumerate(bounds) if x0 - 3 <= x < x1), None)


# a page's protective marking ('OFFICIAL - PUBLIC', 'NOT PROTECTIVELY MARKED') heads the page, not a column
MARKING = re.compile(r"(?:official(?:[- ]sensitive)?(?:\s*[-:]\s*\w+)?|not protectively marked|unclassified|"
                     r"classification\s*:.*)", re.I)


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
            all(len(t) <= 30 and not t.rstrip().endswith((".", "?")) for t in line.segments) and \
            not MARKING.fullmatch(line.text.strip())
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
