"""Cross-question checks from survey.yaml: answers that contradict each other go to review, kept as given."""

from __future__ import annotations

import operator

import pandas as pd

from extractors.survey import Check, Survey

OPERATORS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt, "==": operator.eq,
             "!=": operator.ne}


def operand(values: dict[str, str], name: str) -> float | None:
    """Given one council's reported values and a key or literal, return its number, or None if not reported."""
    if name.replace(".", "").isdigit():
        return float(name)
    raw = values.get(name, "")
    try:
        return float(raw)
    except ValueError:
        return None


def check_fails(check: Check, values: dict[str, str]) -> bool:
    """Given one council's reported values, return whether the check applies and fails."""
    if check.when and values.get(check.when[0]) != check.when[1]:
        return False
    left, right = operand(values, check.left), operand(values, check.right)
    if left is None or right is None:
        return False
    return not OPERATORS[check.op](left, check.factor * right)


def describe(check: Check, values: dict[str, str]) -> str:
    """Given a failed check, return a sentence a researcher understands."""
    condition = f" (given {check.when[0]} = {check.when[1]})" if check.when else ""
    right = f"{check.factor:g} x {check.right}" if check.factor != 1 else check.right
    shown_right = values.get(check.right, check.right)
    return (f"cross-question check failed{condition}: expected {check.left} {check.op} {right}, "
            f"but {check.left} = {values.get(check.left, check.left)} and {check.right} = {shown_right}")


def cross_question_flags(answers: pd.DataFrame, survey: Survey) -> pd.DataFrame:
    """Given the answers, return one row per council and check that fails (council_code, question_key, reason)."""
    rows = []
    reported = answers[answers["status"] == "reported"]
    for code, group in reported.groupby("council_code", sort=True):
        values = dict(zip(group["question_key"], group["value"], strict=True))
        for check in survey.checks:
            if check_fails(check, values):
                rows.append({"council_code": code, "question_key": check.left, "reason": describe(check, values)})
    return pd.DataFrame(rows, columns=["council_code", "question_key", "reason"])
