"""A table's Total column -> a check on every row: its parts must add up to the total it states.

A reply that gives a total beside its parts offers a check for free. When the parts of a row do not add up
('83 | 381 | 121': a footnote mark read as a digit, a column shifted), no cell of that row can be trusted,
so each goes to review with the sum in the reason. Rows with a marker, a share or a sum of money are not checked.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.extract.matching import is_total
from extractors.extract.table_headers import column_header, find_header_rows
from extractors.model import Candidate, Table
from extractors.survey import Survey

COUNT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
MARKED = re.compile(r"^\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(?:[*\u00b9\u00b2\u00b3\u2020]|\(\w{1,2}\))?\s*$")


def count_of(text: str) -> int | None:
    """Given a cell, return the whole count it states alone ('1,074', '330*'), or None."""
    match = MARKED.match(text)
    return int(match.group(1).replace(",", "")) if match else None


def total_columns(table: Table, survey: Survey) -> tuple[int | None, tuple[int, int] | None]:
    """Given a table, return the index of its one Total column (or None) and its header rows."""
    rows = table.rows
    span = find_header_rows(rows, survey)
    if span is None:
        return None, None
    width = max((len(r) for r in rows), default=0)
    found = [c for c in range(1, width) if is_total(column_header(rows, span, c))]
    return (found[0] if len(found) == 1 else None), span


def rows_not_adding_up(table: Table, survey: Survey) -> dict[str, str]:
    """Given a table, return {cell locator: reason} for every value cell of a row whose parts do not add up to
    the row's stated total."""
    column, span = total_columns(table, survey)
    if column is None or span is None:
        return {}
    failing: dict[str, str] = {}
    for row in table.rows[span[1] + 1:]:
        if column >= len(row) or (total := count_of(row[column].text)) is None:
            continue
        parts = [c for i, c in enumerate(row[1:], 1) if i != column and c.text.strip()]
        counts = [count_of(c.text) for c in parts]
        if len(counts) < 2 or any(n is None for n in counts):
            continue  # a marker, a share or a note: the row gives no sum to check
        if sum(counts) != total:
            shown = " + ".join(str(n) for n in counts)
            reason = f"the parts ({shown} = {sum(counts)}) do not add up to the total the row gives ({total})"
            failing.update({c.locator: reason for c in parts})
    return failing



def with_sums_checked(candidates: list[Candidate], unsummed: dict[str, str]) -> list[Candidate]:
    """Given a table's candidates and its cells whose row does not add up, return them with those sent to review."""
    return [replace(c, status="needs_review", value="", confidence=0.5, reason=unsummed[c.locator])
            if c.status == "reported" and c.locator in unsummed else c for c in candidates]
