"""A table cell -> the question types it could answer, from its text and its labels.

'256 (76%)' answers a count, '72hrs' a time, 'Yes' a yes/no or a policy; 'We do not record this information.'
answers a question of any type, except in a column of figures, where it stands in for a figure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from extractors.extract.table_cells import CellContext
from extractors.extract.table_headers import COUNT_SHARE, is_value_like
from extractors.parse.amounts import parse_money, parse_percent
from extractors.parse.choices import parse_date_answer, parse_yes_no
from extractors.parse.counts import groups_together, parse_count
from extractors.parse.values import parse_hours, parse_policy, parse_provider
from extractors.survey import QUESTION_TYPES

NUMERIC_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d")


@lru_cache(maxsize=65536)
def answer_types(text: str, labels: str = "") -> tuple[str, ...]:
    """Given a cell's text (and its labels), return the question types it could answer."""
    if text.startswith("needs review:"):
        return QUESTION_TYPES  # a cell the reader could not place a figure in (a band with a blank cell)
    if re.match(r"\d", text) and groups_together(text):
        return FIGURE_TYPES  # '109 - total for both groups': a figure, for review, where a figure is asked
    if NUMERIC_DATE.fullmatch(text.strip()) and parse_date_answer(text).status == "reported":
        return ("date",)  # '31.08.2027' looks like a figure, but it is a day, a month and a year
    if is_value_like(text) and not re.search(r"\d", text) and re.search(r"[a-z]{3}", text, re.I):
        return QUESTION_TYPES  # 'We do not record this information.' answers a question of any type ('c' a count)
    if is_value_like(text):
        # '72hrs' looks like a figure, but its unit says it is a time
        timed = re.search(r"[a-z]", text, re.I) and parse_hours(text).status == "reported"
        if timed:
            return ("count", "hours", "duration")
        if COUNT_SHARE.fullmatch(text):
            return ("count",)  # '256 (76%)': a count with its share beside it
        if re.search(r"%|per\s?cent", text, re.I):
            return ("percent", "count")  # a share where a count is asked still answers it: for review
        if "\u00a3" in text:
            return ("money",)
        # a bare figure is a percentage or a sum of money only where its labels say so
        return ("count", "duration") + (("percent",) if re.search(r"%|per\s?cent|percentage", labels, re.I) else ()) \
            + (("money",) if re.search(r"\u00a3|\bgbp\b|pounds|spend|expenditure|cost", labels, re.I) else ())
    fits = tuple(kind for kind, parse in (("policy", parse_policy), ("hours", parse_hours),
                                          ("provider", parse_provider), ("yes_no", parse_yes_no),
                                          ("date", parse_date_answer)) if parse(text).status == "reported")
    if re.search(r"\b(?:days?|weeks?|months?|years?)\b", text, re.I):
        fits += ("duration",)
    # an approximate figure ('roughly 46%', 'about £3.1m') still answers its question: for review
    read = ("reported", "needs_review") if re.search(r"\d", text) else ("reported",)
    if "\u00a3" in text or re.search(r"\bpounds\b|\u00a3", labels, re.I):
        fits += ("money",) if parse_money(text).status in read else ()
    if re.search(r"%|per\s?cent", f"{text} {labels}", re.I):
        fits += ("percent",) if parse_percent(text).status in read else ()
        fits += ("count",) if re.match(r"\s*\d+(?:\.\d+)?\s*(?:%|per\s?cent)", text, re.I) else ()  # for review
    if not fits and nought(text):
        fits += ("count",)  # 'Nil', 'Zero': a count of nought in words
    return fits + ("text", "choice") if re.search(r"[a-z]{3}", text, re.I) else fits


def nought(text: str) -> bool:
    """Given a cell, return whether it gives a count of nought in words ('None', 'Nil', 'Zero')."""
    return not re.search(r"\d", text) and parse_count(text).status == "reported"


FIGURE_TYPES = ("count", "money", "percent", "duration", "hours")


def cell_types(ctx: CellContext) -> tuple[str, ...]:
    """Given a cell's context, return the question types it could answer: 'Data not held' answers any question,
    but in a column of figures it answers one asking for a figure, and 'None' there is a count."""
    types = answer_types(ctx.cell.text, cell_labels(ctx))
    if ctx.figures_column and nought(ctx.cell.text):
        return ("count",)  # 'None' among figures is nought, not a 'no'
    return FIGURE_TYPES if types == QUESTION_TYPES and ctx.figures_column else types


def cell_labels(ctx: CellContext) -> str:
    """Given a cell's context, return all its labels as one string (header, row label, section, title)."""
    return " ".join((ctx.header, ctx.row_label, ctx.section, " ".join(ctx.row_cells)))


def with_figure_columns(found: list[CellContext]) -> list[CellContext]:
    """Given a table's cell contexts, return them marked where every other filled cell of the column is a figure
    (two or more of them)."""
    kinds: dict[str, list[bool]] = {}
    for ctx in found:
        if ctx.cell.text.strip() and answer_types(ctx.cell.text) != QUESTION_TYPES and not nought(ctx.cell.text):
            figure = is_value_like(ctx.cell.text) and bool(re.search(r"\d", ctx.cell.text))
            kinds.setdefault(ctx.header, []).append(figure)
    columns = {h for h, marks in kinds.items() if len(marks) >= 2 and all(marks)}
    return [replace(ctx, figures_column=True) if ctx.header in columns else ctx for ctx in found]
