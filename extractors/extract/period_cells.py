"""One measure's figures by period -> one figure: the rules of RULES.md "Breakdowns by period" for one row or
column of cells, and which labels along a table's axis are the parts and the total to use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from extractors.extract.matching import question_refs
from extractors.extract.subperiods import PeriodLabel, month_names, parse_label, part_months, survey_months
from extractors.model import Cell, Parsed
from extractors.parse.amounts import parse_money
from extractors.parse.phrases import phrase_pattern, phrases_re, squash
from extractors.parse.values import parse_count
from extractors.survey import Survey

PDF_CELL = re.compile(r"^(?P<prefix>.*?\s)(?P<ref>r\d+c\d+)$")
SHEET_CELL = re.compile(r"^(?P<sheet>.*!)?\$?(?P<col>[A-Z]{1,3})\$?(?P<row>\d+)$")
SURE = 0.9  # a part read with less confidence than this ("1 204") is not added up unseen


def may_sum(label: str, people: tuple[str, ...] = ()) -> bool:
    """Given a row or column's label and the survey's words for people counted, return whether its figures may
    be added across periods (counts of people may not: one person can be counted in several quarters)."""
    flat = squash(label)
    return not phrases_re("person_counts.csv").search(flat) and not _people_re(people).search(flat)


@cache
def _people_re(people: tuple[str, ...]) -> re.Pattern[str]:
    """Given the survey's phrases for people counted, return one pattern finding any of them."""
    return re.compile(phrase_pattern(people), re.I) if people else re.compile(r"(?!x)x")


def is_blank(text: str) -> bool:
    """Given a cell, return whether it holds no answer ('', '-', 'n/a')."""
    return parse_count(text).status == "not_answered"


def figure_of(text: str) -> Parsed:
    """Given a cell, return its figure: a sum of money when it shows the pound sign, else a count."""
    return parse_money(text) if "\u00a3" in text else parse_count(text)


def is_figure(text: str) -> bool:
    """Given a cell, return whether it holds a count, a sum of money or a marker in place of one, not words."""
    parsed = figure_of(text)
    if parsed.status == "not_answered":
        return False
    return parsed.status != "needs_review" or not parsed.reason.startswith("no figure found")


def column_number(letters: str) -> int:
    """Given spreadsheet column letters ('B', 'AA'), return the column's number."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def joined_locator(cells: list[Cell]) -> str:
    """Given the cells added up, return one locator naming them: 'p2 table1 r3c2+r3c3' or 'Sheet1!B3:E3'."""
    where = [c.locator for c in cells if c.locator]
    pdf = [PDF_CELL.match(w) for w in where]
    if where and all(pdf) and len({m["prefix"] for m in pdf}) == 1:
        return pdf[0]["prefix"] + "+".join(m["ref"] for m in pdf)
    sheet = [SHEET_CELL.match(w) for w in where]
    if where and all(sheet) and len({m["sheet"] for m in sheet}) == 1:
        prefix = sheet[0]["sheet"] or ""
        cols = [column_number(m["col"]) for m in sheet]
        rows = [int(m["row"]) for m in sheet]
        line = (len(set(rows)) == 1 and cols == list(range(cols[0], cols[0] + len(cols)))) or \
            (len(set(cols)) == 1 and rows == list(range(rows[0], rows[0] + len(rows))))
        names = [f"{m['col']}{m['row']}" for m in sheet]
        return prefix + (f"{names[0]}:{names[-1]}" if line and len(names) > 1 else "+".join(names))
    return "+".join(where)


def review_cell(reason: str, locator: str) -> Cell:
    """Given why the parts cannot give one figure, return a cell that parse_count reads as needs_review."""
    text = f"needs review: {reason}"
    if parse_count(text).status != "needs_review":
        text = "needs review: the figures by period cannot be combined into one"
    return Cell(text, locator)


@dataclass(frozen=True)
class Part:
    """One sub-period's cell for one measure, and the names of the months it covers (said in reasons)."""

    cell: Cell
    name: str


def _same_status(parts: list[tuple[Part, Parsed]]) -> Cell | None:
    """Given parsed parts that all say 'not held', or all 'refused', return the first one's cell."""
    statuses = {p.status for _, p in parts}
    if len(statuses) == 1 and statuses <= {"not_held", "refused"}:
        return parts[0][0].cell
    return None


