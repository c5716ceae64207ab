"""Replies that span two files (letter plus spreadsheet) or two councils (a shared service)."""

from __future__ import annotations

from . import pools
from .common import Ctx, Sheet, letter_bottom, letter_top, new_doc
from .doc import Doc, Para, Table
from .phrases import cell
from .sheets import long_rows, wide_rows
from .tables import prose_for


def letter_plus_sheet(ctx: Ctx) -> tuple[Doc, list[Sheet], list[str], list[str]]:
    """A covering letter answering the non-figure questions and a spreadsheet with the figures."""
    rng, s = ctx.rng, ctx.survey
    figs = [q for q in s.questions if q.type in ("count", "money", "percent")]
    words = [q for q in s.questions if q not in figs]
    blocks = letter_top(ctx) + prose_for(ctx, words)
    blocks.append(Para(rng.choice(pools.ATTACHED), gap=4))
    doc = new_doc(ctx, blocks + letter_bottom(ctx))
    rows = long_rows(ctx, True, figs) if rng.random() < 0.5 else wide_rows(ctx, True, figs)
    notes = [[n] for n in ctx.st.notes]
    sheet = Sheet(rng.choice(["Data", "FOI figures", "Sheet1"]), rows + ([[]] + notes if notes else []), [0])
    letter_keys = [k.key for k in s.keys if k.question in words]
    sheet_keys = [k.key for k in s.keys if k.question in figs]
    return doc, [sheet], letter_keys, sheet_keys


def joint_reply(ctx: Ctx) -> Doc:
    """One letter for two councils: shared answers once, then a column pair per council."""
    rng, s, st = ctx.rng, ctx.survey, ctx.st
    other = ctx.partner
    assert other is not None
    a_name, b_name = ctx.bt.body.nice, other.body.nice
    counts = [q for q in s.questions if q.type == "count"]
    shared = [q for q in s.questions if q not in counts]
    blocks = letter_top(ctx)
    blocks.append(Para(f"This response is made jointly on behalf of {ctx.bt.body.name} and {other.body.name}, "
                       "which share one service. " + rng.choice(["Answers that apply to both councils are given once.",
                                                                 "Where an answer is the same for both councils it is "
                                                                 "given once."])))
    blocks += prose_for(ctx, shared)
    parts = sorted({p for q in counts for p in q.keys if p})
    if parts:
        if rng.random() < 0.5:
            head = [[""] + [a_name] * len(parts) + [b_name] * len(parts), [""] + [st.group(p) for p in parts] * 2]
        else:
            head = [[""] + [f"{n}: {st.group(p)}" for n in (a_name, b_name) for p in parts]]
    else:
        head = [["", a_name, b_name]]
    rows = []
    for q in counts:
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
                for p in parts or [None]:
                    k = by.get(p)
                    row.append(shared if shared is not None else cell(bt.answers[k.key], k, st) if k else "")
            rows.append(row)
    blocks.append(Para(rng.choice(pools.INTRO_TABLE), gap=4))
    blocks.append(Table(head, rows, rng.choice(["ruled", "zebra"]), [2.2] + [1] * (len(head[-1]) - 1)))
    doc = new_doc(ctx, blocks + letter_bottom(ctx))
    doc.letterhead = [rng.choice([f"{a_name} and {b_name} Joint Services",
                                  f"Shared Service for {a_name} and {b_name}", f"{a_name} & {b_name} Councils"]),
                      rng.choice(pools.TEAMS)]
    return doc
