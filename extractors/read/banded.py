"""Tables of shaded bands -> proper columns: pdfplumber reads each band ('Interviews offered 25 98') as one cell.

Striped ('zebra') tables draw a filled rectangle per row and no column rules, so every row comes out as a single
cell holding the label and its figures. When every row of a one-column table ends in the same number of figures,
the row is cut into the label and those figures, and the line just above the table (often drawn outside the
bands) becomes the header when it has one heading per column.
"""

from __future__ import annotations

import re

from extractors.crosswalk import pairs
from extractors.model import Cell, Line, Table
from extractors.read.band_cells import FIGURE_TOKEN, YEAR_SPAN, band_cells
from extractors.read.band_labels import NEAR, first_row_above, labels_wrapped_round, wrapped_label_rows

PERIOD_HEADS = frozenset({"period", "month", "year", "quarter", "financial year", "date"})


def header_above(table: Table, lines: list[Line], width: int) -> list[str] | None:
    """Given a table and the page's lines, return the headings of the line just above it, if it has `width`."""
    above = sorted((ln for ln in lines if ln.page == table.page and 0 < table.top - ln.top <= 2 * NEAR),
                   key=lambda ln: ln.top)
    if not above or table.top - above[-1].top > NEAR:
        return None
    anchor = next((i for i in range(len(above) - 1, -1, -1) if len(above[i].segments) == width), None)
    if anchor is None:  # headings over the value columns only, the label column's left blank
        anchor = next((i for i in range(len(above) - 1, max(-1, len(above) - 4), -1)
                       if len(above[i].segments) == width - 1 and not any(
                           FIGURE_TOKEN.fullmatch(x.strip()) and not YEAR_SPAN.fullmatch(x.strip())
                           for x in above[i].segments)), None)
        if anchor is None or label_heading(above[anchor].segments[0]):
            return None  # 'Period | A | B' over four columns: which value column has no heading is not known
        while anchor > 0 and len(above[anchor - 1].segments) == width - 1 and \
                above[anchor].top - above[anchor - 1].top <= NEAR / 2:
            anchor -= 1  # the heading's first line: 'Staff on leave -' over 'full-time'
        heads = ["", *above[anchor].segments]
        starts = (0.0, *above[anchor].segment_x) if above[anchor].segment_x else ()
    else:
        heads, starts = list(above[anchor].segments), above[anchor].segment_x
    # a heading wrapped onto more lines ('B&B stays over 6' / 'weeks (families)'): each piece joins the heading
    # it stands under
    for line in above[anchor + 1:]:
        if not starts or not line.segment_x or len(line.segments) > width:
            return None
        for text, x in zip(line.segments, line.segment_x, strict=False):
            column = min(range(width), key=lambda i: abs(starts[i] - x))
            heads[column] = f"{heads[column]} {text}"
    return heads


def heading_line(line: Line, tables: list[Table]) -> bool:
    """Given a line and a page's tables, return whether a table's heading row was built from it: it stands just
    above the table and its every piece is in the table's first row."""
    for table in tables:
        if table.rows and table.page == line.page and 0 < table.top - line.top <= 2 * NEAR:
            heading = " ".join(" ".join(c.text.split()) for c in table.rows[0])
            if all(" ".join(piece.split()) in heading for piece in line.segments):
                return True
    return False


def label_heading(text: str) -> bool:
    """Given a heading, return whether it heads a label column ('Period', 'Measure', 'Question'); 'Quarter 1'
    names one column of figures."""
    if re.search(r"\d", text):
        return False
    words = " ".join(re.sub(r"[^a-z ]+", " ", text.lower()).split())
    return words in PERIOD_HEADS or words in {phrase for role, phrase in pairs("headers.csv", "role", "phrase")
                                              if role == "label"}


def without_header_lines(tables: list[Table], lines: list[Line]) -> list[Line]:
    """Given a page's tables and lines, return the lines without those a table's heading row was built from."""
    return [line for line in lines if not heading_line(line, tables)]


def year_rejoined(table: Table) -> Table:
    """Given a table, return it with a period label cut in two at its year ('April 2024 - March' | '2025') made
    one cell again, when every row is cut so and the header row is one cell narrower."""
    rows = table.rows
    cut = [r for r in rows if len(r) >= 3 and re.fullmatch(r"(?:19|20)\d\d", r[1].text.strip())
           and re.search(r"[A-Za-z]\s*$", r[0].text)]
    if len(cut) < 2 or any(r not in cut and len([c for c in r if c.text.strip()]) >= len(r) for r in rows):
        return table
    joined = [[Cell(f"{r[0].text.strip()} {r[1].text.strip()}", r[0].locator), *r[2:]] if r in cut else r
              for r in rows]
    return Table(joined, table.name, table.page, table.top)


