"""A table's cells and their context: question numbers down a column, section numbers, question text, units; and
rows of several values under no heading, sent to review."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from extractors.extract.matching import is_total, question_refs
from extractors.extract.parts import text_to_parts
from extractors.extract.subperiods import parse_label
from extractors.model import Candidate, Cell, Parsed
from extractors.parse.counts import groups_together
from extractors.parse.values import parse_count
from extractors.survey import Question, Survey


def question_words(text: str, asked: list[str]) -> bool:
    """Given a cell and the survey's question texts, return whether the cell is a piece of one of them."""
    flat = " ".join(text.lower().split())
    # long enough that an answer echoing the question ("within 72 hours of the return") is not mistaken for one
    # ('35% of interviews offered ...' opens with its figure: an answer in the question's words)
    return len(flat) >= 45 and not re.match(r"[<>~\u00a3]?\d", flat) and any(fuzz.partial_ratio(flat, q) >= 95
                                                                           for q in asked)


def without_sections(text: str) -> str:
    """Given a cell, return it without the Act's section numbers ('section 12', 's.40(2)')."""
    return re.sub(r"\b(?:section|s\.?)\s*\d+(?:\(\d\))?", " ", text, flags=re.I)


def numbering_columns(rows: list[list[Cell]], span: tuple[int, int] | None, columns: list[int]) -> set[int]:
    """Given rows, return the label columns that number the rows 1, 2, 3 ... under a blank heading: question numbers."""
    body = rows[span[1] + 1:] if span is not None else rows
    found = set()
    for c in range(min((len(r) for r in body), default=0)):
        cells = [r[c].text.strip() for r in body if r[c].text.strip()]
        if c in columns or len(cells) < 3 or not all(re.fullmatch(r"\d{1,2}", t) for t in cells):
            continue
        numbers = [int(t) for t in cells]
        # 1, 2, 3 (a question left out may skip one); a return's line numbers (10, 15, 16) are not questions
        if numbers[0] == 1 and all(0 < b - a <= 2 for a, b in zip(numbers, numbers[1:], strict=False)):
            found.add(c)
    return found


@dataclass(frozen=True)
class CellContext:
    """One value cell with the words around it that say what it answers."""

    cell: Cell
    row_label: str
    header: str
    row_cells: tuple[str, ...]
    section: str = ""  # a one-cell title row above a block of rows, e.g. 'Individual children who went missing'
    figures_column: bool = False  # every other answer in its column is a figure: 'Data not held' there is a count's


def with_unit(ctx: CellContext, kind: str) -> str:
    """Given a bare number answering a timescale, return it with the unit its row or column label states."""
    text = ctx.cell.text.strip()
    unit = re.search(r"\b(hours?|hrs|(?:working )?days?)\b", f"{ctx.row_label} {ctx.header}", re.I)
    if kind == "hours" and re.fullmatch(r"\d+", text) and unit:
        return f"{text} {unit.group(1)}"
    return ctx.cell.text


def whole_period_only(ctx: CellContext, parsed: Parsed) -> Parsed:
    """Given a cell's reading, return it sent to review when its row, a cell of its row or its column is one month
    or quarter left alone ('Apr 2024'): a part of the period is not the period."""
    labels = (ctx.row_label, ctx.header, *(t for t in ctx.row_cells if t.strip() != ctx.cell.text.strip()))
    part = next((found for label in labels if (found := parse_label(label)) is not None
                 and found.kind == "part" and found.months and not question_refs(label)), None)
    if part is None or parsed.status != "reported":
        return parsed
    return Parsed("needs_review", reason=f"a figure for {part.text} only, not the whole period", confidence=0.5)


def cell_to_parts(ctx: CellContext, question: Question, survey: Survey, how: str) -> list[Candidate]:
    """Given one cell answering every part of a question ('Full-time: 362 Part-time: 904'), return a candidate per
    part when the cell says which figure is which; none otherwise."""
    if len(question.keys) < 2 or not is_total(ctx.header) and not ctx.cell.text.strip():
        return []
    if is_total(ctx.header) or is_total(ctx.row_label):
        return []
    parts = text_to_parts(ctx.cell.text, list(question.keys), survey.vocabulary.group_phrases)
    whole = parse_count(ctx.cell.text)
    alone = sum(1 for text in ctx.row_cells if text.strip() and text.strip() not in ctx.row_label) == 1
    if not parts and alone and whole.status in ("refused", "not_held") and \
            not re.search(r"\d", without_sections(ctx.cell.text)):
        parts = {k.key: whole for k in question.keys}  # 'This information is not held.' answers every part
    if not parts and alone and groups_together(ctx.cell.text):
        parts = {k.key: whole for k in question.keys}  # 'The total for both groups together is 798': review each
    return [Candidate(key=k.key, status=parts[k.key].status, value=parts[k.key].value, raw=ctx.cell.text,
                      locator=ctx.cell.locator, method=f"table cell by {how}, parts named in the cell",
                      confidence=round(parts[k.key].confidence * 0.9, 3), reason=parts[k.key].reason)
            for k in question.keys if k.key in parts]


def unheaded_rows_reviewed(candidates: list[Candidate], contexts: list[CellContext]) -> list[Candidate]:
    """Given a table's candidates and its cells, return them with a figure sent to review when its column has no
    heading and its row gives another value beside it: which of them is the period asked cannot be told (a scan
    whose heading row OCR lost)."""
    if any(c.header.strip() for c in contexts):
        return candidates  # (a table with a heading row: its columns say what they hold)
    unheaded = {c.cell.locator for c in contexts if
                sum(1 for t in c.row_cells if t.strip() and t.strip() not in c.row_label) >= 2}
    reason = "the row gives several values under no heading: which is for the period asked cannot be told"
    return [replace(c, status="needs_review", value="", confidence=0.5, reason=reason)
            if c.status == "reported" and c.locator in unheaded else c for c in candidates]
