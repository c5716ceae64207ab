"""A reply to a request for several periods -> the reply as it reads for one of them.

Lines are cut where they name a survey period ('2023/24: 121  2024/25: 111') and only the pieces about the
period wanted are kept; table rows and columns labelled with another of the survey's periods are dropped.
Text that names no period is kept for every period, so a figure given once is read once per period and the
checks downstream decide whether it may stand.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from extractors.model import Cell, Document, Line, Table
from extractors.survey import Period


def period_forms(period: Period) -> list[str]:
    """Given a period, return the ways replies write it: '2023-24', '2023/24', '2023-2024', 'FY23/24', its label."""
    first, last = period.start.year, period.end.year
    if first == last:
        return [str(first)]
    short = f"{last % 100:02d}"
    forms = [f"{first}{sep}{tail}" for sep in ("-", "/", "\u2013", " - ", " to ") for tail in (short, str(last))]
    forms += [f"{first % 100:02d}/{short}", f"{first % 100:02d}-{short}"]
    return forms + [period.id]


@cache
def mention_pattern(periods: tuple[Period, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """Given the survey's periods, return one pattern finding any of them and a map from form to period id."""
    owner: dict[str, str] = {}
    for period in periods:
        for form in period_forms(period):
            owner.setdefault(form.lower(), period.id)
    alternatives = "|".join(re.escape(f) for f in sorted(owner, key=len, reverse=True))
    return re.compile(rf"(?<![\d/]){'(?:' + alternatives + ')'}(?![\d/])", re.I), owner


def period_mentions(text: str, periods: tuple[Period, ...]) -> list[tuple[int, str]]:
    """Given text and the survey's periods, return (position, period id) for each period it names."""
    pattern, owner = mention_pattern(periods)
    return [(m.start(), owner[m.group(0).lower()]) for m in pattern.finditer(text)]


def text_for_period(text: str, wanted: str, periods: tuple[Period, ...]) -> str:
    """Given a line, return the pieces about the wanted period: all of it when it names no survey period."""
    mentions = period_mentions(text, periods)
    if not mentions or {p for _, p in mentions} == {wanted}:
        return text
    cuts = [m for m, _ in mentions] + [len(text)]
    head = text[:cuts[0]]
    kept = [text[a:b] for (a, pid), b in zip(mentions, cuts[1:], strict=True) if pid == wanted]
    # the words before the first period mention ('Households placed:') belong to every piece
    return (head + " ".join(piece.strip() for piece in kept)).strip() if kept else ""


def line_for_period(line: Line, wanted: str, periods: tuple[Period, ...]) -> Line | None:
    """Given a line, return it as it reads for the wanted period, or None when it is about other periods only."""
    text = text_for_period(line.text, wanted, periods)
    if not text:
        return None
    return line if text == line.text else replace(line, text=text, segments=(text,), segment_x=())


def cell_period(cell: Cell, periods: tuple[Period, ...]) -> str:
    """Given a label cell, return the one survey period it names, or ''."""
    named = {p for _, p in period_mentions(cell.text, periods)}
    return named.pop() if len(named) == 1 else ""


def row_period(row: list[Cell], periods: tuple[Period, ...]) -> str:
    """Given a table row, return the one survey period its words name (a label or a 'Period' cell), or ''."""
    words = [c.text for c in row if not re.fullmatch(r"[\d,.\s%\u00a3]*", c.text)]
    named = {p for text in words for _, p in period_mentions(text, periods)}
    return named.pop() if len(named) == 1 else ""


def table_for_period(table: Table, wanted: str, periods: tuple[Period, ...]) -> Table:
    """Given a table, return it without the rows and columns labelled with another of the survey's periods."""
    header_row = next((row for row in table.rows if sum(bool(cell_period(c, periods)) for c in row) >= 2), None)
    drop_columns = set()
    if header_row is not None:
        drop_columns = {i for i, c in enumerate(header_row) if (p := cell_period(c, periods)) and p != wanted}
    rows = []
    for row in table.rows:
        if row is not header_row and (p := row_period(row, periods)) and p != wanted:
            continue
        rows.append([c for i, c in enumerate(row) if i not in drop_columns])
    return replace(table, rows=rows)


def document_for_period(document: Document, wanted: str, periods: tuple[Period, ...]) -> Document:
    """Given a document and one of the survey's periods, return the document as it reads for that period."""
    lines = [kept for line in document.lines if (kept := line_for_period(line, wanted, periods)) is not None]
    tables = [table_for_period(t, wanted, periods) for t in document.tables]
    return replace(document, lines=lines, tables=tables)
