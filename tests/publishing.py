"""Helpers that run the example survey through the plain stages into a warehouse and publish it (no Prefect)."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import Engine

from extractors.survey import Survey
from flows.pipeline import context_to_tables, survey_to_context
from warehouse.db import engine_for
from warehouse.load import load_survey_rows, start_run
from warehouse.publish import publish

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "rhi-2026"


def run_stages(folder: Path) -> tuple[Survey, dict]:
    """Given a survey folder, return its survey and the validated tables, without Prefect."""
    context = survey_to_context(folder)
    engine = engine_for(f"sqlite:///{folder / '.foi-stages.sqlite'}")
    tabled = context_to_tables(context, engine, full=True)
    engine.dispose()
    assert not tabled.failures
    return context.survey, tabled.tables


def load(engine: Engine, survey: Survey, tables: dict) -> None:
    """Given the tables, load them into the warehouse as one run."""
    run_id = start_run(engine, survey.id, survey.title, (survey.period_start, survey.period_end), "test")
    load_survey_rows(engine, run_id, tables)


def publish_example(folder: Path, *outs: str) -> tuple[Survey, dict, Engine]:
    """Given an empty folder, copy the example survey there, load it once and publish it to each named folder."""
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".foi"))
    survey, tables = run_stages(folder)
    engine = engine_for(f"sqlite:///{folder / 'warehouse.sqlite'}")
    load(engine, survey, tables)
    for out in outs:
        publish(engine, survey, folder / out)
    return survey, tables, engine
