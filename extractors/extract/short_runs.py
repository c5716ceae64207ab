"""Unruled runs of one data row -> whether they are tables all the same.

A table's last row carried onto a new page under its repeated heading, a row of figures under one heading per
figure ('Apr-Jun 2024' ...), and a numbered row left blank after numbered rows are rows of a table even alone.
"""

from __future__ import annotations

import re
from collections import Counter

from extractors.extract.matching import YEAR_SPAN, question_refs, strip_ref
from extractors.extract.row_shapes import data_row, figure_like
from extractors.extract.subperiods import parse_label
from extractors.model import Line, Table

# a period heading with its year ('Apr-Jun 2024', 'Q1 2024/25', 'March 2025'): short words, then the year
DATED_HEADING = re.compile(r"[A-Za-z][A-Za-z0-9 .\-\u2013]{0,14}\s(?:19|20)\d\d(?:\s*[-/]\s*\d\d(?:\d\d)?)?")


def period_heading(text: str) -> bool:
    """Given a heading, return whether it names a part of a year ('April - June', 'Q3') or a total."""
    label = parse_label(text)
    return label is not None and label.kind in ("part", "total")


def years_over_row(lines: list[Line], start: int, end: int) -> bool:
    """Given a run of one data row, return whether a line of year (or dated period) headings, one over each of its
    figures, heads it (the last row of a table carried onto a new page under its repeated heading)."""
    rows = [line for line in lines[start:end + 1] if data_row(line)]
    heads = [line for line in lines[start:end + 1] if not data_row(line) and line.segments and
             all(YEAR_SPAN.fullmatch(s.strip()) or DATED_HEADING.fullmatch(s.strip()) or period_heading(s)
                 for s in line.segments)]
    figures = sum(figure_like(s) for s in rows[0].segments) if rows else 0
    return len(rows) == 1 and len(heads) == 1 and heads[0].top < rows[0].top and \
        len(heads[0].segments) == figures >= len(rows[0].segments) - 1  # (its label may be wrapped round it)


def headed_row(lines: list[Line], start: int, end: int) -> bool:
    """Given a run of one data row, return whether a heading line of words stands over it, one heading at each of
    its cells ('Category | Group one | Group two' over 'Placements (2023-2024) | 226 | 250'):
    a table of one row."""
    rows = [line for line in lines[start:end + 1] if data_row(line)]
    heads = [line for line in lines[start:end + 1] if not data_row(line) and line.top < rows[0].top] if rows else []
    if len(rows) != 1 or not heads or len(rows[0].segments) < 3:
        return False
    row, head = rows[0], heads[0]
    if any(figure_like(s) for s in head.segments) or len(head.segment_x) != len(head.segments):
        return False
    return len(head.segments) == len(row.segments) and len(row.segment_x) == len(row.segments) and \
        all(abs(a - b) <= 8 for a, b in zip(head.segment_x, row.segment_x, strict=True))


def blank_numbered_row(lines: list[Line], start: int, end: int) -> bool:
    """Given lines and a run of table rows labelled with question numbers ('Q6 ...', 'Q9 ...'), return whether the
    line after it is one more such row with its cells left blank ('Q5 reported incidents' and nothing)."""
    rows = [line for line in lines[start:end + 1] if data_row(line)]
    after = lines[end + 1] if end + 1 < len(lines) else None
    if after is None or len(after.segments) != 1 or not after.segment_x or after.page != rows[-1].page or \
            not 0 < after.top - lines[end].top <= 30 or re.search(r"\d", strip_ref(after.text)):
        return False
    numbered = all(question_refs(row.segments[0]) for row in rows) and bool(question_refs(after.text))
    return numbered and all(abs(row.segment_x[0] - after.segment_x[0]) <= 8 for row in rows)


def heading_repeated(lines: list[Line], start: int, first: int, spans: list[tuple[int, int]],
                     tables: list[Table] = ()) -> bool:
    """Given lines, a run's start and its first data row, the runs found before it and the ruled tables, return
    whether its heading lines repeat the heading of an earlier run or table on an earlier page, word for word
    however wrapped (the last row of a table carried over a page break under its repeated heading)."""
    heading = [ln.text for ln in lines[start:first] if not data_row(ln)]
    if not heading:
        return False
    page, words = lines[start].page, Counter(" ".join(heading).split())
    earlier = [Counter(" ".join(ln.text for ln in lines[a:a + len(heading)]).split()) for a, _ in spans
               if lines[a].page < page]
    earlier += [Counter(" ".join(c.text for c in t.rows[0]).split()) for t in tables if t.page < page and t.rows]
    return words in earlier
