"""Unruled tables -> Tables: runs of lines whose words stand in aligned columns, read as rows of cells.

pdfplumber finds tables drawn with lines; councils also line figures up with spaces or tabs. A run of two or
more lines, each split by wide gaps into segments and ending in figures, is such a table.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.extract.label_blocks import NEW_LABEL, NUMBERED, label_block_piece
from extractors.extract.matching import MONTHS
from extractors.extract.over_pages import tables_over_pages_joined
from extractors.extract.qa_layout import qa_tables
from extractors.extract.row_shapes import data_row, figure_like, header_row
from extractors.extract.short_runs import blank_numbered_row, headed_row, heading_repeated, years_over_row
from extractors.model import Cell, Document, Line, Table
from extractors.parse.counts import groups_together
from extractors.parse.values import parse_count
from extractors.read.headings import MARKING

MIN_ROWS = 2


def continuation(line: Line, row: Line) -> bool:
    """Given a line and the table row above it, return whether the line only carries on that row's label
    ('Q5 missing incidents - children looked' / 'after'): one short piece of words under the label column."""
    if len(line.segments) != 1 or not line.segment_x or not row.segment_x or not data_row(row):
        return False
    text = re.sub(r"^[-–]\s+", "", line.segments[0])  # '- households' carries on 'TA placements'
    # a wrapped label carries on mid-phrase ('leave', 'within 72', '72hrs'); a capital starts a row of its own
    # (or the label's period in brackets under it: 'Households accommodated' / '(2023/24)')
    return len(text) <= 40 and bool(re.match(r"[a-z]{2,}|\d+\s*(?:hrs?|hours?|days?|weeks?|months?)\b|"
                                             r"\((?:fy\s*)?(?:19|20)\d\d\s*[-/]\s*\d\d(?:\d\d)?\)$", text)) and \
        abs(line.segment_x[0] - row.segment_x[0]) <= 12


def row_above(lines: list[Line], i: int) -> Line:
    """Given lines and an index, return the table row a wrapped label there would carry on: the line before,
    or the data row above a run of such wrapped lines ('Q9 completed' / 'within 72' / 'hours')."""
    j = i - 1
    while j > 0 and not data_row(lines[j]) and continuation(lines[j], row_above(lines, j)):
        j -= 1
    return lines[j]


def aligned_heading(line: Line, row: Line) -> bool:
    """Given a line and a table row below it, return whether the line is a wrapped heading over that row's value
    columns ('on leave' under 'Staff'): no figures, every segment starting at one of its columns."""
    if not line.segment_x or len(line.segment_x) != len(line.segments) or any(figure_like(s) for s in line.segments) \
            or MARKING.fullmatch(line.text.strip()):  # a page's protective marking heads the page, not a column
        return False
    values = row.segment_x if all(figure_like(s) for s in row.segments) else row.segment_x[1:]  # (its label apart)
    return all(any(abs(x - start) <= 8 for start in values) for x in line.segment_x) and \
        all(len(s) <= 40 for s in line.segments)


def wrap_piece(line: Line, row: Line | None) -> bool:
    """Given a line and a table row next to it, return whether the line is a wrapped piece of one of the row's
    later cells ('Q5 missing occurrences - living at' over 'Apr 2025  41', 'home' under it): one short piece of
    words standing in a column after the first."""
    if row is None or not data_row(row) or len(line.segments) != 1 or not line.segment_x:
        return False
    x, text = line.segment_x[0], line.segments[0]
    year_end = re.fullmatch(r"(?:19|20)\d\d\)", text.strip()) is not None  # '(April 2023 to March' / '2024)'
    # a figure's note wrapped in its cell ('593 (both groups' / 'combined)') over a cell the row leaves blank
    noted = re.fullmatch(r"\d[\d,]*\s*\([^)]*|[^()\d]*\)", text.strip()) is not None
    # (or a refusal's words wrapped round the row in a cell it leaves blank: 's.21 - published' / 'elsewhere')
    noted = noted or len(text) <= 40 and (not re.search(r"\d", text) and re.match(r"[a-z]{3}", text.strip()) or
                                          parse_count(text).status in ("refused", "not_held") or
                                          figure_like(text) and parse_count(text).status == "needs_review")
    # (or a figure set lower or higher in its cell than the row's other cells: 'roughly 400' beside a two-line
    # note, '696 - total for both' over 'groups')
    if noted and abs(line.top - row.top) <= 30 and x > row.segment_x[0] + 30:
        return not any(abs(start - x) <= 8 for start in row.segment_x)
    if len(text) > 70 or figure_like(text) and not year_end or abs(line.top - row.top) > 30:
        return False
    if all(figure_like(s) for s in row.segments):
        return x < row.segment_x[0] - 30  # the label of a row of figures, wrapped above and below them
    if 0 < row.top - line.top <= 18 and abs(x - row.segment_x[0]) <= 8 and row.segments[0][:1].islower():
        return True  # the label's first line over its row, which carries it on in lower case ('... reported' /
        # 'missing - children  151 119')
    beside = min(range(len(row.segment_x)), key=lambda i: abs(row.segment_x[i] - x))
    # over a column of words, not of figures: a heading's second line ('date)') sits over figures
    return x > row.segment_x[0] + 30 and not figure_like(row.segments[beside])


MONTH_ALONE = re.compile(rf"{MONTHS}\.?", re.I)


def wrapped_row(line: Line, row: Line) -> bool:
    """Given a line and the table row just above it, return whether the line carries on that row's labels in
    more than one column ('Apr  Missing occurrences - children in our  77' / '2025  care'): no figures, every
    piece under a label column of the row, each a year finishing its month or words carried on in lower case."""
    if not data_row(row) or not line.segment_x or len(line.segment_x) != len(line.segments) or \
            not 0 < line.top - row.top <= 18:
        return False
    # (a figure's note wrapped in its cell, '220 (both groups' / 'combined)', carries on too)
    labels = {x: text for x, text in zip(row.segment_x, row.segments, strict=True)
              if not figure_like(text) or text.count("(") > text.count(")") or re.search(r"\bsection\s*$", text, re.I)
              or groups_together(text)}  # ('109 - total for both' / 'groups')
    for x, text in zip(line.segment_x, line.segments, strict=True):
        column = min(labels, key=lambda start: abs(start - x), default=None)
        if column is None or abs(column - x) > 8:
            return False
        year_of_month = re.fullmatch(r"(?:19|20)\d\d", text.strip()) and MONTH_ALONE.fullmatch(labels[column].strip())
        note_end = labels[column].count("(") > labels[column].count(")") and re.fullmatch(r"[^()\d]*\)", text.strip())
        # ('Refused - section' / '12': a refusal's section number wrapped under it)
        section = re.search(r"\b(?:section|s\.?)\s*$", labels[column], re.I) and \
            re.fullmatch(r"\d{1,3}(?:\(\d\))?", text.strip())
        if not (year_of_month or note_end or section or re.match(r"(?:[-\u2013]\s+)?[a-z]{2,}", text.strip())):
            return False
    return True


def data_row_above(rows: list[Line], i: int) -> Line:
    """Given a run's lines and an index, return the nearest data row above it (past a label set between the
    lines of its row), or the line just above."""
    return next((rows[j] for j in range(i - 1, max(-1, i - 3), -1) if data_row(rows[j])), rows[i - 1])


def in_run(lines: list[Line], i: int, last: int) -> bool:
    """Given lines, a line's index and the run's last index so far, return whether the line carries the run on."""
    line, before = lines[i], lines[last]
    after = lines[i + 1] if i + 1 < len(lines) else None
    return data_row(line) or wrapped_row(line, before) or wrapped_row(line, data_row_above(lines, i)) or \
        (header_row(line) and after is not None and data_row(after)) or \
        continuation(line, row_above(lines, i)) or wrap_piece(line, before) or wrap_piece(line, after) or \
        label_block_piece(lines, i, data_row) or \
        (after is not None and data_row(after) and data_row(before) and blank_numbered_row(lines, last, last))
    # (the last: a row labelled with its question number and left blank, 'Q7 visits offered', mid-table)


def corner_heading(line: Line, below: Line) -> bool:
    """Given a line and the heading line under it, return whether the line is the label column's own heading
    ('Measure'), set between the lines of a wrapped heading over the value columns."""
    return len(line.segments) == 1 and bool(line.segment_x) and header_row(below) and len(line.text) <= 20 and \
        not any(ch.isdigit() for ch in line.text) and line.segment_x[0] < below.segment_x[0] - 30


def runs_of_rows(lines: list[Line], tables: list[Table] = ()) -> list[tuple[int, int]]:
    """Given a document's lines (and its ruled tables), return (first, last) index spans of table-like runs,
    headers included."""
    spans, index = [], 0
    while index < len(lines):
        if not data_row(lines[index]):
            index += 1
            continue
        end = index
        while end + 1 < len(lines) and lines[end + 1].page == lines[index].page and in_run(lines, end + 1, end):
            end += 1
        start = index
        # (headings line up with a full row's columns: the first row may lack its label, '220 (both' / 'combined)')
        widest = max((ln for ln in lines[index:end + 1] if data_row(ln)), key=lambda ln: len(ln.segments))
        while start > 0 and lines[start - 1].page == lines[index].page and (
                header_row(lines[start - 1]) or aligned_heading(lines[start - 1], widest) or
                wrap_piece(lines[start - 1], lines[start]) or corner_heading(lines[start - 1], lines[start]) or
                label_block_piece(lines, start - 1, data_row)):
            start -= 1
        if sum(data_row(line) for line in lines[start:end + 1]) >= MIN_ROWS or years_over_row(lines, start, end) or \
                headed_row(lines, start, end) or heading_repeated(lines, start, index, spans, tables):
            end += blank_numbered_row(lines, start, end)
            spans.append((start, end))
        index = end + 1
    return [piece for start, end in spans for piece in heading_repeats_split(lines, start, end)]


def heading_repeats_split(lines: list[Line], start: int, end: int) -> list[tuple[int, int]]:
    """Given lines and a run's span, return it cut where its heading line is repeated ('Financial year | ...'
    again, over other measures): the second heading starts a table of its own, whose columns are its own."""
    first = lines[start].segments[0].strip().lower() if lines[start].segments else ""
    if not first or data_row(lines[start]):
        return [(start, end)]
    cuts = [k for k in range(start + 2, end + 1) if not data_row(lines[k]) and lines[k].segments and
            lines[k].segments[0].strip().lower() == first and len(lines[k].segments) >= 2]
    bounds = [start, *cuts, end + 1]
    return [(a, b - 1) for a, b in zip(bounds, bounds[1:], strict=False) if b - 1 > a]


def column_starts(rows: list[Line]) -> list[float]:
    """Given a run's lines, return the columns' x positions, taken from the rows with the most segments."""
    widest = max(len(line.segments) for line in rows if data_row(line))
    full = [line for line in rows if data_row(line) and len(line.segments) == widest]
    starts = [sum(line.segment_x[i] for line in full) / len(full) for i in range(widest)]
    if all(figure_like(s) for line in full for s in line.segments):
        # rows of figures only, their labels wrapped round them at the left: the labels' column comes first
        left = [line.segment_x[0] for line in rows if line.segment_x and line.segment_x[0] < starts[0] - 30]
        starts = [min(left), *starts] if left else starts
    return starts


def placed_by_position(pieces: list[tuple[str, float]], starts: list[float]) -> list[str] | None:
    """Given a row's pieces with their x positions, return them in the columns they stand in, or None when two
    pieces would share a column (the positions then say too little): a blank cell stays blank."""
    if not pieces or len(pieces) >= len(starts) or any(x == 0.0 for _, x in pieces):
        return None
    cells = [""] * len(starts)
    for text, x in pieces:
        nearest = min(range(len(starts)), key=lambda i: abs(starts[i] - x))
        if cells[nearest] or abs(starts[nearest] - x) > 40:
            return None
        cells[nearest] = text
    return cells


LABEL_THEN_FIGURE = re.compile(r"^(.*[A-Za-z)])\s+(\d[\d,]*)$")
BEFORE_A_NUMBER = {"under", "over", "aged", "than", "within", "to", "of", "and", "age", "q", "question"}


def figure_run_into_label(cells: list[str]) -> list[str]:
    """Given a row placed by position, return it with the first value taken back out of the label when a long
    label ran into it ('... missing from 298' over a blank first column and filled later ones)."""
    match = LABEL_THEN_FIGURE.match(cells[0])
    if len(cells) < 3 or cells[1] or not all(cells[2:]) or not match:
        return cells
    if match.group(1).split()[-1].lower().strip("()") in BEFORE_A_NUMBER:
        return cells  # 'aged 16', 'more than 24': the number belongs to the label
    return [match.group(1), match.group(2), *cells[2:]]


def place(line: Line, starts: list[float]) -> list[str]:
    """Given a line and the columns, return its cells: figures from the right, labels by nearest column."""
    width = len(starts)
    cells = [""] * width
    pieces = list(zip(line.segments, line.segment_x or [0.0] * len(line.segments), strict=True))
    if not data_row(line) and len(pieces) < width:  # a header over the value columns only
        if line.segment_x and len(line.segment_x) == len(line.segments):
            for text, x in pieces:  # each heading over the column it starts at (the label column's at its start)
                nearest = 0 if abs(starts[0] - x) <= 12 else min(range(1, width), key=lambda i: abs(starts[i] - x))
                cells[nearest] = f"{cells[nearest]} {text}".strip()
            return cells
        return [""] * (width - len(pieces)) + list(line.segments)
    by_x = placed_by_position(pieces, starts)
    if by_x is not None:
        return figure_run_into_label(by_x)
    column = width - 1
    while data_row(line) and pieces and figure_like(pieces[-1][0]) and column >= 1:
        cells[column] = pieces.pop()[0]
        column -= 1
    for text, x in pieces:
        nearest = min(range(column + 1), key=lambda i: abs(starts[i] - x))
        cells[nearest] = f"{cells[nearest]} {text}".strip()
    return cells


AWAITS_NUMBER = re.compile(r"(?:\bsection|\bs\.?)\s*$", re.I)


def section_numbers_joined(placed: list[list[str]]) -> list[list[str]]:
    """Given a table's placed rows, return them with a row of bare numbers under cells ending 'section' joined to
    those cells ('Refused - section' over '12'): the numbers are the sections' numbers, not figures."""
    out: list[list[str]] = []
    for row in placed:
        above = out[-1] if out else None
        pairs = [(a, b) for a, b in zip(above[1:], row[1:], strict=False) if b.strip()] if above else []
        if above and pairs and all(AWAITS_NUMBER.search(a) and re.fullmatch(r"\d{1,2}(?:\(\d\))?", b.strip())
                                   for a, b in pairs):
            out[-1] = [f"{a} {b}".strip() for a, b in zip(above, row, strict=False)] + above[len(row):]
        else:
            out.append(row)
    return out