def combine(parts: list[Part], total: Cell | None, label: str, summable: Callable[[str], bool],
            gap: str = "") -> tuple[Cell, str]:
    """Given one measure's cells by period, its stated year total (if any) and its label, return one cell and a note.

    `gap` names months no part covers. The note is '' when the parts simply add up.
    """
    if total is not None and not is_blank(total.text):
        return Cell(total.text, total.locator, total.ocr_confidence), ""
    where = joined_locator([p.cell for p in parts])
    given = [(p, figure_of(p.cell.text)) for p in parts if not is_blank(p.cell.text)]
    if not given:
        return Cell("", where), ""
    if not any(is_figure(p.cell.text) for p, _ in given):
        # words, not figures (a policy row under quarter headings): kept as written
        texts = list(dict.fromkeys(squash(p.cell.text) for p, _ in given))
        return Cell("; ".join(texts), given[0][0].cell.locator), ""
    same = _same_status(given)
    if same is not None:
        return Cell(same.text, where), ""
    if not summable(label):
        return review_cell("figures for individual people cannot be added across periods", where), \
            "figures for individual people given only by period"
    suppressed = [p.name for p, parsed in given if parsed.status == "suppressed"]
    if suppressed:
        return Cell("*", where), f"suppressed: {', '.join(suppressed)} suppressed and no year total stated"
    missing = [p.name for p in parts if is_blank(p.cell.text)] + \
        [p.name for p, parsed in given if parsed.status != "reported" or parsed.confidence < SURE]
    if gap or missing:
        reason = f"no exact figure for {', '.join(([gap] if gap else []) + missing)}"
        return review_cell(reason, where), reason
    try:
        values = [Decimal(parsed.value) for _, parsed in given]
    except InvalidOperation:
        return review_cell("a figure by period is not a count", where), "a figure by period is not a count"
    if all("\u00a3" in p.cell.text for p, _ in given):  # sums of money by month add up to the year's
        return Cell(f"\u00a3{sum(values)}", where), ""
    if any(v != v.to_integral_value() for v in values):
        return review_cell("a figure by period is not a whole number", where), "a figure is not a whole number"
    return Cell(str(int(sum(values))), where), ""


@dataclass
class Axis:
    """The period labels along one header row or label column: parts, totals, and months left uncovered."""

    parts: dict[int, str]  # index -> month names
    totals: list[int]
    gap: str
    dropped: list[int]  # parts or totals for another period, left out


def bare_are_quarters(labels: dict[int, PeriodLabel], texts: list[str], figures: bool, corner: str,
                      survey: Survey) -> bool:
    """Given an axis's labels with bare 'Q1'..'Q4', return whether they are quarters rather than question numbers.

    They are when the cells beside them hold figures, no other label in the axis is a question number, and
    either something else in the axis is a period, the axis heading says so, or no such question asks a count.
    """
    bare = [lab.quarter for lab in labels.values() if lab.bare]
    written = {squash(lab.text) for lab in labels.values()}
    others = [t for t in texts if t.strip() and squash(t) not in written]
    if len(set(bare)) != len(bare) or any(question_refs(t) for t in others) or not figures:
        return False
    axis_words = phrases_re("period_labels.csv", kind="axis")
    counted = any(q.type == "count" for q in survey.questions if q.number in bare)
    return any(not lab.bare for lab in labels.values()) or bool(axis_words.search(corner)) or not counted


def read_axis(texts: list[str], survey: Survey, figures: bool, corner: str = "",
              whole: list[str] | None = None) -> dict[int, PeriodLabel]:
    """Given the labels along one axis, return the period labels among them (empty unless two parts or more).

    `whole` is the full column when `texts` is only a run of its rows: "Q1".."Q4" above "Q5" are questions.
    """
    labels = {i: lab for i, t in enumerate(texts) if (lab := parse_label(t)) and lab.kind != "bare_year"}
    context = texts if whole is None else whole
    if any(lab.bare for lab in labels.values()) and not bare_are_quarters(labels, context, figures, corner, survey):
        labels = {i: lab for i, lab in labels.items() if not lab.bare}
    return labels if sum(lab.kind == "part" for lab in labels.values()) >= 2 else {}


def plan_axis(labels: dict[int, PeriodLabel], survey: Survey) -> Axis | None:
    """Given an axis's period labels, return which to add up and which total to use (None if it is ambiguous)."""
    wanted = set(survey_months(survey))
    parts, dropped, totals = {}, [], []
    for i, lab in sorted(labels.items()):
        if lab.kind == "part" and not lab.subtotal:
            months = set(part_months(lab, survey))
            if months <= wanted:
                parts[i] = months
            elif months & wanted:
                return None  # a part across the period's edge cannot be split
            else:
                dropped.append(i)
        elif lab.kind in ("total", "year"):
            inside = lab.year is None or (lab.year == (survey.period_start, survey.period_end))
            (totals if inside else dropped).append(i)
    covered = [m for months in parts.values() for m in months]
    if len(totals) > 1 or len(covered) != len(set(covered)):
        return None  # two totals, or parts that overlap (months and their quarters): not safe to read
    gap = month_names(sorted(wanted - set(covered)))
    return Axis({i: month_names(sorted(m)) for i, m in parts.items()}, totals, gap, dropped)


def survey_label(survey: Survey) -> str:
    """Given a survey, return a short name for its period ('2025-26')."""
    return survey.period_label.split(" (")[0].strip() or f"{survey.period_start} to {survey.period_end}"


