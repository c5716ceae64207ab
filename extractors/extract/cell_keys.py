"""Which part of a question a table cell answers: from its row and column labels, the row beside it with the same
measure, or the group its column heading gives the other rows."""

from __future__ import annotations

from collections.abc import Callable

from extractors.extract.matching import concept_of, is_total, key_by_name, key_by_words, part_letter, question_refs
from extractors.extract.parts import group_mentions
from extractors.extract.row_measures import same_measure
from extractors.extract.table_cells import CellContext
from extractors.survey import AnswerKey, Question, Survey

TOTAL_CELLS = frozenset({"all", "both", "total", "all children", "overall", "combined", "grand total"})


def group_of_cell(ctx: CellContext, survey: Survey) -> str:
    """Given a cell's context, return the survey group its column or row names, if any."""
    return concept_of(ctx.header, survey.vocabulary.group_phrases) or \
        concept_of(ctx.row_label, survey.vocabulary.group_phrases)


def key_of(ctx: CellContext, question: Question, survey: Survey) -> AnswerKey | None:
    """Given a cell's context and its question, return the answer key (the part, where there are parts)."""
    if len(question.keys) == 1:
        return question.keys[0]
    labels = [t for t in ctx.row_cells if t.strip().lower() != ctx.cell.text.strip().lower()]
    if is_total(ctx.header) or any(t.strip().lower() in TOTAL_CELLS for t in labels):
        return None  # a total of care and home together answers no part
    refs = question_refs(ctx.row_label) or question_refs(ctx.header)
    if refs and refs[0].part:
        return next((k for k in question.keys if k.part == refs[0].part), None)
    letters = [t for t in labels if part_letter(t) and len(t.strip()) <= 3]
    phrases = survey.vocabulary.group_phrases
    for text in (*letters, ctx.header, ctx.row_label, *labels):
        if len({g for _, g in group_mentions(text, phrases)}) > 1:
            continue  # a label naming every group (the question restated) names no part
        if key := key_by_name(question, text, phrases):
            return key
    for text in (ctx.header, ctx.row_label):
        if len({g for _, g in group_mentions(text, phrases)}) <= 1 and (key := key_by_words(question, text)):
            return key
    return None


def column_group(under: list[CellContext], asked_by: dict, survey: Survey) -> str:
    """Given the cells under one column heading and their questions, return the group every cell whose row names
    no group took the part of, when most did and none took another (a heading OCR spoilt still reads for most
    rows), else ''."""
    phrases = survey.vocabulary.group_phrases
    seen = []
    for ctx in under:
        question = asked_by[id(ctx)][0]
        if question is None or len(question.keys) < 2 or group_mentions(ctx.row_label, phrases):
            continue
        key = key_of(ctx, question, survey)
        seen.append(key.group if key is not None else "")
    named = [g for g in seen if g]
    return named[0] if len(set(named)) == 1 and len(named) >= 2 and 2 * len(named) > len(seen) else ""


def column_part(ctx: CellContext, question: Question, group_under: Callable[[str], str],
                survey: Survey) -> AnswerKey | None:
    """Given a cell whose labels name no part, its question and the group under each column heading, return the
    part of its column's group: the heading named it for the other rows."""
    if is_total(ctx.header) or group_mentions(ctx.row_label, survey.vocabulary.group_phrases):
        return None
    group = group_under(ctx.header)
    keys = [k for k in question.keys if group and k.group == group]
    return keys[0] if len(keys) == 1 else None


def group_named_in_cell(key: AnswerKey | None, groups: set[str], question: Question) -> AnswerKey | None:
    """Given the key a cell's labels give, the one group its own text names (if any) and the question, return the
    key of the group the cell names: 'Full-time staff: 22' says whose figure it is, whatever its row's label."""
    named = [k for k in question.keys if k.group in groups] if key is not None and len(groups) == 1 else []
    return named[0] if len(named) == 1 else key


def other_part(ctx: CellContext, question: Question, by_measure: dict, survey: Survey) -> AnswerKey | None:
    """Given a cell of a two-part question whose label names no part, return the other part when the one row
    beside it in its column with the same measure names one part ('Staff trained - full time' over 'Staff trained
    - contractors')."""
    if len(question.keys) != 2 or is_total(ctx.row_label):
        return None
    same = same_measure(ctx, by_measure)
    named = key_of(same[0], question, survey) if len(same) == 1 else None
    return next(k for k in question.keys if k is not named) if named is not None else None
