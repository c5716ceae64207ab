"""Question-and-answer tables printed without rules -> Tables: a numbered row per question, its text and answer
wrapping over several lines in their own columns ('No. | Question | Response').

Read as running text, the question's wrapped lines and the answer's run into each other ('... staff on (a) 0' /
'leave: (a) full-time and (b) part-time? (b) 219'). The heading line says where each column starts; a line
opening with a number at the first column starts a row, and every other line adds its pieces to the column each
piece stands in.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.crosswalk import pairs
from extractors.model import Cell, Document, Line, Table

NUMBER = re.compile(r"^\s*(?:q\s*)?\d{1,2}[a-h]?[.)]?\s*$", re.I)
SLACK = 15.0  # points: a piece starting this close to a column's start stands in it


def heading_role(text: str) -> str:
    """Given a column heading, return 'label', 'value' or '' from the header crosswalk (or its last word)."""
    words = re.sub(r"[^a-z ]+", " ", text.lower()).split()
    roles = {phrase: role for role, phrase in reversed(pairs("headers.csv", "role", "phrase"))}
    return roles.get(" ".join(words)) or (roles.get(words[-1], "") if 2 <= len(words) <= 3 else "")


def qa_heading(line: Line) -> bool:
    """Given a line, return whether it heads a question-and-answer table: a question column, then answers."""
    if not 2 <= len(line.segments) <= 3 or len(line.segment_x) != len(line.segments):
        return False
    roles = [heading_role(s) for s in line.segments]
    return roles[-1] == "value" and "label" in roles[:-1]


def column_of(x: float, starts: tuple[float, ...]) -> int | None:
    """Given where a piece starts and the columns' starts, return the column it stands in, or None."""
    best = min(range(len(starts)), key=lambda i: abs(starts[i] - x))
    return best if abs(starts[best] - x) <= SLACK or x > starts[best] else None


def numbered_line(line: Line, starts: tuple[float, ...]) -> bool:
    """Given a line and the columns' starts, return whether it opens with a row's number in the first column."""
    return len(starts) == 3 and bool(line.segments) and bool(NUMBER.match(line.segments[0])) and \
        abs(line.segment_x[0] - starts[0]) <= SLACK


def rows_centred(lines: list[Line], start: int, starts: tuple[float, ...]) -> tuple[list[list[str]], int]:
    """Given lines, a heading's index and its column starts, return the rows below it when each row's number is
    set at the middle of its row's height (question lines above and below it): every line goes to the row
    whose number is nearest; also the index after the last line taken."""
    taken, index = [], start + 1
    while index < len(lines) and lines[index].page == lines[start].page and lines[index].segment_x:
        line = lines[index]
        if not numbered_line(line, starts) and line.segment_x[0] < starts[1] - SLACK:
            break  # a line at the left margin that opens no row: the table has ended
        taken.append(line)
        index += 1
    numbers = [line.top for line in taken if numbered_line(line, starts)]
    if not numbers:
        return [], start + 1
    rows = [[""] * len(starts) for _ in numbers]
    for line in taken:
        row = rows[min(range(len(numbers)), key=lambda i: abs(numbers[i] - line.top))]
        for text, x in zip(line.segments, line.segment_x, strict=True):
            column = column_of(x, starts)
            if column is not None:
                row[column] = f"{row[column]}\n{text}".strip()
    return rows, index


def rows_under(lines: list[Line], start: int, starts: tuple[float, ...]) -> tuple[list[list[str]], int]:
    """Given lines, the index of a heading and its column starts, return the rows below it and the index after
    the last line taken."""
    rows: list[list[str]] = []
    index = start + 1
    if index < len(lines) and lines[index].segment_x and not numbered_line(lines[index], starts):
        return rows_centred(lines, start, starts)  # the first row's question begins above its number
    while index < len(lines) and lines[index].page == lines[start].page and lines[index].segment_x:
        line = lines[index]
        pieces = list(zip(line.segments, line.segment_x, strict=True))
        numbered = len(starts) == 3 and NUMBER.match(pieces[0][0]) and abs(pieces[0][1] - starts[0]) <= SLACK
        if not numbered and (not rows or pieces[0][1] < starts[1] - SLACK):
            break  # a line at the left margin that opens no row: the table has ended
        if numbered:
            rows.append([""] * len(starts))
        for text, x in pieces:
            column = column_of(x, starts)
            if column is None:
                break
            rows[-1][column] = f"{rows[-1][column]}\n{text}".strip()
        index += 1
    return rows, index


def numbered_heading(line: Line, under: list[Line]) -> tuple[list[str], tuple[float, ...]] | None:
    """Given a line and the few under it, return the headings and column starts of a numbered Q/A table it heads:
    'No. | Question | Response', or 'Question | Response' over rows whose number stands left of the question (the
    first row's number may sit lower, at the middle of its row)."""
    if not qa_heading(line):
        return None
    if len(line.segments) == 3:
        return list(line.segments), line.segment_x
    below = next((ln for ln in under if ln.segment_x and NUMBER.match(ln.segments[0])), None)
    first = below.segments[0] if below and below.segment_x else ""
    if len(line.segments) == 2 and NUMBER.match(first) and below.segment_x[0] < line.segment_x[0] - SLACK / 3:
        return ["", *line.segments], (below.segment_x[0], *line.segment_x)
    return None


def qa_tables(document: Document) -> Document:
    """Given a document, return it with unruled question-and-answer tables made Tables, their lines taken out."""
    lines, tables, taken = document.lines, list(document.tables), set()
    index = 0
    while index < len(lines):
        line = lines[index]
        heads = numbered_heading(line, [ln for ln in lines[index + 1:index + 7] if ln.page == line.page])
        if heads is None:
            index += 1
            continue
        rows, end = rows_under(lines, index, heads[1])
        if len(rows) < (1 if any(t.name.split()[-1].startswith("qa") for t in tables) else 2):  # one row: a
            # table carried over from the page before, under its heading again
            index += 1
            continue
        name = f"p{line.page} qa{len(tables) + 1}"
        body = [heads[0], *rows]
        cells = [[Cell(text, f"{name} r{r}c{c}") for c, text in enumerate(row, 1)] for r, row in enumerate(body, 1)]
        tables.append(Table(cells, name, line.page, line.top))
        taken.update(range(index, end))
        index = end
    if not taken:
        return document
    return replace(document, lines=[ln for i, ln in enumerate(lines) if i not in taken], tables=tables)
