"""Read an (extended-format) survey.yaml into the few plain objects the generator needs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent


@dataclass
class Period:
    """One reporting period of the survey."""

    id: str
    start: dt.date
    end: dt.date
    label: str


@dataclass
class Question:
    """One question as asked."""

    id: str
    text: str
    type: str
    keys: dict[str | None, str]  # part letter (None for a single key) -> base key
    aliases: list[str] = field(default_factory=list)
    part_labels: dict[str, str] = field(default_factory=dict)
    period: str | None = None
    as_at: dt.date | None = None
    options: dict[str, dict] = field(default_factory=dict)
    multiple: bool = False
    unit: str | None = None

    @property
    def number(self) -> int:
        """The question's number (Q5 -> 5)."""
        m = re.search(r"\d+", self.id)
        return int(m.group()) if m else 0

    @property
    def parted(self) -> bool:
        """True when the question has lettered parts."""
        return None not in self.keys


@dataclass
class AnswerKey:
    """One answer key: a question part for one period."""

    key: str
    base: str
    question: Question
    part: str | None
    period: str  # period id, as_at ISO date, or the single period's id


@dataclass
class Check:
    """A cross-question check 'lhs OP factor * rhs' (rhs may be a number), with an optional condition."""

    lhs: str
    op: str
    rhs: str | None
    factor: float
    const: float | None
    when: tuple[str, str] | None = None


@dataclass
class Survey:
    """The parts of a survey the generator uses."""

    id: str
    title: str
    sent: dt.date
    periods: list[Period]
    multi_period: bool
    questions: list[Question]
    keys: list[AnswerKey]
    checks: list[Check]
    councils: Any
    groups: dict[str, dict]
    terms: dict[str, list[str]]
    providers: list[str]
    extra: dict
    path: Path
    raw: dict

    def key(self, name: str) -> AnswerKey:
        """The answer key called name."""
        return self._by_name[name]

    def __post_init__(self) -> None:
        self._by_name = {k.key: k for k in self.keys}

    def group_label(self, part: str | None) -> str:
        """The cohort label of a part letter ('' when none)."""
        return (self.groups.get(part) or {}).get("label", "") if part else ""


def _date(v: Any) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


def _period_id(start: dt.date, end: dt.date) -> str:
    return f"{start.year}-{str(end.year)[2:]}" if end.year != start.year else str(start.year)


def _parse_check(item: Any) -> Check:
    when = None
    text = item
    if isinstance(item, dict):
        text = item["check"]
        if item.get("when"):
            a, b = [s.strip() for s in str(item["when"]).split("==")]
            when = (a, b)
    m = re.fullmatch(r"\s*(\S+)\s*(<=|>=|<|>)\s*(?:([\d.]+)\s*\*\s*)?(\S+)\s*", str(text))
    if not m:
        raise ValueError(f"cannot read check {text!r}")
    lhs, op, factor, rhs = m.groups()
    const = None
    if re.fullmatch(r"[\d.]+", rhs):
        const, rhs = float(rhs), None
    return Check(lhs, op, rhs, float(factor) if factor else 1.0, const, when)


def _expand_checks(raw: list, keys: list[AnswerKey], periods: list[Period]) -> list[Check]:
    """Checks over base keys of multi-period questions apply to each period."""
    names = {k.key for k in keys}
    per_base: dict[str, list[str]] = {}
    for k in keys:
        per_base.setdefault(k.base, []).append(k.key)
    out = []
    for item in raw or []:
        c = _parse_check(item)
        sides = [s for s in (c.lhs, c.rhs) if s]
        if all(s in names for s in sides):
            out.append(c)
            continue
        for p in periods:
            def fix(s: str | None, pid: str = p.id) -> str | None:
                if s is None or s in names:
                    return s
                return f"{s}@{pid}" if f"{s}@{pid}" in names else None
            lhs, rhs = fix(c.lhs), fix(c.rhs)
            if lhs and (rhs or c.rhs is None):
                out.append(Check(lhs, c.op, rhs, c.factor, c.const, c.when))
    return out


def load_extra(survey_id: str) -> dict:
    """The generator's own vocabulary file for this survey (vocab/<id>.yaml), or {}."""
    p = HERE / "vocab" / f"{survey_id}.yaml"
    return yaml.safe_load(p.read_text(encoding="utf-8")) or {} if p.exists() else {}


def load_survey(path: str | Path) -> Survey:
    """Load survey.yaml (a file or a folder holding one)."""
    p = Path(path)
    if p.is_dir():
        p = p / "survey.yaml"
    raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    if raw.get("periods"):
        periods = [Period(str(x["id"]), _date(x["start"]), _date(x["end"]), str(x.get("label", x["id"])))
                   for x in raw["periods"]]
    else:
        x = raw["period"]
        s, e = _date(x["start"]), _date(x["end"])
        periods = [Period(str(x.get("id") or _period_id(s, e)), s, e, str(x.get("label", "")))]
    multi = len(periods) > 1
    questions, keys = [], []
    for q in raw["questions"]:
        kmap = {str(a): str(k) for a, k in q["parts"].items()} if q.get("parts") else {None: str(q["key"])}
        qq = Question(str(q["id"]), str(q["text"]), str(q["type"]), kmap, list(q.get("aliases") or []),
                      {str(a): str(v) for a, v in (q.get("part_labels") or {}).items()},
                      str(q["period"]) if q.get("period") else None,
                      _date(q["as_at"]) if q.get("as_at") else None,
                      dict(q.get("options") or {}), bool(q.get("multiple")), q.get("unit"))
        questions.append(qq)
        for part, base in kmap.items():
            if qq.as_at:
                keys.append(AnswerKey(base, base, qq, part, qq.as_at.isoformat()))
            elif qq.period or not multi:
                keys.append(AnswerKey(base, base, qq, part, qq.period or periods[0].id))
            else:
                for per in periods:
                    keys.append(AnswerKey(f"{base}@{per.id}", base, qq, part, per.id))
    vocab = raw.get("vocabulary") or {}
    extra = load_extra(str(raw["id"]))
    groups = {str(g["part"]): dict(g) for g in vocab.get("groups") or []}
    for part, words in (extra.get("groups") or {}).items():
        groups.setdefault(str(part), {"part": part, "label": words[0], "words": []})
        groups[str(part)]["words"] = list(groups[str(part)].get("words") or []) + list(words)
    terms = {str(t): list(w or []) for t, w in (vocab.get("terms") or {}).items()}
    for t, w in (extra.get("terms") or {}).items():
        terms.setdefault(str(t), []).extend(w)
    providers = list(vocab.get("providers") or []) + list(extra.get("providers") or [])
    return Survey(str(raw["id"]), str(raw.get("title", raw["id"])), _date(raw.get("sent", "2026-01-01")), periods,
                  multi, questions, keys, _expand_checks(raw.get("checks"), keys, periods),
                  raw.get("councils") if "councils" in raw else {"bodies": raw.get("bodies")},
                  groups, terms, list(dict.fromkeys(providers)), extra, p, raw)