def single_bands_joined(tables: list[Table], lines: list[Line]) -> list[Table]:
    """Given a page's tables, return them with runs of one-cell boxes one under another (each band of a banded
    table drawn as a box of its own) joined into one table, to be cut into columns as a whole."""
    def band(table: Table) -> bool:
        """Whether a table is one box holding one cell of text."""
        return len(table.rows) == 1 and len([c for c in table.rows[0] if c.text.strip()]) == 1
    out: list[Table] = []
    for table in sorted(tables, key=lambda t: (t.page, t.top)):
        last = out[-1] if out else None
        if last is not None and band(table) and all(len([c for c in r if c.text.strip()]) == 1 for r in last.rows) \
                and last.page == table.page and 0 < table.top - last.top <= 3 * NEAR * len(last.rows) and \
                not heading_between(last, table, lines):
            out[-1] = Table([*last.rows, *table.rows], last.name, last.page, last.top)
        else:
            out.append(table)
    return out


def without_label_dashes(split: list[list[str]]) -> list[list[str]]:
    """Given bands cut into cells, return them with a dash between label and figures ('Q1 placements - 261 213')
    taken out when only that makes every band as wide as the rest."""
    widths = {len(s) for s in split}
    if len(widths) != 2 or max(widths) - min(widths) != 1:
        return split
    wide = max(widths)
    if not all(s[1] in ("-", "\u2013") for s in split if len(s) == wide):
        return split
    return [[s[0], *s[2:]] if len(s) == wide else s for s in split]


PERIOD_LEAD = re.compile(r"^((?:(?:year\s+|grand\s+)?total|full\s+year)(?:\s+(?:19|20)\d\d\s*[-/\u2013]\s*"
                         r"(?:19|20)?\d\d)?|"
                         r"(?:0?[1-9]|1[0-2])/(?:19|20)\d\d|"
                         r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])|"
                         r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s'-]*(?:19|20)?\d\d)\s+(\S.*)$",
                         re.I)


def period_cut_from_labels(split: list[list[str]]) -> list[list[str]] | None:
    """Given bands cut into cells, return them with each label's leading month ('04/2025', 'Apr-25') made a cell
    of its own, when every label opens with one; else None."""
    leads = [PERIOD_LEAD.match(cells[0]) for cells in split]
    if not all(leads):
        return None
    return [[lead.group(1), lead.group(2), *cells[1:]] for lead, cells in zip(leads, split, strict=True)]


SHORT_BAND = "needs review: the row gives fewer figures than the table has columns, so which is whose is not known"


def short_bands_marked(split: list[list[str]]) -> list[list[str]]:
    """Given bands cut into cells, return them as wide as most bands, a band with fewer figures (a blank cell the
    band's text does not show) given a review mark in each value column."""
    widths = [len(s) for s in split]
    wide = max(set(widths), key=widths.count)
    if widths.count(wide) * 2 <= len(split) or any(len(s) > wide or len(s) < 2 for s in split):
        return split  # (a band read as no figures at all is not a row of this table's shape)
    return [s if len(s) == wide else [s[0], *[SHORT_BAND] * (wide - 1)] for s in split]


def band_line(row: list[Cell], inner: list[Line], page: int) -> Line | None:
    """Given a band, the lines of the words inside the page's tables and the page, return the band's own line
    (a label, then figures, each with where it starts), or None."""
    flat = " ".join(next((c.text for c in row if c.text.strip()), "").split())
    line = next((ln for ln in inner if ln.page == page and ln.segment_x and len(ln.segments) >= 2 and
                 " ".join(ln.text.split()) == flat), None)
    figures = line is not None and all(FIGURE_TOKEN.fullmatch(s.strip()) for s in line.segments[1:])
    return line if figures else None


