"""How replies write the survey's periods, and which period a table is for when its cells do not say.

'2023/24', 'FY23/24', 'April 2023 to March 2024' all name one period; a table of quarters may carry its year
only in the heading above it (set at the foot of the page before, when the table starts a page), or in its one
total column ('Total 2023-24').
"""

from __future__ import annotations

import re
from functools import cache

from extractors.extract.subperiods import parse_label
from extractors.model import Line, Table
from extractors.survey import Period


def period_forms(period: Period) -> list[str]:
    """Given a period, return the ways replies write it: '2023-24', '2023/24', '2023-2024', 'FY23/24', its label."""
    first, last = period.start.year, period.end.year
    if first == last:
        return [str(first)]
    short = f"{last % 100:02d}"
    forms = [f"{first}{sep}{tail}" for sep in ("-", "/", "\u2013", " - ", " to ") for tail in (short, str(last))]
    forms += [f"{first % 100:02d}/{short}", f"{first % 100:02d}-{short}"]
    s, e = period.start, period.end
    for fmt in ("%B %Y", "%b %Y"):  # 'April 2023 to March 2024', 'Apr 2023 - Mar 2024'
        forms += [f"{s:{fmt}}{sep}{e:{fmt}}" for sep in (" to ", " - ", "-", " \u2013 ")]
    forms += [f"{s.day} {s:%B %Y} to {e.day} {e:%B %Y}", f"{s:%d/%m/%Y} to {e:%d/%m/%Y}",
              f"{s:%d/%m/%Y} - {e:%d/%m/%Y}"]
    return forms + [period.id]


@cache
def mention_pattern(periods: tuple[Period, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """Given the survey's periods, return one pattern finding any of them and a map from form to period id."""
    owner: dict[str, str] = {}
    for period in periods:
        for form in period_forms(period):
            owner.setdefault(form.lower(), period.id)
    alternatives = "|".join(re.escape(f) for f in sorted(owner, key=len, reverse=True))
    # 'FY 2023/24' is one mention: a lone 'FY' left behind would head the next line's figure
    return re.compile(rf"(?<![\d/])(?:\b(?:fy|financial year)\s*)?({alternatives})(?![\d/])", re.I), owner


def period_mentions(text: str, periods: tuple[Period, ...]) -> list[tuple[int, str]]:
    """Given text and the survey's periods, return (position, period id) for each period it names."""
    pattern, owner = mention_pattern(periods)
    return [(m.start(), owner[m.group(1).lower()]) for m in pattern.finditer(text)]


def period_pattern_removed(text: str, periods: tuple[Period, ...]) -> str:
    """Given text, return it with every period mention taken out (so that '2023/24' is not read as a figure)."""
    return mention_pattern(periods)[0].sub(" ", text)


def heading_period(table: Table, lines: list[Line], periods: tuple[Period, ...]) -> str:
    """Given a table and the document's lines, return the survey period a lone year heading just above the table
    names ('2023/24' over a table of quarters), or ''."""
    above = [ln for ln in lines if ln.page == table.page and 0 < table.top - ln.top <= 40]
    for line in sorted(above, key=lambda ln: -ln.top)[:2]:
        named = {pid for _, pid in period_mentions(line.text, periods)}
        if len(named) == 1 and not re.search(r"[a-z]{3}", period_pattern_removed(line.text, periods), re.I):
            return named.pop()
    return ""


PAGE_FURNITURE = re.compile(r"(?:page\s*)?\d{1,3}(?:\s*of\s*\d{1,3})?|official(?:[- ]\w+)?", re.I)


def previous_page_heading(table: Table, lines: list[Line], periods: tuple[Period, ...],
                          tables: list[Table] = ()) -> str:
    """Given a table that opens its page and the document's lines, return the survey period named by the last
    line of the page before when that line is a lone year heading ('April 2023 to March 2024' at the foot of
    page 1 over a table at the top of page 2), or ''."""
    before = [ln for ln in lines if ln.page == table.page and ln.top < table.top and
              not PAGE_FURNITURE.fullmatch(ln.text.strip())]
    last = [ln for ln in lines if ln.page == table.page - 1 and not PAGE_FURNITURE.fullmatch(ln.text.strip())]
    if before or not last:
        return ""
    line = max(last, key=lambda ln: ln.top)
    if any(t.page == line.page and t.top > line.top for t in tables):
        return ""  # the heading heads a table below it on its own page, not this one
    named = {pid for _, pid in period_mentions(line.text, periods)}
    if len(named) == 1 and not re.search(r"[a-z]{3}", period_pattern_removed(line.text, periods), re.I):
        return named.pop()
    return ""


def total_column_period(table: Table, periods: tuple[Period, ...]) -> str:
    """Given a table, return the survey period its one total heading names when every other heading is a part of
    a year with no year of its own ('April - June' ... 'Total 2023-24'), or ''."""
    for row in table.rows[:2]:
        heads = [c.text.strip() for c in row[1:] if c.text.strip()]
        labels = [parse_label(h) for h in heads]
        named = [{pid for _, pid in period_mentions(h, periods)} for h in heads]
        totals = [i for i, label in enumerate(labels) if label is not None and label.kind == "total" and named[i]]
        parts = [label for label in labels if label is not None and label.kind == "part"]
        yearless = all(not named[i] and not re.search(r"(?:19|20)\d\d", h) for i, h in enumerate(heads)
                       if i not in totals)
        if len(totals) == 1 and len(parts) == len(heads) - 1 >= 2 and len(named[totals[0]]) == 1 and yearless:
            return next(iter(named[totals[0]]))
    return ""


def table_period(table: Table, lines: list[Line], periods: tuple[Period, ...], tables: list[Table] = ()) -> str:
    """Given a table, the document's lines (and all its tables), return the one survey period the table is for
    when only its heading or its total column says so, or ''; a table whose first row names a period itself
    says so there."""
    if own := total_column_period(table, periods):
        return own
    if table.rows and any(period_mentions(c.text, periods) for c in table.rows[0]):
        return ""
    return heading_period(table, lines, periods) or previous_page_heading(table, lines, periods, tables)
