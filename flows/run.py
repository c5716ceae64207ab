"""The Prefect flow behind `foi run` and the nightly deployment: each task only calls a stage function."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from extractors.process import EXTRACTOR_VERSION
from warehouse import pipeline
from warehouse.db import default_url, engine_for
from warehouse.load import finish_run, load_survey_rows, mark_interrupted_runs, start_run
from warehouse.lock import run_lock
from warehouse.publish import publish
from warehouse.review import load_overrides


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(context: pipeline.Context) -> list:
    """Store every received file by hash and list it."""
    return pipeline.ingest(context)


@task(name="read-and-extract", cache_policy=NO_CACHE)
def extract_task(context: pipeline.Context, inventory: list, url: str, full: bool,
                 progress: object = None) -> pipeline.Extracted:
    """Read, identify and extract every new or changed file (all of them when full)."""
    return pipeline.process_incrementally(context, inventory, engine_for(url), full, progress,
                                          pipeline.default_workers())


@task(name="merge-and-validate", cache_policy=NO_CACHE)
def tables_task(context: pipeline.Context, results: list, overrides: list) -> tuple:
    """Merge files into council answers, apply reviewers' decisions and validate every table."""
    return pipeline.results_to_tables(context, results, overrides)


@task(name="load", cache_policy=NO_CACHE)
def load_task(url: str, run_id: int, tables: dict) -> None:
    """Write the run's tables to the warehouse in one transaction."""
    load_survey_rows(engine_for(url), run_id, tables)


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(url: str, context: pipeline.Context, out_dir: str) -> dict:
    """Write the publication folder from the warehouse."""
    return publish(engine_for(url), context.survey, Path(out_dir))


@flow(name="foi-run", log_prints=False)
def foi_run(survey_dir: str, warehouse_url: str | None = None, out_dir: str | None = None, full: bool = False,
            wait_seconds: float = 0.0, progress: object = None) -> dict:
    """Run the whole pipeline on one survey folder and return the run summary."""
    context = pipeline.survey_to_context(Path(survey_dir))
    url = warehouse_url or default_url(Path(survey_dir))
    out = out_dir or str(Path(survey_dir) / ".foi" / "publish")
    survey, engine = context.survey, engine_for(url)
    with run_lock(engine, survey.id, Path(survey_dir) / ".foi", wait_seconds):
        mark_interrupted_runs(engine, survey.id)
        run_id = start_run(engine, survey.id, survey.title, (survey.period_start, survey.period_end),
                           EXTRACTOR_VERSION)
        try:
            inventory = ingest_task(context)
            extracted = extract_task(context, inventory, url, full, progress)
            tables, failures = tables_task(context, extracted.results, load_overrides(engine, survey.id))
            load_task(url, run_id, tables)
            summary = publish_task(url, context, out)
        except BaseException:
            finish_run(engine, run_id, "failed", 0, 0)
            raise
        finish_run(engine, run_id, "published", len(inventory), len(tables["answers"]))
    summary.update({"run_id": run_id, "publication": str(Path(out).resolve()), "validation_failures": failures,
                    "tracker_problems": context.problems, "files_extracted": extracted.extracted,
                    "files_cached": extracted.cached, "ocr_pages": extracted.ocr_pages,
                    "ocr_seconds_per_page": extracted.ocr_seconds / max(extracted.ocr_pages, 1)})
    return summary
