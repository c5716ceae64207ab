"""Letter families: questions restated and answered in running text, key-value lines, refusals."""

from __future__ import annotations

from . import pools
from .common import Ctx, key_lines, letter_bottom, letter_top, new_doc
from .doc import Doc, Para
from .phrases import fmt_date, reported_text, sentence
from .survey import Question


def _same(ctx: Ctx, q1: Question, q2: Question) -> bool:
    """True when q2's answers repeat q1's exactly (so 'see the response to Question N' is honest)."""
    a, b = ctx.items(q1), ctx.items(q2)
    if len(a) != len(b) or q1.type != q2.type or q1.type == "count" or len(a) != 1:
        return False
    same = all((x.status, x.value, x.shown) == (y.status, y.value, y.shown)
               for (_, x), (_, y) in zip(a, b, strict=True))
    return same and a[0][1].status != "not_answered"


def _whole_status(ctx: Ctx, q: Question) -> tuple[str, object] | None:
    sts = {(a.status, str(a.shown)) for _, a in ctx.items(q)}
    if len(sts) == 1:
        s = next(iter(sts))
        if s[0] in ("refused", "not_held") and not any(a.extra.get("system_change") for _, a in ctx.items(q)):
            return s
    return None


def _question_text(ctx: Ctx, q: Question) -> str:
    t = q.text
    if ctx.survey.multi_period and not q.period and not q.as_at and ctx.rng.random() < 0.5:
        t += " (" + " and ".join(ctx.period_label(p.id) for p in ctx.survey.periods) + ")"
    return t


def prose_restated(ctx: Ctx) -> Doc:
    """Each question restated, then its answer ('Response: ...'), merged answers and cross-references."""
    rng, st = ctx.rng, ctx.st
    blocks = letter_top(ctx)
    qs = list(ctx.survey.questions)
    seen: list[Question] = []
    i = 0
    while i < len(qs):
        q = qs[i]
        blocks.append(Para(f"{q.number}. {_question_text(ctx, q)}", bold=rng.random() < 0.5, gap=4))
        nxt = qs[i + 1] if i + 1 < len(qs) else None
        ws = _whole_status(ctx, q)
        if nxt and ws and _whole_status(ctx, nxt) == ws and rng.random() < 0.7:
            blocks.append(Para(f"{nxt.number}. {_question_text(ctx, nxt)}", bold=blocks[-1].bold, gap=3))
            s = sentence(ctx.items(q)[0][1], ctx.items(q)[0][0], st) or ""
            blocks.append(Para(f"{st.lead} In response to both of these questions, {s[0].lower()}{s[1:]}".strip()))
            seen += [q, nxt]
            i += 2
            continue
        ref = next((p for p in seen if _same(ctx, p, q)), None)
        if ref and rng.random() < 0.6:
            blocks.append(Para(f"{st.lead} " + rng.choice(pools.SEE_ALSO).format(n=ref.number)))
        else:
            lines = key_lines(ctx, q)
            if lines:
                first = f"{st.lead} {lines[0]}".strip() if st.lead else lines[0]
                blocks.append(Para(first))
                blocks += [Para(x, gap=1, indent=4 if rng.random() < 0.5 else 0) for x in lines[1:]]
        seen.append(q)
        i += 1
    blocks += letter_bottom(ctx)
    return new_doc(ctx, blocks)


def questions_then_answers(ctx: Ctx) -> Doc:
    """All questions first, then a numbered list of answers ('2. 701', 'a. 0')."""
    rng = ctx.rng
    blocks = letter_top(ctx)
    blocks.append(Para(rng.choice(["You asked:", "Your request:", "Request"]), bold=True, gap=4))
    for q in ctx.survey.questions:
        blocks.append(Para(f"{q.number}. {_question_text(ctx, q)}", gap=1))
    blocks.append(Para(rng.choice(["Our response:", "Response", "Answers"]), bold=True, gap=5))
    for q in ctx.survey.questions:
        its = ctx.items(q)
        sts = {(a.status, str(a.shown), a.form) for _, a in its}
        if len(its) == 1 or (len(sts) == 1 and its[0][1].status != "reported") \
                or any(a.form == "combined" for _, a in its):
            lines = key_lines(ctx, q, with_marks=False)
            if lines:
                blocks.append(Para(f"{q.number}. " + "; ".join(lines), gap=1.5))
            continue
        blocks.append(Para(f"{q.number}.", gap=1.5))
        for k, a in its:
            s = sentence(a, k, ctx.st)
            if s is None:
                continue
            mark = f"{k.part}." if k.part else ""
            per = ctx.period_label(k.period) + ": " if ctx.survey.multi_period and k.key != k.base else ""
            blocks.append(Para(f"{mark} {per}{s}".strip(), indent=5, gap=0.5))
    blocks += letter_bottom(ctx)
    return new_doc(ctx, blocks)


