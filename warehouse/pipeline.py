"""The stages in order, as plain functions: the Prefect flow and the tests call these, nothing else."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from extractors.archives import CONTAINER_KINDS
from extractors.councils import Council, Register, load_register
from extractors.ingest import InventoryItem, store_path, survey_to_inventory
from extractors.merge import results_to_answers
from extractors.process import EXTRACTOR_VERSION, FileResult, file_to_result
from extractors.readers.ocr import ocr_available
from extractors.survey import Survey, load_survey
from extractors.tracker import TrackerRow, read_tracker
from schemas.checks import cross_question_flags
from schemas.tables import AnswerModel, ComparisonModel, FileModel, ReviewItemModel, quarantine_answers, validate
from warehouse import assemble
from warehouse.cache import cache_key, inputs_fingerprint, load_cached, save_cached
from warehouse.review import apply_overrides

Progress = Callable[[str], None]
# Bump a stage's version when its code changes what a file yields: cached results made by older code are redone.
STAGE_VERSIONS = {"ingest": "1", "read": "2", "identify": "1", "extract": EXTRACTOR_VERSION,
                  # a scan read while OCR was missing must be read again once it is installed
                  "ocr": "available" if ocr_available() else "missing"}


@dataclass
class Context:
    """Everything a run needs to know before it reads a file: the survey, who was asked, the request log."""

    survey_dir: Path
    survey: Survey
    register: Register
    councils: list[Council]
    tracker: list[TrackerRow]
    problems: list[str] = field(default_factory=list)

    @property
    def store(self) -> Path:
        """Given a context, return the folder where received files are kept by hash."""
        return self.survey_dir / ".foi" / "store"

    @property
    def surveyed(self) -> set[str]:
        """Given a context, return the GSS codes of the councils asked."""
        return {c.code for c in self.councils}


def survey_to_context(survey_dir: Path) -> Context:
    """Given a survey folder, return its validated survey, councils and request log."""
    survey_dir = Path(survey_dir)
    survey = load_survey(survey_dir)
    register = load_register()
    councils = [register.by_code(c) for c in survey.council_codes] if survey.council_codes else \
        register.surveyed(survey.register)
    tracker_path = survey_dir / "tracker.csv"
    tracker, problems = ([], [])
    if tracker_path.is_file():
        tracker, problems = read_tracker(tracker_path, register, {c.code for c in councils})
    return Context(survey_dir, survey, register, councils, tracker, list(problems))


def ingest(context: Context) -> list[InventoryItem]:
    """Given a context, return the inventory of replies/ with every file stored by hash."""
    return survey_to_inventory(context.survey_dir, context.store)


def process_files(
    context: Context, inventory: list[InventoryItem], progress: Progress | None = None, workers: int = 1
) -> list[FileResult]:
    """Given the inventory, return each file's result (read, identified, extracted), in inventory order."""
    plain = [item for item in inventory if item.kind not in CONTAINER_KINDS]
    done = dict(zip([i.source_file for i in plain], map_files(context, plain, progress, workers), strict=True))
    results = []
    for item in inventory:
        if item.kind in CONTAINER_KINDS:
            results.append(container_result(item, inventory))
            if progress:
                progress(item.source_file)
        else:
            results.append(done[item.source_file])
    fill_container_codes(results)
    return results


_WORKER_CONTEXT: Context | None = None


def _start_worker(survey_dir: Path) -> None:
    """Build the context once in each worker process (the register is too big to send with every file)."""
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = survey_to_context(survey_dir)


def _process_in_worker(item: InventoryItem) -> FileResult:
    """Process one file in a worker process."""
    assert _WORKER_CONTEXT is not None
    return process_one(_WORKER_CONTEXT, item)


def process_one(context: Context, item: InventoryItem) -> FileResult:
    """Given one (non-container) file, return its result."""
    stored = store_path(context.store, item.sha256)
    return file_to_result(item, stored, context.survey, context.tracker, context.register, context.surveyed,
                          ocr_cache=context.survey_dir / ".foi" / "ocr")