def pieces_placed(placed: list[list[str]], tops: list[float], starts: list[float], pieces: list[Line]) -> None:
    """Given a run's placed rows, their heights, its columns and the wrapped pieces set aside, put each piece
    into the cell of the nearest row in its column, the pieces above a row before its text, those below after."""
    above: dict[tuple[int, int], list[Line]] = {}
    below: dict[tuple[int, int], list[Line]] = {}
    for piece in pieces:
        r = min(range(len(placed)), key=lambda k: abs(tops[k] - piece.top))
        c = min(range(len(starts)), key=lambda k: abs(starts[k] - piece.segment_x[0]))
        if c == 0 and r > 0 and piece.top < tops[r] and piece.text.strip()[:1].islower() and \
                (NUMBERED.match(placed[r][0]) or NEW_LABEL.match(placed[r][0])):
            r -= 1  # ('weeks' over 'Q4 spend ...' ends the label above: a number or capital opens a label)
        (above if piece.top < tops[r] else below).setdefault((r, c), []).append(piece)
    for (r, c) in {*above, *below}:
        words = [p.text.strip() for p in sorted(above.get((r, c), []), key=lambda p: p.top)] + [placed[r][c]] + \
            [p.text.strip() for p in sorted(below.get((r, c), []), key=lambda p: p.top)]
        placed[r][c] = " ".join(w for w in words if w)