def short_bands_placed(table: Table, split: list[list[str]], inner: list[Line]) -> list[list[str]]:
    """Given a banded table, its bands cut into cells (short ones marked for review) and the lines of the words
    inside the page's tables, return the cells with each short band's figures in the column whose figures in
    the full bands stand where they stand ('Q8 ... 73' with 73 under the first group's figures); a figure that
    lines up with no column, or with two, leaves its band marked."""
    lines = [band_line(row, inner, table.page) for row in table.rows]
    spans: dict[int, list[float]] = {}
    for cells, line in zip(split, lines, strict=True):
        if line is not None and SHORT_BAND not in cells and len(line.segments) == len(cells):
            for c, x in enumerate(line.segment_x[1:], 1):
                spans.setdefault(c, []).append(x)
    if not spans:
        return split
    out = []
    for cells, line in zip(split, lines, strict=True):
        if SHORT_BAND in cells and line is not None:
            placed = [line.segments[0], *[""] * (len(cells) - 1)]
            for figure, x in zip(line.segments[1:], line.segment_x[1:], strict=True):
                near = [c for c, xs in spans.items() if min(xs) - 8 <= x <= max(xs) + 8]
                if len(near) != 1 or placed[near[0]]:
                    break
                placed[near[0]] = figure
            else:
                cells = placed
        out.append(cells)
    return out


def banded_to_columns(table: Table, lines: list[Line], inner: list[Line] = ()) -> Table:
    """Given a table as pdfplumber read it, the page's lines (and the lines of words inside its tables), return it
    cut into columns when it is banded."""
    table = year_rejoined(table)
    if len(table.rows) < 2 or any(len([c for c in row if c.text.strip()]) != 1 for row in table.rows):
        return table
    split = [band_cells(next(c for c in row if c.text.strip()).text) for row in table.rows]
    if any(s is None for s in split):
        return table
    split = short_bands_marked(without_label_dashes(split))
    if len({len(s) for s in split}) != 1:
        return table
    width = len(split[0])
    split = short_bands_placed(table, split, list(inner)) if any(SHORT_BAND in cells for cells in split) else split
    header = header_above(table, lines, width)
    if header is None and (period_split := period_cut_from_labels(split)) and \
            (wider := header_above(table, lines, width + 1)) and label_heading(wider[0]):
        split, header = period_split, wider  # 'Month | Measure | Number' over '04/2025 Missing incidents  36'
    base = table.name
    rows = [[Cell(text, f"{base} r{r}c{c}") for c, text in enumerate(cells, 1)]
            for r, cells in enumerate(([header] if header else []) + split, 1)]
    return Table(rows, table.name, table.page, table.top)


def with_header_above(table: Table, lines: list[Line]) -> Table:
    """Given a table whose first row is already figures (its shaded header drawn outside it), return it with the
    heading line above it as its first row, when that line has one heading per column."""
    width = len(table.rows[0]) if table.rows else 0
    first = [c.text.strip() for c in table.rows[0][1:]] if width >= 3 else []
    if not first or not all(FIGURE_TOKEN.fullmatch(t) for t in first) or all(YEAR_SPAN.fullmatch(t) for t in first) or \
            len({len(r) for r in table.rows}) != 1:
        return table
    header = header_above(table, lines, width)
    if header is None:
        return table
    head = [Cell(text, f"{table.name} r0c{c}") for c, text in enumerate(header, 1)]
    return Table([head, *table.rows], table.name, table.page, table.top)


def line_cells(line: Line, width: int, left: float | None = None) -> list[str] | None:
    """Given a text line beside a run of one-row tables (and where the run's labels start across the page),
    return it as a row of `width` cells, or None."""
    segments = list(line.segments)
    figures_after = all(FIGURE_TOKEN.fullmatch(x.strip()) for x in segments[1:])  # not a heading ('Quarter 1')
    # (a first piece standing in the value columns is a cell, 'approximately 750', not a label run into a figure)
    at_label = left is None or not line.segment_x or line.segment_x[0] <= left + 12
    if len(segments) == width - 1 and figures_after and at_label and (split := band_cells(segments[0])) and \
            len(split) == 2:
        segments = [*split, *segments[1:]]  # the label ran into the first figure
    if len(segments) == width:
        return segments
    return None


