"""Draw a random, internally consistent truth for each body: one Answer per answer key."""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from typing import Any

from .bodies import Body
from .survey import AnswerKey, Check, Survey, _parse_check

STATUSES = ["reported", "suppressed", "not_held", "refused", "not_answered", "needs_review"]
EXEMPTIONS = {"s.12": "cost", "s.21": "accessible", "s.22": "future", "s.43": "commercial", "s.14": "vexatious",
              "s.31": "law"}


@dataclass
class Answer:
    """What one reply says for one key, and what a careful reader records."""

    key: str
    status: str
    value: Any = None       # the recorded value (reported only), a Python value
    latent: Any = None      # the underlying figure, used to render consistent neighbours
    form: str = "plain"     # plain | approx | percent_only | combined | vague | marker | exemption | skip
    shown: Any = None       # what stands on the page instead of the value (marker, exemption, approximate...)
    extra: dict = field(default_factory=dict)


@dataclass
class BodyTruth:
    """One body's reply plan and answers."""

    body: Body
    response: str                       # replied | partial | refused | no_reply (derived at the end)
    answers: dict[str, Answer] = field(default_factory=dict)
    whole_refusal: str | None = None    # exemption when the whole request is refused
    suppress_marker: str = "<5"
    reply_date: dt.date | None = None
    ref: str = ""


def _eval(v: float, op: str, bound: float) -> bool:
    return {"<=": v <= bound, "<": v < bound, ">=": v >= bound, ">": v > bound}[op]


def _applies(c: Check, vals: dict) -> bool:
    return c.when is None or str(vals.get(c.when[0])) == c.when[1]


def _bound(c: Check, vals: dict) -> float:
    return c.const if c.rhs is None else c.factor * vals[c.rhs]


def _repair(checks: list[Check], vals: dict, types: dict, rng: random.Random) -> bool:
    """Nudge numeric values until every applicable check holds; False if it does not settle."""
    for _ in range(60):
        bad = False
        for c in checks:
            if c.lhs not in vals or (c.rhs and c.rhs not in vals) or not _applies(c, vals):
                continue
            b = _bound(c, vals)
            if _eval(vals[c.lhs], c.op, b):
                continue
            bad = True
            integer = types.get(c.lhs) == "count"
            if c.op in ("<=", "<"):
                new = b * rng.uniform(0.45, 1.0)
                new = math.floor(new) if integer else round(new, 1)
                if c.op == "<" and new >= b:
                    new = b - 1 if integer else b * 0.9
            else:
                new = b * rng.uniform(1.0, 1.25) + (1 if c.op == ">" else 0)
                new = math.ceil(new) if integer else round(new, 2)
            vals[c.lhs] = max(new, 0)
        if not bad:
            return True
    return False


def _depths(keys: list[str], checks: list[Check]) -> dict[str, int]:
    """How far below a top-level figure each key sits in the '<=' graph."""
    depth = dict.fromkeys(keys, 0)
    for _ in range(len(keys)):
        for c in checks:
            if c.op in ("<=", "<") and c.rhs in depth and c.lhs in depth and c.when is None:
                depth[c.lhs] = max(depth[c.lhs], depth[c.rhs] + 1)
    return depth


def _money(rng: random.Random, median: float) -> float:
    v = median * math.exp(rng.gauss(0, 0.6))
    r = rng.random()
    if r < 0.15:
        return round(v / 100000) * 100000 or 100000.0
    if r < 0.6:
        return float(round(v))
    return round(v, 2)


