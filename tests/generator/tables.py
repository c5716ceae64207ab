"""Table families: ruled / unruled / zebra grids, Total columns, quarters, months and years side by side."""

from __future__ import annotations

import random

from . import pools
from .common import Ctx, key_lines, letter_bottom, letter_top, new_doc
from .doc import Doc, Para, Table
from .phrases import cell, fmt_int, fmt_money
from .survey import AnswerKey, Question
from .truth import Answer


def _measure(ctx: Ctx, q: Question) -> str:
    lab = ctx.st.labels.get(q.id, q.id)
    return f"Q{q.number} {lab}" if ctx.st.qnum_rows else lab[0].upper() + lab[1:]


def _parted(ctx: Ctx) -> list[Question]:
    return [q for q in ctx.survey.questions if q.parted]


def _group_cols(ctx: Ctx, parts: list[str]) -> list[str]:
    return [ctx.st.group(p)[:1].upper() + ctx.st.group(p)[1:] for p in parts]


def prose_for(ctx: Ctx, qs: list[Question]) -> list:
    """Question-and-answer paragraphs for the questions a table does not carry."""
    out = []
    for q in qs:
        lines = key_lines(ctx, q)
        if lines:
            out.append(Para(f"{q.number}. {q.text}", bold=True, gap=3))
            out += [Para(x, gap=1) for x in lines]
    return out


def group_table(ctx: Ctx, qs: list[Question], order: list[str], total: bool) -> Table:
    """Rows per question (and period), one column per group (optionally a Total column)."""
    st = ctx.st
    head = [ctx.rng.choice(["", "Measure", "Question", "Category"])] + _group_cols(ctx, order)
    if total:
        head.append(ctx.rng.choice(pools.TOTAL_WORDS).format(fy=ctx.survey.periods[-1].id).replace(" {fy}", ""))
    rows = []
    for q in qs:
        per: dict[str, dict[str, tuple[AnswerKey, Answer]]] = {}
        for k, a in ctx.items(q):
            per.setdefault(k.period, {})[k.part] = (k, a)
        for pid, by_part in per.items():
            label = _measure(ctx, q) + (f" ({ctx.period_label(pid)})" if len(per) > 1 else "")
            row = [label]
            comb = [a for _, a in by_part.values() if a.form == "combined"]
            shared = cell(comb[0], next(iter(by_part.values()))[0], st) if comb else None
            for p in order:
                row.append(shared if shared is not None else cell(by_part[p][1], by_part[p][0], st)
                           if p in by_part else "")
            if total:
                vals = [by_part[p][1] for p in order if p in by_part]
                if all(a.status == "reported" for a in vals):
                    row.append(fmt_int(sum(int(a.value) for a in vals), st))
                elif comb:
                    row.append(fmt_int(int(comb[0].shown), st))
                else:
                    row.append("")
            rows.append(row)
    return Table([head], rows, "ruled", [2.4] + [1] * (len(head) - 1))


def period_table(ctx: Ctx, qs: list[Question], newest_first: bool) -> Table:
    """Rows per question (and part), one column per survey period."""
    st, s = ctx.st, ctx.survey
    pids = [p.id for p in s.periods][::-1 if newest_first else 1]
    head = [""] + [ctx.period_label(p) for p in pids]
    rows = []
    for q in qs:
        by: dict[str | None, dict[str, tuple[AnswerKey, Answer]]] = {}
        for k, a in ctx.items(q):
            by.setdefault(k.part, {})[k.period] = (k, a)
        for part, per in by.items():
            label = _measure(ctx, q) + (f" - {st.group(part)}" if part else "")
            rows.append([label] + [cell(per[p][1], per[p][0], st) if p in per else "" for p in pids])
    return Table([head], rows, "ruled", [2.4] + [1] * len(pids))


