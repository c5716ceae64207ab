"""An unboxed row of a striped table -> its label whole: the label's lines wrapped above and below its figures.

A shaded band is drawn as a box; the rows between are plain text lines, and a long label there wraps onto lines of
its own over and under the line of figures ('Staff on leave' / '- working 52 105' / 'part time').
"""

from __future__ import annotations

import re

from extractors.crosswalk import values
from extractors.model import Line, Table
from extractors.parse.phrases import phrase_pattern
from extractors.read.band_cells import FIGURE_TOKEN

NEAR = 30.0  # points: a header line this close above the table belongs to it

FIGURE = re.compile(r"^(?:\d[\d,]*(?:\s*\(\d+(?:\.\d+)?%\))?(?:\(\d\)|[\u00b9\u00b2\u00b3]|\*{1,3})?|"
                    r"[<>]?\d+|\*|-|n/a)$", re.I)  # ('58 (64%)' too, and '141(1)' with its footnote mark)
# a figure said to be approximate ('approximately 750') is a cell of figures too, for review later
HEDGED = re.compile(r"^(?:" + phrase_pattern(values("approximate.csv", "phrase", position="before")) + r")\s*(?=\d)",
                    re.I)
WRAP = 16.0  # points: a label's wrapped lines sit this close above and below the line of its figures


def wrapped_label_rows(lines: list[Line], width: int, taken: set[int], top: float, bottom: float,
                       page: int) -> list[tuple[float, list[str]]]:
    """Given a run's region, return its unboxed rows whose label wraps round their figures ('Staff on' /
    '270 385' / 'leave'), taking the label's lines; a figures line with no label beside it is left alone."""
    near = [ln for ln in lines if ln.page == page and top <= ln.top <= bottom and id(ln) not in taken]
    full = next((ln.segment_x for ln in near if len(ln.segments) == width - 1 and len(ln.segment_x) == width - 1
                 and all(FIGURE.match(s.strip()) for s in ln.segments)), None) or \
        next((ln.segment_x for ln in lines if ln.page == page and top <= ln.top < top + NEAR and
              len(ln.segment_x) == len(ln.segments) == width - 1), None)
    # (else the heading line over the value columns, which starts where their figures do)
    rows = []
    for line in near:
        if not all(FIGURE.match(HEDGED.sub("", s.strip())) for s in line.segments) or not line.segment_x:
            continue
        values = placed(line, full, width)
        if values is None:
            continue
        above, below = label_chain(near, line, taken, -1), label_chain(near, line, taken, 1)
        if not above and not below:
            continue
        label = " ".join(ln.text.strip() for ln in (*above, *below))
        rows.append((line.top, [label, *values]))
        taken |= {id(line), *(id(ln) for ln in (*above, *below))}
    return rows


def labels_wrapped_round(cells: list[str], at: float, lines: list[Line], taken: set[int],
                         region: tuple[float, float, int]) -> tuple[float, list[str]]:
    """Given an unboxed row's cells and the top of the line they came from, return the row's top and cells with
    the label's wrapped lines above and below joined to the label ('Staff on leave' / '- working
    52 105' / 'part time')."""
    line = next((ln for ln in lines if id(ln) in taken and ln.top == at and ln.page == region[2]), None)
    if line is None or len(line.segment_x) < 2 or not cells[0].strip():
        return at, cells
    near = [ln for ln in lines if ln.page == region[2] and region[0] - 2 * WRAP <= ln.top <= region[1] + WRAP]
    above, below = (label_chain(near, line, taken, step, line.segment_x[1]) for step in (-1, 1))
    if not above and not below:
        return at, cells
    taken |= {id(ln) for ln in (*above, *below)}
    label = " ".join(ln.text.strip() for ln in (*above, Line(cells[0], 0, 0.0), *below))
    return min([at, *(ln.top for ln in above)]), [label, *cells[1:]]


def label_chain(near: list[Line], line: Line, taken: set[int], step: int, limit: float | None = None) -> list[Line]:
    """Given the lines of a run's region, a row's line of figures and a direction (-1 up, 1 down), return the
    label's wrapped lines that way, each within a line's height of the last ('Q5 reported' / 'missing' / ...)."""
    chain: list[Line] = []
    edge = line.top
    for ln in sorted(near, key=lambda x: x.top * -step, reverse=True):
        if ln is line or id(ln) in taken or (ln.top - edge) * step <= 0:
            continue
        if len(ln.segments) != 1 or not ln.segment_x or ln.segment_x[0] >= (limit or line.segment_x[0]) or \
                abs(ln.top - edge) > WRAP or FIGURE.match(ln.text.strip()):
            break
        chain.append(ln)
        edge = ln.top
    return chain[::-1] if step < 0 else chain


def placed(line: Line, starts: tuple[float, ...] | None, width: int) -> list[str] | None:
    """Given a line of figures, return them as the row's value cells: one per column, or fewer put under the
    columns they start at (a blank cell left where a figure is missing), or None when that cannot be told."""
    if len(line.segments) == width - 1:
        return list(line.segments)
    if starts is None or len(line.segments) > width - 1:
        return None
    cells = [""] * (width - 1)
    for text, x in zip(line.segments, line.segment_x, strict=True):
        column = min(range(width - 1), key=lambda i: abs(starts[i] - x))
        if abs(starts[column] - x) > NEAR or cells[column]:
            return None
        cells[column] = text
    return cells


def first_row_above(run: list[Table], lines: list[Line], width: int, step: float) -> float:
    """Given one-row tables standing one under another, return the top of the unboxed row just above the first box
    (the table's first row unshaded, its heading above it), or the first box's top when there is none."""
    above = [ln.top for ln in lines if ln.page == run[0].page and 0 < run[0].top - ln.top <= step / 2 + NEAR / 2 and
             len(ln.segments) == width and all(FIGURE_TOKEN.fullmatch(x.strip()) for x in ln.segments[1:])]
    return min(above, default=run[0].top)
