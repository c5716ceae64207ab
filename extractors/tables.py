"""Table -> candidate answers: every value cell read with its row label and column header as context.

Rows may be questions and columns groups (care/home), or the transpose, or one row per question part with a
single response column; the same rules handle each because every cell is resolved from its context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.crosswalk import pairs
from extractors.matching import (
    best_question,
    concept_of,
    key_for_label,
    part_letter,
    question_by_number,
    question_for_concept,
    question_refs,
    strip_ref,
)
from extractors.model import Candidate, Cell, Parsed, Table
from extractors.parse import parse_answer, parse_count
from extractors.survey import AnswerKey, Question, Survey

HEADER_SCAN_ROWS = 12
NUMERIC = re.compile(r"^\s*[<>~]?\s*\d[\d,. ]*\s*\S{0,3}\s*$")


@dataclass(frozen=True)
class CellContext:
    """One value cell with the words around it that say what it answers."""

    cell: Cell
    row_label: str
    header: str
    row_cells: tuple[str, ...]


def header_role(text: str) -> str:
    """Given a header cell, return 'label', 'value' or '' from the header crosswalk."""
    lowered = " ".join(re.sub(r"[^a-z ]+", " ", text.lower()).split())
    for role, phrase in pairs("headers.csv", "role", "phrase"):
        if lowered == phrase:
            return role
    return ""


def is_value_like(text: str) -> bool:
    """Given a cell, return whether it looks like an answer (a figure or a marker) rather than a label."""
    if not text.strip():
        return False
    if NUMERIC.match(text) or text.strip() in ("*", "-", "c", "x", "[c]", "[x]"):
        return True
    return parse_count(text).status in ("suppressed", "not_held", "refused")


def find_header_row(rows: list[list[Cell]], survey: Survey) -> int | None:
    """Given table rows, return the index of the row that heads the value columns, or None."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        texts = [c.text for c in row]
        filled = [t for t in texts if t.strip()]
        if len(filled) < 2 or any(is_value_like(t) for t in filled[1:]):
            continue
        informative = [t for t in texts[1:] if concept_of(t) or question_refs(t) or header_role(t)]
        if informative:
            return index
    return None


def value_columns(rows: list[list[Cell]], header: int | None) -> list[int]:
    """Given rows and the header row, return the columns that hold answers rather than labels."""
    width = max((len(r) for r in rows), default=0)
    body = rows[header + 1:] if header is not None else rows
    columns = []
    for c in range(width):
        head = rows[header][c].text if header is not None and c < len(rows[header]) else ""
        role = header_role(head)
        if role == "label" or concept_of(head) == "total":
            continue
        cells = [r[c].text for r in body if c < len(r) and r[c].text.strip()]
        valued = sum(is_value_like(t) for t in cells)
        if c > 0 and (role == "value" or concept_of(head) or question_refs(head) or valued * 2 >= max(len(cells), 1)):
            columns.append(c)
    return columns


def contexts_of(table: Table, survey: Survey) -> list[CellContext]:
    """Given a table, return every non-empty value cell with its row label and column header."""
    rows = table.rows
    header = find_header_row(rows, survey)
    columns = value_columns(rows, header)
    found = []
    for r, row in enumerate(rows):
        if header is not None and r <= header:
            continue
        label = " ".join(row[c].text for c in range(len(row)) if c not in columns and row[c].text.strip())
        if concept_of(label) == "total" and not question_refs(label):
            continue
        for c in columns:
            if c < len(row) and (row[c].text.strip() or label):
                head = rows[header][c].text if header is not None and c < len(rows[header]) else ""
                found.append(CellContext(row[c], label, head, tuple(x.text for x in row)))
    return found


def questions_named(label: str, survey: Survey) -> list[Question]:
    """Given a label, return the survey questions its leading references name."""
    return [q for ref in question_refs(label) if (q := question_by_number(survey, ref.number))]


def question_of(ctx: CellContext, survey: Survey, default: Question | None) -> tuple[Question | None, str]:
    """Given a cell's context, return the question it answers and how that was decided."""
    named = questions_named(ctx.row_label, survey) or questions_named(ctx.header, survey)
    if len(named) == 1:
        return named[0], "question number"
    if len(named) > 1:
        return question_for_concept(named, concept_of(ctx.header) or concept_of(ctx.row_label)), "question number"
    if default is not None:
        return default, "question heading"
    types = ("count",) if is_value_like(ctx.cell.text) else ()
    for label in (ctx.row_label, ctx.header):
        question, _ = best_question(strip_ref(label), survey, types)
        if question:
            return question, "label wording"
    return None, ""


def key_of(ctx: CellContext, question: Question) -> AnswerKey | None:
    """Given a cell's context and its question, return the answer key (the part, where there are parts)."""
    if len(question.keys) == 1:
        return question.keys[0]
    refs = question_refs(ctx.row_label) or question_refs(ctx.header)
    if refs and refs[0].part:
        return next((k for k in question.keys if k.part == refs[0].part), None)
    for text in (*[t for t in ctx.row_cells if part_letter(t) and len(t.strip()) <= 3], ctx.header, ctx.row_label):
        if key := key_for_label(question, text):
            return key
    return None


def table_to_candidates(table: Table, survey: Survey, default: Question | None = None) -> list[Candidate]:
    """Given a table (and the question it sits under, if any), return one candidate per answered cell."""
    candidates = []
    for ctx in contexts_of(table, survey):
        question, how = question_of(ctx, survey, default)
        if question is None:
            continue
        key = key_of(ctx, question)
        if key is None:
            continue
        parsed = parse_answer(ctx.cell.text, key.type) if ctx.cell.text.strip() else Parsed(
            "not_answered", reason="the cell is blank")
        confidence = parsed.confidence * (0.98 if how == "question number" else 0.9)
        candidates.append(Candidate(
            key=key.key, status=parsed.status, value=parsed.value, raw=ctx.cell.text, locator=ctx.cell.locator,
            method=f"table cell by {how}", confidence=round(confidence, 3), reason=parsed.reason,
            detail=parsed.detail,
        ))
    return candidates
