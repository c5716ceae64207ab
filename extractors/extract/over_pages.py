"""Tables carried over a page break -> one table: the same header row repeated at the top of the next page.

A long table (months of figures, one row per month and measure) is cut by the page; the renderer repeats its
header row on each page. Read piecewise, each piece holds part of a measure's months, and none adds up to the
year. Joined, the series is whole again; every cell keeps its own locator, so each figure still points to its page.
"""

from __future__ import annotations

import re

from extractors.extract.letters import PAGE_FURNITURE
from extractors.extract.matching import question_refs
from extractors.model import Line, Table


def header_text(table: Table) -> tuple[str, ...]:
    """Given a table, return its first row's texts, spaced and cased alike."""
    return tuple(" ".join(cell.text.lower().split()) for cell in table.rows[0]) if table.rows else ()


def headless(table: Table, width: int) -> bool:
    """Given a table and the width of the one above it, return whether it is rows only, as wide: its first row a
    label and figures (its heading repeated as plain text above it, or not at all)."""
    first = [cell.text.strip() for cell in table.rows[0]] if table.rows else []
    figures = first[1:]
    return len(first) == width and first[0][:1].isalpha() and \
        all(re.match(r"[<>\u00a3]?\d|\*$|-$|$", text) for text in figures) and any(re.search(r"\d", t) for t in figures)


def continues(upper: Table, lower: Table, tables: list[Table], lines: list[Line]) -> bool:
    """Given two tables and all of the document's tables and lines, return whether the lower one carries the upper
    on: the last thing on its page (but a page number) and the first table of the next, under the same header row
    of words."""
    head = header_text(upper)
    if lower.page != upper.page + 1 or len(head) < 2 or len(upper.rows) < 2 or \
            head != header_text(lower) and not headless(lower, len(head)):
        return False
    if not any(any(ch.isalpha() for ch in text) for text in head):
        return False  # a row of figures repeated is no header
    later = [t for t in tables if t.page == upper.page and t.top > upper.top]
    earlier = [t for t in tables if t.page == lower.page and t.top < lower.top]
    heading = " ".join(cell.text for cell in upper.rows[0]).lower().split()
    after = [ln for ln in lines if ln.page == upper.page and ln.top > upper.top and
             not PAGE_FURNITURE.match(ln.text) and not set(ln.text.lower().split()) <= set(heading)]
    # (a line of the upper table's own heading is no text after it) a heading or a row of figures above the
    # lower table on its page: the table there is another question's, or the rest of this one was written out
    before = [ln for ln in lines if ln.page == lower.page and ln.top < lower.top and
              not PAGE_FURNITURE.match(ln.text) and (question_refs(ln.text) or re.search(r"\d", ln.text))]
    return not later and not earlier and not after and not before  # text after the table: the next is another


def tables_over_pages_joined(tables: list[Table], lines: list[Line]) -> list[Table]:
    """Given a document's tables and lines, return them with each table carried over page breaks joined into one."""
    ordered = sorted(tables, key=lambda t: (t.page, t.top))
    out: list[Table] = []
    last_piece: Table | None = None  # the page's own piece of the table being built, to test the next against
    for table in ordered:
        if out and last_piece is not None and continues(last_piece, table, ordered, lines):
            carried = table.rows if header_text(table) != header_text(last_piece) else table.rows[1:]
            out[-1] = Table([*out[-1].rows, *carried], out[-1].name, out[-1].page, out[-1].top)
        else:
            out.append(table)
        last_piece = table
    return out
