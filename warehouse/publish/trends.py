"""Published answers -> change over the years: for each figure asked for several periods, its median per period
and how many councils' figures rose or fell between the first and the last period they reported."""

from __future__ import annotations

import statistics

import pandas as pd

from extractors.survey import Survey

NUMERIC_TYPES = ("count", "money", "percent", "duration", "hours")


def figures_by_council(answers: pd.DataFrame, key: str) -> dict[str, float]:
    """Given the published answers and one answer key, return council -> its reported figure."""
    rows = answers[(answers["question_key"] == key) & (answers["status"] == "reported")]
    found = {}
    for code, value in zip(rows["council_code"], rows["value"], strict=True):
        try:
            found[code] = float(value)
        except ValueError:
            continue
    return found


def trend_of(survey: Survey, answers: pd.DataFrame, name: str) -> dict:
    """Given a key asked for several periods, return its median per period and the councils that rose or fell."""
    keys = [k for k in survey.keys if k.name == name]
    per_period = [(k.period, figures_by_council(answers, k.key)) for k in keys]
    first, last = per_period[0][1], per_period[-1][1]
    both = sorted(set(first) & set(last))
    label = keys[0].part_label or keys[0].text
    return {
        "key": name, "question": keys[0].question_id, "label": label,
        "medians": [{"period": p, "median": round(statistics.median(v.values()), 1) if v else None, "councils": len(v)}
                    for p, v in per_period],
        "councils_both": len(both),
        "rose": sum(last[c] > first[c] for c in both), "fell": sum(last[c] < first[c] for c in both),
        "sentence": f"{label}: of {len(both)} councils that reported both {per_period[0][0]} and "
                    f"{per_period[-1][0]}, {sum(last[c] > first[c] for c in both)} rose and "
                    f"{sum(last[c] < first[c] for c in both)} fell.",
    }


def trends_of(survey: Survey, answers: pd.DataFrame) -> list[dict]:
    """Given the survey and its published answers, return the change over the years of every figure asked for
    several periods (none for a survey of one period)."""
    names = list(dict.fromkeys(k.name for k in survey.keys if k.base and k.type in NUMERIC_TYPES))
    return [trend_of(survey, answers, name) for name in names]
