"""Table -> candidate answers: every value cell read with its row label and column header as context.

Rows may be questions and columns groups (care/home), or the transpose, or one row per question part with a
single response column; the same rules handle each because every cell is resolved from its context.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from extractors.extract.breakdowns import collapse_periods
from extractors.extract.cell_keys import (
    column_group,
    column_part,
    group_named_in_cell,
    group_of_cell,
    key_of,
    other_part,
)
from extractors.extract.cell_types import cell_types, with_figure_columns
from extractors.extract.label_questions import one_key_measure, unfit_answer
from extractors.extract.matching import (
    best_question,
    concept_of,
    is_total,
    question_by_number,
    question_for_concept,
    question_of_group,
    question_refs,
    strip_ref,
    tied_questions,
)
from extractors.extract.parts import group_mentions, marked_parts
from extractors.extract.period import filter_other_years, other_years_only
from extractors.extract.row_measures import (
    blank_measure_row,
    blank_part_row,
    contexts_by_measure,
    measure_question,
    only_group_words,
    with_measure_above,
)
from extractors.extract.row_totals import rows_not_adding_up, with_sums_checked
from extractors.extract.table_cells import (
    CellContext,
    cell_to_parts,
    numbering_columns,
    question_words,
    unheaded_rows_reviewed,
    whole_period_only,
    with_unit,
)
from extractors.extract.table_headers import (
    column_header,
    find_header_rows,
    header_role,
    is_value_like,
    year_label,
)
from extractors.model import Candidate, Cell, Parsed, Table
from extractors.parse.choices import parse_yes_no
from extractors.parse.values import parse_answer
from extractors.survey import Question, Survey


def value_columns(rows: list[list[Cell]], span: tuple[int, int] | None, survey: Survey) -> list[int]:
    """Given rows and the header rows, return the columns that hold answers rather than labels."""
    width = max((len(r) for r in rows), default=0)
    body = rows[span[1] + 1:] if span is not None else rows
    heads = [column_header(rows, span, c) for c in range(width)]
    found = [best_question(h, survey) if h.strip() else (None, 0.0) for h in heads]
    across = sum(sure >= 0.75 for _, sure in found) >= 3  # questions across the top: a heading naming one heads
    # answers ('Total expenditure on TA' there names a question, not a total of groups)
    asks = [sure >= 0.75 or across and question is not None for question, sure in found]
    columns = []
    for c, head in enumerate(heads):
        role = header_role(head)
        if role == "label" or is_total(head) and not concept_of(head, survey.vocabulary.group_phrases) \
                and not asks[c]:
            continue
        cells = [r[c].text for r in body if c < len(r) and r[c].text.strip()]
        # (under questions across the top, a column of yes and no answers holds answers too)
        valued = sum(is_value_like(t) or across and parse_yes_no(t).status == "reported" for t in cells)
        named = role == "value" or concept_of(head, survey.vocabulary.group_phrases) or question_refs(head) or \
            year_label(head, survey) or asks[c]
        if c > 0 and (named or valued * 2 >= max(len(cells), 1)):
            columns.append(c)
    return columns


def label_text(text: str, header: str) -> str:
    """Given a label cell and its column header, return it as a reference where the column holds question numbers."""
    bare = text.strip()
    if re.fullmatch(r"\d{1,4}[a-h]?", bare) and re.search(r"\b(?:line|row|cell)\b", header, re.I) or \
            re.fullmatch(r"[\d,.\s\u00a3%]+", bare) and HEADER_YEAR.search(header):
        return ""  # a return's line number ('72'), a cell reference or another year's figure says nothing of the row
    if re.fullmatch(r"\d{1,2}[a-h]?", bare) and re.search(r"\b(?:q|question|qu|no|ref|item)\b", header, re.I):
        return f"Q{bare}"
    return "" if re.fullmatch(r"[A-Z]{1,2}\d{1,4}", bare) and re.search(r"\bcell\b", header, re.I) else text


HEADER_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*[-/–]\s*(?:(?:19|20)?\d\d)\b")


def survey_year_columns(rows: list[list[Cell]], span: tuple[int, int] | None, columns: list[int],
                        survey: Survey) -> list[int]:
    """Given value columns whose headers name years ('Staff on leave 2024-25'), keep the survey's year only."""
    years = {c: HEADER_YEAR.search(column_header(rows, span, c)) for c in columns}
    wanted = str(survey.period_start.year)
    if not any(m and m.group(1) == wanted for m in years.values()):
        return columns
    return [c for c in columns if not years[c] or years[c].group(1) == wanted]


