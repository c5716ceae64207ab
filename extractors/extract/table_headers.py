"""Table rows -> which rows head the columns: header words, years near the survey's, and figures under words."""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.crosswalk import pairs
from extractors.extract.matching import MONTHS, YEAR_SPAN, best_question, concept_of, question_refs
from extractors.model import Cell
from extractors.parse.counts import GROUPS_TOGETHER
from extractors.parse.values import parse_count
from extractors.survey import Survey

HEADER_SCAN_ROWS = 12
NUMERIC = re.compile(r"^\s*[<>~]?\s*\u00a3?\s*\d[\d,. ]*\s*\S{0,3}\s*$")  # a sum of money is a value too
COUNT_SHARE = re.compile(r"\s*\d[\d,]*\s*\(\s*\d+(?:\.\d+)?\s*%\s*\)\s*")  # '256 (76%)


@lru_cache(maxsize=65536)
def header_role(text: str) -> str:
    """Given a header cell, return 'label', 'value' or '' from the header crosswalk."""
    lowered = " ".join(re.sub(r"[^a-z ]+", " ", text.lower()).split())
    exact = header_roles().get(lowered)
    if exact:
        return exact
    # 'Council response', 'Your question': a short heading ending in one of the one-word headings
    words = lowered.split()
    return header_roles().get(words[-1], "") if 2 <= len(words) <= 3 else ""


@lru_cache(maxsize=1)
def header_roles() -> dict[str, str]:
    """Given nothing, return each header phrase with its role, the first row naming it winning (made once)."""
    roles: dict[str, str] = {}
    for role, phrase in pairs("headers.csv", "role", "phrase"):
        roles.setdefault(phrase, role)
    return roles


@lru_cache(maxsize=65536)
def is_value_like(text: str) -> bool:
    """Given a cell, return whether it looks like an answer (a figure or a marker) rather than a label."""
    if not text.strip():
        return False
    if NUMERIC.match(text) or COUNT_SHARE.fullmatch(text) or text.strip() in ("*", "-", "c", "x", "[c]", "[x]"):
        return True
    if text.startswith("needs review:"):
        return True  # a cell the reader made where figures could not be combined: it stands for a figure
    parsed = parse_count(text)
    if parsed.status == "needs_review" and re.match(r"\W*(?:\d|approx|about|around|c\.)", text, re.I) and \
            parsed.reason.startswith(("approximate", GROUPS_TOGETHER)):
        return True  # 'approx. 2600', '4050 (not split by group)': a figure, for review
    return parse_count(text).status in ("suppressed", "not_held", "refused")


# a year written by its months ('April 2023 to March 2024', 'Apr 2023 - Mar 2024')
MONTHS_SPAN = re.compile(rf"{MONTHS}\.?\s+(?:19|20)\d\d\s*(?:to|-|\u2013)\s*{MONTHS}\.?\s+(?:19|20)\d\d", re.I)
YEAR_LABEL = re.compile(r"^\s*(?:(?:fy|financial year|year)\s*)?(?:19|20)\d\d(?:\s*[-/–]\s*(?:19|20)?\d\d)?"
                        r"(?:\s+(?:actual|actuals|outturn|final|provisional))?\s*$", re.I)


def year_label(text: str, survey: Survey) -> bool:
    """Given a cell and the survey, return whether it names a year near the survey's ('1911' is a count)."""
    match = YEAR_LABEL.match(text) or MONTHS_SPAN.fullmatch(text.strip())
    year = re.search(r"(?:19|20)\d\d", text) if match else None
    return year is not None and abs(int(year.group(0)) - survey.period_start.year) <= 15


NOTED_FIGURE = re.compile(r"\s*[<>\u00a3]?\d[\d,.]*\s*(?:\(|[-\u2013]\s)")


def header_like(row: list[Cell], survey: Survey) -> bool:
    """Given a row, return whether it reads as a header: two or more labels, no figures but years."""
    texts = [c.text for c in row]
    filled = [t for t in texts if t.strip()]
    if len(texts) >= 2 and not texts[0].strip() and filled and all(year_label(t, survey) for t in filled):
        return True  # a blank corner over year headings: one year left when the others are filtered out
    if len(filled) < 2 or any(is_value_like(t) and not year_label(t, survey) for t in filled[1:]):
        return False
    if any(NOTED_FIGURE.match(t) and not year_label(t, survey) for t in filled[1:]):
        return False  # '220 (both groups combined)': a figure with its note, not a heading
    groups = survey.vocabulary.group_phrases
    if any(concept_of(t, groups) or question_refs(t) or header_role(t) or year_label(t, survey) for t in texts[1:]):
        return True
    # Questions across the top ('Cases opened', 'Visits made'): a transposed table.
    return sum(best_question(t, survey)[1] >= 0.75 for t in texts[1:] if t.strip()) >= 2


def continues_header(row: list[Cell], survey: Survey) -> bool:
    """Given the row under a header row, return whether it is a second header level rather than data."""
    texts = [c.text.strip() for c in row]
    # a line number or a cell reference ('10', 'C10') starts a row of a return's data, not a heading
    numbered = bool(texts) and re.fullmatch(r"\d{1,4}[a-z]?", texts[0]) is not None or \
        any(re.fullmatch(r"[A-Z]{1,2}\d{1,4}", t) for t in texts)
    return header_like(row, survey) and not (texts and question_refs(texts[0])) and not numbered and \
        all(len(t) <= 40 for t in texts)


def words_over_figures(rows: list[list[Cell]]) -> bool:
    """Given table rows, return whether the first row is headings by its shape alone: a 'Question'-like or blank
    corner, words in every other cell, and figures under them in every row below."""
    if len(rows) < 2 or len(rows[0]) < 2 or header_role(rows[0][0].text) not in ("label", ""):
        return False
    heads = [c.text.strip() for c in rows[0][1:]]
    return all(h and (not is_value_like(h) or YEAR_SPAN.fullmatch(h)) for h in heads) and all(
        any(is_value_like(c.text) for c in row[1:]) for row in rows[1:])


def find_header_rows(rows: list[list[Cell]], survey: Survey) -> tuple[int, int] | None:
    """Given table rows, return the first and last rows of the header over the value columns, or None."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if header_like(row, survey) or index == 0 and words_over_figures(rows):
            last = index
            while last + 1 < len(rows) and continues_header(rows[last + 1], survey):
                last += 1
            return index, last
    return None


def column_header(rows: list[list[Cell]], span: tuple[int, int] | None, column: int) -> str:
    """Given the header rows, return one column's header text (all levels, top to bottom)."""
    if span is None:
        return ""
    texts = [rows[r][column].text for r in range(span[0], span[1] + 1) if column < len(rows[r])]
    return " ".join(dict.fromkeys(t for t in texts if t.strip()))
