"""Scoring published answers against a careful human's expected answers: precision and recall."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Score:
    """How the published answers compare with the expected ones."""

    published_reported: int
    expected_reported: int
    correct: int
    status_agree: int
    rows_compared: int
    mistakes: tuple[str, ...]

    @property
    def precision(self) -> float:
        """Correct reported values / values published as reported."""
        return self.correct / self.published_reported if self.published_reported else 1.0

    @property
    def recall(self) -> float:
        """Correct reported values / expected reported values."""
        return self.correct / self.expected_reported if self.expected_reported else 1.0


def read_answers(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """Given an answers CSV, return (council, key) -> (status, value)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {(r["council_code"], r["question_key"]): (r["status"], r["value"]) for r in csv.DictReader(handle)}


def score(published: Path, expected: Path) -> Score:
    """Given published and expected answers.csv files, return the comparison."""
    got, want = read_answers(published), read_answers(expected)
    reported = {k: v for k, v in got.items() if v[0] == "reported"}
    correct = sum(1 for k, v in reported.items() if want.get(k) == v)
    mistakes = tuple(
        f"{k[0]} {k[1]}: published {got.get(k, ('missing', ''))} expected {want.get(k, ('missing', ''))}"
        for k in sorted(set(got) | set(want)) if got.get(k) != want.get(k)
    )
    return Score(
        published_reported=len(reported),
        expected_reported=sum(1 for v in want.values() if v[0] == "reported"),
        correct=correct,
        status_agree=sum(1 for k, v in want.items() if got.get(k, ("",))[0] == v[0]),
        rows_compared=len(want),
        mistakes=mistakes,
    )