def contexts_of(table: Table, survey: Survey) -> list[CellContext]:
    """Given a table, return every non-empty value cell with its row label and column header."""
    rows = table.rows
    span = find_header_rows(rows, survey)
    columns = survey_year_columns(rows, span, value_columns(rows, span, survey), survey)
    numbered = numbering_columns(rows, span, columns)
    headers = [column_header(rows, span, c) for c in range(max((len(r) for r in rows), default=0))]
    found = []
    above = section = ""
    first_value = min(columns, default=1 << 30)
    measured = headers[0] if span is not None and headers and 0 not in columns else ""  # a corner 'RHIs offered -'

    for r, row in enumerate(rows):
        if span is not None and r <= span[1]:
            continue
        filled = [c.text.strip() for c in row if c.text.strip()]
        below = rows[r + 1][0].text if r + 1 < len(rows) and rows[r + 1] else ""
        lone = len(filled) == 1 and not question_refs(filled[0]) and not is_value_like(filled[0]) and \
            not (row[0].text.strip() and len(row) > first_value and
                 (blank_part_row(filled[0], survey) or blank_measure_row(filled[0], below, survey)))
        if not filled or lone:
            section = filled[0] if filled else ""  # a blank row ends a section; a lone label starts one
            measured = ""
            continue
        # labels stand left of the answers: a text column after them is an answer or a note, not a label
        label = " ".join(label_text(row[c].text, "no" if c in numbered else headers[c])
                         for c in range(min(len(row), first_value)) if c not in columns and row[c].text.strip())
        # A blank first label under a filled one continues it (a measure written once over its groups).
        first = row[0].text.strip() if row and 0 not in columns else ""
        if row and 0 not in columns and not first and above and label:
            label = f"{above} {label}"
        above = first or above
        label, measured = with_measure_above(label, measured, survey), label
        if is_total(label) and not question_refs(label) and not one_key_measure(label, survey):
            continue
        for c in columns:
            if c < len(row) and (row[c].text.strip() or label):
                found.append(CellContext(row[c], label, headers[c], tuple(x.text for x in row), section))
    return with_figure_columns(found)


def questions_named(label: str, survey: Survey) -> list[Question]:
    """Given a label, return the survey questions its leading references name."""
    return [q for ref in question_refs(label) if (q := question_by_number(survey, ref.number))]


def question_by_wording(ctx: CellContext, survey: Survey) -> Question | None:
    """Given a cell with no question number, return the question its labels' words describe, if clearly one."""
    key = (ctx.row_label, ctx.header, cell_types(ctx), group_of_cell(ctx, survey))
    known = survey.__dict__.setdefault("_question_by_wording", {})  # a sheet repeats its labels: each read once
    if key not in known:
        known[key] = labels_to_question(*key, survey)
    return known[key]


def labels_to_question(row_label: str, header: str, types: tuple[str, ...], concept: str,
                       survey: Survey) -> Question | None:
    """Given a cell's row label and column heading, the types it could answer and the group its labels name,
    return the question the labels' words describe, if clearly one."""
    for label in (row_label, header):
        if only_group_words(label, survey.vocabulary.group_phrases):
            continue  # 'Non-resident' says whose figures, not which question's
        # 'Offered to every child who goes missing' fits the care and the home question alike: the group decides.
        tied = tied_questions(strip_ref(label), survey, types)
        chosen = question_for_concept(tied, concept) if len(tied) > 1 else None
        if chosen:
            return chosen
        question, _ = best_question(strip_ref(label), survey, types)
        named = concept_of(label, survey.vocabulary.group_phrases)
        if question and named not in ("", "total") and named != question.group and \
                not any(k.group == named for k in question.keys):
            continue  # 'Part-time staff' names a group: it heads a part, not a question without parts
        if question:
            return question
    return question_of_group(row_label, survey) or question_of_group(header, survey)


