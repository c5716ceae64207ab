"""survey.yaml -> Survey: the request as sent, validated, with one answer key per question, part and period."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from pathlib import Path

import yaml

from extractors.survey.model import Body, Check, Group, Period, Question, Rate, Survey, Vocabulary
from extractors.survey.questions import SurveyError, part_labels_from_text, question_from_spec, require, to_date

CHECK_PATTERN = re.compile(r"^\s*([\w@.-]+?)\s*(<=|>=|<|>|==|!=)\s*(?:([\d.]+)\s*\*\s*)?([\w@.-]+)\s*$")
WHEN_PATTERN = re.compile(r"^\s*([\w@.-]+?)\s*==\s*(\w+)\s*$")
PERIOD_ID = re.compile(r"^[\w.-]+$")


def check_from_spec(spec: object, keys: set[str]) -> Check:
    """Given one 'checks' entry ('a <= b' or {check, when}), return a validated Check."""
    text = spec if isinstance(spec, str) else str(require(spec, "check", "a check"))
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


def rates_from_spec(specs: object, keys: set[str]) -> tuple[Rate, ...]:
    """Given the optional 'rates' list, return validated Rates whose keys all exist."""
    if not specs:
        return ()
    if not isinstance(specs, list):
        raise SurveyError("survey.yaml: rates must be a list of {name, numerator, denominator}.")
    rates = []
    for spec in specs:
        name = str(require(spec, "name", "a rate"))
        numerator = str(require(spec, "numerator", f"rate {name}"))
        denominator = str(require(spec, "denominator", f"rate {name}"))
        for key in (numerator, denominator):
            if key not in keys:
                raise SurveyError(f"survey.yaml: rate {name} uses {key!r}, which is not an answer key.")
        rates.append(Rate(name, numerator, denominator, str(spec.get("label") or name)))
    return tuple(rates)


def default_period_id(start: object, end: object) -> str:
    """Given a period's first and last day, return a short id: '2025-26' for a year across two calendar years."""
    if start.year == end.year:
        return str(start.year)
    return f"{start.year}-{str(end.year)[2:]}"


def period_from_spec(spec: object, where: str) -> Period:
    """Given one period's mapping, return a validated Period."""
    start = to_date(require(spec, "start", where), f"{where}.start")
    end = to_date(require(spec, "end", where), f"{where}.end")
    if end < start:
        raise SurveyError(f"survey.yaml: {where}.end is before {where}.start.")
    pid = str(spec.get("id") or default_period_id(start, end))
    if not PERIOD_ID.match(pid):
        raise SurveyError(f"survey.yaml: {where} id {pid!r} may hold only letters, digits, '-', '_' and '.'.")
    return Period(pid, start, end, str(spec.get("label") or f"{start} to {end}"))


def periods_from_mapping(data: dict) -> tuple[Period, ...]:
    """Given the survey's mapping, return its periods: `periods` (several) or `period` (one)."""
    if data.get("periods") not in (None, ""):
        specs = data["periods"]
        if not isinstance(specs, list) or not specs:
            raise SurveyError("survey.yaml: periods must be a list of {id, start, end, label}.")
        periods = tuple(period_from_spec(s, f"periods[{i}]") for i, s in enumerate(specs))
        if len({p.id for p in periods}) != len(periods):
            raise SurveyError("survey.yaml: two periods have the same id; give each a distinct id.")
        return periods
    return (period_from_spec(require(data, "period", "the survey (or give 'periods')"), "period"),)


def words_list(value: object, where: str) -> tuple[str, ...]:
    """Given a YAML list of words, return it as a tuple of strings, or raise what to fix."""
    if value in (None, ""):
        return ()
    if not isinstance(value, list):
        raise SurveyError(f"survey.yaml: {where} must be a list of words.")
    return tuple(str(v) for v in value if str(v).strip())


def vocabulary_from_spec(spec: object) -> Vocabulary:
    """Given the optional 'vocabulary' mapping, return the survey's own words."""
    if spec in (None, ""):
        return Vocabulary()
    if not isinstance(spec, dict):
        raise SurveyError("survey.yaml: vocabulary must be a mapping of groups, terms, providers and people.")
    groups = []
    for i, group in enumerate(spec.get("groups") or ()):
        label = str(require(group, "label", f"vocabulary.groups[{i}]"))
        part = str(group.get("part") or "")
        groups.append(Group(str(group.get("id") or part or label), part, label,
                            words_list(group.get("words"), f"vocabulary.groups[{i}].words")))
    terms = spec.get("terms") or {}
    if not isinstance(terms, dict):
        raise SurveyError("survey.yaml: vocabulary.terms must map a term to its synonyms.")
    return Vocabulary(tuple(groups), tuple((str(t), words_list(v, f"vocabulary.terms.{t}")) for t, v in terms.items()),
                      words_list(spec.get("providers"), "vocabulary.providers"),
                      words_list(spec.get("people"), "vocabulary.people"))


