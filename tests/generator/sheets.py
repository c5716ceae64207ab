"""Spreadsheet and CSV families: long and wide layouts, guidance sheets, transposed and statistical returns."""

from __future__ import annotations

from typing import Any

from . import pools
from .common import Ctx, Pct, Sheet
from .phrases import cell, fmt_date
from .survey import AnswerKey
from .truth import Answer


def sheet_value(a: Answer, k: AnswerKey, ctx: Ctx, numeric: bool) -> Any:
    """A cell value: a real number or date where the council typed one, else the text a table would show."""
    t = k.question.type
    if numeric and a.status == "reported":
        if t == "count" and ctx.rng.random() < 0.9:
            return int(a.value)
        if t == "percent" and ctx.rng.random() < 0.3:
            return Pct(float(a.value))
        if t in ("money", "percent") and ctx.rng.random() < 0.8:
            v = float(a.value)
            return int(v) if v == int(v) and t == "percent" else v
        if t == "date" and ctx.rng.random() < 0.7:
            return a.value
    return cell(a, k, ctx.st)


def _title_rows(ctx: Ctx) -> list[list[Any]]:
    rng, s = ctx.rng, ctx.survey
    rows: list[list[Any]] = []
    if ctx.named and rng.random() < 0.8:
        rows.append([f"{ctx.bt.body.name} - " + rng.choice(["Freedom of Information response", "FOI response",
                                                             "Response to information request"])])
    rows.append([f"Request reference: {ctx.ref}"] if rng.random() < 0.5 else [f"FOI {ctx.ref}" if not
                                                                               ctx.ref.startswith("FOI") else ctx.ref])
    if rng.random() < 0.5:
        rows.append([f"Date of response: {fmt_date(ctx.date, '%d/%m/%Y')}"])
    if len(s.periods) == 1 and rng.random() < 0.7:
        p = s.periods[0]
        rows.append([f"Period: {fmt_date(p.start, '%d/%m/%Y')} to {fmt_date(p.end, '%d/%m/%Y')}"])
    if rng.random() < 0.6:
        rows.append([])
    return rows


def _note_rows(ctx: Ctx) -> list[list[Any]]:
    notes = ctx.st.notes + [f"Note {i}: {f}" for i, f in enumerate(ctx.st.footnotes, 1)]
    return ([[]] + [["Notes:"]] + [[n] for n in notes]) if notes else []


def long_rows(ctx: Ctx, numeric: bool, qs: list | None = None) -> list[list[Any]]:
    """One row per key: question, part, description, (period), response."""
    rng, s, st = ctx.rng, ctx.survey, ctx.st
    multi = s.multi_period
    head = rng.choice([["Question", "Part", "Description", "Response"], ["Q", "Part", "Measure", "Figure"],
                       ["Question no.", "Sub", "Information requested", "Answer"]])
    if multi:
        head = head[:3] + ["Period"] + head[3:]
    rows = [head]
    qstyle = rng.random() < 0.7
    for q in qs or s.questions:
        for k, a in ctx.items(q):
            if a.status == "not_answered" and rng.random() < 0.5:
                continue  # the row is left out altogether
            desc = st.labels.get(q.id, q.id)
            if k.part:
                desc += " - " + st.group(k.part)
            r = [f"Q{q.number}" if qstyle else q.number, k.part or "", desc]
            if multi:
                r.append(ctx.period_label(k.period) if k.key != k.base else "")
            r.append(sheet_value(a, k, ctx, numeric))
            rows.append(r)
    return rows


def wide_rows(ctx: Ctx, numeric: bool, qs: list | None = None) -> list[list[Any]]:
    """Rows per question (and period), a column per group; single answers in the first group column."""
    s, st = ctx.survey, ctx.st
    qs = qs or s.questions
    parts = sorted({p for q in qs for p in q.keys if p})
    single = any(not q.parted for q in qs)
    rows = [["Question", "Measure"] + (["Response"] if single else []) + [st.group(p) for p in parts]]
    for q in qs:
        per: dict[str, dict] = {}
        for k, a in ctx.items(q):
            per.setdefault(k.period, {})[k.part] = (k, a)
        for pid, by in per.items():
            lab = st.labels.get(q.id, q.id) + (f" ({ctx.period_label(pid)})" if len(per) > 1 else "")
            if None in by:
                rows.append([f"Q{q.number}", lab, sheet_value(by[None][1], by[None][0], ctx, numeric)])
            else:
                rows.append([f"Q{q.number}", lab] + ([""] if single else [])
                            + [sheet_value(by[p][1], by[p][0], ctx, numeric) if p in by else "" for p in parts])
    return rows


def csv_plain(ctx: Ctx) -> list[Sheet]:
    """A CSV export: title rows, a long or wide table, note rows."""
    body = long_rows(ctx, False) if ctx.rng.random() < 0.6 else wide_rows(ctx, False)
    top = _title_rows(ctx) if ctx.rng.random() < 0.7 else []
    return [Sheet("data", top + body + _note_rows(ctx), [len(top)])]


