"""The second bundled example (ta-2026: two periods and seven answer types) through the whole plain run."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from flows.pipeline import run_survey
from tests.generator.score import report, score

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ta-2026"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The example run once into a fresh warehouse; the publication folder."""
    folder = tmp_path_factory.mktemp("second") / "ta-2026"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".foi"))
    run_survey(folder, f"sqlite:///{folder / 'w.sqlite'}", folder / "out", workers=2)
    return folder / "out"


def test_accuracy_on_the_second_example(published: Path):
    result = score(published, EXAMPLE / "expected")
    print(f"\nsecond example:\n{report(result, show=10)}")
    assert result.precision >= 0.998, report(result, show=20)
    assert result.recall >= 0.95, report(result, show=20)


def test_answers_carry_their_period_and_the_comparison_a_column_per_key_and_period(published: Path):
    with (published / "answers.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    periods = {(r["question_key"], r["period"]) for r in rows}
    assert ("ta_spend@2023-24", "2023-24") in periods and ("ta_spend@2024-25", "2024-25") in periods
    assert ("out_of_area_pct", "2024-25") in periods  # asked for one period only: the key keeps its name
    with (published / "comparison.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert {"households_children@2023-24", "households_children@2024-25", "contract_end"} <= set(header)
    assert len(header) == len(set(header))


def test_new_answer_types_publish_in_their_documented_form(published: Path):
    with (published / "answers.csv").open(encoding="utf-8") as handle:
        reported = [r for r in csv.DictReader(handle) if r["status"] == "reported"]
    by_key: dict[str, list[str]] = {}
    for row in reported:
        by_key.setdefault(row["question_key"].split("@")[0], []).append(row["value"])
    assert all(v in ("yes", "no") for v in by_key["uses_bb_now"])
    assert all(v.replace(".", "", 1).isdigit() for v in by_key["ta_spend"] + by_key["out_of_area_pct"])
    assert all(len(v) == 10 and v[4] == "-" for v in by_key["contract_end"])
    options = {"bed_and_breakfast", "hostel", "nightly_paid", "private_leased", "council_stock"}
    assert all(set(v.split(";")) <= options for v in by_key["ta_types"])


def test_the_report_shows_change_over_the_years(published: Path):
    import json

    trends = json.loads((published / "summary.json").read_text(encoding="utf-8"))["headline"]["trends"]
    spend = next(t for t in trends if t["key"] == "ta_spend")
    assert [m["period"] for m in spend["medians"]] == ["2023-24", "2024-25"]
    assert spend["rose"] + spend["fell"] <= spend["councils_both"]
    assert "Change over the years" in (published / "report.html").read_text(encoding="utf-8")