def stitched(run: list[Table], lines: list[Line]) -> tuple[Table, set[int]]:
    """Given one-row tables standing one under another and the page's lines, return them as one table with the
    lines between them (rows drawn without a box) and the heading line above, and the ids of the lines taken."""
    width = len(run[0].rows[0])
    # rows between and just after the boxes: a box and an unboxed row below it take about the step between boxes
    step = run[-1].top - run[-2].top if len(run) > 1 else 0.0
    first = first_row_above(run, lines, width, step)
    # (an unboxed first row's figures stand mid-way down its wrapped label, the heading over the label's top)
    top, bottom = first - NEAR * (1.5 if first < run[0].top else 1.0), run[-1].top + max(2 * NEAR, step)
    # a boxed table of several rows keeps its rows in order, just under its top
    rows: list[tuple[float, list[str]]] = [(t.top + i / 100, [c.text for c in row])
                                           for t in run for i, row in enumerate(t.rows)]
    taken = set()
    near = [ln for ln in lines if ln.page == run[0].page and top <= ln.top <= bottom]
    left = min((ln.segment_x[0] for ln in near if ln.segment_x), default=None)
    for line in near:
        cells = line_cells(line, width, left)
        if cells is None and line.top < run[0].top and len(line.segments) == width - 1 and \
                not label_heading(line.segments[0]):
            cells = ["", *line.segments]  # the heading over the value columns
        if cells is not None:
            rows.append((line.top, cells))
            taken.add(id(line))
    rows = [labels_wrapped_round(cells, at, lines, taken, (top, bottom, run[0].page)) for at, cells in rows]
    rows += wrapped_label_rows(lines, width, taken, top, bottom, run[0].page)
    header = heading_from_pieces(run, lines, width, taken)
    if header is not None and not any(top < run[0].top and heading_cells(cells) for top, cells in rows):
        rows.append((min(top for top, _ in rows) - 1, header))  # over every row, drawn in a box or not
    rows.sort(key=lambda pair: pair[0])
    rows = heading_rows_joined(rows)
    name = run[0].name
    cells = [[Cell(text, f"{name} r{r}c{c}") for c, text in enumerate(row, 1)] for r, (_, row) in enumerate(rows, 1)]
    return Table(cells, name, run[0].page, rows[0][0]), taken


def heading_cells(cells: list[str]) -> bool:
    """Given a row's cells, return whether it is a heading line: a blank first cell and no figure but years."""
    return not cells[0].strip() and not any(
        FIGURE_TOKEN.fullmatch(x.strip()) and not re.fullmatch(r"(?:19|20)\d\d\)?", x.strip()) and
        not YEAR_SPAN.fullmatch(x.strip()) for x in cells[1:])


def heading_rows_joined(rows: list[tuple[float, list[str]]]) -> list[tuple[float, list[str]]]:
    """Given a table's rows in order, return them with the heading lines on top made one heading row:
    'April 2023 to March' over '2024' is one column's heading."""
    top = 0
    while top < len(rows) and heading_cells(rows[top][1]):
        top += 1
    if top < 2:
        return rows
    width = len(rows[0][1])
    joined = [" ".join(r[1][c] for r in rows[:top] if c < len(r[1]) and r[1][c].strip()) for c in range(width)]
    return [(rows[0][0], joined), *rows[top:]]


def heading_from_pieces(run: list[Table], lines: list[Line], width: int, taken: set[int]) -> list[str] | None:
    """Given a run of row tables and the page's lines, return a heading row built from the short lines just above
    it ('Staff on' / 'leave'), each piece put over the value column it starts at."""
    rows = [ln.segment_x for ln in lines if id(ln) in taken and len(ln.segment_x) == width]
    # (or an unboxed row's figures alone, its label wrapped round them at the left)
    rows += [(0.0, *ln.segment_x) for ln in lines if id(ln) in taken and len(ln.segment_x) == width - 1 and
             all(FIGURE_TOKEN.fullmatch(x.strip()) for x in ln.segments)]
    if not rows:
        return None
    starts = rows[0]
    pieces = [ln for ln in lines if ln.page == run[0].page and 0 < run[0].top - ln.top <= 2 * NEAR
              and id(ln) not in taken and ln.segment_x
              and (not any(ch.isdigit() for ch in ln.text) or  # or years: 'April 2023 to March'
                   all(re.search(r"(?:19|20)\d\d", x) for x in ln.segments))
              and all(len(s) <= 40 and not s.rstrip().endswith((".", ":")) for s in ln.segments)]
    if not pieces:
        return None
    header = [""] * width
    for line in sorted(pieces, key=lambda ln: ln.top):
        for text, x in zip(line.segments, line.segment_x, strict=False):
            column = min(range(1, width), key=lambda i: abs(starts[i] - x))
            header[column] = f"{header[column]} {text}".strip()
    return header if all(header[1:]) else None


