"""Year-by-year families seen in real replies: '2023/24 - 107' lines and tables with years as rows."""

from __future__ import annotations

from . import pools
from .common import Ctx, key_lines, letter_bottom, letter_top, new_doc
from .doc import Doc, Para, Table
from .phrases import cell
from .realbase import YEAR_FMTS, financial, year_label
from .survey import AnswerKey, Question
from .tables import _other_year, prose_for
from .truth import Answer

Cols = list[tuple[str, str | None]]  # (label, survey period id or None for a year nobody asked about)


def yearly_ok(ctx: Ctx) -> bool:
    """The survey's periods are financial years and some figure is asked for each of them."""
    s = ctx.survey
    return all(financial(p) for p in s.periods) and bool(yearly_questions(ctx))


def yearly_questions(ctx: Ctx) -> list[Question]:
    """Count and money questions asked per survey period (not at a date or for one named period)."""
    return [q for q in ctx.survey.questions if q.type in ("count", "money") and not q.as_at and not q.period]


def year_cols(ctx: Ctx) -> Cols:
    """The survey's years with one to three earlier years (and sometimes the year to date), in the reply's order."""
    rng, s = ctx.rng, ctx.survey
    fmt = rng.choice(YEAR_FMTS)
    first = s.periods[0].start.year
    cols: Cols = [(year_label(y, fmt), None) for y in range(first - rng.randint(1, 3), first)]
    cols += [(year_label(p.start.year, fmt), p.id) for p in s.periods]
    nxt = s.periods[-1].start.year + 1
    if rng.random() < 0.3:
        late = s.sent.year < nxt + 1 or (s.sent.year == nxt + 1 and s.sent.month < 4)
        cols.append((year_label(nxt, fmt) + (" (to date)" if late else ""), None))
    return cols[::-1] if rng.random() < 0.4 else cols


def _by_part(ctx: Ctx, q: Question) -> dict[str | None, dict[str, tuple[AnswerKey, Answer]]]:
    """A question's answers by part, then by period."""
    out: dict[str | None, dict[str, tuple[AnswerKey, Answer]]] = {}
    for k, a in ctx.items(q):
        out.setdefault(k.part, {})[k.period] = (k, a)
    return out


def year_value(ctx: Ctx, per: dict[str, tuple[AnswerKey, Answer]], pid: str | None, gone: bool) -> str:
    """What the reply shows for one year: the answer for a survey year, a plausible other figure otherwise."""
    if pid is not None:
        k, a = per[pid]
        return cell(a, k, ctx.st)
    if gone:
        return ctx.rng.choice(["No data available", "Not held", "N/A - before our current system"])
    k, a = next(iter(per.values()))
    return _other_year(a, k, ctx)


def _combined(ctx: Ctx, q: Question) -> bool:
    """True when one figure covers both groups."""
    return any(a.form == "combined" for _, a in ctx.items(q))


def year_lines(ctx: Ctx) -> Doc:
    """Each question restated, then a line per year ('2023/24 - 107'); only the survey's years are recorded."""
    rng, st = ctx.rng, ctx.st
    blocks = letter_top(ctx)
    blocks.append(Para(rng.choice(["Response", "Our response is below.", "Answers"]), bold=True, gap=4))
    yq = {q.id for q in yearly_questions(ctx)}
    sep = rng.choice([" - ", ": ", " – ", " = ", "  "])
    bullet = rng.choice(["", "• ", "- "])
    inline = rng.random() < 0.35
    qtag = rng.choice(["{n}. {t}", "Q{n}. {t}", "Q{n}."])
    cols = year_cols(ctx)
    for q in ctx.survey.questions:
        blocks.append(Para(qtag.format(n=q.number, t=q.text), bold=rng.random() < 0.5, gap=4))
        if q.id not in yq or _combined(ctx, q):
            blocks += [Para(x, gap=1) for x in key_lines(ctx, q)]
            continue
        gone = rng.random() < 0.15
        for part, per in _by_part(ctx, q).items():
            if all(a.status == "not_answered" for _, a in per.values()):
                continue
            g = st.group(part)
            if part and not inline:
                blocks.append(Para(g[:1].upper() + g[1:], gap=2))
            for i, (label, pid) in enumerate(cols):
                if pid is not None and per[pid][1].status == "not_answered":
                    continue  # the year asked about is left out, the others are given
                lab = f"{label} {g}" if part and inline else label
                val = year_value(ctx, per, pid, gone and i == 0 and pid is None)
                blocks.append(Para(f"{bullet}{lab}{sep}{val}", gap=0.5, indent=4 if bullet else 0))
    blocks += letter_bottom(ctx)
    return new_doc(ctx, blocks)


def _row_tables(ctx: Ctx, qs: list[Question], cols: Cols) -> list:
    """A table per parted question (a column per group) and one for the single figures (a column per question)."""
    rng, st = ctx.rng, ctx.st
    first = rng.choice(["Year", "Financial year", "Period", ""])
    style = rng.choice(["ruled", "zebra", "unruled", "lines"])
    out: list = []
    single = [q for q in qs if not q.parted]
    for q in [q for q in qs if q.parted] + ([None] if single else []):
        group = [q] if q is not None else single
        heads, pers = [], []
        for g in group:
            for part, per in _by_part(ctx, g).items():
                lab = st.labels.get(g.id, g.id) if part is None else st.group(part)
                heads.append(lab[:1].upper() + lab[1:])
                pers.append(per)
        rows = [[label] + [year_value(ctx, per, pid, False) for per in pers] for label, pid in cols]
        if q is not None:
            lab = st.labels.get(q.id, q.id)
            out.append(Para(f"{q.number}. {lab[:1].upper()}{lab[1:]}", bold=True, gap=4))
        out.append(Table([[first] + heads], rows, style, [1.6] + [1] * len(heads)))
    return out


def years_as_rows(ctx: Ctx) -> Doc:
    """Tables with a row per year and a column per group or figure; other years beside the survey's."""
    rng = ctx.rng
    qs = yearly_questions(ctx)
    rest = [q for q in ctx.survey.questions if q not in qs]
    blocks = letter_top(ctx)
    before = rng.random() < 0.5
    if before:
        blocks += prose_for(ctx, rest)
    blocks.append(Para(rng.choice(pools.INTRO_TABLE), gap=4))
    blocks += _row_tables(ctx, qs, year_cols(ctx))
    if not before:
        blocks += prose_for(ctx, rest)
    blocks += letter_bottom(ctx)
    return new_doc(ctx, blocks)
