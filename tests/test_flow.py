"""The real Prefect flow on the example survey: accuracy, idempotent loads, byte-identical publications."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from .conftest import EXAMPLE
from .scoring import score

pytestmark = pytest.mark.flow
TABLES = ("answers", "files", "survey_councils", "councils", "questions", "review_items")


def table_rows(url: str) -> dict[str, list[tuple]]:
    """Every row of the loaded tables (run ids aside), sorted, to compare two runs."""
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = {}
        for table in TABLES:
            found = connection.execute(text(f"SELECT * FROM {table}")).mappings().all()
            rows[table] = sorted(tuple((k, v) for k, v in r.items() if k not in ("run_id", "last_run_id"))
                                 for r in found)
    engine.dispose()
    return rows


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """The example survey run twice through the real flow, publishing to two folders."""
    import shutil

    from flows.run import foi_run

    folder = tmp_path_factory.mktemp("flow") / "rhi-2026"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".foi"))
    url = f"sqlite:///{folder / 'warehouse.sqlite'}"
    first = foi_run(str(folder), url, str(folder / "pub1"))
    rows_after_first = table_rows(url)
    second = foi_run(str(folder), url, str(folder / "pub2"))
    return folder, url, first, second, rows_after_first


def test_accuracy_on_the_example_survey(two_runs):
    folder, *_ = two_runs
    result = score(folder / "pub1" / "answers.csv", EXAMPLE / "expected" / "answers.csv")
    print(f"\nexample survey: precision {result.precision:.4f} recall {result.recall:.4f} "
          f"({result.correct} correct of {result.published_reported} published, {result.expected_reported} expected)")
    assert result.precision >= 0.995, result.mistakes
    assert result.recall >= 0.97, result.mistakes


def test_publication_follows_the_contract(two_runs):
    folder, *_ = two_runs
    with (folder / "pub1" / "comparison.csv").open(encoding="utf-8") as handle:
        comparison = list(csv.DictReader(handle))
    assert len(comparison) == 153
    statuses = {r["council_code"]: r["response_status"] for r in comparison}
    with (EXAMPLE / "expected" / "councils.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            assert statuses[row["council_code"]] == row["response_status"], row["council_code"]
    with (folder / "pub1" / "files.csv").open(encoding="utf-8") as handle:
        files = list(csv.DictReader(handle))
    assert len(files) == 25 and all(f["state"] == "loaded" for f in files)
    assert {"source_file", "sha256", "council_codes", "state", "reason"} <= set(files[0])


def test_second_run_leaves_the_same_rows_and_identical_files(two_runs):
    folder, url, first, second, rows_after_first = two_runs
    assert table_rows(url) == rows_after_first
    for name in ("answers.csv", "comparison.csv", "files.csv", "review.csv", "summary.json"):
        assert (folder / "pub1" / name).read_bytes() == (folder / "pub2" / name).read_bytes(), name
    assert second.run_id == first.run_id + 1


def test_cli_prints_a_summary_and_exits_zero(survey_copy: Path):
    env = {**os.environ, "FOI_WAREHOUSE_URL": f"sqlite:///{survey_copy / 'cli.sqlite'}"}
    done = subprocess.run([sys.executable, "-m", "flows.cli", "run", str(survey_copy)], capture_output=True,
                          text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Publication:" in done.stdout and "Needs review" in done.stdout
    assert (survey_copy / ".foi" / "publish" / "answers.csv").is_file()
    assert "INFO" not in done.stdout + done.stderr  # Prefect's own chatter stays quiet


def test_cli_error_is_one_plain_sentence(tmp_path: Path):
    done = subprocess.run([sys.executable, "-m", "flows.cli", "run", str(tmp_path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert "no survey.yaml" in done.stderr and "Traceback" not in done.stderr