def row_table_runs(tables: list[Table], lines: list[Line]) -> list[list[Table]]:
    """Given a page's tables and lines, return runs of tables of one width, each just under the last: one-row
    tables close together, or any with nothing between them but rows drawn without a box."""
    runs: list[list[Table]] = []
    for table in sorted(tables, key=lambda t: t.top):
        wide = len(table.rows[0]) >= 2 if table.rows else False
        last = runs[-1][-1] if runs else None
        same = wide and last is not None and len(last.rows[0]) == len(table.rows[0])
        close = len(table.rows) == 1 and len(last.rows) == 1 and table.top - last.top <= 3 * NEAR and \
            not heading_between(last, table, lines) if same else False
        if same and (close or only_rows_between(last, table, lines)):
            runs[-1].append(table)
        elif wide:
            runs.append([table])
    # (two-column boxes, a label and its figure, are a striped table only when three or more stand in a run)
    return [run for run in runs if len(run) >= (2 if len(run[0].rows[0]) >= 3 else 3) or
            row_line_beside(run[0], lines, -1) or row_line_beside(run[0], lines, 1)]


def row_line_beside(table: Table, lines: list[Line], side: int) -> bool:
    """Given a one-row table and a side (-1 above, 1 below), return whether a row of the same table drawn without
    a box stands just there (a label and figures, one per column): the table carried on from the page before
    with its shaded row boxed, or a table of two rows, the first shaded."""
    width = len(table.rows[0]) if len(table.rows) == 1 else 0
    return width >= 3 and any(
        # (a row below stands a band's height further from the band's top than one above)
        ln.page == table.page and 0 < (ln.top - table.top) * side <= NEAR * (1.5 if side > 0 else 1.0) and
        len(ln.segments) == width and
        all(FIGURE_TOKEN.fullmatch(x.strip()) for x in ln.segments[1:]) for ln in lines)


NUMBERED_LABEL = re.compile(r"^\s*q\d{1,2}[a-h]?\b", re.I)
NUMBERED_HEADING = re.compile(r"^\s*(?:q(?:uestion)?\s*)?\d{1,2}\s*[.):]\s+[A-Za-z]", re.I)


def heading_between(upper: Table, lower: Table, lines: list[Line]) -> bool:
    """Given two tables one under the other, return whether a numbered heading stands between them ('6. Individual
    children'): the second table answers another question."""
    return any(ln.page == upper.page and upper.top < ln.top < lower.top and NUMBERED_HEADING.match(ln.text)
               for ln in lines)


def only_rows_between(upper: Table, lower: Table, lines: list[Line]) -> bool:
    """Given two tables of one width, one under the other, return whether the lines between them are all rows
    of the same table drawn without a box: figures under the value columns, or label pieces at the left."""
    width = len(upper.rows[0])
    between = [ln for ln in lines if ln.page == upper.page and upper.top < ln.top < lower.top]
    if not between or lower.top - upper.top > 8 * NEAR:
        return False
    # figures under the value columns (fewer when a cell is blank), with their label or without
    figures = [ln for ln in between if 1 <= len(ln.segments) <= width and
               all(FIGURE_TOKEN.fullmatch(x.strip()) for x in ln.segments[-min(width - 1, len(ln.segments)):])]
    labels = [ln for ln in between if len(ln.segments) == 1 and len(ln.text) <= 40 and
              not any(ch.isdigit() for ch in NUMBERED_LABEL.sub("", ln.text))]  # 'Q5 reported' opens a label
    return bool(figures) and len(figures) + len(labels) == len(between)


def stitch_row_tables(tables: list[Table], lines: list[Line]) -> tuple[list[Table], list[Line]]:
    """Given a page's tables and lines, return them with runs of one-row tables (shaded rows drawn as boxes, the
    rows between them as plain text) joined into whole tables, and the lines those took out."""
    runs = row_table_runs(tables, lines)
    if not runs:
        return tables, lines
    in_runs = {id(t) for run in runs for t in run}
    kept = [t for t in tables if id(t) not in in_runs]
    taken: set[int] = set()
    for run in runs:
        table, used = stitched(run, lines)
        kept.append(table)
        taken |= used
    return sorted(kept, key=lambda t: t.top), [ln for ln in lines if id(ln) not in taken]