def _grid_letter(ctx: Ctx, style: str, order: list[str] | None = None, total: bool = False) -> Doc:
    rng, s = ctx.rng, ctx.survey
    blocks = letter_top(ctx)
    parted = [q for q in _parted(ctx) if len({len(q.keys)}) == 1]
    if s.multi_period and (not parted or rng.random() < 0.5):
        multi = [q for q in s.questions if not q.period and not q.as_at and q.type in ("count", "money", "percent")]
        tab = period_table(ctx, multi, rng.random() < 0.4)
        rest = [q for q in s.questions if q not in multi]
    else:
        parts = sorted({p for q in parted for p in q.keys})
        tab = group_table(ctx, parted, order or parts, total)
        rest = [q for q in s.questions if q not in parted]
    tab.style = style
    if rng.random() < 0.15:  # rows in the council's own order
        rng.shuffle(tab.rows)
    before = rng.random() < 0.6
    if before:
        blocks += prose_for(ctx, rest)
    blocks.append(Para(rng.choice(pools.INTRO_TABLE), gap=4))
    blocks.append(tab)
    if not before:
        blocks += prose_for(ctx, rest)
    blocks += letter_bottom(ctx)
    return new_doc(ctx, blocks)


def table_ruled(ctx: Ctx) -> Doc:
    """A letter with a ruled (gridded) table."""
    return _grid_letter(ctx, "ruled")


def table_unruled(ctx: Ctx) -> Doc:
    """A letter with a whitespace-aligned table (no rules)."""
    return _grid_letter(ctx, "unruled")


def table_zebra(ctx: Ctx) -> Doc:
    """A letter with a zebra-striped table."""
    return _grid_letter(ctx, "zebra")


def group_total(ctx: Ctx) -> Doc:
    """Question-by-group table with a Total column equal to the parts."""
    return _grid_letter(ctx, ctx.rng.choice(["ruled", "lines"]), total=True)


def home_first(ctx: Ctx) -> Doc:
    """Group columns in reverse order (the second group first)."""
    parts = sorted({p for q in _parted(ctx) for p in q.keys}, reverse=True)
    return _grid_letter(ctx, ctx.rng.choice(["ruled", "zebra", "unruled"]), order=parts)


def split(total: int, n: int, rng: random.Random) -> list[int]:
    """A random split of total into n non-negative whole numbers."""
    w = [rng.random() + 0.2 for _ in range(n)]
    parts = [int(total * x / sum(w)) for x in w]
    for i in rng.sample(range(n), n)[: total - sum(parts)]:
        parts[i] += 1
    while sum(parts) < total:
        parts[rng.randrange(n)] += 1
    return parts


def breakdown_cells(a: Answer, k: AnswerKey, n: int, stated_total: bool, ctx: Ctx) -> tuple[list[str], str]:
    """Sub-period cells and the total cell for a reported or suppressed key."""
    st, rng = ctx.st, ctx.rng
    if k.question.type == "money":  # pounds split to the penny (or whole pounds), summing exactly
        v = float(a.value)
        pence = v != int(v)
        bits = split(round(v * 100) if pence else int(v), n, rng)
        show = [fmt_money(b / 100 if pence else float(b), st, rng) for b in bits]
        return show, fmt_money(v, st, rng)
    if a.status == "suppressed":
        st.note_marker(st.cell_marker)
        bits = split(int(a.latent), n, rng)
        return [st.cell_marker if b else "0" for b in bits], st.cell_marker
    bits = split(int(a.value), n, rng)
    cells = []
    hide = stated_total and st.hide_small_subperiods
    for b in bits:
        if hide and 1 <= b <= 4:
            st.note_marker(st.cell_marker)
            cells.append(st.cell_marker)
        else:
            cells.append(fmt_int(b, st))
    return cells, fmt_int(int(a.value), st)


def _breakdown_keys(ctx: Ctx) -> tuple[list[tuple[AnswerKey, Answer]], list[Question]]:
    """Keys that can be split by sub-period (reported or suppressed), and questions left for prose."""
    allowed = set(ctx.survey.extra.get("breakdown") or [])
    if not allowed:
        people = [str(w).lower() for w in (ctx.survey.raw.get("vocabulary") or {}).get("people") or []]
        people += ["individual", "unique", "different"]
        allowed = {k.base for k in ctx.survey.keys if k.question.type in ("count", "money") and not k.question.as_at
                   and not any(w in k.question.text.lower() for w in people)}
    keys = [(k, ctx.answers[k.key]) for k in ctx.survey.keys if k.base in allowed]
    ok = [(k, a) for k, a in keys if a.status == "reported" or (a.status == "suppressed" and
                                                                 k.question.type == "count")]
    full = {k.question.id for k, _ in keys} - {k.question.id for k, a in keys if (k, a) not in ok}
    rest = [q for q in ctx.survey.questions if q.id not in full]
    ok = [(k, a) for k, a in ok if k.question.id in full]
    return ok, rest


