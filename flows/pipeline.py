"""One plain run of the whole pipeline, stage by stage: `run_survey` is the only place the stage order is written.

The Prefect flow (flows/run.py) passes its own `step` so that each stage becomes a task; tests and tools call
`run_survey` as it is. Nothing here imports Prefect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from extractors.fingerprint import extractors_fingerprint
from extractors.ingest.containers import CONTAINER_KINDS
from extractors.ingest.inventory import InventoryItem, store_path, survey_to_inventory
from extractors.merge import frames as assemble
from extractors.merge.answers import merge_states, results_to_answers
from extractors.per_file import (
    EXTRACTOR_VERSION,
    FileResult,
    container_result,
    file_to_result,
    with_companion_codes,
    with_container_codes,
)
from extractors.read.ocr import ocr_available
from flows.context import Context, survey_to_context
from flows.pool import Mapper, default_workers, map_files
from schemas.checks import cross_question_flags
from schemas.tables import (
    ComparisonModel,
    FileModel,
    ReviewItemModel,
    answer_model_for,
    quarantine_answers,
    validate,
)
from warehouse.cache import cache_key, inputs_fingerprint, load_cached, save_cached
from warehouse.db import default_url, engine_for
from warehouse.load import finish_run, load_survey_rows, mark_interrupted_runs, start_run
from warehouse.lock import run_lock
from warehouse.publish import publish
from warehouse.review import apply_overrides, load_overrides

Progress = Callable[[str], None]
Step = Callable[..., Any]

__all__ = ["Context", "Extracted", "RunSummary", "run_survey", "survey_to_context"]


def stage_versions() -> dict[str, str]:
    """Return each stage's version; a cached result made under other versions is read again."""
    # "code" hashes every module and phrase table of extractors/, so any edit to them re-reads every file. A scan
    # read while OCR was missing must be read again once it is installed.
    return {"ingest": "1", "read": "2", "identify": "1", "extract": EXTRACTOR_VERSION,
            "code": extractors_fingerprint(), "ocr": "available" if ocr_available() else "missing"}


def ingest(context: Context) -> list[InventoryItem]:
    """Given a context, return the inventory of replies/ with every file stored by hash."""
    return survey_to_inventory(context.survey_dir, context.store, context.limits)


def process_one(context: Context, item: InventoryItem) -> FileResult:
    """Given one (non-container) file, return its result."""
    stored = store_path(context.store, item.sha256)
    return file_to_result(item, stored, context.survey, context.tracker, context.register, context.surveyed,
                          ocr_cache=context.survey_dir / ".foi" / "ocr", limits=context.limits)


def process_files(
    context: Context, inventory: list[InventoryItem], progress: Progress | None = None, workers: int = 0,
    mapper: Mapper | None = None,
) -> list[FileResult]:
    """Given the inventory, return each file's result (read, identified, extracted), in inventory order."""
    plain = [item for item in inventory if item.kind not in CONTAINER_KINDS]
    # the process pool, unless the flow gave another way to read files (a Dask cluster)
    found = mapper(context, plain, process_one, progress) if mapper else map_files(context, plain, process_one,
                                                                                     progress, workers)
    done = dict(zip([i.source_file for i in plain], found, strict=True))
    results = []
    for item in inventory:
        if item.kind in CONTAINER_KINDS:
            results.append(container_result(item, inventory))
            if progress:
                progress(item.source_file)
        else:
            results.append(done[item.source_file])
    return with_companion_codes(with_container_codes(results))


@dataclass
class Extracted:
    """The results of the read-and-extract stage, and how much work it took."""

    results: list[FileResult]
    extracted: int
    cached: int
    ocr_pages: int = 0  # pages OCR'd in this run (not those whose OCR came from the cache)
    ocr_seconds: float = 0.0


def process_incrementally(context: Context, inventory: list[InventoryItem], engine: Engine, full: bool = False,
                          progress: Progress | None = None, workers: int = 1,
                          mapper: Mapper | None = None) -> Extracted:
    """Given the inventory, return every file's result, reading only files that are new or changed (or all, if full)."""
    inputs = inputs_fingerprint(context.survey_dir, {**stage_versions(), "limits": repr(context.limits)})
    keys = {item.source_file: cache_key(item, inputs) for item in inventory}
    cached = {} if full else load_cached(engine, context.survey.id, list(keys.values()))
    todo = [i for i in inventory if keys[i.source_file] not in cached or i.kind in CONTAINER_KINDS]
    waiting = {i.source_file for i in todo}
    for item in inventory:
        if item.source_file not in waiting and progress:
            progress(item.source_file)
    found = process_files(context, todo, progress, workers, mapper) if todo else []
    fresh = {r.item.source_file: r for r in found}
    # A container is cheap to redo and needs its members in the same list to be judged.
    save_cached(engine, context.survey.id, {keys[name]: r for name, r in fresh.items()
                                            if r.item.kind not in CONTAINER_KINDS})
    results = with_companion_codes(with_container_codes(
        [fresh.get(i.source_file) or cached[keys[i.source_file]] for i in inventory]))
    extracted = sum(1 for r in fresh.values() if r.item.kind not in CONTAINER_KINDS)
    return Extracted(results, extracted, len(inventory) - len(todo),
                     ocr_pages=sum(r.ocr_pages for r in fresh.values() if r.ocr_seconds > 0),
                     ocr_seconds=sum(r.ocr_seconds for r in fresh.values()))


