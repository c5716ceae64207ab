"""Scoring golden fixture sets: wrong values published, and precision and recall of reported values by kind."""

from __future__ import annotations

from collections.abc import Callable

Expected = dict[str, dict[str, tuple[str, str]]]


def wrongly_reported(expected: Expected, answers_for: Callable[[str], dict]) -> list[str]:
    """Given a fixture set, return every key published as reported whose expected status or value differs."""
    found = []
    for fixture, want in expected.items():
        for key, got in answers_for(fixture).items():
            if got.status == "reported" and want[key] != ("reported", got.value):
                found.append(f"{fixture} {key}: published {got.value!r}, expected {want[key][0]} {want[key][1]!r}"
                             f" [{got.locator}]")
    return found


def scores(expected: Expected, answers_for: Callable[[str], dict],
           kind_of: Callable[[str], str]) -> dict[str, tuple[int, int, int]]:
    """Given a fixture set, return kind -> (published reported, expected reported, correct reported), plus 'all'."""
    table: dict[str, list[int]] = {}
    for fixture, want in expected.items():
        got = answers_for(fixture)
        for kind in (kind_of(fixture), "all"):
            row = table.setdefault(kind, [0, 0, 0])
            row[0] += sum(1 for g in got.values() if g.status == "reported")
            row[1] += sum(1 for s, _ in want.values() if s == "reported")
            row[2] += sum(1 for k, g in got.items() if g.status == "reported" and want[k] == ("reported", g.value))
    return {kind: tuple(row) for kind, row in table.items()}


def score_lines(title: str, table: dict[str, tuple[int, int, int]]) -> list[str]:
    """Given scores by kind, return them as printable lines with precision and recall."""
    lines = ["", f"{title}: precision and recall of reported values",
             f"  {'kind':<6} {'published':>9} {'expected':>9} {'correct':>8} {'precision':>9} {'recall':>7}"]
    for kind in sorted(table, key=lambda k: (k == "all", k)):
        published, expected, correct = table[kind]
        precision = correct / published if published else 1.0
        recall = correct / expected if expected else 1.0
        lines.append(f"  {kind:<6} {published:>9} {expected:>9} {correct:>8} {precision:>9.3f} {recall:>7.3f}")
    return lines