def draw_latent(survey: Survey, size: float, rng: random.Random) -> dict[str, Any]:
    """Underlying figures for every key, consistent with the survey's checks (and soft checks)."""
    extra = survey.extra
    checks = survey.checks + _soft_checks(survey)
    keys = [k.key for k in survey.keys]
    types = {k.key: k.question.type for k in survey.keys}
    scale = extra.get("scale") or {}
    depth = _depths(keys, checks)
    for _attempt in range(30):
        vals: dict[str, Any] = {}
        base_cache: dict[str, float] = {}
        for k in survey.keys:
            t = k.question.type
            if t in ("count", "money", "percent", "hours", "duration"):
                continue
            vals[k.key] = _draw_other(survey, k, rng) if k.base not in base_cache else base_cache[k.base]
            base_cache[k.base] = vals[k.key]
        for k in sorted(survey.keys, key=lambda k: depth[k.key]):
            t = k.question.type
            if t == "count":
                uppers = [vals[c.rhs] * c.factor for c in checks if c.lhs == k.key and c.op in ("<=", "<")
                          and c.rhs in vals and c.when is None]
                if depth[k.key] and uppers:
                    vals[k.key] = int(min(uppers) * rng.uniform(0.25, 0.95))
                elif k.base in base_cache:  # another period of the same figure: similar size
                    vals[k.key] = int(base_cache[k.base] * rng.uniform(0.75, 1.3))
                else:
                    med = float(scale.get(k.base, 200))
                    vals[k.key] = max(0, int(med * size * math.exp(rng.gauss(0, 0.35))))
                    if rng.random() < 0.04:
                        vals[k.key] = rng.randint(0, 4)
                base_cache.setdefault(k.base, vals[k.key])
            elif t == "money":
                med = float(scale.get(k.base, 2_000_000)) * size
                if k.base in base_cache:
                    vals[k.key] = round(base_cache[k.base] * rng.uniform(0.8, 1.3), 2 if rng.random() < 0.3 else 0)
                else:
                    vals[k.key] = _money(rng, med)
                base_cache[k.base] = vals[k.key]
            elif t == "percent":
                vals[k.key] = round(rng.uniform(0, 65), rng.choice([0, 0, 1]))
                if vals[k.key] == int(vals[k.key]):
                    vals[k.key] = int(vals[k.key])
            elif t == "hours":
                vals[k.key] = rng.choice([24, 48, 72, 72, 72, 72, 120])
            elif t == "duration":
                unit = k.question.unit or "months"
                vals[k.key] = rng.choice({"months": [6, 12, 18, 24, 36, 36, 48, 60], "years": [1, 2, 3, 5],
                                          "weeks": [4, 6, 12, 26, 52], "days": [28, 56, 90, 365]}[unit])
        if _repair(checks, vals, types, rng):
            for k in survey.keys:  # money kept to 2 decimals, counts whole
                if types[k.key] == "count":
                    vals[k.key] = int(vals[k.key])
            return vals
    raise RuntimeError("could not draw figures that satisfy the survey's checks")


def _soft_checks(survey: Survey) -> list[Check]:
    out = []
    names = {k.key for k in survey.keys}
    for text in survey.extra.get("soft_checks") or []:
        c = _parse_check(text)
        if c.lhs in names and (c.rhs is None or c.rhs in names):
            out.append(c)
            continue
        for p in survey.periods:
            lhs, rhs = f"{c.lhs}@{p.id}", f"{c.rhs}@{p.id}" if c.rhs else None
            if lhs in names and (rhs is None or rhs in names):
                out.append(Check(lhs, c.op, rhs, c.factor, c.const, c.when))
    return out


