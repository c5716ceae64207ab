"""The stages in order, as plain functions: the Prefect flow and the tests call these, nothing else."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from extractors.archives import CONTAINER_KINDS
from extractors.councils import Council, Register, load_register
from extractors.ingest import InventoryItem, store_path, survey_to_inventory
from extractors.merge import results_to_answers
from extractors.process import EXTRACTOR_VERSION, FileResult, file_to_result
from extractors.survey import Survey, load_survey
from extractors.tracker import TrackerRow, read_tracker
from schemas.checks import cross_question_flags
from schemas.tables import AnswerModel, ComparisonModel, FileModel, ReviewItemModel, validate
from warehouse import assemble
from warehouse.review import apply_overrides

Progress = Callable[[str], None]


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
    context: Context, inventory: list[InventoryItem], progress: Progress | None = None
) -> list[FileResult]:
    """Given the inventory, return each file's result (read, identified, extracted), in inventory order."""
    results = []
    for item in inventory:
        if item.kind in CONTAINER_KINDS:
            results.append(container_result(item, inventory))
        else:
            stored = store_path(context.store, item.sha256)
            results.append(file_to_result(item, stored, context.survey, context.tracker, context.register,
                                          context.surveyed))
        if progress:
            progress(item.source_file)
    fill_container_codes(results)
    return results


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
    flags = cross_question_flags(answer_frame, survey)
    review, review_failures = validate(ReviewItemModel, assemble.review_frame(answer_frame, files, flags, stale))
    statuses = assemble.survey_councils_frame(survey, context.councils, answer_frame, results, context.tracker)
    _, status_failures = validate(ComparisonModel, statuses.assign(council_name="", ))
    tables = {
        "survey": assemble.survey_frame(survey),
        "questions": assemble.questions_frame(survey),
        "councils": assemble.councils_frame(context.councils),
        "survey_councils": statuses,
        "files": files,
        "answers": answer_frame,
        "review": review,
    }
    return tables, failures + file_failures + review_failures + status_failures


__all__ = ["EXTRACTOR_VERSION", "Context", "ingest", "process_files", "results_to_tables", "survey_to_context"]
