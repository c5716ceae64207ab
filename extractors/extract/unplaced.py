"""A read document and the candidates found in it -> the figures it gives that no question took.

Absence must be established, not assumed: a key with no candidate is `not_answered` only when every figure the
reply gives went to some question. Figures left over (a table cell or an answer line nobody read) mean the
reply may well answer that key in a shape not understood yet, so the key goes to review instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from extractors.extract.footnotes import note_numbers_blanked
from extractors.extract.matching import question_refs, strip_ref
from extractors.extract.period import filter_other_years
from extractors.identify.sender import references_in
from extractors.model import Candidate, Cell, Document, Table
from extractors.survey import Survey

FIGURE = re.compile(r"(?<![\w.,/:-])\d{1,3}(?:,\d{3})+(?![\w/])|(?<![\w.,/:-])\d+(?![\w/:]|[.,]\d)")
# figures that are never answers: years, references, page and section numbers, and counts of days in FOI boilerplate
NOT_ANSWERS = re.compile(r"\b(?:19|20)\d\d\b|\bsection\s+\d+(?:\(\d+\))?|\bs\.?\s?\d+(?:\(\d+\))?|\bpage\s+\d+|"
                         r"\baged?\s+\d+|"
                         r"\b\d+\s*-?\s*(?:(?:working\s+)?days?|hours?|hrs|weeks?|years?)\b|"
                         r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
                         r"\(\s*\d+(?:\.\d+)?\s*%\s*\)|"  # a share in brackets beside its count ('20 (87%)')
                         # the suppression rule's own range ('Figures between 1 and 4 have been replaced with *')
                         r"\bbetween\s+\d+\s+and\s+\d+(?=\s+(?:have|has|are|were|is)\s+been\b|\s+(?:are|were)\b)|"
                         r"\bact\s+\d+|\bfoi\b\W*\S+|\bref\w*\W+\S+|\b(?:tel|telephone|phone)\b.*|\b[A-Z]{1,2}\d{1,2}\s?\d[A-Z]{2}\b",
                         re.I)


@lru_cache(maxsize=65536)
def figures_in(text: str) -> tuple[str, ...]:
    """Given text, return the figures in it that could be answers (years, references and the like left out)."""
    return tuple(FIGURE.findall(NOT_ANSWERS.sub(" ", text)))


def used_figures(candidates: list[Candidate]) -> set[str]:
    """Given the candidates a file gave, return the figures they took, as digits: all of a short answer's, but of
    a long one (an answer that ran on into rows nobody read) only the figure it gave."""
    used = set()
    for c in candidates:
        raw = c.raw or ""
        found = [f.replace(",", "") for f in FIGURE.findall(raw)]
        short = len(found) <= 2 and len(raw.strip()) <= 40
        used |= set(found) if short else set(found) & set(re.findall(r"\d+", c.value.replace(",", "")))
        if c.status == "needs_review" and len(figures := figures_in(raw)) == 1:
            used.add(figures[0].replace(",", ""))  # the one figure sent to review ('1,063 for both groups') was read
        if c.value:  # a note in brackets beside the answer ('46 (14 of these ...)'), on any of its lines
            used |= {f.replace(",", "") for note in re.findall(r"\(([^()\n]*)\)", raw) for f in FIGURE.findall(note)}
    return used


def taken_cells(candidates: list[Candidate]) -> set[str]:
    """Given a file's candidates, return the locators of the table cells they were read from, each cell of a sum
    ('p2 layout1 r2c3+r3c3+p3 layout2 r2c3') one by one."""
    taken = set()
    for c in candidates:
        table = ""
        for piece in (c.locator or "").split("+"):
            words = piece.split()
            table = " ".join(words[:-1]) or table
            taken.add(f"{table} {words[-1]}" if words else "")
    return taken


FOOTNOTE_MARK = re.compile(r"(?:\*+|[\u00b9\u00b2\u00b3\u2020]|\(\d\))$")  # '46*', '46(1)': the figure is 46


@lru_cache(maxsize=65536)
def number_of(text: str) -> float | None:
    """Given a cell's text, return the plain number it holds, or None."""
    bare = FOOTNOTE_MARK.sub("", text.strip().replace(",", "").lstrip("\u00a3"))
    return float(bare) if re.fullmatch(r"\d+(?:\.\d+)?", bare) else None