def inline_answer(ctx: Ctx) -> Doc:
    """The answer straight after the question mark, in the same paragraph."""
    rng = ctx.rng
    blocks = letter_top(ctx)
    joiner = rng.choice(["; ", "  ", " / "])
    for q in ctx.survey.questions:
        lines = key_lines(ctx, q)
        text = f"{q.number}. {_question_text(ctx, q)}"
        if lines:
            text += " " + joiner.join(lines)
        blocks.append(Para(text, gap=3))
    blocks += letter_bottom(ctx)
    return new_doc(ctx, blocks)


def compact_keyvalue(ctx: Ctx) -> Doc:
    """Key-value lines: '5(a) 107', 'Q5 b) 1,038', '6a - 24', or part markers on their own lines."""
    rng, st = ctx.rng, ctx.st
    shape = rng.choice(["{n}({p}) {v}", "Q{n} {p}) {v}", "{n}{p} - {v}", "Q{n}{p}: {v}", "own_line"])
    blocks = letter_top(ctx)
    blocks.append(Para(rng.choice(["Responses:", "Please find our answers below.", "Answers to your questions:"])))
    pairs = [(q, k, a) for q in ctx.survey.questions for k, a in ctx.items(q)]
    if rng.random() < 0.2:  # all the (a) parts first, then all the (b) parts
        pairs.sort(key=lambda x: (x[1].part or "", x[0].number))
    for q, k, a in pairs:
        s = sentence(a, k, st)
        if s is None:
            continue
        p = k.part or ""
        if ctx.survey.multi_period and k.key != k.base:
            s = f"{ctx.period_label(k.period)}: {s}"
        if shape == "own_line":
            blocks.append(Para(f"{q.number}{p}" if p else f"Q{q.number}", bold=True, gap=2))
            blocks.append(Para(s, gap=0.5))
        elif not p:
            blocks.append(Para(f"Q{q.number} {s}" if "Q" in shape else f"{q.number}. {s}", gap=1.5))
        else:
            blocks.append(Para(shape.format(n=q.number, p=p, v=s), gap=1.5))
    blocks += letter_bottom(ctx)
    return new_doc(ctx, blocks)


def narrative(ctx: Ctx) -> Doc:
    """Answers in full sentences: several numbers in one sentence, timescales in words, cross-references."""
    rng, st, s = ctx.rng, ctx.st, ctx.survey
    pairs = [p for p in s.extra.get("pairs") or [] if _pair_ok(ctx, p)]
    covered = {p[1]: p for p in pairs}
    blocks = letter_top(ctx)
    qnum = {k.key: k.question.number for k in s.keys}
    for q in s.questions:
        its = ctx.items(q)
        blocks.append(Para(f"Question {q.number}: {_question_text(ctx, q)}", bold=True, gap=4))
        if its and all(k.key in covered for k, _ in its):
            first = qnum[covered[its[0][0].key][0]]
            blocks.append(Para(rng.choice(pools.SEE_ALSO).format(n=first)))
            continue
        several = None if any(p[0] == k.key for p in pairs for k, _ in its) else _several(ctx, its)
        if several:
            blocks.append(Para(several))
            continue
        sents = []
        for k, a in its:
            pair = next((p for p in pairs if p[0] == k.key), None)
            if pair:
                b = ctx.answers[pair[1]]
                sents.append("There were " + pair[2].format(a=reported_text(a, k, st, prose=True),
                                                            b=reported_text(b, s.key(pair[1]), st, prose=True)) + ".")
                continue
            one = sentence(a, k, st)
            if one is None:
                continue
            lead = ""
            if k.part:
                lead = f"For {st.group(k.part)}: "
            if s.multi_period and k.key != k.base:
                lead = f"{ctx.period_label(k.period)}{', ' + st.group(k.part) if k.part else ''}: "
            sents.append(_sentence_case(lead + one))
        if sents:
            blocks.append(Para(" ".join(sents)))
    blocks += letter_bottom(ctx)
    return new_doc(ctx, blocks)


def _several(ctx: Ctx, its: list) -> str | None:
    """One sentence carrying every figure of a question ('107 for children in care and 1,038 for ...')."""
    rng, st = ctx.rng, ctx.st
    if len(its) < 2 or any(a.status != "reported" for _, a in its) or its[0][0].question.type not in (
            "count", "money", "percent") or rng.random() < 0.4:
        return None
    label = st.labels.get(its[0][0].question.id, "")
    bits = []
    for k, a in its:
        where = []
        if k.part:
            where.append(f"for {st.group(k.part)}")
        if ctx.survey.multi_period and k.key != k.base:
            where.append(f"in {ctx.period_label(k.period)}")
        bits.append(f"{reported_text(a, k, st, prose=True)} {' '.join(where)}".strip())
    body = ", ".join(bits[:-1]) + " and " + bits[-1]
    forms = [f"The figures are {body}.", f"{label[:1].upper()}{label[1:]}: {body}."]
    if its[0][0].question.type == "count":
        forms.append(f"There were {body} ({label}).")
    return rng.choice(forms)