def question_of(ctx: CellContext, survey: Survey, default: Question | None,
                title: list[Question]) -> tuple[Question | None, str]:
    """Given a cell's context, return the question it answers and how that was decided."""
    named = questions_named(ctx.row_label, survey) or questions_named(ctx.header, survey)
    if len(named) == 1:
        return named[0], "question number"
    if len(named) > 1:
        return question_for_concept(named, group_of_cell(ctx, survey)), "question number"
    if default is not None:
        across, sure = best_question(strip_ref(ctx.header), survey, cell_types(ctx))
        grouped = concept_of(ctx.header, survey.vocabulary.group_phrases)
        if across is not None and across is not default and sure >= 0.75 and not grouped:
            return across, "column heading wording"  # questions across the top outrank the heading above
        return default, "question heading"
    if len(title) == 1:
        return title[0], "question number in the table title"
    found = question_by_wording(ctx, survey)
    if found:
        return found, "label wording"  # the row's own words outrank a lone label above it
    if ctx.section:
        question, _ = best_question(ctx.section, survey, cell_types(ctx))
        if question:
            return question, "section title"
    return None, ""


def title_questions(table: Table, survey: Survey) -> list[Question]:
    """Given a table, return the questions its title names: the sheet name or a lone cell in the rows on top."""
    texts = [table.name] + [row[0].text for row in table.rows[:4] if sum(bool(c.text.strip()) for c in row) == 1
                            and row and row[0].text.strip()]
    for text in texts:
        if found := questions_named(text, survey):
            return found
    return []


def row_place(ctx: CellContext) -> str:
    """Given a cell's context, return its row's part of the locator ('p1 table1 r3' of 'p1 table1 r3c2')."""
    return re.sub(r"c\d+$", "", ctx.cell.locator)


def contexts_by_row(contexts: list[CellContext]) -> dict[str, list[CellContext]]:
    """Given a table's cell contexts, return them by row, made once (a lookup per cell would cost the square)."""
    by_row: dict[str, list[CellContext]] = {}
    for ctx in contexts:
        by_row.setdefault(row_place(ctx), []).append(ctx)
    return by_row


def row_question(ctx: CellContext, by_row: dict[str, list[CellContext]], asked_by: dict,
                 survey: Survey) -> Question | None:
    """Given a cell no label placed and the cells by row, return the one question the other cells of its row
    answer, when its column names a part of that question the row's other cells leave open: rows are measures,
    columns their groups."""
    others = [c for c in by_row.get(row_place(ctx), []) if c is not ctx]
    row = {asked_by[id(c)][0] for c in others} - {None}  # (a blank Total cell beside them says nothing)
    question = next(iter(row)) if len(row) == 1 else None
    key = key_of(ctx, question, survey) if question is not None and len(question.keys) >= 2 else None
    taken = {k.key for c in others if key is not None and (k := key_of(c, question, survey)) is not None}
    return question if key is not None and key.key not in taken else None


def one_question_per_row(by_row: dict[str, list[CellContext]], asked_by: dict, survey: Survey) -> dict:
    """Given a table's cells by row and the question each one's labels chose, return the choices with a row whose
    cells chose different questions by their words given the one question with a part for each of its cells
    ('Visits made' over 'Not held' under the first group fits a yes/no question too; the row's other cell,
    a figure, says it is the count in parts)."""
    chosen = dict(asked_by)
    for cells in by_row.values():
        asked = {asked_by[id(c)][0] for c in cells if asked_by[id(c)][1] == "label wording"}
        if len(cells) < 2 or len(asked) < 2 or None in asked:
            continue
        fits = [q for q in asked if len(q.keys) >= len(cells) and
                len({k.key for c in cells if (k := key_of(c, q, survey)) is not None}) == len(cells)]
        if len(fits) == 1:
            chosen |= {id(c): (fits[0], "label wording") for c in cells}
    return chosen


def question_beside(ctx: CellContext, beside: tuple[dict, dict], asked_by: dict,
                    survey: Survey) -> tuple[Question | None, str]:
    """Given a cell its own labels place under no question and the table's cells by row and by measure, return the
    question the cells beside it say, and how."""
    question = row_question(ctx, beside[0], asked_by, survey)
    if question is not None:
        return question, "the question of its row's other cells"
    return measure_question(ctx, beside[1], asked_by), "the measure of the row beside it"


def without_blank_columns(table: Table) -> Table:
    """Given a table, return it without the columns blank in every row (a sheet's margin column A); each cell
    keeps its own locator."""
    width = max((len(r) for r in table.rows), default=0)
    blank = {c for c in range(width) if not any(c < len(r) and r[c].text.strip() for r in table.rows)}
    if not blank:
        return table
    return replace(table, rows=[[cell for c, cell in enumerate(row) if c not in blank] for row in table.rows])