def parts_of_totals(table: Table, taken: set[str]) -> set[str]:
    """Given a table and the cells candidates took, return the cells that add up to a taken total below them
    (the months over a 'Year total' row): their figures are that answer's parts, not figures left over."""
    parts = set()
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            total = number_of(cell.text)
            if cell.locator not in taken or total is None:
                continue
            above = []
            for upper in reversed(table.rows[:r]):
                value = number_of(upper[c].text) if c < len(upper) else None
                if value is None:
                    break
                above.append(upper[c])
            if len(above) >= 2 and abs(sum(number_of(x.text) or 0 for x in above) - total) < 0.01:
                parts |= {x.locator for x in above}
    return parts


def totals_of_parts(table: Table, taken: set[str]) -> set[str]:
    """Given a table and the cells candidates took, return the cells that hold the sum of two or more taken cells
    just before them in their row or just above them in their column (a Total column or row beside the answers):
    a check on the answers, not a figure left over."""
    def sums_taken(cells: Iterator[Cell], total: float) -> bool:
        """Given the cells before a figure (nearest first) and the figure, return whether taken ones sum to it."""
        run = []
        for cell in cells:
            if cell.locator not in taken or (value := number_of(cell.text)) is None:
                break
            run.append(value)
        return len(run) >= 2 and abs(sum(run) - total) < 0.01
    rows, totals = table.rows, set()
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell.locator in taken or not taken or (total := number_of(cell.text)) is None:
                continue
            above = (rows[k][c] for k in range(r - 1, -1, -1) if c < len(rows[k]))  # walked only while taken
            if sums_taken((row[k] for k in range(c - 1, -1, -1)), total) or sums_taken(above, total):
                totals.add(cell.locator)
    return totals


def unplaced_cells(table: Table, used: set[str], taken: set[str] = frozenset()) -> int:
    """Given a table, the figures already used and the cells taken, return how many value cells hold an unused
    figure that is not a part of a taken total."""
    count = 0
    explained = parts_of_totals(table, taken) | totals_of_parts(table, taken) | taken
    for row in table.rows:
        for column, cell in enumerate(row):
            text = cell.text.strip()
            if cell.locator in explained:
                continue
            if column == 0 and len(row) > 1 or question_refs(text) and len(text) <= 4:
                continue  # a label column or a question number, not an answer
            text = strip_ref(text) if column == 0 else text  # a row read as one cell: 'Q2 Placements 441 213'
            count += any(f.replace(",", "") not in used for f in figures_in(text))
    return count


LABELLED = re.compile(r"[:=]\s*£?\s*(\d[\d,]*(?:\.\d+)?)\s*$")


def unplaced_lines(document: Document, used: set[str], answer_text: str) -> int:
    """Given a document, the figures used and its answers' text, return how many lines outside every answer end
    in a labelled figure nobody took ('a. 2023-2024: 927' under a question number OCR lost)."""
    count = 0
    for line in document.lines:
        if line.text in answer_text:
            continue
        match = LABELLED.search(line.text)
        if match and figures_in(match.group(0)):
            count += match.group(1).replace(",", "").split(".")[0] not in used and \
                not any(match.group(1) in ref for ref in references_in(line.text))  # 'Request ref: 57364'

        elif len(line.segments) >= 2 or "£" in line.text:  # a table row or a sum nobody read
            count += any(f.replace(",", "") not in used for f in figures_in(line.text))
    return count


def other_year_cells(table: Table, survey: Survey | None) -> set[str]:
    """Given a table and the survey, return the locators of its cells in columns or rows headed by a year no
    period of the survey is (last year's figures and next year's estimate beside this year's)."""
    if survey is None:
        return set()
    views = [survey.view(p) for p in survey.periods] if survey.several_periods else [survey]
    every = {c.locator for row in table.rows for c in row}
    dropped = [every - {c.locator for row in filter_other_years(table, view).rows for c in row} for view in views]
    return set.intersection(*dropped)


def unplaced_figures(document: Document, candidates: list[Candidate], answer_text: str,
                     survey: Survey | None = None) -> int:
    """Given a document, its candidates, the text of its answers (and its survey), return how many figures no
    question took; figures for years the survey does not ask about are not left over."""
    used = used_figures(candidates)
    in_text = sum(1 for f in figures_in(note_numbers_blanked(answer_text)) if f.replace(",", "") not in used)
    taken = taken_cells(candidates)
    return in_text + sum(unplaced_cells(t, used, taken | other_year_cells(t, survey)) for t in document.tables) + \
        unplaced_lines(document, used, answer_text)
