"""One question's YAML -> Question: its type, parts, periods, options and units, validated with clear errors."""

from __future__ import annotations

import datetime as dt
import re

from extractors.survey.model import DURATION_UNITS, QUESTION_TYPES, AnswerKey, Period, Question, Vocabulary

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class SurveyError(ValueError):
    """survey.yaml is missing, malformed or inconsistent; the message says what to fix."""


def require(mapping: object, name: str, where: str) -> object:
    """Given a mapping and a field name, return the field or raise a SurveyError naming it."""
    if not isinstance(mapping, dict) or name not in mapping or mapping[name] in (None, ""):
        raise SurveyError(f"survey.yaml: {where} needs a '{name}' field.")
    return mapping[name]


def to_date(value: object, where: str) -> dt.date:
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


def options_from_spec(spec: dict, qid: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Given a choice question's mapping, return its options as (id, label, words), or raise what to fix."""
    options = spec.get("options")
    if not isinstance(options, dict) or not options:
        raise SurveyError(f"survey.yaml: choice question {qid} needs 'options' mapping ids to labels, "
                          "like {{in_house: {{label: In-house team}}}}.")
    found = []
    for oid, value in options.items():
        if not KEY_PATTERN.match(str(oid)):
            raise SurveyError(f"survey.yaml: option {oid!r} of question {qid} must be lower_snake_case.")
        label = str(value.get("label") or oid) if isinstance(value, dict) else str(value or oid)
        words = tuple(str(w) for w in (value.get("words") or ())) if isinstance(value, dict) else ()
        found.append((str(oid), label, words))
    return tuple(found)


def type_details(spec: dict, qid: str, qtype: str) -> dict:
    """Given a question's mapping and type, return the AnswerKey fields that type needs (options, unit)."""
    if qtype not in QUESTION_TYPES:
        raise SurveyError(f"survey.yaml: question {qid} has type {qtype!r}; use one of {', '.join(QUESTION_TYPES)}.")
    details: dict = {}
    if qtype == "choice":
        details = {"options": options_from_spec(spec, qid), "multiple": bool(spec.get("multiple"))}
    if qtype == "duration":
        unit = str(spec.get("unit") or "")
        if unit not in DURATION_UNITS:
            raise SurveyError(f"survey.yaml: duration question {qid} needs 'unit': one of {', '.join(DURATION_UNITS)}.")
        details = {"unit": unit}
    return details


def question_periods(spec: dict, qid: str, periods: tuple[Period, ...]) -> tuple[str, ...]:
    """Given a question's mapping and the survey's periods, return the ids of the periods it is asked for."""
    ids = [p.id for p in periods]
    if spec.get("period") not in (None, ""):
        wanted = str(spec["period"])
        if wanted not in ids:
            raise SurveyError(f"survey.yaml: question {qid} has period {wanted!r}; use one of {', '.join(ids)}.")
        return (wanted,)
    if spec.get("as_at") not in (None, ""):
        day = to_date(spec["as_at"], f"question {qid} as_at")
        within = [p.id for p in periods if p.start <= day <= p.end]
        return (within[0] if within else ids[-1],)
    return tuple(ids)


def group_of(text: str, vocabulary: Vocabulary) -> str:
    """Given a question's text, return the cohort it names in the survey's words (the longest phrase found), or ''."""
    flat = f" {' '.join(re.sub(r'[^a-z0-9&]+', ' ', text.lower()).split())} "
    named = [(len(phrase), g) for g, phrase in vocabulary.group_phrases
             if f" {' '.join(re.sub(r'[^a-z0-9&]+', ' ', phrase.lower()).split())} " in flat]
    return max(named)[1] if named else ""


def key_parts(spec: dict, qid: str, text: str) -> list[tuple[str, str, str]]:
    """Given a question's mapping, return (part, key, part label) for each of its answer keys."""
    parts = spec.get("parts")
    if parts is not None and (not isinstance(parts, dict) or not parts):
        raise SurveyError(f"survey.yaml: question {qid} 'parts' must map part letters to keys, like {{a: key_a}}.")
    if not parts:
        return [("", str(require(spec, "key", f"question {qid} (or give it 'parts')")), "")]
    labels = part_labels_from_text(text, [str(p) for p in parts])
    extra = spec.get("part_labels") or {}
    return [(str(p), str(k), str(extra.get(p) or labels.get(str(p), ""))) for p, k in parts.items()]


def question_from_spec(spec: dict, position: int, seen: set[str], periods: tuple[Period, ...],
                       vocabulary: Vocabulary) -> Question:
    """Given one question's YAML mapping, the survey's periods and words, return a validated Question."""
    qid = str(require(spec, "id", f"question {position}"))
    text = str(require(spec, "text", f"question {qid}"))
    qtype = str(require(spec, "type", f"question {qid}"))
    details = type_details(spec, qid, qtype)
    number = question_number(qid, position)
    aliases = tuple(str(a) for a in spec.get("aliases") or ())
    asked = question_periods(spec, qid, periods)
    groups = {g.part: g.id for g in vocabulary.groups if g.part}
    providers = vocabulary.providers if qtype == "provider" else ()
    keys = []
    for part, key, label in key_parts(spec, qid, text):
        if not KEY_PATTERN.match(key):
            raise SurveyError(f"survey.yaml: key {key!r} in question {qid} must be lower_snake_case.")
        if key in seen:
            raise SurveyError(f"survey.yaml: key {key!r} is used twice; every answer key must be unique.")
        seen.add(key)
        group = groups.get(part, "") if part else ""
        for period in asked:
            name = f"{key}@{period}" if len(asked) > 1 else key
            keys.append(AnswerKey(name, qid, number, qtype, text, part, label, aliases, group, period,
                                  key if name != key else "", providers=providers, **details))
    as_at = to_date(spec["as_at"], f"question {qid} as_at").isoformat() if spec.get("as_at") else ""
    return Question(qid, number, text, qtype, tuple(keys), aliases, group_of(text, vocabulary), asked,
                    vocabulary.term_pairs, as_at)