def xlsx_multisheet(ctx: Ctx) -> list[Sheet]:
    """A workbook with a guidance sheet, the data sheet and sometimes a notes sheet."""
    rng = ctx.rng
    guide = [["About this response"], [f"Reference: {ctx.ref}"],
             ["This workbook answers your Freedom of Information request. The figures are on the next sheet."],
             ["Definitions follow the statutory guidance. " + rng.choice(pools.CLOSINGS)]]
    data = _title_rows(ctx)
    n = len(data)
    data += long_rows(ctx, True) if rng.random() < 0.5 else wide_rows(ctx, True)
    if rng.random() < 0.25:  # the table starts in column B, under a blank first row
        data = [[]] + [[None] + r for r in data]
        n += 1
    sheets = [Sheet(rng.choice(["Guidance", "Read me", "Cover"]), guide, [0]),
              Sheet(rng.choice(["Data", "Response", "FOI data", "Figures"]), data, [n])]
    notes = _note_rows(ctx)
    if notes:
        sheets.append(Sheet("Notes", notes[1:], [0]))
    return sheets


def xlsx_transposed(ctx: Ctx) -> list[Sheet]:
    """Keys as columns, one row of values (a row per period in multi-period surveys)."""
    s, st = ctx.survey, ctx.st
    bases: dict[str, list[AnswerKey]] = {}
    for k in s.keys:
        bases.setdefault(k.base, []).append(k)
    head = ["Council" if ctx.named else "Reference"]
    for base, ks in bases.items():
        k = ks[0]
        head.append(st.labels.get(k.question.id, base) + (f" - {st.group(k.part)}" if k.part else ""))
    rows = [head]
    pids = [p.id for p in s.periods] if s.multi_period else [None]
    for i, pid in enumerate(pids):
        label = ctx.bt.body.nice if ctx.named else ctx.ref
        row: list[Any] = [label + (f" {ctx.period_label(pid)}" if pid else "")]
        for ks in bases.values():
            if len(ks) > 1:
                k = next(x for x in ks if x.period == pid)
            else:
                k = ks[0] if (pid is None or k_row(ks[0], pid, pids, i)) else None
            row.append("" if k is None else sheet_value(ctx.answers[k.key], k, ctx, True))
        rows.append(row)
    top = _title_rows(ctx)
    return [Sheet("Response", top + rows + _note_rows(ctx), [len(top)])]


def k_row(k: AnswerKey, pid: str, pids: list, i: int) -> bool:
    """Whether a single-period key sits in the row of period pid (its own period, else the last row)."""
    return k.period == pid or (k.period not in pids and i == len(pids) - 1)


def xlsx_statreturn(ctx: Ctx) -> list[Sheet]:
    """A statistical-return layout: line numbers and cell refs beside values; last-year and next-year columns."""
    rng, s, st = ctx.rng, ctx.survey, ctx.st
    last, this = (s.periods[-2], s.periods[-1]) if s.multi_period else (None, s.periods[0])
    nxt = f"{this.end.year}-{str(this.end.year + 1)[2:]}"
    prev = last.id if last else f"{this.start.year - 1}-{str(this.start.year)[2:]}"
    head = ["Line", "Description", "Cell ref", f"{prev} actual", f"{this.id} actual", f"{nxt} estimate"]
    rows = [head]
    line = 10
    for q in s.questions:
        by: dict[str | None, dict[str, tuple]] = {}
        for k, a in ctx.items(q):
            by.setdefault(k.part, {})[k.period] = (k, a)
        for part, per in by.items():
            desc = st.labels.get(q.id, q.id) + (f" ({st.group(part)})" if part else "")
            row: list[Any] = [line, desc, f"C{line}"]
            if len(per) == 1:
                k, a = next(iter(per.values()))
                v = sheet_value(a, k, ctx, True)
                row += (["", v, ""] if k.period in (this.id,) or not s.multi_period or k.question.as_at
                        else [v, "", ""])
            else:
                row.append(sheet_value(per[prev][1], per[prev][0], ctx, True) if prev in per else "")
                row.append(sheet_value(per[this.id][1], per[this.id][0], ctx, True) if this.id in per else "")
                row.append(_estimate(per[this.id][1], 1.07))
            if not s.multi_period and len(per) == 1 and q.type in ("count", "money"):
                k, a = next(iter(per.values()))
                row[3] = _estimate(a, 0.9)
                row[5] = _estimate(a, 1.07)
            rows.append(row)
            line += rng.choice([1, 1, 5, 10])
    top = _title_rows(ctx)
    return [Sheet(rng.choice(["Return", "Form A", "Statistical return"]), top + rows + _note_rows(ctx), [len(top)])]


def _estimate(a: Answer, f: float) -> Any:
    v = a.latent
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return ""
    return round(v * f) if isinstance(v, int) else round(v * f, 2)


def xls_legacy(ctx: Ctx) -> list[Sheet]:
    """An old-format .xls with a long layout."""
    top = _title_rows(ctx)
    return [Sheet("Sheet1", top + long_rows(ctx, True) + _note_rows(ctx), [len(top)])]

