"""Replies that span two files (letter plus spreadsheet) or two councils (a shared service)."""

from __future__ import annotations

from . import pools
from .common import Ctx, Sheet, letter_bottom, letter_top, new_doc
from .doc import Doc, Para, Table
from .phrases import cell
from .sheets import long_rows, wide_rows
from .tables import prose_for

NUMERIC = ("count", "money", "percent")  # given per council; everything else is answered once for both


def letter_plus_sheet(ctx: Ctx) -> tuple[Doc, list[Sheet], list[str], list[str]]:
    """A covering letter answering the non-figure questions and a spreadsheet with the figures."""
    rng, s = ctx.rng, ctx.survey
    figs = [q for q in s.questions if q.type in NUMERIC]
    words = [q for q in s.questions if q not in figs]
    blocks = letter_top(ctx) + prose_for(ctx, words)
    blocks.append(Para(rng.choice(pools.ATTACHED), gap=4))
    rows = long_rows(ctx, True, figs) if rng.random() < 0.5 else wide_rows(ctx, True, figs)
    notes = [[n] for n in ctx.st.notes]
    doc = new_doc(ctx, blocks + letter_bottom(ctx))
    sheet = Sheet(rng.choice(["Data", "FOI figures", "Sheet1"]), rows + ([[]] + notes if notes else []), [0])
    letter_keys = [k.key for k in s.keys if k.question in words]
    sheet_keys = [k.key for k in s.keys if k.question in figs]
    return doc, [sheet], letter_keys, sheet_keys


def joint_reply(ctx: Ctx) -> Doc:
    """One letter for two councils: shared answers once, then a column (pair) per council."""
    rng, s, st = ctx.rng, ctx.survey, ctx.st
    other = ctx.partner
    assert other is not None
    a_name, b_name = ctx.bt.body.nice, other.body.nice
    figs = [q for q in s.questions if q.type in NUMERIC]
    blocks = letter_top(ctx)
    blocks.append(Para(f"This response is made jointly on behalf of {ctx.bt.body.name} and {other.body.name}, "
                       "which share one service. " + rng.choice(["Answers that apply to both councils are given once.",
                                                                 "Where an answer is the same for both councils it is "
                                                                 "given once."])))
    blocks += prose_for(ctx, [q for q in s.questions if q not in figs])
    parted = [q for q in figs if q.parted]
    single = [q for q in figs if not q.parted]
    blocks.append(Para(rng.choice(pools.INTRO_TABLE), gap=4))
    style = rng.choice(["ruled", "zebra"])
    if parted:
        parts = sorted({p for q in parted for p in q.keys})
        if rng.random() < 0.5:
            head = [[""] + [a_name] * len(parts) + [b_name] * len(parts), [""] + [st.group(p) for p in parts] * 2]
        else:
            head = [[""] + [f"{n}: {st.group(p)}" for n in (a_name, b_name) for p in parts]]
        blocks.append(Table(head, _rows(ctx, parted, parts), style))
    if single:
        blocks.append(Table([["", a_name, b_name]], _rows(ctx, single, [None]), style))
    doc = new_doc(ctx, blocks + letter_bottom(ctx))
    doc.letterhead = [rng.choice([f"{a_name} and {b_name} Joint Services",
                                  f"Shared Service for {a_name} and {b_name}", f"{a_name} & {b_name} Councils"]),
                      rng.choice(pools.TEAMS)]
    return doc


def _rows(ctx: Ctx, qs: list, parts: list) -> list[list[str]]:
    """One row per question and period; a column per council and part."""
    s, st, other = ctx.survey, ctx.st, ctx.partner
    rows = []
    for q in qs:
        per: dict[str, dict] = {}
        for k in s.keys:
            if k.question is q:
                per.setdefault(k.period, {})[k.part] = k
        for pid, by in per.items():
            lab = st.labels.get(q.id, q.id) + (f" ({ctx.period_label(pid)})" if len(per) > 1 else "")
            row = [lab[0].upper() + lab[1:]]
            for bt in (ctx.bt, other):
                comb = [bt.answers[k.key] for k in by.values() if bt.answers[k.key].form == "combined"]
                shared = cell(comb[0], next(iter(by.values())), st) if comb else None
                for p in parts:
                    k = by.get(p)
                    row.append(shared if shared is not None else cell(bt.answers[k.key], k, st) if k else "")
            rows.append(row)
    return rows
