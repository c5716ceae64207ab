"""What every reply family shares: the reply context, output records and the letter scaffolding."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from . import pools
from .doc import Doc, Para
from .phrases import Style, fmt_date, footnote_mark, sentence
from .survey import AnswerKey, Question, Survey
from .truth import Answer, BodyTruth


@dataclass
class Sheet:
    """One worksheet (or a CSV's rows): cells are str, int, float or date."""

    name: str
    rows: list[list[Any]]
    bold_rows: list[int] = field(default_factory=list)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> Excel number format


@dataclass
class Pct:
    """A percentage typed into Excel as a fraction with a % format (12.5 is stored as 0.125)."""

    value: float

    def __str__(self) -> str:
        return f"{self.value:g}%"


@dataclass
class FileOut:
    """One reply file before it is written."""

    name: str
    kind: str                     # pdf | scan | csv | xlsx | xls
    payload: Any                  # Doc, list[Sheet]
    family: str
    keys: list[str] | None = None  # None: every key of the council(s)
    codes: list[str] = field(default_factory=list)
    outcome: str = "recorded"
    options: dict = field(default_factory=dict)  # writer options (encoding, delimiter, producer)


@dataclass
class Ctx:
    """Everything a family needs to render one body's reply."""

    survey: Survey
    bt: BodyTruth
    rng: random.Random
    st: Style
    ref: str
    date: dt.date
    named: bool = True            # the letter names the council
    partner: BodyTruth | None = None
    period_fmt: int = 0
    font: str = "sans"

    @property
    def answers(self) -> dict[str, Answer]:
        """The body's answers by key."""
        return self.bt.answers

    def items(self, q: Question) -> list[tuple[AnswerKey, Answer]]:
        """The (key, answer) pairs of one question, in survey order."""
        return [(k, self.answers[k.key]) for k in self.survey.keys if k.question is q]

    def period_label(self, pid: str) -> str:
        """A period id as this reply writes it."""
        for p in self.survey.periods:
            if p.id == pid:
                y1, y2 = p.start.year, p.end.year
                return [p.id, f"{y1}/{str(y2)[2:]}", f"April {y1} to March {y2}", f"FY {y1}/{str(y2)[2:]}",
                        f"{y1}-{y2}"][self.period_fmt % 5]
        try:
            return "at " + fmt_date(dt.date.fromisoformat(pid), "%d %B %Y")
        except ValueError:
            return pid


def letterhead(ctx: Ctx) -> list[str]:
    """Letterhead lines (empty or team-only when the council is not named)."""
    rng, b = ctx.rng, ctx.bt.body
    team = rng.choice(pools.TEAMS)
    if not ctx.named:
        return [] if rng.random() < 0.5 else [team]
    town = b.nice.split(",")[0]
    pc = f"{rng.choice('ABCDEGHKLMNPST')}{rng.choice('ABCDEHLMNRST')}{rng.randint(1, 30)} {rng.randint(1, 9)}" \
         f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    name = b.name if rng.random() < 0.75 else b.nice + (" Council" if "Council" not in b.nice else "")
    lines = [name, team, f"{rng.choice(pools.STREETS)}, {town} {pc}"]
    if rng.random() < 0.6:
        lines.append(f"foi@{b.domain}  Tel: 0{rng.randint(1000, 1999)} {rng.randint(100000, 999999)}")
    return lines


def new_doc(ctx: Ctx, blocks: list, title: str = "Response") -> Doc:
    """A Doc with this reply's fonts, page size and furniture."""
    rng = ctx.rng
    font = ctx.font
    d = Doc(blocks, letterhead(ctx), rng.choice(["L", "L", "R", "C"]),
            rng.choice(pools.MARKINGS) if rng.random() < 0.2 else None,
            rng.choice(["Page {n} of {N}", "{n}", "Page {n}", None]), font, rng.choice([9.5, 10, 10.5, 11, 11.5]),
            rng.choice(["A4", "A4", "A4", "Letter"]), rng.choice([15.0, 18.0, 20.0, 25.0]), title)
    return d


def letter_top(ctx: Ctx) -> list:
    """Reference, date, salutation, subject, intro and period lines."""
    rng, s = ctx.rng, ctx.survey
    date_s = fmt_date(ctx.date, rng.choice(["%d %B %Y", "{ord} %B %Y", "%d/%m/%Y"]))
    ref_line = rng.choice(["Our ref: {r}", "Our reference: {r}", "Reference: {r}", "Request ref: {r}", "FOI ref {r}"])
    blocks = [Para(_tidy(ref_line.format(r=ctx.ref)), gap=0),
              Para(f"Date: {date_s}" if rng.random() < 0.6 else date_s, gap=1)]
    if rng.random() < 0.5:
        blocks.append(Para("Your ref: " + rng.choice(["survey 2026", "none given", s.id.upper()]), gap=1))
    blocks.append(Para(rng.choice(pools.SALUTATIONS).format(requester="Research Team"), gap=5))
    blocks.append(Para(_tidy(rng.choice(pools.SUBJECTS).format(ref=ctx.ref)), bold=True, gap=3))
    sent = fmt_date(s.sent + dt.timedelta(days=rng.randint(0, 3)), "%d %B %Y")
    blocks.append(Para(rng.choice(pools.INTROS).format(sent=sent)))
    if len(s.periods) == 1 and rng.random() < 0.8:
        p = s.periods[0]
        blocks.append(Para(rng.choice(pools.PERIOD_LINES).format(
            label=p.label or p.id, start=fmt_date(p.start, "%d %B %Y"), end=fmt_date(p.end, "%d %B %Y"),
            start_num=p.start.strftime("%d/%m/%Y"), end_num=p.end.strftime("%d/%m/%Y"))))
    return blocks


def _tidy(s: str) -> str:
    """No doubled 'FOI' when the reference already starts with it ('FOI ref FOI 123' -> 'FOI ref 123')."""
    return s.replace("FOI ref FOI", "FOI ref").replace("FOI FOI", "FOI")


def letter_bottom(ctx: Ctx) -> list:
    """Notes, footnotes, closing paragraphs and signature."""
    rng, st = ctx.rng, ctx.st
    out: list = [Para(n, size=-1) for n in st.notes]
    for i, f in enumerate(st.footnotes, 1):
        out.append(Para(f"{footnote_mark(st, i)} {f}", size=-1.5, gap=1))
    out.append(Para(rng.choice(pools.CLOSINGS), gap=4))
    lic = rng.choice(pools.LICENCE)
    if lic:
        out.append(Para(lic))
    name = rng.choice(pools.NAMES)
    out += [Para(rng.choice(pools.SIGNOFFS), gap=5), Para(name, gap=6), Para(rng.choice(pools.ROLES), gap=0)]
    if ctx.named and rng.random() < 0.5:
        out.append(Para(ctx.bt.body.name, gap=0))
    return out


def key_lines(ctx: Ctx, q: Question, with_marks: bool = True) -> list[str]:
    """Answer lines for one question in a letter ([] when every key is skipped)."""
    rng, st = ctx.rng, ctx.st
    its = ctx.items(q)
    sts = {a.status for _, a in its}
    if sts == {"not_answered"}:
        return []
    if len(its) > 1 and len(sts) == 1 and sts <= {"not_held", "refused"}:
        a0 = its[0][1]
        if a0.status == "not_held" and not a0.extra.get("system_change"):
            return [rng.choice(pools.NOT_HELD_PLURAL)]
        return [sentence(a0, its[0][0], st) or ""]
    lines = []
    per = _by_period(its)
    for pid, pairs in per.items():
        plabel = ctx.period_label(pid) if len(per) > 1 else ""
        comb = [a for _, a in pairs if a.form == "combined"]
        if comb:
            s = sentence(comb[0], pairs[0][0], st) or ""
            lines.append(f"{plabel}: {s}" if plabel else s)
            continue
        for k, a in (pairs[::-1] if st.reverse_parts else pairs):
            s = sentence(a, k, st)
            if s is None:
                continue
            tag = ""
            if k.part:
                tag = st.tag(k.part) if with_marks else ""
            pre = f"{plabel}: " if plabel else ""
            lines.append(f"{pre}{tag}{s}")
    return lines


def _by_period(its: list[tuple[AnswerKey, Answer]]) -> dict[str, list[tuple[AnswerKey, Answer]]]:
    out: dict[str, list] = {}
    for k, a in its:
        out.setdefault(k.period, []).append((k, a))
    return out


def ref_for(rng: random.Random) -> str:
    """A request reference in one of the shapes councils use."""
    n = rng.randint(1000, 999999)
    tag = "".join(rng.choices("ABCDEFGHJKLMNPQRSTUVWXYZ", k=3))
    return rng.choice([f"FOI {n}", f"FOI/{n}", f"IR{n}", f"CAS-{n}-{tag}"
                       f"{rng.randint(1, 9)}", f"FOIR-{n}", f"{n}", f"EIR-FOI-{n % 10000}", f"{n % 10000}/FOI/26",
                       f"REQ{n}", f"FOI2026-{n % 10000:04d}"])
