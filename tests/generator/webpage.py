"""Families printed from councils' published disclosure logs and e-mail threads (shapes seen in real replies)."""

from __future__ import annotations

import datetime as dt
import random

from . import pools, realpools
from .common import Ctx, key_lines, letter_bottom, letter_top, new_doc
from .doc import Doc, Para
from .phrases import fmt_date
from .realbase import (
    closing,
    council_word,
    meta_lines,
    nested_lines,
    notes_block,
    period_phrase,
    request_block,
    web_doc,
)


def topic_title(ctx: Ctx) -> str:
    """The short title a disclosure log gives the request."""
    s = ctx.survey
    t = str(s.extra.get("topic") or s.title.split(",")[0]).strip()
    return t[:1].upper() + t[1:]


def _working_days(d: dt.date, n: int) -> dt.date:
    """The date n working days after d."""
    while n:
        d += dt.timedelta(days=1)
        n -= d.weekday() < 5
    return d


def data_notes(ctx: Ctx) -> list:
    """A few data caveats given before the answers (dates of extraction, definitions)."""
    rng = ctx.rng
    run = fmt_date(ctx.date - dt.timedelta(days=rng.randint(1, 9)), rng.choice(["%d/%m/%Y", "%d %B %Y"]))
    y = ctx.survey.periods[-1].end.year
    lines = rng.sample(realpools.NOTE_LINES, 2)
    out = [Para(rng.choice(realpools.NOTES_HEAD), bold=True, gap=3)]
    out += [Para("- " + x.format(run=run, y=f"{y - 1}-{str(y)[2:]}", y0=y - 6), gap=1, indent=4) for x in lines]
    if rng.random() < 0.6:
        phrase = " and ".join(period_phrase(p, rng) for p in ctx.survey.periods)
        out.append(Para("- " + rng.choice(realpools.INTERPRET).format(phrase=phrase), gap=1, indent=4))
    return out


def disclosure_log(ctx: Ctx) -> Doc:
    """A disclosure-log web page: title, reference and dates, the request in full, then each question and answer."""
    rng = ctx.rng
    blocks: list = [Para(topic_title(ctx), bold=True, size=2, gap=2)]
    top = rng.random() < 0.6
    if top:
        blocks += meta_lines(ctx, True)
        if rng.random() < 0.6:
            blocks.append(Para(rng.choice(realpools.OUTCOME_BANNERS[ctx.bt.response]), gap=3))
    blocks += request_block(ctx, rng.choice(["Request", "Your request", "Details of request"]))
    blocks.append(Para(rng.choice(realpools.RESPONSE_HEADS), bold=True, gap=6))
    if rng.random() < 0.5:
        blocks.append(Para(rng.choice(realpools.HELD_LINES).format(council=council_word(ctx)), gap=2))
    if rng.random() < 0.3:
        blocks += data_notes(ctx)
    bold = rng.random() < 0.5
    for q in ctx.survey.questions:
        blocks.append(Para(f"{q.number}. {q.text}", bold=bold, gap=4))
        lines = key_lines(ctx, q)
        blocks += [Para(x, gap=1, indent=6 if rng.random() < 0.3 else 0) for x in lines]
    blocks += notes_block(ctx)
    if not top:
        blocks += meta_lines(ctx, False)
    if rng.random() < 0.5:
        blocks += closing(ctx)
    blocks.append(Para(rng.choice(realpools.PAGE_FEET), size=-1, gap=6))
    return web_doc(ctx, blocks)


