"""Tables -> whether they are case-level extracts (one row per child or episode) rather than answers.

A council sometimes sends the raw records behind the figures. Such a table is never aggregated into answers: it
is recognised from its header (a column naming a child, person, case or episode identifier, or a date of birth)
and its length, reading only the first rows, and listed with a plain reason.
"""

from __future__ import annotations

import re
from functools import cache

from extractors.crosswalk import column

MIN_RECORDS = 30  # fewer rows than this is a small table of figures, whatever its header says
SAMPLE_ROWS = 500  # rows looked at: enough to judge, bounded whatever the table's length


@cache
def identifier_headers() -> re.Pattern[str]:
    """Return the pattern of header words that name one record's identifier (from the crosswalk)."""
    words = column("case_level_headers.csv", "phrase")
    return re.compile(r"^\s*(?:" + "|".join(re.escape(w).replace(r"\ ", r"[\s_.-]*") for w in words) + r")\s*$",
                      re.I)


def identifier_column(header: list[str]) -> int | None:
    """Given a header row, return the index of the column that names a record identifier, or None."""
    pattern = identifier_headers()
    return next((i for i, text in enumerate(header) if pattern.match(text or "")), None)


def case_level_reason(rows: list[list[str]], total_rows: int | None = None) -> str:
    """Given a table's first rows (and its full length if known), return why it is a case-level extract, or ''."""
    sample = [r for r in rows[: SAMPLE_ROWS + 1] if any((c or "").strip() for c in r)]
    if len(sample) < MIN_RECORDS + 1:
        return ""
    index = identifier_column(sample[0])
    if index is None:
        return ""
    values = [r[index].strip() for r in sample[1:] if index < len(r) and r[index].strip()]
    if len(values) < MIN_RECORDS or len(set(values)) < 5:
        return ""
    count = (total_rows if total_rows is not None else len(rows)) - 1
    return (f"a case-level extract ({count:,} rows, one per record, identified by '{sample[0][index]}'), "
            "not answers: ask the council for the totals")