def context_to_candidates(ctx: CellContext, question: Question, how: str, survey: Survey,
                          by_measure: dict, columns: Callable[[str], str]) -> list[Candidate]:
    """Given a cell, the question it answers and how that was decided, the survey, the table's cells by measure
    and its columns' groups, return what the cell says for that question's keys."""
    parts = [k.part for k in question.keys]
    # a cell marking or naming two or more parts ('(a) ... 165 (b) ... 512') answers them all
    groups = {g for _, g in group_mentions(ctx.cell.text, survey.vocabulary.group_phrases)} & \
        {k.group for k in question.keys}
    # ('Full-time: 362 Part-time: 904' names two parts: the cell says which is which)
    one_part = len(marked_parts(ctx.cell.text, parts)) < 2 and len(groups) < 2
    labelled = key_of(ctx, question, survey) or other_part(ctx, question, by_measure, survey) or \
        column_part(ctx, question, columns, survey) if one_part else None
    key = group_named_in_cell(labelled, groups, question) if one_part else None
    if key is None:
        return cell_to_parts(ctx, question, survey, how)
    parsed = whole_period_only(ctx, parse_answer(with_unit(ctx, key.type), key) if ctx.cell.text.strip()
                               else Parsed("not_answered", reason="the cell is blank"))
    confidence = parsed.confidence * (0.98 if how == "question number" else 0.9)
    return [Candidate(
        key=key.key, status=parsed.status, value=parsed.value, raw=ctx.cell.text, locator=ctx.cell.locator,
        method=f"table cell by {how}", confidence=round(confidence, 3), reason=parsed.reason,
        detail=parsed.detail,
    )]


def table_to_candidates(table: Table, survey: Survey, default: Question | None = None) -> list[Candidate]:
    """Given a table (and the question it sits under, if any), return one candidate per answered cell."""
    table = without_blank_columns(table)
    other = other_years_only(table, survey)
    unsummed = rows_not_adding_up(table, survey)  # before other years go: a Total column sums them all
    table, _notes = collapse_periods(filter_other_years(table, survey), survey)
    candidates = []
    title = title_questions(table, survey)
    asked = [q.text.lower() for q in survey.questions]
    contexts = [c for c in contexts_of(table, survey) if not question_words(c.cell.text, asked)]  # not its text
    asked_by = {id(c): question_of(c, survey, default, title) for c in contexts}
    beside = (contexts_by_row(contexts), contexts_by_measure(contexts))
    asked_by = one_question_per_row(beside[0], asked_by, survey)
    under: dict[str, list[CellContext]] = {}
    for ctx in contexts:
        under.setdefault(ctx.header, []).append(ctx)
    # (only where other headings name groups, and worked out only when a cell needs it)
    grouped = any(concept_of(header, survey.vocabulary.group_phrases) for header in under)
    columns = cache(lambda header: column_group(under[header], asked_by, survey) if grouped else "")
    for ctx in contexts:
        question, how = asked_by[id(ctx)] if asked_by[id(ctx)][0] else question_beside(ctx, beside, asked_by, survey)
        if question is None:
            candidates += unfit_answer(ctx, survey)
            continue
        candidates += context_to_candidates(ctx, question, how, survey, beside[1], columns)
    candidates = with_sums_checked(candidates, unsummed)
    candidates = unheaded_rows_reviewed(candidates, contexts)
    if other:  # the table's figures are for another year: never an answer for this one
        reason = f"the table gives figures for {other}, not {survey.period_label}"
        candidates = [replace(c, status="needs_review", value="", confidence=0.5, reason=reason)
                      if c.status not in ("not_answered",) else c for c in candidates]
    return candidates


def rows_name_another(table: Table, question: Question, survey: Survey) -> bool:
    """Given a table under a question and the survey, return whether a row's label clearly names another question
    ('Households placed in TA (2023-24)' under the contract question): the table is not that question's answer."""
    labels = [row[0].text for row in table.rows[1:] if row and len(re.findall(r"[A-Za-z]{3,}", row[0].text)) >= 2]
    return any(best_question(label, survey)[0] not in (None, question) for label in labels)