def results_to_tables(
    context: Context, results: list[FileResult], overrides: list[dict] | None = None
) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Given every file's result and reviewers' decisions, return the validated frames to load and any failures."""
    survey = context.survey
    results = merge_states(results)
    answers = results_to_answers(results, survey)
    order = {k.key: i for i, k in enumerate(survey.keys)}
    files, file_failures = validate(FileModel, assemble.files_frame(results))
    decided, stale = apply_overrides(assemble.answers_frame(answers, order), files, overrides or [])
    answer_frame, failures = validate(answer_model_for({k.key: k.type for k in survey.keys}), decided)
    answer_frame = quarantine_answers(answer_frame, failures)  # a failing answer is held back, never published
    flags = cross_question_flags(answer_frame, survey)
    statuses = assemble.survey_councils_frame(survey, context.councils, answer_frame, results, context.tracker)
    _, status_failures = validate(ComparisonModel, statuses.assign(council_name=""))
    problems = failures + file_failures + status_failures
    review = pd.concat([assemble.review_frame(answer_frame, files, flags, stale), failures_frame(problems)],
                       ignore_index=True)
    review, review_failures = validate(ReviewItemModel, review)
    tables = {
        "survey": assemble.survey_frame(survey),
        "questions": assemble.questions_frame(survey),
        "councils": assemble.councils_frame(context.councils),
        "survey_councils": statuses,
        "files": files,
        "answers": answer_frame,
        "review": review,
    }
    return tables, problems + review_failures


def failures_frame(problems: list[str]) -> pd.DataFrame:
    """Given validation failures, return them as review items, so that a person sees each one."""
    rows = [{"source_file": "(validation)", "question_key": f"check {i}", "council_code": "", "sha256": "",
             "extracted": "", "reason": problem, "source_locator": "", "snippet": ""}
            for i, problem in enumerate(problems, 1)]
    return pd.DataFrame(rows, columns=assemble.REVIEW_COLUMNS)


@dataclass(frozen=True)
class RunSummary:
    """What one run did: the publication's headline counts (as in summary.json) and the run's own work."""

    run_id: int
    publication: str
    survey: str
    councils_surveyed: int
    files_received: int
    review_items: int
    response_status: dict[str, int] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)
    headline: dict[str, Any] = field(default_factory=dict)
    publication_version: int = 0
    changes: int = 0
    files_extracted: int = 0
    files_cached: int = 0
    ocr_pages: int = 0
    ocr_seconds_per_page: float = 0.0
    validation_failures: list[str] = field(default_factory=list)
    tracker_problems: list[str] = field(default_factory=list)


def summary_of_run(run_id: int, out: Path, published: dict, extracted: Extracted, failures: list[str],
                   context: Context) -> RunSummary:
    """Given what the stages returned, return the run's typed summary."""
    return RunSummary(
        run_id=run_id, publication=str(out.resolve()), survey=published["survey"],
        councils_surveyed=published["councils_surveyed"], files_received=published["files_received"],
        review_items=published["review_items"], response_status=published["response_status"],
        files=published["files"], headline=published.get("headline", {}),
        publication_version=published.get("publication_version", 0), changes=published.get("changes", 0),
        files_extracted=extracted.extracted, files_cached=extracted.cached, ocr_pages=extracted.ocr_pages,
        ocr_seconds_per_page=extracted.ocr_seconds / max(extracted.ocr_pages, 1),
        validation_failures=failures, tracker_problems=context.problems)


def call(_name: str, stage: Callable[..., Any], *args: Any) -> Any:
    """Given a stage's name, function and arguments, run it here: the plain way to take a step."""
    return stage(*args)


@dataclass
class Tabled:
    """What the stages before loading give: the inventory, every file's result and the validated tables."""

    inventory: list[InventoryItem]
    extracted: Extracted
    tables: dict[str, pd.DataFrame]
    failures: list[str]


def context_to_tables(context: Context, engine: Engine, *, full: bool = False, progress: Progress | None = None,
                      workers: int = 1, mapper: Mapper | None = None, step: Step = call) -> Tabled:
    """Given a context and the warehouse (for the result cache), ingest, read, extract, merge and validate."""
    inventory = step("ingest", ingest, context)
    extracted = step("read-and-extract", process_incrementally, context, inventory, engine, full, progress, workers,
                     mapper)
    tables, failures = step("merge-and-validate", results_to_tables, context, extracted.results,
                            load_overrides(engine, context.survey.id))
    return Tabled(inventory, extracted, tables, failures)


def run_survey(survey_dir: Path | str, warehouse_url: str | None = None, out_dir: Path | str | None = None, *,
               full: bool = False, wait_seconds: float = 0.0, progress: Progress | None = None,
               workers: int | None = None, mapper: Mapper | None = None, step: Step = call) -> RunSummary:
    """Given a survey folder, run every stage in order under the survey's lock and return the run's summary."""
    survey_dir = Path(survey_dir)
    context = survey_to_context(survey_dir)
    out = Path(out_dir) if out_dir else survey_dir / ".foi" / "publish"
    engine = engine_for(warehouse_url or default_url(survey_dir))  # the run's one engine, migrated once
    survey = context.survey
    with run_lock(engine, survey.id, survey_dir / ".foi", wait_seconds):
        mark_interrupted_runs(engine, survey.id)
        run_id = start_run(engine, survey.id, survey.title, (survey.period_start, survey.period_end),
                           EXTRACTOR_VERSION)
        try:
            tabled = context_to_tables(context, engine, full=full, progress=progress,
                                       workers=workers or default_workers(), mapper=mapper, step=step)
            step("load", load_survey_rows, engine, run_id, tabled.tables)
            published = step("publish", publish, engine, survey, out)
        except BaseException:
            finish_run(engine, run_id, "failed", 0, 0)
            raise
        finish_run(engine, run_id, "published", len(tabled.inventory), len(tabled.tables["answers"]))
    return summary_of_run(run_id, out, published, tabled.extracted, tabled.failures, context)
