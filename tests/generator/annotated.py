"""Answers wrapped in other numbers, as real replies give them: notes after figures, costed and cited exemptions."""

from __future__ import annotations

import datetime as dt

from . import pools, realpools
from .common import Ctx, key_lines, letter_bottom, letter_top, new_doc
from .doc import Doc, Para
from .phrases import fmt_date, fmt_int, sentence
from .realbase import period_phrase
from .survey import AnswerKey, Question
from .truth import Answer

NUMERIC = ("count", "money", "percent")


def _plain_question(ctx: Ctx, q: Question) -> bool:
    """True when key_lines already says it best (one merged sentence, a combined figure, or a skipped question)."""
    its = ctx.items(q)
    sts = {a.status for _, a in its}
    merged = len(its) > 1 and len(sts) == 1 and sts <= {"not_held", "refused"}
    return merged or any(a.form == "combined" for _, a in its) or sts == {"not_answered"}


def _lead(ctx: Ctx, k: AnswerKey) -> str:
    """The period and part marker before a key's answer."""
    pre = f"{ctx.period_label(k.period)}: " if ctx.survey.multi_period and k.key != k.base else ""
    return pre + (ctx.st.tag(k.part) if k.part else "")


def _note(ctx: Ctx, a: Answer, k: AnswerKey, notes: list[str]) -> str:
    """A bracketed note after a figure, carrying other numbers (dates, counts of something else, note numbers)."""
    rng = ctx.rng
    run = fmt_date(ctx.date - dt.timedelta(days=rng.randint(1, 12)), rng.choice(["%d/%m/%Y", "%d %B %Y"]))
    y = f"{ctx.survey.periods[-1].start.year}-{str(ctx.survey.periods[-1].end.year)[2:]}"
    t = k.question.type
    if t == "money":
        m = f"£{int(float(a.value) * rng.uniform(0.04, 0.3)):,}"
        b = f"£{int(float(a.value) * rng.uniform(0.85, 1.15)):,}"  # a budget near the outturn, never the answer
        return rng.choice(realpools.MONEY_NOTES).format(m=m, b=b)
    if t == "percent":
        return rng.choice(realpools.PCT_NOTES).format(k=fmt_int(rng.randint(20, 900), ctx.st))
    pool = [x for x in realpools.AFTER_NOTES if "{k}" not in x or int(a.value) >= 6]
    form = rng.choice(pool)
    if "{n}" in form:
        notes.append(rng.choice(realpools.NOTE_LINES).format(run=run, y=y, y0=int(y[:4]) - 6))
    k_val = fmt_int(rng.randint(1, max(1, int(a.value) // 3)), ctx.st)
    return form.format(run=run, n=len(notes), k=k_val, y=y)


def noted_answers(ctx: Ctx) -> Doc:
    """Each question restated, answers followed by notes full of other numbers; an interpretation note first."""
    rng, st = ctx.rng, ctx.st
    blocks = letter_top(ctx)
    if rng.random() < 0.6:
        phrase = " and ".join(period_phrase(p, rng) for p in ctx.survey.periods)
        blocks.append(Para(rng.choice(realpools.INTERPRET).format(phrase=phrase), gap=2))
    notes: list[str] = []
    rate = rng.choice([0.5, 0.7, 0.9])
    for q in ctx.survey.questions:
        blocks.append(Para(f"{q.number}. {q.text}", bold=rng.random() < 0.5, gap=4))
        if _plain_question(ctx, q):
            blocks += [Para(x, gap=1) for x in key_lines(ctx, q)]
            continue
        for k, a in ctx.items(q):
            s = sentence(a, k, st)
            if s is None:
                continue
            if a.status == "reported" and q.type in NUMERIC and rng.random() < rate:
                s = f"{s} {_note(ctx, a, k, notes)}"
            blocks.append(Para(_lead(ctx, k) + s, gap=1))
    for i, n in enumerate(notes, 1):
        blocks.append(Para(f"Note {i}: {n}", size=-1, gap=1.5))
    blocks += letter_bottom(ctx)
    return new_doc(ctx, blocks)


def has_exemption(ctx: Ctx) -> bool:
    """The reply withholds something: a refusal, a small number or information not held."""
    return any(a.status in ("refused", "suppressed", "not_held") for a in ctx.answers.values())


def exemption_text(ctx: Ctx, a: Answer, k: AnswerKey) -> str | None:
    """The long form of a refusal, small-number withholding or 'not held', with the numbers such letters carry."""
    rng = ctx.rng
    if a.status == "suppressed":
        return rng.choice(realpools.S40_SMALL)
    if a.status == "not_held" and not a.extra.get("system_change"):
        return rng.choice(realpools.NOT_HELD_WHY)
    if a.status != "refused":
        return sentence(a, k, ctx.st)
    y = ctx.date.year
    if a.shown == "s.12":
        minutes = rng.choice([3, 5, 10, 15, 20])
        records = rng.randint(max(150, 1100 // minutes + 1), 3000)
        hours = f"{records * minutes / 60:.1f}".rstrip("0").rstrip(".")
        return rng.choice(realpools.S12_COSTED).format(records=records, minutes=minutes, total=records * minutes,
                                                       hours=hours)
    if a.shown == "s.21":
        return rng.choice(realpools.S21_URL).format(t=f"{rng.choice('ABCD')}{rng.randint(1, 9)}", y=y - 1)
    if a.shown == "s.22":
        when = fmt_date(ctx.date + dt.timedelta(days=rng.randint(60, 200)), rng.choice(["%B %Y", "%d %B %Y"]))
        return rng.choice(realpools.S22_DATED).format(when=when)
    return rng.choice(pools.REFUSAL_REASON.get(a.shown, ["This information is exempt from disclosure."]))


def _pattern(ctx: Ctx, q: Question) -> tuple:
    """The statuses (and exemptions) of a question's keys, to spot 'as above'."""
    return tuple((a.status, str(a.shown)) for _, a in ctx.items(q))


def exemption_detail(ctx: Ctx) -> Doc:
    """Questions restated; refusals costed (records x minutes = hours), s.21 with a link, s.40 small numbers."""
    rng = ctx.rng
    blocks = letter_top(ctx)
    prev: Question | None = None
    for q in ctx.survey.questions:
        blocks.append(Para(f"{q.number}. {q.text}", bold=rng.random() < 0.4, gap=4))
        its = ctx.items(q)
        pat = _pattern(ctx, q)
        withheld = all(a.status in ("refused", "not_held") for _, a in its) and len(set(pat)) == 1
        if withheld and prev is not None and _pattern(ctx, prev) == pat and rng.random() < 0.6:
            blocks.append(Para(rng.choice(realpools.AS_ABOVE).format(n=prev.number), gap=1))
        elif withheld and not any(a.extra.get("system_change") for _, a in its):
            blocks.append(Para(exemption_text(ctx, its[0][1], its[0][0]) or "", gap=1))
        elif any(a.form == "combined" for _, a in its) or all(a.status == "reported" for _, a in its):
            blocks += [Para(x, gap=1) for x in key_lines(ctx, q)]
        else:
            for k, a in its:
                s = exemption_text(ctx, a, k)
                if s is not None:
                    blocks.append(Para(_lead(ctx, k) + s, gap=1))
        prev = q
    blocks += letter_bottom(ctx)
    return new_doc(ctx, blocks)
