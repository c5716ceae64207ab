"""A table row's label -> its measure, read from the rows beside it when the label names only a group.

Tables often write a measure once and its groups under it ('Staff on leave - FT' over '- part-time workers'), or
name one group of a two-part measure in words the survey does not use ('... - contractors'): the row
beside it, with the same measure, says which question the row answers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.extract.matching import (
    NEGATING,
    GroupPhrases,
    best_question,
    concept_of,
    normalise_words,
    question_refs,
    spaced_phrases,
)
from extractors.extract.table_cells import CellContext
from extractors.survey import Question, Survey


@lru_cache(maxsize=8192)
def only_group_words(text: str, phrases: GroupPhrases) -> bool:
    """Given a header or label and the survey's group phrases, return whether it names a group and nothing else
    ('Non-resident staff'): it says whose figures, not what they count."""
    words = f" {normalise_words(text)} "
    named = [spaced for _, _, spaced in spaced_phrases(phrases) if spaced in words]
    for spaced in sorted(named, key=len, reverse=True):
        words = words.replace(spaced, " ")
    return bool(named) and not [w for w in words.split() if len(w) >= 3 and w.isalpha() and w not in NEGATING]


def with_measure_above(label: str, above: str, survey: Survey) -> str:
    """Given a row label, the label above it and the survey, return the label with the measure written once above
    put before it, when it names only a group ('Staff on leave - FT' over '- part-time workers')."""
    measure = re.match(r"^(.*?\S)\s*[-\u2013]\s*(?:\S.*)?$", above)
    bare = re.sub(r"^\s*[-\u2013]\s*", "", label)
    if not measure or not bare or " - " in f" {bare} " or question_refs(label) or \
            not concept_of(bare, survey.vocabulary.group_phrases) or best_question(bare, survey)[0] is not None:
        return label
    return f"{measure.group(1)} - {bare}"


def measure_of(label: str) -> str:
    """Given a row label, return its measure: the words before the group it names ('Staff trained - ...')."""
    return label.rsplit(" - ", 1)[0].strip().lower() if " - " in label else ""


def contexts_by_measure(contexts: list[CellContext]) -> dict[tuple[str, str], list[CellContext]]:
    """Given a table's cell contexts, return those whose label names a measure, by column header and measure
    (made once: a search per cell would cost the square)."""
    found: dict[tuple[str, str], list[CellContext]] = {}
    for ctx in contexts:
        if measure := measure_of(ctx.row_label):
            found.setdefault((ctx.header, measure), []).append(ctx)
    return found


def same_measure(ctx: CellContext, by_measure: dict[tuple[str, str], list[CellContext]]) -> list[CellContext]:
    """Given a cell and the contexts by measure, return the other cells of its column with the same measure."""
    return [c for c in by_measure.get((ctx.header, measure_of(ctx.row_label)), []) if c is not ctx]


def measure_question(ctx: CellContext, by_measure: dict, asked_by: dict) -> Question | None:
    """Given a cell no label placed, return the two-part question of the one row beside it in its column that
    has the same measure ('Staff trained - full time' over 'Staff trained - contractors')."""
    same = {asked_by[id(c)][0] for c in same_measure(ctx, by_measure)}
    question = next(iter(same)) if len(same) == 1 else None
    return question if question is not None and len(question.keys) == 2 else None


def blank_part_row(label: str, survey: Survey) -> bool:
    """Given the label of a row whose value cells are all blank, return whether it is a part's row left blank
    ('Staff trained - full time' | '' | ''), not a section title: it names a group and a question."""
    group = concept_of(label, survey.vocabulary.group_phrases)
    return group not in ("", "total") and best_question(label, survey)[0] is not None


def blank_measure_row(label: str, below: str, survey: Survey) -> bool:
    """Given the label of a row whose value cells are all blank and the next row's label, return whether it is a
    measure left blank ('Staff trained' | '' | '' over 'Staff leaving' | 4 | 5), not a section title over rows
    of its own measure: its words name a question and the next row's another (or the table ends)."""
    if only_group_words(label, survey.vocabulary.group_phrases):
        return False
    question, sure = best_question(label, survey)
    if question is None or sure < 0.75:
        return False
    return not below.strip() or best_question(below, survey)[0] not in (None, question)
