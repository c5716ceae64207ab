"""A table cell's labels -> the question they name when the ordinary reading of the cell does not settle it.

A row labelled 'Total ...' is a total across groups, unless it names a question that has no groups; a cell of
words under a heading naming a question ('... timescale' over 'as quickly as practicable') answers it in a form
the question's type does not read, which is for review, not absence.
"""

from __future__ import annotations

import re

from extractors.extract.cell_types import FIGURE_TYPES
from extractors.extract.matching import best_question, strip_ref
from extractors.extract.table_cells import CellContext
from extractors.model import Candidate
from extractors.survey import Survey


def one_key_measure(label: str, survey: Survey) -> bool:
    """Given a row label naming a total, return whether it names the measure of a question with no parts
    ('Total expenditure on ...'): that question's answer, not a total across groups."""
    question, sure = best_question(label, survey, FIGURE_TYPES)
    return question is not None and sure >= 0.75 and len(question.keys) == 1


def unfit_answer(ctx: CellContext, survey: Survey) -> list[Candidate]:
    """Given a cell of words no question of its type took, return a review candidate for the one question without
    parts its column or row heading clearly names ('RHI offer timescale' over 'as quickly as practicable'), else
    nothing: the answer is there, in a form the survey's type does not read."""
    text = ctx.cell.text.strip()
    if not re.search(r"[a-z]{3}", text, re.I) or re.search(r"\d", text) or len(text) > 200:
        return []
    for label in (ctx.header, ctx.row_label):
        question, sure = best_question(strip_ref(label), survey)
        if question is not None and sure >= 0.75 and len(question.keys) == 1:
            return [Candidate(question.keys[0].key, "needs_review", "", text, ctx.cell.locator, "table cell by label "
                              "wording", 0.5, f"the answer '{text[:60]}' does not read as a {question.type}")]
    return []