def _row_label(ctx: Ctx, k: AnswerKey) -> str:
    lab = _measure(ctx, k.question)
    if k.part:
        lab += f" - {ctx.st.group(k.part)}"
    return lab


def quarterly(ctx: Ctx) -> Doc:
    """Figures by quarter, with or without a stated year total."""
    rng, s = ctx.rng, ctx.survey
    keys, rest = _breakdown_keys(ctx)
    blocks = letter_top(ctx) + prose_for(ctx, rest)
    labels = rng.choice(pools.QUARTER_LABELS)
    for p in s.periods:
        pk = [(k, a) for k, a in keys if k.period == p.id]
        if not pk:
            continue
        stated = rng.random() < 0.55
        fy = f"{str(p.start.year)[2:]}/{str(p.end.year)[2:]}"
        head = [""] + [x.format(fy=fy, y1=p.start.year, y2=p.end.year) for x in labels]
        if stated:
            head.append(rng.choice(pools.TOTAL_WORDS).format(fy=p.id))
        rows = []
        for k, a in pk:
            cells, tot = breakdown_cells(a, k, 4, stated, ctx)
            rows.append([_row_label(ctx, k)] + cells + ([tot] if stated else []))
        if s.multi_period:
            blocks.append(Para(ctx.period_label(p.id), bold=True, gap=4))
        blocks.append(Table([head], rows, rng.choice(["ruled", "zebra", "lines"]), [2.6] + [1] * (len(head) - 1)))
    blocks += letter_bottom(ctx)
    return new_doc(ctx, blocks)


def _fitting_questions(keys: list[tuple[AnswerKey, Answer]], most: int) -> tuple[list[tuple[AnswerKey, Answer]],
                                                                                   set[str]]:
    """The keys of whole questions that fit in `most` columns per period, and the ids of the questions left over."""
    per_question: dict[str, set[str]] = {}
    for k, _ in keys:
        per_question.setdefault(k.question.id, set()).add(k.base)
    fitting, used = set(), 0
    for qid, bases in per_question.items():
        if used + len(bases) <= most:
            fitting.add(qid)
            used += len(bases)
    return [(k, a) for k, a in keys if k.question.id in fitting], set(per_question) - fitting


def monthly(ctx: Ctx) -> Doc:
    """Figures by month in a long table that runs over a page break, headers repeated."""
    rng, s = ctx.rng, ctx.survey
    keys, rest = _breakdown_keys(ctx)
    keys, over = _fitting_questions(keys, 6)  # a page holds six measures; the others are answered in prose
    rest = [q for q in s.questions if q in rest or q.id in over]
    blocks = letter_top(ctx)
    for q in s.questions:  # restate the request first, so the table starts low on the page
        blocks.append(Para(f"{q.number}. {q.text}", gap=1.5, size=-0.5))
    blocks += prose_for(ctx, rest)
    mfmt = rng.choice(["{m} {y}", "{m3}-{yy}", "{mm}/{y}", "{m3} {y}"])
    for p in s.periods:
        pk = [(k, a) for k, a in keys if k.period == p.id]
        if not pk:
            continue
        stated = rng.random() < 0.6
        cols = {k.key: breakdown_cells(a, k, 12, stated, ctx) for k, a in pk}
        if rng.random() < 0.5:  # long layout: a row per month and measure, many pages, headers repeated
            rows, bold = [], []
            for k, _ in pk:
                for i, m in enumerate(pools.MONTHS):
                    y = p.start.year if i < 9 else p.end.year
                    lab = mfmt.format(m=m, m3=m[:3], y=y, yy=str(y)[2:], mm=f"{(i + 3) % 12 + 1:02d}")
                    rows.append([lab, _row_label(ctx, k), cols[k.key][0][i]])
                if stated:
                    rows.append([rng.choice(pools.TOTAL_WORDS).format(fy=p.id), _row_label(ctx, k), cols[k.key][1]])
                    bold.append(len(rows) - 1)
            head = [[rng.choice(["Month", "Period"]), rng.choice(["Measure", "Category"]),
                     rng.choice(["Number", "Count", "Figure"])]]
            if s.multi_period:
                blocks.append(Para(ctx.period_label(p.id), bold=True, gap=4))
            blocks.append(Table(head, rows, rng.choice(["ruled", "zebra", "lines"]), None, bold))
            continue
        head = [rng.choice(["Month", "", "Period"])] + [_row_label(ctx, k) for k, _ in pk]
        rows = []
        for i, m in enumerate(pools.MONTHS):
            y = p.start.year if i < 9 else p.end.year
            lab = mfmt.format(m=m, m3=m[:3], y=y, yy=str(y)[2:], mm=f"{(i + 3) % 12 + 1:02d}")
            rows.append([lab] + [cols[k.key][0][i] for k, _ in pk])
        bold = []
        if stated:
            rows.append([rng.choice(pools.TOTAL_WORDS).format(fy=p.id)] + [cols[k.key][1] for k, _ in pk])
            bold = [len(rows) - 1]
        if s.multi_period:
            blocks.append(Para(ctx.period_label(p.id), bold=True, gap=4))
        blocks.append(Table([head], rows, rng.choice(["ruled", "zebra"]), [1.4] + [1] * len(pk), bold))
    blocks += letter_bottom(ctx)
    d = new_doc(ctx, blocks)
    d.size = max(d.size, 11)
    return d


