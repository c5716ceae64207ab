"""Published answers -> headline figures, each with its denominator, counted only from councils that answered."""

from __future__ import annotations

import re
import statistics

import pandas as pd

from extractors.survey import AnswerKey, Rate, Survey
from schemas.vocabulary import STATUSES
from warehouse.publish.trends import trends_of

RESPONSE_WORDS = {"replied": "in full", "partial": "in part", "refused": "refused"}
# "Does your authority offer X?" reads as "... councils that answered offer X"; the auxiliary agrees with them.
AUXILIARY = {"does": "", "do": "", "is": "are", "are": "are", "has": "have", "have": "have", "will": "will",
             "can": "can"}
YES_NO_QUESTION = re.compile(r"^(does|do|is|are|has|have|will|can)\s+(?:your|the)\s+(?:local authority|authority|"
                             r"council|organisation)\s+(.+?)\s*\??$", re.I | re.S)


def key_name(key: AnswerKey) -> str:
    """Given an answer key, return its short name as councils see it, e.g. 'Q5(a)'."""
    return f"{key.question_id}({key.part})" if key.part else key.question_id


def reported(answers: pd.DataFrame, key: str) -> pd.DataFrame:
    """Given the answers, return one key's reported answers."""
    return answers[(answers["question_key"] == key) & (answers["status"] == "reported")]


def coverage_of(survey: Survey, answers: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Given the answers, return per key how many replying councils gave each status."""
    coverage = {}
    for key in survey.keys:
        rows = answers[answers["question_key"] == key.key]
        counts = rows["status"].value_counts()
        coverage[key.key] = {"councils_replied": int(rows["council_code"].nunique()),
                             **{s: int(counts.get(s, 0)) for s in STATUSES}}
    return coverage


def policy_phrase(key: AnswerKey) -> str:
    """Given a yes/no policy question, return what 'yes' says about councils, or a quote of the question."""
    match = YES_NO_QUESTION.match(key.text.strip())
    if match and not key.part:
        return " ".join(w for w in (AUXILIARY[match.group(1).lower()], match.group(2)) if w)
    return f"said yes to \u201c{key.label}\u201d"


def policy_figures(survey: Survey, answers: pd.DataFrame) -> list[dict]:
    """Given the answers, return per policy key how many of the councils that answered gave each value."""
    figures = []
    for key in (k for k in survey.keys if k.type == "policy"):
        values = reported(answers, key.key)["value"].value_counts()
        answered = int(values.sum())
        counts = {v: int(values.get(v, 0)) for v in ("yes", "partial", "no")}
        sentence = f"{counts['yes']} of {answered} councils that answered {policy_phrase(key)}"
        sentence += f"; {counts['partial']} partly, {counts['no']} no."
        figures.append({"key": key.key, "question": key.label, "answered": answered, **counts, "sentence": sentence})
    return figures


def ratios(answers: pd.DataFrame, spec: Rate) -> dict[str, float]:
    """Given the answers, return each council's rate where both counts are reported and the denominator is not 0."""
    top, bottom = (pd.to_numeric(reported(answers, key).set_index("council_code")["value"], errors="coerce").dropna()
                   for key in (spec.numerator, spec.denominator))
    both = sorted(set(top.index) & set(bottom.index))
    return {c: float(top[c]) / float(bottom[c]) for c in both if float(bottom[c]) != 0}


def percent(share: float | None) -> str:
    """Given a share of 1, return it as a percentage in words."""
    return "n/a" if share is None else f"{share * 100:.1f}%"


def rate_figures(survey: Survey, answers: pd.DataFrame) -> list[dict]:
    """Given the answers, return per rate its median and range over councils that reported both counts."""
    figures = []
    for spec in survey.rates:
        values = sorted(ratios(answers, spec).values())
        median = statistics.median(values) if values else None
        low, high = (values[0], values[-1]) if values else (None, None)
        sentence = (f"{spec.label}: median {percent(median)} (range {percent(low)} to {percent(high)}), "
                    f"from the {len(values)} councils that reported both figures." if values else
                    f"{spec.label}: no council reported both figures.")
        figures.append({"name": spec.name, "label": spec.label, "numerator": spec.numerator,
                        "denominator": spec.denominator, "councils": len(values),
                        "median": _round(median), "min": _round(low), "max": _round(high), "sentence": sentence})
    return figures


def _round(value: float | None) -> float | None:
    """Given a share or None, return it rounded to 4 places so the JSON is stable."""
    return None if value is None else round(value, 4)


def response_sentence(comparison: pd.DataFrame) -> str:
    """Given the comparison, return how many councils replied, in words, out of all asked."""
    counts = comparison["response_status"].value_counts()
    replied = int(len(comparison) - counts.get("no_reply", 0))
    parts = [f"{int(counts[s])} {w}" for s, w in RESPONSE_WORDS.items() if counts.get(s, 0)]
    detail = f": {', '.join(parts)}" if parts else ""
    return (f"{replied} of {len(comparison)} councils asked replied{detail}; "
            f"{int(counts.get('no_reply', 0))} did not reply.")


def coverage_sentence(key: AnswerKey, counts: dict[str, int]) -> str:
    """Given a key's status counts, return its coverage in words with the denominator."""
    return (f"{key_name(key)} \u201c{key.part_label or key.text}\u201d: answered by {counts['reported']} of "
            f"{counts['councils_replied']} councils that replied ({counts['suppressed']} suppressed, "
            f"{counts['refused']} refused, {counts['not_held']} not held, {counts['needs_review']} under review).")


def headline_of(survey: Survey, answers: pd.DataFrame, comparison: pd.DataFrame) -> dict:
    """Given the published answers and comparison, return the headline figures and their sentences."""
    coverage = coverage_of(survey, answers)
    policies = policy_figures(survey, answers)
    rates = rate_figures(survey, answers)
    sentences = [response_sentence(comparison)] + [p["sentence"] for p in policies] + [r["sentence"] for r in rates]
    return {
        "councils_asked": int(len(comparison)),
        "councils_replied": int(answers["council_code"].nunique()),
        "policies": policies,
        "rates": rates,
        "coverage": coverage,
        "coverage_sentences": [coverage_sentence(k, coverage[k.key]) for k in survey.keys],
        "sentences": sentences,
        "trends": trends_of(survey, answers),
    }
