"""Review files are as safe as the publication, carry their survey, and refuse a decided value of the wrong type
with a message naming the row; `foi review apply` finds the survey of a review file saved anywhere."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.pipeline import run_survey
from warehouse.db import default_url, engine_for
from warehouse.publish.safety import RISKY_START
from warehouse.review import export_review


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Path]:
    """The example survey run once (plain stages, in this process) and its review queue saved elsewhere."""
    import shutil

    from tests.conftest import EXAMPLE

    base = tmp_path_factory.mktemp("review")
    survey = base / "survey"
    shutil.copytree(EXAMPLE, survey, ignore=shutil.ignore_patterns(".foi", "expected"))
    (survey / "replies" / "=HYPERLINK(1) reply.csv").write_text("Question,Response\nQ3,=cmd|' /C calc'!A0\n")
    run_survey(survey, workers=0)
    csv_path, _ = export_review(engine_for(default_url(survey)), "rhi-2026", base / "elsewhere", survey)
    return survey, csv_path


def test_the_queue_names_its_survey_and_runs_no_formula(exported):
    survey, csv_path = exported
    queue = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    assert set(queue["survey_id"]) == {"rhi-2026"} and set(queue["survey_folder"]) == {str(survey.resolve())}
    assert not any(str(v).startswith(RISKY_START) for v in queue.to_numpy().ravel())
    assert queue["source_file"].str.startswith("'=HYPERLINK").any()


def test_apply_refuses_a_value_of_the_wrong_type_naming_the_row(exported):
    _, csv_path = exported
    queue = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    queue.loc[0, ["question_key", "decided_status", "decided_value", "reviewer"]] = [
        "timescale_hours", "reported", "maybe", "A. Researcher"]
    filled = csv_path.with_name("filled.csv")
    queue.to_csv(filled, index=False)
    result = CliRunner().invoke(app, ["review", "apply", str(filled)], env={"COLUMNS": "400"})
    assert result.exit_code != 0
    assert "row 2: decided_value 'maybe' for timescale_hours (hours question) must be a whole number of hours" \
        in " ".join(result.output.split())


def test_apply_finds_the_survey_of_a_file_saved_elsewhere(exported):
    survey, csv_path = exported
    queue = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    queue.loc[0, ["question_key", "decided_status", "decided_value", "reviewer"]] = [
        "timescale_hours", "reported", "72", "A. Researcher"]
    filled = csv_path.with_name("decided.csv")
    queue.to_csv(filled, index=False)
    result = CliRunner().invoke(app, ["review", "apply", str(filled)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert f"foi run {survey}" in " ".join(result.output.split())
