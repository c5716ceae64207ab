"""A sheet written as a letter -> its lines: one column of sentences ('Q1. ... is offered to every applicant: Yes').

A workbook's cover sheet often carries the letter itself, a sentence per row in the first column. Read as a table it
has no headings and no value columns, and its answers are lost; read as lines, the letter's own reading applies.
Each line keeps its cell, so a figure found there still points to the cell it came from.
"""

from __future__ import annotations

from dataclasses import replace

from extractors.model import Document, Line, Table

ROW_STEP = 15.0  # points: a sheet's rows set out as a letter's lines, one under the next
SENTENCE = 30  # characters: a row this long is prose, not a label


def one_column_prose(table: Table) -> bool:
    """Given a sheet's table, return whether it is a letter: every filled row has one filled cell, all in one
    column, and some of those are sentences."""
    if table.page != 0:
        return False
    filled = [[c for c in row if c.text.strip()] for row in table.rows]
    filled = [cells for cells in filled if cells]
    columns = {column_of(cells[0].locator) for cells in filled}
    return len(filled) >= 3 and all(len(cells) == 1 for cells in filled) and len(columns) == 1 and \
        sum(len(cells[0].text) >= SENTENCE for cells in filled) >= 2


def column_of(locator: str) -> str:
    """Given a cell's locator ('Cover!A5'), return its column letters."""
    ref = locator.rsplit("!", 1)[-1]
    return "".join(ch for ch in ref if ch.isalpha())


def table_to_lines(table: Table, order: int) -> list[Line]:
    """Given a sheet written as a letter and its place among the document's tables, return its filled cells as
    lines, each keeping its cell."""
    return [Line(cell.text, 0, order * 10000 + r * ROW_STEP, (cell.text,), cell=cell.locator)
            for r, row in enumerate(table.rows) for cell in row if cell.text.strip()]


def sheet_letters_read(document: Document) -> Document:
    """Given a document, return it with each sheet written as a letter turned into lines."""
    letters = {id(t) for t in document.tables if one_column_prose(t)}
    if not letters:
        return document
    lines = [ln for i, t in enumerate(document.tables) if id(t) in letters for ln in table_to_lines(t, i)]
    return replace(document, lines=[*document.lines, *lines],
                   tables=[t for t in document.tables if id(t) not in letters])
