"""Incremental and parallel reading: only new or changed files are read; a pool gives the same answers."""

from __future__ import annotations

from pathlib import Path

from benchmarks.scaled_survey import make_scaled_survey
from flows import pipeline
from warehouse.db import engine_for

from .conftest import EXAMPLE


def extract(folder: Path, url: str, full: bool = False) -> pipeline.Extracted:
    """One pass of the read-and-extract stage, incrementally."""
    context = pipeline.survey_to_context(folder)
    return pipeline.process_incrementally(context, pipeline.ingest(context), engine_for(url), full)


def test_only_new_or_changed_files_are_read(survey_copy: Path, monkeypatch):
    url = f"sqlite:///{survey_copy / 'w.sqlite'}"
    first = extract(survey_copy, url)
    assert (first.extracted, first.cached) == (25, 0)
    again = extract(survey_copy, url)
    assert (again.extracted, again.cached) == (0, 25)
    assert [r.candidates for r in again.results] == [r.candidates for r in first.results]
    changed = survey_copy / "replies" / "Plymouth - RHI FOI 0372.csv"
    changed.write_text(changed.read_text(encoding="utf-8").replace("157,430", "158,430"), encoding="utf-8")
    third = extract(survey_copy, url)
    assert (third.extracted, third.cached) == (1, 24)
    versions = pipeline.stage_versions()
    monkeypatch.setattr(pipeline, "stage_versions", lambda: {**versions, "extract": "a newer extractor"})
    assert extract(survey_copy, url).extracted == 25
    assert extract(survey_copy, url, full=True).extracted == 25


def test_a_changed_survey_or_tracker_invalidates_the_cache(survey_copy: Path):
    url = f"sqlite:///{survey_copy / 'w.sqlite'}"
    extract(survey_copy, url)
    tracker = survey_copy / "tracker.csv"
    tracker.write_text(tracker.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert extract(survey_copy, url).extracted == 25


def test_process_pool_gives_the_same_results(tmp_path: Path):
    folder = make_scaled_survey(EXAMPLE, tmp_path / "x2", 2)
    context = pipeline.survey_to_context(folder)
    inventory = pipeline.ingest(context)
    one = pipeline.process_files(context, inventory, workers=1)
    two = pipeline.process_files(context, inventory, workers=2)
    assert [(r.item.source_file, r.codes, r.candidates) for r in one] == \
        [(r.item.source_file, r.codes, r.candidates) for r in two]