def run_to_table(rows: list[Line], page: int, number: int) -> Table:
    """Given a run of lines, return it as a Table with `p1 layout1 r2c3` locators."""
    starts = column_starts(rows)
    name = f"p{page} layout{number}"
    placed: list[list[str]] = []
    tops: list[float] = []  # each placed row's height on the page, to hand wrapped pieces to their row
    pieces: list[Line] = []
    for i, line in enumerate(rows):
        if i and placed and continuation(line, row_above(rows, i)):
            placed[-1][0] = f"{placed[-1][0]} {line.text}".strip()  # the label wraps onto this line
        elif i and placed and wrapped_row(line, data_row_above(rows, i)):
            for text, x in zip(line.segments, line.segment_x, strict=True):  # each label carries on in its cell
                c = min(range(len(starts)), key=lambda k: abs(starts[k] - x))
                placed[-1][c] = f"{placed[-1][c]} {text}".strip()
        elif wrap_piece(line, rows[i - 1] if i else None) or wrap_piece(line, rows[i + 1] if i + 1 < len(rows)
                                                                         else None) or \
                label_block_piece(rows, i, data_row):
            pieces.append(line)
        else:
            placed.append(place(line, starts))
            tops.append(line.top if data_row(line) else float("inf"))
    pieces_placed(placed, tops, starts, pieces)
    placed = section_numbers_joined(placed)
    heads = next((i for i, top in enumerate(tops) if top != float("inf")), 0)
    if heads > 1:  # a heading wrapped over several lines ('Staff' / 'on leave') is one heading
        merged = [" ".join(row[c] for row in placed[:heads] if row[c]).strip() for c in range(len(starts))]
        placed = [merged, *placed[heads:]]
    cells = [[Cell(text, f"{name} r{r}c{c}") for c, text in enumerate(row, 1)] for r, row in enumerate(placed, 1)]
    return Table(cells, name, page, rows[0].top)


