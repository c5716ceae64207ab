"""A reply whose figures are for another period than the survey's -> its counts sent to review with that reason."""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.extract.matching import question_refs
from extractors.extract.period import (
    data_statements,
    filled_cells,
    is_whole_year,
    matches_survey,
    stated_periods,
    year_columns,
    year_label,
    year_rows,
)
from extractors.model import Candidate, Document
from extractors.parse.phrases import squash
from extractors.parse.values import parse_count
from extractors.survey import Survey


def _reply(document: Document) -> tuple[str, list[tuple[int, str]]]:
    """Given a document, return the reply's own words (its lines, then table titles and notes) and where each starts.

    A title or note is a cell alone on its row and several words long; the offsets map the text back to locators.
    """
    notes = [cells[0] for table in document.tables for row in table.rows
             if len(cells := filled_cells(row)) == 1 and len(cells[0].text.split()) >= 3]
    # lines run on into each other (a sentence wraps); a note is a paragraph of its own
    pieces = [(line.text, line.locator, "\n") for line in document.lines] + \
        [(cell.text, cell.locator, "\n\n") for cell in notes]
    text, starts = "", []
    for piece, locator, gap in pieces:
        text += (gap if text else "") + piece
        starts.append((len(text) - len(piece), locator))
    return text, starts


def reply_text(document: Document) -> str:
    """Given a document, return the reply's own words: its lines, then the titles and notes of its tables."""
    return _reply(document)[0]


def _table_years(document: Document, survey: Survey) -> str:
    """Given a document, return the year a table is labelled with when none of its year labels is the survey's."""
    # (a table of another period's figures is left with its heading row only in this period's view: it gives none)
    found = [(table, years) for table in document.tables if len(table.rows) > 1 and
             (years := year_columns(table, survey) or year_rows(table, survey))]
    if any(any(years.values()) for _, years in found):
        return ""  # a table carried over a page break gives the earlier years on its second page
    for table, _ in found:
        label = next(p for row in table.rows for cell in row if (p := year_label(cell.text)))
        return squash(label.text)
    return ""


def _mismatch(document: Document, survey: Survey) -> tuple[str, str]:
    """Given a reply, return why its figures are for another period (or '') and where it says so."""
    if any(any((year_columns(t, survey) or year_rows(t, survey)).values()) for t in document.tables if len(t.rows) > 1):
        return "", ""  # a table labels figures with the survey's own period: those are for it, whatever else
    text, starts = _reply(document)
    statements = data_statements(text, survey)
    tier = [p for p, explicit in statements if explicit] or [p for p, _ in statements]
    if not any(matches_survey(p, survey) for p in tier):
        other = next((p for p in tier if not matches_survey(p, survey)), None)
        if other:
            locator = max(((o, loc) for o, loc in starts if o <= other.position), default=(0, ""))[1]
            return f"figures are for {squash(other.text)}, not {survey.period_label}", locator
    year = _table_years(document, survey)
    return (f"the table gives figures for {year}, not {survey.period_label}", "") if year else ("", "")


def period_mismatch(document: Document, survey: Survey) -> str:
    """Given a reply, return why its figures are for another period than the survey's, or '' if they are not."""
    return _mismatch(document, survey)[0]


def period_review(candidates: list[Candidate], document: Document, survey: Survey) -> list[Candidate]:
    """Given one file's candidates, return them with count answers sent to review when the figures are for
    another period than the survey's (policy, provider and timescale answers are kept as they are).
    """
    reason, locator = _mismatch(document, survey)
    if not reason:
        return candidates
    counts = [k.key for k in survey.keys if k.type in ("count", "money")]  # figures for the period, not words
    marked = [replace(c, status="needs_review", value="", confidence=min(c.confidence, 0.5),
                      reason=f"{reason}; the reply gives {c.value}" if c.status == "reported" else reason)
              if c.key in counts and c.status in ("reported", "suppressed", "not_answered") else c
              for c in candidates]
    have = {c.key for c in candidates}
    marked += [Candidate(k, "needs_review", "", "", locator, "period check", 0.5, reason) for k in counts
               if k not in have]
    order = {k.key: i for i, k in enumerate(survey.keys)}
    return sorted(marked, key=lambda c: order.get(c.key, len(order)))


def other_year_line(text: str, survey: Survey) -> bool:
    """Given a line, return whether it gives a figure for another whole year only ('- FY24/25 children - 18'),
    not a heading or a restated question."""
    if question_refs(text) or text.rstrip().endswith("?"):
        return False
    years = [p for p in stated_periods(text) if is_whole_year(p)]
    if not years or any(matches_survey(p, survey) for p in years):
        return False
    rest = text
    for p in years:
        rest = rest.replace(p.text, " ")
    # 'April 2024 - March 2025 No data available': another year's marker is that year's answer too
    return bool(re.search(r"\d", rest)) or parse_count(rest).status in ("not_held", "suppressed", "refused")


def without_other_year_lines(document: Document, survey: Survey) -> Document:
    """Given a reply that speaks of the survey's period, return it without the lines giving other years' figures
    (a line per year, the survey's among them); a reply only about another year is left whole for the check."""
    if period_mismatch(document, survey):
        return document
    kept = [line for line in document.lines if not other_year_line(line.text, survey)]
    return document if len(kept) == len(document.lines) else replace(document, lines=kept)