def _draw_other(survey: Survey, k: AnswerKey, rng: random.Random) -> Any:
    q = k.question
    t = q.type
    if t == "policy":
        return rng.choices(["yes", "partial", "no"], [65, 27, 8])[0]
    if t == "provider":
        return rng.choices(["in_house", "commissioned", "mixed"], [45, 40, 15])[0]
    if t == "yes_no":
        return rng.choices(["yes", "no"], [65, 35])[0]
    if t == "choice":
        ids = list(q.options)
        if q.multiple:
            return sorted(rng.sample(ids, rng.randint(1, min(4, len(ids)))))
        return rng.choice(ids)
    if t == "text":
        pool = (survey.extra.get("text_values") or {}).get(k.base) or survey.providers or ["Not stated Ltd"]
        return rng.choice(pool)
    if t == "date":
        start = survey.sent + dt.timedelta(days=30)
        d = start + dt.timedelta(days=rng.randint(0, 4 * 365))
        if rng.random() < 0.5:  # month ends are common contract ends
            d = (d.replace(day=1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return d
    return None


def value_str(t: str, v: Any) -> str:
    """The truth value as written in answers.csv."""
    if v is None:
        return ""
    if t == "choice":
        return ";".join(sorted(v)) if isinstance(v, list) else str(v)
    if t == "date":
        return v.isoformat()
    if t in ("money", "percent", "duration"):
        f = float(v)
        return str(int(f)) if f == int(f) else f"{f:.2f}".rstrip("0").rstrip(".")
    return str(v)


MARKERS = ["<5", "< 5", "*", "fewer than 5", "1-4", "1 to 4", "<5 (s.40)", "less than five"]
CELL_MARKERS = ["<5", "< 5", "*", "1-4", "<5 (s.40)"]


def _status_for(k: AnswerKey, latent: Any, suppresses: bool, survey: Survey, rng: random.Random) -> Answer:
    """A per-key status, weighted by answer type."""
    t = k.question.type
    u = rng.random()
    a = Answer(k.key, "reported", latent, latent)
    if t == "count":
        if 1 <= latent <= 4 and suppresses:
            return Answer(k.key, "suppressed", None, latent, "marker")
        if u < 0.01:
            return Answer(k.key, "not_held", None, latent)
        if u < 0.015:
            return Answer(k.key, "refused", None, latent, "exemption", "s.12")
        if u < 0.022:
            return Answer(k.key, "not_answered", None, latent, "skip")
        if u < 0.05 and latent >= 12:
            den = (survey.extra.get("percent_of") or {}).get(k.base)
            if den and rng.random() < 0.5:
                return Answer(k.key, "needs_review", None, latent, "percent_only", {"of": den})
            return Answer(k.key, "needs_review", None, latent, "approx", _approx(latent, rng))
        return a
    if t in ("policy", "provider", "choice"):
        return Answer(k.key, "not_answered", None, latent, "skip") if u < 0.015 else a
    if t == "hours":
        if u < 0.07:
            return Answer(k.key, "needs_review", None, latent, "vague")
        return Answer(k.key, "not_held", None, latent) if u < 0.08 else a
    if t == "money":
        if u < 0.015:
            return Answer(k.key, "not_held", None, latent)
        if u < 0.035:
            return Answer(k.key, "needs_review", None, latent, "approx", round(latent / 100000) / 10 or 0.1)
        if u < 0.045:
            return Answer(k.key, "refused", None, latent, "exemption", "s.21")
        return a
    if t == "percent":
        if u < 0.03:
            return Answer(k.key, "not_held", None, latent)
        if u < 0.08 and latent >= 5:
            return Answer(k.key, "needs_review", None, latent, "approx", int(round(latent)))
        return a
    if t == "text":
        return Answer(k.key, "refused", None, latent, "exemption", "s.43") if u < 0.03 else a
    if t in ("yes_no", "duration", "date"):
        return Answer(k.key, "needs_review", None, latent, "vague") if u < 0.04 else a
    return a


def _approx(v: int, rng: random.Random) -> int:
    """A rounded figure a council might give as 'around N'."""
    step = 10 if v < 200 else 50 if v < 1000 else 100
    return max(step, int(round(v / step) * step) + rng.choice([0, 0, step]))


def draw_truth(survey: Survey, body: Body, rng: random.Random) -> BodyTruth:
    """One body's reply plan and answers."""
    r = rng.random()
    if r < 0.12:
        return BodyTruth(body, "no_reply")
    size = min(4.0, max(0.06, math.exp(rng.gauss(0, 0.7))))
    latent = draw_latent(survey, size, rng)
    bt = BodyTruth(body, "replied", suppress_marker=rng.choice(MARKERS))
    if r < 0.18:
        bt.whole_refusal = rng.choices(["s.12", "s.14"], [9, 1])[0]
        bt.answers = {k.key: Answer(k.key, "refused", None, latent[k.key], "exemption", bt.whole_refusal)
                      for k in survey.keys}
        bt.response = "refused"
        return bt
    suppresses = rng.random() < 0.75
    for k in survey.keys:
        bt.answers[k.key] = _status_for(k, latent[k.key], suppresses, survey, rng)
    _question_level(survey, bt, latent, rng)
    bt.response = council_status(bt)
    return bt


def _question_level(survey: Survey, bt: BodyTruth, latent: dict, rng: random.Random) -> None:
    """Statuses that cover whole questions: partial replies, combined figures, one part answered."""
    qs = survey.questions
    if rng.random() < 0.16:  # a partial reply: a few questions refused, not held or skipped
        for q in rng.sample(qs, min(len(qs), rng.randint(1, 3))):
            st = rng.choices(["refused", "not_held", "not_answered"], [4, 4, 2])[0]
            ex = rng.choice(["s.12", "s.12", "s.21", "s.22"] if q.type == "count" else ["s.43", "s.21", "s.12"])
            for k in _keys_of(survey, q):
                bt.answers[k.key] = Answer(k.key, st, None, latent[k.key], "exemption" if st == "refused" else
                                           "skip" if st == "not_answered" else "plain",
                                           ex if st == "refused" else None)
    if survey.multi_period and rng.random() < 0.06:  # older records not held after a system change
        first = survey.periods[0].id
        for k in survey.keys:
            if k.period == first and k.question.type in ("count", "money", "percent"):
                bt.answers[k.key] = Answer(k.key, "not_held", None, latent[k.key], "plain", None,
                                           {"system_change": True})
    for q in qs:
        if not (q.parted and q.type == "count"):
            continue
        for per_keys in _keys_by_period(survey, q):
            if len(per_keys) != 2 or any(bt.answers[k.key].status != "reported" for k in per_keys):
                continue
            u = rng.random()
            if u < 0.03:
                total = sum(latent[k.key] for k in per_keys)
                for k in per_keys:
                    bt.answers[k.key] = Answer(k.key, "needs_review", None, latent[k.key], "combined", total,
                                               {"with": [x.key for x in per_keys if x is not k][0]})
            elif u < 0.04:
                k = rng.choice(per_keys)
                bt.answers[k.key] = Answer(k.key, "not_answered", None, latent[k.key], "skip")


def _keys_of(survey: Survey, q) -> list[AnswerKey]:
    return [k for k in survey.keys if k.question is q]


def _keys_by_period(survey: Survey, q) -> list[list[AnswerKey]]:
    out: dict[str, list[AnswerKey]] = {}
    for k in _keys_of(survey, q):
        out.setdefault(k.period, []).append(k)
    return list(out.values())


def council_status(bt: BodyTruth) -> str:
    """replied | partial | refused | no_reply, as the recording rules define them."""
    if not bt.answers:
        return "no_reply"
    sts = [a.status for a in bt.answers.values()]
    if all(s == "refused" for s in sts):
        return "refused"
    if any(s in ("refused", "not_held", "not_answered") for s in sts):
        return "partial"
    return "replied"


def check_violations(survey: Survey, bt: BodyTruth) -> list[str]:
    """Declared checks broken by the recorded (reported) values: always empty for a drawn truth."""
    vals = {k: a.value for k, a in bt.answers.items() if a.status == "reported"}
    out = []
    for c in survey.checks:
        if c.lhs not in vals or (c.rhs and c.rhs not in vals):
            continue
        if c.when and str(vals.get(c.when[0])) != c.when[1]:
            continue
        if not _eval(float(vals[c.lhs]), c.op, _bound(c, vals)):
            out.append(f"{c.lhs} {c.op} {c.rhs or c.const}")
    return out