def decision_list(ctx: Ctx) -> Doc:
    """Bare numbered answers ('1. Yes', '5.' then 'a. 107 episodes'), often with data notes first."""
    rng = ctx.rng
    letter = rng.random() < 0.5
    blocks = letter_top(ctx) if letter else [Para(topic_title(ctx), bold=True, size=2, gap=2)] + request_block(ctx)
    head = rng.choice(["Decision", "Response", f"Response {fmt_date(ctx.date, '%d-%m-%Y')}", "Our response"])
    blocks.append(Para(head, bold=True, gap=5))
    if rng.random() < 0.5:
        blocks.append(Para(rng.choice(realpools.HELD_LINES).format(council=council_word(ctx)), gap=2))
    if rng.random() < 0.4:
        blocks += data_notes(ctx)
    nouns = rng.random() < 0.5
    for q in ctx.survey.questions:
        for text, indent in nested_lines(ctx, q, nouns):
            blocks.append(Para(text, gap=0.8 if indent else 2.5, indent=indent))
    if letter:
        blocks += letter_bottom(ctx)
        return new_doc(ctx, blocks)
    blocks += notes_block(ctx) + meta_lines(ctx, False)
    return web_doc(ctx, blocks)


def _mail_head(who: str, when: dt.date, to: str, subject: str, rng: random.Random) -> list:
    """From / Sent / To / Subject lines of one message."""
    stamp = fmt_date(when, rng.choice(["%d %B %Y", "%A, %d %B %Y", "%d/%m/%Y"]))
    stamp += f" {rng.randint(8, 17)}:{rng.randint(0, 59):02d}"
    return [Para(f"From: {who}", gap=0), Para(f"Sent: {stamp}", gap=0.5), Para(f"To: {to}", gap=0.5),
            Para(f"Subject: {subject}", bold=True, gap=0.5)]


def _answer_mail(ctx: Ctx, sender: str) -> list:
    """The council's answering message: each question, then its answer lines."""
    rng = ctx.rng
    out = _mail_head(sender, ctx.date, "research@example.org.uk", f"RE: Freedom of Information request {ctx.ref}",
                     rng)
    out += [Para(rng.choice(pools.SALUTATIONS).format(requester="Research Team"), gap=4),
            Para(rng.choice(realpools.BLUE), gap=2)]
    for q in ctx.survey.questions:
        out.append(Para(f"{q.number}. {q.text}", gap=3))
        out += [Para(x, gap=1, indent=5) for x in key_lines(ctx, q)]
    out += notes_block(ctx)
    out += [Para(rng.choice(pools.CLOSINGS), gap=4, size=-0.5), Para(rng.choice(pools.SIGNOFFS), gap=4),
            Para(rng.choice(pools.NAMES), gap=4), Para(rng.choice(pools.TEAMS), gap=0)]
    return out


def ack_thread(ctx: Ctx) -> Doc:
    """An e-mail thread: the answer, the council's acknowledgement (dates, 20 working days) and the request."""
    rng, s, b = ctx.rng, ctx.survey, ctx.bt.body
    sender = f"{rng.choice(pools.TEAMS)} <foi@{b.domain}>" if ctx.named else rng.choice(pools.TEAMS)
    got = s.sent + dt.timedelta(days=rng.randint(0, 2))
    fmt = rng.choice(["%d %B %Y", "%d/%m/%Y"])
    ack_text = rng.choice(realpools.ACK).format(got=fmt_date(got, fmt), ref=ctx.ref,
                                                due=fmt_date(_working_days(got, 20), fmt))
    ack = _mail_head(sender, got, "research@example.org.uk", f"Acknowledgement - FOI {ctx.ref}", rng) + \
        [Para("Dear Research Team,", gap=3), Para(ack_text, gap=2), Para(rng.choice(pools.TEAMS), gap=3)]
    to = f"foi@{b.domain}" if ctx.named else "FOI team"
    req = _mail_head("Research Team <research@example.org.uk>", s.sent, to,
                     f"Freedom of Information request - {topic_title(ctx)}", rng)
    req += [Para("Dear Sir or Madam,", gap=3)] + request_block(ctx, "")[1:] + [Para("Yours faithfully,", gap=3),
                                                                                Para("Research Team", gap=1)]
    parts = [_answer_mail(ctx, sender), ack, req]
    if rng.random() < 0.5:
        parts = parts[::-1]
    sep = rng.choice(["-----Original Message-----", "________________________________", "show quoted sections"])
    blocks: list = []
    for i, p in enumerate(parts):
        if i:
            blocks.append(Para(sep, gap=6))
        blocks += p
    d = new_doc(ctx, blocks, "E-mail")
    d.letterhead = []
    return d