def _pair_ok(ctx: Ctx, p: list) -> bool:
    a, b = ctx.answers.get(p[0]), ctx.answers.get(p[1])
    if not a or not b or a.status != "reported" or b.status != "reported":
        return False
    qa, qb = ctx.survey.key(p[0]).question, ctx.survey.key(p[1]).question
    return qa.number < qb.number


def _sentence_case(x: str) -> str:
    x = x.strip()
    return x if x.endswith((".", "?", "!")) else x + "."


def refusal_whole(ctx: Ctx) -> Doc:
    """The whole request refused (s.12 with a cost estimate, or s.14); none of its numbers are answers."""
    rng = ctx.rng
    blocks = letter_top(ctx)
    if rng.random() < 0.4:
        blocks.append(Para("You asked for the following information:", gap=3))
        blocks += [Para(f"{q.number}. {q.text}", gap=1, indent=4) for q in ctx.survey.questions]
    if ctx.bt.whole_refusal == "s.14":
        blocks.append(Para(rng.choice(pools.WHOLE_REFUSAL_14), gap=4))
    else:
        minutes = rng.choice([5, 10, 15, 20])
        records = rng.randint(120, 2400)
        hours = records * minutes / 60
        hours_s = f"{hours:.1f}".rstrip("0").rstrip(".")
        blocks.append(Para(rng.choice(pools.WHOLE_REFUSAL).format(records=records, minutes=minutes, hours=hours_s),
                           gap=4))
        blocks.append(Para("Section 12 also allows the council to aggregate the cost of related questions, so this "
                           "refusal covers every part of your request."))
        blocks.append(Para(rng.choice(pools.ADVICE)))
    blocks += letter_bottom(ctx)
    return new_doc(ctx, blocks, "Refusal notice")


def provider_checklist(ctx: Ctx) -> Doc:
    """A checklist for provider and multiple-choice questions ('a) A team based in your authority: Yes')."""
    rng, st = ctx.rng, ctx.st
    blocks = letter_top(ctx)
    yes, no = rng.choice([("Yes", "No"), ("Y", "N"), ("X", ""), ("☒", "☐")] if ctx.font in ("sans", "condensed")
                         else [("Yes", "No"), ("Y", "N"), ("X", "")])
    for q in ctx.survey.questions:
        its = ctx.items(q)
        blocks.append(Para(f"{q.number}. {_question_text(ctx, q)}", bold=True, gap=4))
        k, a = its[0]
        if len(its) == 1 and q.type == "provider" and a.status == "reported":
            opts = [("A team based in your authority (in-house)", a.value in ("in_house", "mixed")),
                    ("A commissioned provider (charity or company)", a.value in ("commissioned", "mixed")),
                    ("Another arrangement", False)]
            for i, (label, on) in enumerate(opts):
                blocks.append(Para(f"{'abc'[i]}) {label}: {yes if on else no}", gap=1, indent=4))
            label = rng.choice(["Provider", "If commissioned, which organisation", "Name of provider"])
            if a.value != "in_house":
                blocks.append(Para(f"{label}: {a.extra.setdefault('provider_name', rng.choice(st.providers))}",
                                   gap=1, indent=4))
            elif rng.random() < 0.5:
                blocks.append(Para(f"{label}: " + rng.choice(["Not applicable", "N/A - no external provider is used",
                                                             f"Not applicable; the {st.team} is a council team"]),
                                   gap=1, indent=4))
            continue
        if len(its) == 1 and q.type == "choice" and q.multiple and a.status == "reported":
            for i, (oid, opt) in enumerate(q.options.items()):
                blocks.append(Para(f"{'abcdefghij'[i]}) {opt.get('label', oid)}: {yes if oid in a.value else no}",
                                   gap=1, indent=4))
            continue
        lines = key_lines(ctx, q)
        blocks += [Para(x, gap=1) for x in lines]
    blocks += letter_bottom(ctx)
    return new_doc(ctx, blocks)


def email_printout(ctx: Ctx) -> Doc:
    """A printed e-mail: From / Sent / To / Subject lines, then the questions and answers."""
    rng = ctx.rng
    doc = prose_restated(ctx) if rng.random() < 0.6 else inline_answer(ctx)
    b = ctx.bt.body
    sender = f"{rng.choice(pools.TEAMS)} <foi@{b.domain}>" if ctx.named else rng.choice(pools.TEAMS)
    when = fmt_date(ctx.date, rng.choice(["%d %B %Y", "%A, %d %B %Y"]))
    when += f" {rng.randint(8, 17)}:{rng.randint(0, 59):02d}"
    head = [Para(f"From: {sender}", gap=0), Para(f"Sent: {when}", gap=0.5),
            Para("To: research@example.org.uk", gap=0.5),
            Para(f"Subject: RE: Freedom of Information request {ctx.ref}", bold=True, gap=0.5)]
    doc.letterhead = []
    doc.blocks = head + [x for x in doc.blocks if not (isinstance(x, Para) and x.text.startswith("Date:"))]
    return doc