def bodies_from_csv(path: Path) -> tuple[Body, ...]:
    """Given bodies.csv (code, name, aliases, email_domain), return the bodies asked, or raise what to fix."""
    if not path.is_file():
        raise SurveyError(f"survey.yaml: bodies file {path.name} is not in the survey folder.")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or not {"code", "name"} <= set(rows[0]):
        raise SurveyError(f"survey.yaml: {path.name} needs the columns code and name (aliases, email_domain optional).")
    return tuple(Body(r["code"].strip(), r["name"].strip(),
                      tuple(a.strip() for a in (r.get("aliases") or "").split(";") if a.strip()),
                      (r.get("email_domain") or "").strip().lower()) for r in rows if (r.get("code") or "").strip())


def who_was_asked(data: dict, folder: Path | None) -> dict:
    """Given the survey's mapping, return register, codes, register filter and bodies: who was asked."""
    if data.get("bodies"):
        return {"register": "", "council_codes": (), "register_filter": (),
                "bodies": bodies_from_csv((folder or Path(".")) / str(data["bodies"]))}
    councils = data.get("councils") or {}
    if not isinstance(councils, dict):
        raise SurveyError("survey.yaml: councils must be a mapping with a 'register' name or a list of 'codes'.")
    register = str(councils.get("register", ""))
    codes = tuple(str(c) for c in (councils.get("codes") or ()))
    if not register and not codes:
        raise SurveyError("survey.yaml: councils needs a 'register' name or a list of 'codes' (or give 'bodies').")
    filters = tuple((name, words_list(councils.get(name), f"councils.{name}")) for name in ("nations", "types")
                    if councils.get(name))
    return {"register": register, "council_codes": codes, "register_filter": filters, "bodies": ()}


def with_part_label_words(vocabulary: Vocabulary, questions: tuple[Question, ...]) -> Vocabulary:
    """Given the survey's words and its questions, return the words with each group's part labels added (the
    question's own '(b) households without dependent children' names its group as replies restate it)."""
    labels: dict[str, set[str]] = {}
    for question in questions:
        in_text = part_labels_from_text(question.text, [k.part for k in question.keys])
        for key in question.keys:
            for label in (key.part_label, in_text.get(key.part, "")):
                if key.group and len(label.split()) >= 2:
                    labels.setdefault(key.group, set()).add(" ".join(label.lower().split()))
    shared = {label for group, own in labels.items() for label in own
              if any(label in other for g, other in labels.items() if g != group)}
    groups = tuple(replace(g, asked=tuple(sorted(labels.get(g.id, set()) - shared -
                                                 {w.lower() for w in (g.label, *g.words)})))
                   for g in vocabulary.groups)
    return replace(vocabulary, groups=groups)


def survey_from_mapping(data: object, folder: Path | None = None) -> Survey:
    """Given parsed YAML (and the survey folder, for bodies.csv), return a validated Survey or say what to fix."""
    if not isinstance(data, dict):
        raise SurveyError("survey.yaml must be a mapping with id, period, councils and questions.")
    periods = periods_from_mapping(data)
    vocabulary = vocabulary_from_spec(data.get("vocabulary"))
    specs = require(data, "questions", "the survey")
    if not isinstance(specs, list):
        raise SurveyError("survey.yaml: questions must be a list.")
    seen: set[str] = set()
    questions = tuple(question_from_spec(s, i + 1, seen, periods, vocabulary) for i, s in enumerate(specs))
    keys = {k.key for q in questions for k in q.keys}
    vocabulary = with_part_label_words(vocabulary, questions)
    label = periods[0].label if len(periods) == 1 else f"{periods[0].label} to {periods[-1].label}"
    return Survey(
        id=str(require(data, "id", "the survey")), title=str(data.get("title") or data["id"]),
        period_start=min(p.start for p in periods), period_end=max(p.end for p in periods), period_label=label,
        questions=questions, statuses=tuple(data.get("answer_statuses") or ()),
        sent=to_date(data["sent"], "sent") if data.get("sent") else None,
        rates=rates_from_spec(data.get("rates"), keys),
        checks=tuple(check_from_spec(c, keys) for c in data.get("checks") or ()),
        periods=periods, vocabulary=vocabulary, **who_was_asked(data, folder))


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
    return survey_from_mapping(data, Path(survey_dir))