def map_files(context: Context, items: list[InventoryItem], progress: Progress | None, workers: int) -> list:
    """Given files, return their results, in a process pool across cores when there is enough work."""
    if workers <= 1 or len(items) < 2 * workers:
        found = []
        for item in items:
            found.append(process_one(context, item))
            if progress:
                progress(item.source_file)
        return found
    # forkserver: never fork a parent that runs Prefect's threads; workers build their own context once.
    pool_context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(workers, mp_context=pool_context, initializer=_start_worker,
                             initargs=(context.survey_dir,)) as pool:
        found = []
        for item, result in zip(items, pool.map(_process_in_worker, items, chunksize=1), strict=True):
            found.append(result)
            if progress:
                progress(item.source_file)
        return found


def default_workers() -> int:
    """Return how many processes read files: FOI_WORKERS, else one per core."""
    return max(1, int(os.environ.get("FOI_WORKERS") or os.cpu_count() or 1))


def container_result(item: InventoryItem, inventory: list[InventoryItem]) -> FileResult:
    """Given an archive or e-mail, return its result: loaded when it held files, quarantined (with why) if not."""
    members = [i for i in inventory if i.parent == item.source_file]
    if item.problem:
        return FileResult(item, state="quarantined", reason=item.problem)
    if not members:
        what = "archive" if item.kind == "zip" else "e-mail"
        return FileResult(item, state="quarantined", reason=f"the {what} holds no attached files to read")
    return FileResult(item, state="loaded", reason=f"unpacked: {len(members)} file(s) inside, listed separately")


def fill_container_codes(results: list[FileResult]) -> None:
    """Given all results, give each container the councils its members speak for (for files.csv)."""
    by_parent: dict[str, set[str]] = {}
    for result in results:
        if result.item.parent:
            by_parent.setdefault(result.item.parent, set()).update(result.codes)
    for result in results:
        if result.item.kind in CONTAINER_KINDS and not result.codes:
            result.codes = tuple(sorted(by_parent.get(result.item.source_file, ())))
            result.identified_by = "members" if result.codes else ""


def results_to_tables(
    context: Context, results: list[FileResult], overrides: list[dict] | None = None
) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Given every file's result and reviewers' decisions, return the validated frames to load and any failures."""
    survey = context.survey
    answers = results_to_answers(results, survey)
    order = {k.key: i for i, k in enumerate(survey.keys)}
    files, file_failures = validate(FileModel, assemble.files_frame(results))
    decided, stale = apply_overrides(assemble.answers_frame(answers, order), files, overrides or [])
    answer_frame, failures = validate(AnswerModel, decided)
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


@dataclass
class Extracted:
    """The results of the read-and-extract stage, and how much work it took."""

    results: list[FileResult]
    extracted: int
    cached: int
    ocr_pages: int = 0  # pages OCR'd in this run (not those whose OCR came from the cache)
    ocr_seconds: float = 0.0


def process_incrementally(context: Context, inventory: list[InventoryItem], engine: Engine, full: bool = False,
                          progress: Progress | None = None, workers: int = 1) -> Extracted:
    """Given the inventory, return every file's result, reading only files that are new or changed (or all, if full)."""
    inputs = inputs_fingerprint(context.survey_dir, STAGE_VERSIONS)
    keys = {item.source_file: cache_key(item, inputs) for item in inventory}
    cached = {} if full else load_cached(engine, context.survey.id, list(keys.values()))
    todo = [i for i in inventory if keys[i.source_file] not in cached or i.kind in CONTAINER_KINDS]
    waiting = {i.source_file for i in todo}
    for item in inventory:
        if item.source_file not in waiting and progress:
            progress(item.source_file)
    fresh = {r.item.source_file: r for r in process_files(context, todo, progress, workers)} if todo else {}
    # A container is cheap to redo and needs its members in the same list to be judged.
    save_cached(engine, context.survey.id, {keys[name]: r for name, r in fresh.items()
                                            if r.item.kind not in CONTAINER_KINDS})
    results = [fresh.get(i.source_file) or cached[keys[i.source_file]] for i in inventory]
    fill_container_codes(results)
    extracted = sum(1 for r in fresh.values() if r.item.kind not in CONTAINER_KINDS)
    return Extracted(results, extracted, len(inventory) - len(todo),
                     ocr_pages=sum(r.ocr_pages for r in fresh.values() if r.ocr_seconds > 0),
                     ocr_seconds=sum(r.ocr_seconds for r in fresh.values()))
