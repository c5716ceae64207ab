"""survey.yaml -> Survey: the request as sent, validated, with one answer key per question or part."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

QUESTION_TYPES = ("count", "policy", "provider", "hours")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class SurveyError(ValueError):
    """survey.yaml is missing, malformed or inconsistent; the message says what to fix."""


@dataclass(frozen=True)
class AnswerKey:
    """One answer a council is asked to give: a whole question, or one part (a), (b) of it."""

    key: str
    question_id: str
    number: int
    type: str
    text: str
    part: str = ""
    part_label: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Given a key, return the words that describe what it asks for."""
        return f"{self.text} {self.part_label}".strip()


@dataclass(frozen=True)
class Question:
    """One question as sent, with its answer keys."""

    id: str
    number: int
    text: str
    type: str
    keys: tuple[AnswerKey, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rate:
    """A derived rate published beside the answers: numerator key over denominator key."""

    name: str
    numerator: str
    denominator: str
    label: str = ""


@dataclass(frozen=True)
class Check:
    """A cross-question check: `left op factor * right`, optionally only when a condition holds."""

    left: str
    op: str
    right: str
    factor: float = 1.0
    when: tuple[str, str] | None = None  # (key, value) that must hold for the check to apply
    text: str = ""


CHECK_PATTERN = re.compile(r"^\s*(\w+)\s*(<=|>=|<|>|==|!=)\s*(?:([\d.]+)\s*\*\s*)?(\w+)\s*$")
WHEN_PATTERN = re.compile(r"^\s*(\w+)\s*==\s*(\w+)\s*$")


def check_from_spec(spec: object, keys: set[str]) -> Check:
    """Given one 'checks' entry ('a <= b' or {check, when}), return a validated Check."""
    text = spec if isinstance(spec, str) else str(_require(spec, "check", "a check"))
    match = CHECK_PATTERN.match(text)
    if not match:
        raise SurveyError(f"survey.yaml: check {text!r} must look like 'key_a <= key_b' or 'key_a > 0.5 * key_b'.")
    left, op, factor, right = match.groups()
    when = None
    if isinstance(spec, dict) and spec.get("when"):
        condition = WHEN_PATTERN.match(str(spec["when"]))
        if not condition:
            raise SurveyError(f"survey.yaml: 'when' of check {text!r} must look like 'key == value'.")
        when = (condition.group(1), condition.group(2))
    for key in (left, right, *(when[:1] if when else ())):
        if key not in keys and not key.replace(".", "").isdigit():
            raise SurveyError(f"survey.yaml: check {text!r} uses {key!r}, which is not an answer key.")
    return Check(left, op, right, float(factor or 1.0), when, text)


@dataclass(frozen=True)
class Survey:
    """The request: its questions, period and who was asked."""

    id: str
    title: str
    period_start: dt.date
    period_end: dt.date
    period_label: str
    register: str
    questions: tuple[Question, ...]
    statuses: tuple[str, ...]
    sent: dt.date | None = None
    council_codes: tuple[str, ...] = field(default=())
    rates: tuple[Rate, ...] = field(default=())
    checks: tuple[Check, ...] = field(default=())

    @property
    def keys(self) -> list[AnswerKey]:
        """Given a survey, return every answer key in question order."""
        return [k for q in self.questions for k in q.keys]

    def key(self, name: str) -> AnswerKey:
        """Given a key name, return its AnswerKey."""
        return next(k for k in self.keys if k.key == name)


def _require(mapping: dict, name: str, where: str) -> object:
    """Given a mapping and a field name, return the field or raise a SurveyError naming it."""
    if not isinstance(mapping, dict) or name not in mapping or mapping[name] in (None, ""):
        raise SurveyError(f"survey.yaml: {where} needs a '{name}' field.")
    return mapping[name]


def _to_date(value: object, where: str) -> dt.date:
    """Given a YAML value, return it as a date or raise a SurveyError."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise SurveyError(f"survey.yaml: {where} must be a date like 2025-04-01, not {value!r}.") from exc


def question_number(qid: str, position: int) -> int:
    """Given a question id such as 'Q5' and its position, return the number councils will quote."""
    match = re.search(r"(\d+)", qid)
    return int(match.group(1)) if match else position


def part_labels_from_text(text: str, parts: list[str]) -> dict[str, str]:
    """Given a question's text and its part letters, return the words after each '(a)', '(b)' marker."""
    labels: dict[str, str] = {}
    for i, part in enumerate(parts):
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        end = rf"\({re.escape(nxt)}\)" if nxt else r"[?.]|$"
        match = re.search(rf"\({re.escape(part)}\)\s*(.*?)\s*(?:,?\s*(?:and|or)\s*)?(?={end})", text, re.S)
        labels[part] = match.group(1).strip(" ,:;") if match else ""
    return labels


def question_from_spec(spec: dict, position: int, seen: set[str]) -> Question:
    """Given one question's YAML mapping, return a validated Question."""
    qid = str(_require(spec, "id", f"question {position}"))
    text = str(_require(spec, "text", f"question {qid}"))
    qtype = str(_require(spec, "type", f"question {qid}"))
    if qtype not in QUESTION_TYPES:
        raise SurveyError(f"survey.yaml: question {qid} has type {qtype!r}; use one of {', '.join(QUESTION_TYPES)}.")
    number = question_number(qid, position)
    aliases = tuple(str(a) for a in spec.get("aliases") or ())
    parts = spec.get("parts")
    if parts is not None and (not isinstance(parts, dict) or not parts):
        raise SurveyError(f"survey.yaml: question {qid} 'parts' must map part letters to keys, like {{a: key_a}}.")
    if parts:
        names = [str(p) for p in parts]
        labels = part_labels_from_text(text, names)
        extra = spec.get("part_labels") or {}
        pairs = [(str(p), str(k), str(extra.get(p) or labels.get(str(p), ""))) for p, k in parts.items()]
    else:
        pairs = [("", str(_require(spec, "key", f"question {qid} (or give it 'parts')")), "")]
    keys = []
    for part, key, label in pairs:
        if not KEY_PATTERN.match(key):
            raise SurveyError(f"survey.yaml: key {key!r} in question {qid} must be lower_snake_case.")
        if key in seen:
            raise SurveyError(f"survey.yaml: key {key!r} is used twice; every answer key must be unique.")
        seen.add(key)
        keys.append(AnswerKey(key, qid, number, qtype, text, part, label, aliases))
    return Question(qid, number, text, qtype, tuple(keys), aliases)


def rates_from_spec(specs: object, keys: set[str]) -> tuple[Rate, ...]:
    """Given the optional 'rates' list, return validated Rates whose keys all exist."""
    if not specs:
        return ()
    if not isinstance(specs, list):
        raise SurveyError("survey.yaml: rates must be a list of {name, numerator, denominator}.")
    rates = []
    for spec in specs:
        name = str(_require(spec, "name", "a rate"))
        numerator = str(_require(spec, "numerator", f"rate {name}"))
        denominator = str(_require(spec, "denominator", f"rate {name}"))
        for key in (numerator, denominator):
            if key not in keys:
                raise SurveyError(f"survey.yaml: rate {name} uses {key!r}, which is not an answer key.")
        rates.append(Rate(name, numerator, denominator, str(spec.get("label") or name)))
    return tuple(rates)


def survey_from_mapping(data: object) -> Survey:
    """Given parsed YAML, return a validated Survey or raise a SurveyError saying what to fix."""
    if not isinstance(data, dict):
        raise SurveyError("survey.yaml must be a mapping with id, period, councils and questions.")
    period = _require(data, "period", "the survey")
    start = _to_date(_require(period, "start", "period"), "period.start")
    end = _to_date(_require(period, "end", "period"), "period.end")
    if end < start:
        raise SurveyError("survey.yaml: period.end is before period.start.")
    councils = data.get("councils") or {}
    register = str(councils.get("register", "")) if isinstance(councils, dict) else ""
    codes = tuple(str(c) for c in (councils.get("codes") or ())) if isinstance(councils, dict) else ()
    if not register and not codes:
        raise SurveyError("survey.yaml: councils needs a 'register' name or a list of 'codes'.")
    specs = _require(data, "questions", "the survey")
    if not isinstance(specs, list):
        raise SurveyError("survey.yaml: questions must be a list.")
    seen: set[str] = set()
    questions = tuple(question_from_spec(s, i + 1, seen) for i, s in enumerate(specs))
    sent = _to_date(data["sent"], "sent") if data.get("sent") else None
    return Survey(
        id=str(_require(data, "id", "the survey")),
        title=str(data.get("title") or data["id"]),
        period_start=start,
        period_end=end,
        period_label=str(period.get("label") or f"{start} to {end}"),
        register=register,
        questions=questions,
        statuses=tuple(data.get("answer_statuses") or ()),
        sent=sent,
        council_codes=codes,
        rates=rates_from_spec(data.get("rates"), seen),
        checks=tuple(check_from_spec(c, seen) for c in data.get("checks") or ()),
    )


def load_survey(survey_dir: Path) -> Survey:
    """Given a survey folder, return its validated Survey or raise a SurveyError."""
    path = Path(survey_dir) / "survey.yaml"
    if not path.is_file():
        raise SurveyError(f"No survey.yaml in {survey_dir}: a survey folder needs survey.yaml and replies/.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SurveyError(f"survey.yaml is not valid YAML ({exc.__class__.__name__}): check line "
                          f"{getattr(getattr(exc, 'problem_mark', None), 'line', 0) + 1}.") from exc
    return survey_from_mapping(data)