def multi_year(ctx: Ctx) -> Doc:
    """Several years side by side; only the survey's periods are recorded."""
    rng, s, st = ctx.rng, ctx.survey, ctx.st
    counts = [q for q in s.questions if q.type in ("count", "money") and not q.as_at and not q.period]
    rest = [q for q in s.questions if q not in counts]
    blocks = letter_top(ctx) + prose_for(ctx, rest)
    first, last = s.periods[0], s.periods[-1]
    extra_years = list(range(first.start.year - rng.randint(1, 3), first.start.year))
    cols = [(f"{y}-{str(y + 1)[2:]}", None) for y in extra_years] + [(p.id, p.id) for p in s.periods]
    if rng.random() < 0.3:
        y = last.end.year
        cols.append((f"{y}-{str(y + 1)[2:]} (to date)", None))
    if rng.random() < 0.5:
        cols = cols[::-1]
    pfmt = rng.choice(["{a}-{b}", "{a}/{b}", "FY {a}/{b}"])

    def lab(c: str) -> str:
        y = int(c[:4])
        return pfmt.format(a=y, b=str(y + 1)[2:]) + (" (to date)" if "to date" in c else "")

    head = [""] + [lab(c) for c, _ in cols]
    rows = []
    for q in counts:
        by: dict[str | None, dict[str, tuple[AnswerKey, Answer]]] = {}
        for k, a in ctx.items(q):
            by.setdefault(k.part, {})[k.period] = (k, a)
        for part, per in by.items():
            row = [_measure(ctx, q) + (f" - {st.group(part)}" if part else "")]
            some = next(iter(per.values()))
            for _c, pid in cols:
                if pid and pid in per:
                    row.append(cell(per[pid][1], per[pid][0], st))
                else:
                    row.append(_other_year(some[1], some[0], ctx))
            rows.append(row)
    blocks.append(Para(rng.choice(pools.INTRO_TABLE), gap=4))
    blocks.append(Table([head], rows, rng.choice(["ruled", "unruled", "zebra"]), [2.6] + [1] * len(cols)))
    blocks += letter_bottom(ctx)
    return new_doc(ctx, blocks)


def _other_year(a: Answer, k: AnswerKey, ctx: Ctx) -> str:
    """A plausible figure for a year the survey did not ask about (never recorded)."""
    rng, st = ctx.rng, ctx.st
    base = a.latent if isinstance(a.latent, (int, float)) else 50
    v = base * rng.uniform(0.7, 1.3)
    if k.question.type == "money":
        return f"£{int(v):,}"
    v = int(v)
    if 1 <= v <= 4:
        return st.cell_marker
    return fmt_int(v, st)


def qa_table(ctx: Ctx) -> Doc:
    """The whole reply as a table: number, question as asked, response (one line per part or period)."""
    rng = ctx.rng
    blocks = letter_top(ctx)
    head = [rng.choice([["No.", "Question", "Response"], ["", "Request", "Council response"],
                        ["Q", "Information requested", "Answer"]])]
    rows = []
    for q in ctx.survey.questions:
        lines = key_lines(ctx, q)
        rows.append([str(q.number), q.text, "\n".join(lines)])
    blocks.append(Para(rng.choice(pools.INTRO_TABLE), gap=4))
    blocks.append(Table(head, rows, rng.choice(["ruled", "ruled", "lines"])))
    blocks += letter_bottom(ctx)
    return new_doc(ctx, blocks)
