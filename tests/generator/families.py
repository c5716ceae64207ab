"""The registry of layout families: what each needs from a survey and which file kinds it makes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import annotated, joint, letters, sheets, tables, webpage, yearly
from .common import Ctx


@dataclass
class Family:
    """A named layout style."""

    name: str
    build: Callable
    kinds: tuple[str, ...]        # file kinds it can produce
    weight: float
    needs: Callable[[Ctx], bool] = lambda ctx: True


def _parted(ctx: Ctx) -> bool:
    return any(q.parted and q.type == "count" for q in ctx.survey.questions)


def _tabular(ctx: Ctx) -> bool:
    return _parted(ctx) or ctx.survey.multi_period


def _checklist(ctx: Ctx) -> bool:
    return any(q.type == "provider" or (q.type == "choice" and q.multiple) for q in ctx.survey.questions)


def _breakdown(ctx: Ctx) -> bool:
    return bool(tables._breakdown_keys(ctx)[0])


def _years(ctx: Ctx) -> bool:
    return any(q.type in ("count", "money") and not q.as_at and not q.period for q in ctx.survey.questions)


def _two_periods(ctx: Ctx) -> bool:
    return len(ctx.survey.periods) <= 2


FAMILIES: dict[str, Family] = {f.name: f for f in [
    Family("prose_restated", letters.prose_restated, ("pdf", "scan"), 10),
    Family("questions_then_answers", letters.questions_then_answers, ("pdf", "scan"), 6),
    Family("inline_answer", letters.inline_answer, ("pdf", "scan"), 5),
    Family("compact_keyvalue", letters.compact_keyvalue, ("pdf", "scan"), 6),
    Family("narrative", letters.narrative, ("pdf", "scan"), 5),
    Family("email_printout", letters.email_printout, ("pdf",), 3),
    Family("provider_checklist", letters.provider_checklist, ("pdf", "scan"), 3, _checklist),
    Family("table_ruled", tables.table_ruled, ("pdf", "scan"), 7, _tabular),
    Family("table_unruled", tables.table_unruled, ("pdf", "scan"), 5, _tabular),
    Family("table_zebra", tables.table_zebra, ("pdf", "scan"), 4, _tabular),
    Family("qa_table", tables.qa_table, ("pdf", "scan"), 4),
    Family("group_total", tables.group_total, ("pdf", "scan"), 4, _parted),
    Family("home_first", tables.home_first, ("pdf", "scan"), 3, _parted),
    Family("quarterly", tables.quarterly, ("pdf", "scan"), 4, _breakdown),
    Family("monthly", tables.monthly, ("pdf",), 3, _breakdown),
    Family("multi_year", tables.multi_year, ("pdf", "scan"), 4, _years),
    Family("letter_plus_sheet", joint.letter_plus_sheet, ("pdf+xlsx", "pdf+csv"), 4),
    Family("csv_plain", sheets.csv_plain, ("csv",), 6),
    Family("xlsx_multisheet", sheets.xlsx_multisheet, ("xlsx",), 4),
    Family("xlsx_transposed", sheets.xlsx_transposed, ("xlsx",), 3),
    Family("xlsx_statreturn", sheets.xlsx_statreturn, ("xlsx",), 3, _two_periods),
    Family("xls_legacy", sheets.xls_legacy, ("xls",), 2),
    # shapes catalogued from real published replies (REAL_SHAPES.md)
    Family("disclosure_log", webpage.disclosure_log, ("pdf",), 5),
    Family("decision_list", webpage.decision_list, ("pdf", "scan"), 4),
    Family("noted_answers", annotated.noted_answers, ("pdf", "scan"), 5),
    Family("year_lines", yearly.year_lines, ("pdf", "scan"), 4, yearly.yearly_ok),
    Family("years_as_rows", yearly.years_as_rows, ("pdf", "scan"), 3, yearly.yearly_ok),
    Family("exemption_detail", annotated.exemption_detail, ("pdf", "scan"), 3, annotated.has_exemption),
    Family("ack_thread", webpage.ack_thread, ("pdf",), 2),
    Family("refusal_whole", letters.refusal_whole, ("pdf", "scan"), 0),
    Family("joint_reply", joint.joint_reply, ("pdf",), 0),
]}


def kinds_ok(f: Family, kinds: set[str] | None) -> list[str]:
    """The kinds of f allowed by the --kinds filter."""
    out = []
    for k in f.kinds:
        need = set(k.split("+"))
        if kinds is None or need <= kinds or (k == "pdf" and "scan" in kinds):
            out.append(k)
    return out
