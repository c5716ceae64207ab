"""Helpers for the families modelled on real published replies: period phrasings, web-page chrome, notes."""

from __future__ import annotations

import datetime as dt
import random

from . import pools, realpools
from .common import Ctx, key_lines, new_doc
from .doc import Doc, Para
from .phrases import fmt_date, footnote_mark, sentence
from .survey import Period, Question

YEAR_FMTS = ["{a}/{bb}", "{a}-{b}", "{a}/{b}", "FY{aa}/{bb}", "April {a} - March {b}", "{a}-{bb}",
             "financial year {a}-{bb}"]


def financial(p: Period) -> bool:
    """True when a period runs 1 April to 31 March of the next year."""
    return (p.start.month, p.start.day, p.end.month, p.end.day) == (4, 1, 3, 31) and p.end.year == p.start.year + 1


def _day(d: dt.date, ordinal: bool) -> str:
    """'1 April 2025' or '1st April 2025'."""
    if not ordinal:
        return f"{d.day} {d:%B %Y}"
    suffix = "th" if 11 <= d.day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    return f"{d.day}{suffix} {d:%B %Y}"


def period_phrase(p: Period, rng: random.Random) -> str:
    """One of the many ways replies name a reporting period ('FY25/26', '1st April 2025 - 31st March 2026')."""
    a, b = p.start.year, p.end.year
    forms = [f"{_day(p.start, False)} to {_day(p.end, False)}", f"{_day(p.start, True)} - {_day(p.end, True)}",
             f"{p.start:%d/%m/%Y} - {p.end:%d/%m/%Y}", f"{p.start:%B %Y} to {p.end:%B %Y}"]
    if financial(p):
        forms += [f"financial year {a}-{str(b)[2:]}", f"FY{str(a)[2:]}/{str(b)[2:]}", f"{a}/{b}",
                  f"the {a}/{str(b)[2:]} financial year", f"April {a} to March {b}",
                  f"{a}/{str(b)[2:]} (1 April {a} to 31 March {b})"]
    return rng.choice(forms)


def year_label(start_year: int, fmt: str) -> str:
    """A financial year in one of YEAR_FMTS."""
    a, b = start_year, start_year + 1
    return fmt.format(a=a, b=b, aa=str(a)[2:], bb=str(b)[2:])


def council_word(ctx: Ctx) -> str:
    """The council's name, or 'the council' when the reply does not name it."""
    return ctx.bt.body.name if ctx.named else "the council"


def notes_block(ctx: Ctx) -> list:
    """The reply's suppression notes and footnotes (no closing or signature)."""
    st = ctx.st
    out: list = [Para(n, size=-1) for n in st.notes]
    for i, f in enumerate(st.footnotes, 1):
        out.append(Para(f"{footnote_mark(st, i)} {f}", size=-1.5, gap=1))
    return out


def request_block(ctx: Ctx, heading: str = "Request") -> list:
    """The request as the requester wrote it: intro, period sentence, numbered questions."""
    rng, s = ctx.rng, ctx.survey
    out: list = [Para(heading, bold=True, gap=4), Para(rng.choice(realpools.REQUEST_INTROS), gap=2)]
    if rng.random() < 0.8:
        phrase = " and ".join(period_phrase(p, rng) for p in s.periods)
        out.append(Para(rng.choice(realpools.REQUEST_PERIOD).format(phrase=phrase), gap=2))
    out += [Para(f"{q.number}. {q.text}", gap=1.5) for q in s.questions]
    return out


def web_doc(ctx: Ctx, blocks: list) -> Doc:
    """A printed web page: the site's heading (and sometimes the council) instead of a letterhead."""
    rng = ctx.rng
    d = new_doc(ctx, blocks, "FOI response")
    head = [rng.choice(realpools.PAGE_HEADS)]
    if ctx.named and rng.random() < 0.7:
        head.insert(0, ctx.bt.body.name)
    d.letterhead = head
    d.marking = None
    return d


def meta_lines(ctx: Ctx, top: bool) -> list:
    """The disclosure log's reference and dates (at the top in short form, or as a block at the bottom)."""
    rng = ctx.rng
    got = ctx.survey.sent + dt.timedelta(days=rng.randint(0, 3))
    fmt = rng.choice(["%d %B %Y", "%d/%m/%Y", "%d/%m/%y"])
    if top:
        lab = rng.choice(["Case reference", "Reference", "Request reference", "FOI reference"])
        return [Para(f"{lab} {ctx.ref}", gap=1), Para(f"Received {fmt_date(got, fmt)}", gap=0.5),
                Para(f"{rng.choice(['Published', 'Responded', 'Date of response'])} {fmt_date(ctx.date, fmt)}",
                     gap=0.5)]
    a, b, c = rng.choice(realpools.META_BOTTOM)
    return [Para(a, bold=True, gap=4), Para(ctx.ref, gap=0.5), Para(b, bold=True, gap=1.5),
            Para(fmt_date(got, fmt), gap=0.5), Para(c, bold=True, gap=1.5), Para(fmt_date(ctx.date, fmt), gap=0.5)]


def unit_noun(ctx: Ctx, q: Question) -> str:
    """The short measure label a reply puts after a bare count ('98 individual children')."""
    lab = ctx.st.labels.get(q.id, "")
    return "" if not lab or "(" in lab or len(lab) > 40 else lab


def nested_lines(ctx: Ctx, q: Question, nouns: bool) -> list[tuple[str, float]]:
    """A question's answers as '5.' then 'a. 107' lines (or one '5. ...' line); (text, indent) pairs."""
    st, its = ctx.st, ctx.items(q)
    simple = len(its) == 1 or len({(a.status, str(a.shown)) for _, a in its}) == 1 and its[0][1].status != "reported"
    if simple or any(a.form == "combined" for _, a in its):
        lines = key_lines(ctx, q, with_marks=False)
        if lines and nouns and len(its) == 1 and its[0][1].status == "reported" and q.type == "count":
            lines[0] = f"{lines[0]} {unit_noun(ctx, q)}".strip()
        return [(f"{q.number}. " + "; ".join(lines), 0)] if lines else []
    out = [(f"{q.number}.", 0.0)]
    for k, a in its:
        s = sentence(a, k, st)
        if s is None:
            continue
        if nouns and a.status == "reported" and q.type == "count" and ctx.rng.random() < 0.6:
            s = f"{s} {unit_noun(ctx, q)}".strip()
        per = f"{ctx.period_label(k.period)}: " if ctx.survey.multi_period and k.key != k.base else ""
        mark = f"{k.part}. " if k.part else "- "
        out.append((f"{mark}{per}{s}", 5.0))
    return out


def closing(ctx: Ctx) -> list:
    """A short closing paragraph (review rights) without a signature."""
    return [Para(ctx.rng.choice(pools.CLOSINGS), gap=4, size=-0.5)]