# ('5(a) 419' is question 5, part a, and its answer: a part letter in brackets is no note)
NOTED_FIGURES = re.compile(r"\d[\d,]*\s*\((?![a-h]\))[^()]{1,40}\)(?:\s+\d[\d,]*(?:\s*\([^()]{1,40}\))?)+", re.I)
CHAR_WIDTH = 5.0  # points: a rough width of one character, to place the pieces of a segment split in two


def noted_figures_split(line: Line) -> Line:
    """Given a line, return it with a segment of figures and their notes run together ('198 (not split) 198
    (not split) 198') cut into one segment per figure, each placed where its text starts."""
    if len(line.segment_x) != len(line.segments) or not any(NOTED_FIGURES.fullmatch(s) for s in line.segments):
        return line
    segments, starts = [], []
    for text, x in zip(line.segments, line.segment_x, strict=True):
        pieces = re.split(r"(?<=\))\s+(?=\d)", text) if NOTED_FIGURES.fullmatch(text) else [text]
        offset = 0
        for piece in pieces:
            segments.append(piece)
            starts.append(round(x + CHAR_WIDTH * offset, 1))
            offset += len(piece) + 1
    return replace(line, segments=tuple(segments), segment_x=tuple(starts))


def with_layout_tables(document: Document) -> Document:
    """Given a document, return it with unruled tables turned into Tables and their lines taken out."""
    document = qa_tables(document)
    document = replace(document, lines=[noted_figures_split(line) for line in document.lines])
    spans = runs_of_rows(document.lines, document.tables)
    if not spans:
        return replace(document, tables=tables_over_pages_joined(document.tables, document.lines))
    taken: set[int] = set()
    tables = list(document.tables)
    for number, (start, end) in enumerate(spans, 1):
        rows = document.lines[start:end + 1]
        tables.append(run_to_table(rows, rows[0].page, number))
        taken.update(range(start, end + 1))
    lines = [line for i, line in enumerate(document.lines) if i not in taken]
    return replace(document, lines=lines, tables=tables_over_pages_joined(tables, lines))
