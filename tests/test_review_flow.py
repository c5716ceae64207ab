"""Review decisions survive: export, decide, apply, re-run, add a reply, re-run; a stale decision is flagged."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from warehouse.db import engine_for
from warehouse.review import ReviewFileError, apply_review, export_review

from .conftest import EXAMPLE

pytestmark = pytest.mark.flow
ESSEX = "E10000012"


def published(folder: Path, code: str, key: str) -> dict[str, str]:
    """The published answers.csv row for one council and key."""
    with (folder / ".foi" / "publish" / "answers.csv").open(encoding="utf-8") as handle:
        return next(r for r in csv.DictReader(handle) if r["council_code"] == code and r["question_key"] == key)


def test_decision_is_applied_and_survives_later_runs(survey_copy: Path):
    from flows.run import foi_run

    url = f"sqlite:///{survey_copy / 'w.sqlite'}"
    foi_run(str(survey_copy), url)
    assert published(survey_copy, ESSEX, "completed_72h_care")["status"] == "needs_review"
    csv_path, xlsx_path = export_review(engine_for(url), "rhi-2026", survey_copy / ".foi" / "review")
    queue = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    assert {"council_name", "reason", "source_file", "source_locator", "snippet"} <= set(queue.columns)
    assert pd.read_excel(xlsx_path, dtype=str, engine="calamine").shape[0] == len(queue)
    row = (queue["council_code"] == ESSEX) & (queue["question_key"] == "completed_72h_care")
    queue.loc[row, ["decided_status", "decided_value", "reviewer", "decision_reason"]] = [
        "reported", "39", "A. Researcher", "council confirmed 39 by phone (91% of 43)"]
    queue.to_csv(csv_path, index=False)
    assert apply_review(engine_for(url), "rhi-2026", csv_path) == 1

    foi_run(str(survey_copy), url)
    decided = published(survey_copy, ESSEX, "completed_72h_care")
    assert (decided["status"], decided["value"], decided["reviewed_by"]) == ("reported", "39", "A. Researcher")

    shutil.copy(EXAMPLE / "replies" / "Wirral_3649.pdf", survey_copy / "replies" / "late arrival.pdf")
    foi_run(str(survey_copy), url)
    assert published(survey_copy, ESSEX, "completed_72h_care")["value"] == "39"

    # The council sends a corrected reply: the decision was made on the old file, so it is flagged, not applied.
    old = survey_copy / "replies" / "FOI2026-0499 - Final Response.pdf"
    old.write_bytes(old.read_bytes() + b"\n% revised\n")
    foi_run(str(survey_copy), url)
    assert published(survey_copy, ESSEX, "completed_72h_care")["status"] == "needs_review"
    review = pd.read_csv(survey_copy / ".foi" / "publish" / "review.csv", dtype=str, keep_default_na=False)
    assert review["reason"].str.contains("reviewer decision by A. Researcher").any()


def test_bad_decisions_are_refused_with_the_row(tmp_path: Path):
    engine = engine_for(f"sqlite:///{tmp_path / 'w.sqlite'}")
    path = tmp_path / "queue.csv"
    path.write_text("sha256,question_key,council_code,decided_status,decided_value,reviewer,decision_reason\n"
                    "abc,episodes_care,E10000012,reported,,Ann,typo\n", encoding="utf-8")
    with pytest.raises(ReviewFileError, match="row 2"):
        apply_review(engine, "rhi-2026", path)

