"""Warehouse -> publication folder: answers, comparison, files, review queue and summary, byte-stable."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from extractors.survey import Survey
from warehouse import models as m
from warehouse.load import read_table
from warehouse.publish import changes as ch
from warehouse.publish.headline import headline_of
from warehouse.publish.package import write_package
from warehouse.publish.publication import Publication
from warehouse.publish.report import write_report
from warehouse.publish.safety import RISKY_START, neutralise_frame, redact_frame, safe_cell
from warehouse.publish.workbook import write_workbook

ANSWER_OUT = ["council_code", "council_name", "question_key", "period", "value", "status", "detail", "source_file",
              "source_locator", "method", "confidence", "reason", "reviewed_by", "sha256"]
FILES_OUT = ["source_file", "sha256", "council_codes", "state", "reason", "kind", "size", "pages", "identified_by",
             "reply_date"]


__all__ = ["RISKY_START", "Publication", "publish", "safe_cell", "write_csv"]
# Free-text columns that may quote a council's letter; personal data is redacted from them before anything is written.
FREE_TEXT = {"answers": ["detail", "reason"], "files": ["reason"], "review": ["extracted", "reason", "snippet"]}


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Given a frame, write it as UTF-8 CSV with formula-like text neutralised and Unix line ends."""
    neutralise_frame(frame).to_csv(path, index=False, lineterminator="\n")


def rate(numerator: str, denominator: str) -> str:
    """Given two reported counts as text, return their ratio to 3 places, or '' when either is missing."""
    if not numerator or not denominator or float(denominator) == 0:
        return ""
    return f"{float(numerator) / float(denominator):.3f}"


def comparison_frame(survey: Survey, answers: pd.DataFrame, councils: pd.DataFrame,
                     statuses: pd.DataFrame) -> pd.DataFrame:
    """Given answers and councils, return one row per surveyed council with a value and status per key."""
    base = statuses.merge(councils.rename(columns={"code": "council_code", "name": "council_name"}),
                          on="council_code", how="left")
    frame = base[["council_code", "council_name", "response_status", "reply_date", "late"]].copy()
    values = answers.pivot(index="council_code", columns="question_key", values="value")
    states = answers.pivot(index="council_code", columns="question_key", values="status")
    for key in survey.keys:
        frame[key.key] = frame["council_code"].map(values[key.key] if key.key in values else {}).fillna("")
        frame[f"{key.key}_status"] = frame["council_code"].map(
            states[key.key] if key.key in states else {}).fillna("")
    for spec in survey.rates:
        frame[spec.name] = [rate(n, d) for n, d in zip(frame[spec.numerator], frame[spec.denominator], strict=True)]
    return frame.sort_values("council_code").reset_index(drop=True)


def summary_of(survey: Survey, comparison: pd.DataFrame, files: pd.DataFrame, review: pd.DataFrame) -> dict:
    """Given the published tables, return the run's headline counts."""
    return {
        "survey": survey.id,
        "councils_surveyed": int(len(comparison)),
        "response_status": {k: int(v) for k, v in sorted(comparison["response_status"].value_counts().items())},
        "files": {k: int(v) for k, v in sorted(files["state"].value_counts().items())},
        "files_received": int(len(files)),
        "review_items": int(len(review)),
    }


def publish(engine: Engine, survey: Survey, out_dir: Path) -> dict:
    """Given the warehouse and a survey, write the publication folder and return the summary."""
    out_dir.mkdir(parents=True, exist_ok=True)
    answers = read_table(engine, m.Answer, survey.id)
    files = read_table(engine, m.File, survey.id)
    review = read_table(engine, m.ReviewItem, survey.id)
    statuses = read_table(engine, m.SurveyCouncil, survey.id)
    councils = pd.read_sql_table("councils", engine)
    order = {k.key: i for i, k in enumerate(survey.keys)}
    names = dict(zip(councils["code"], councils["name"], strict=True))
    periods = {k.key: k.period for k in survey.keys}
    answers = answers.assign(council_name=answers["council_code"].map(names), _o=answers["question_key"].map(order),
                             period=answers["question_key"].map(periods).fillna(""))
    answers = redact_frame(answers.sort_values(["council_code", "_o"]), FREE_TEXT["answers"])
    files = redact_frame(files, FREE_TEXT["files"])
    review = redact_frame(review, FREE_TEXT["review"])
    write_csv(answers[ANSWER_OUT], out_dir / "answers.csv")
    comparison = comparison_frame(survey, answers, councils, statuses)
    write_csv(comparison, out_dir / "comparison.csv")
    write_csv(files.sort_values("source_file")[FILES_OUT], out_dir / "files.csv")
    write_csv(review.sort_values(["source_file", "question_key"]).drop(columns=["survey_id"]), out_dir / "review.csv")
    summary = summary_of(survey, comparison, files, review)
    publication = Publication(survey, answers[ANSWER_OUT], comparison, files[FILES_OUT], review, councils, summary,
                              out_dir)
    write_extras(engine, publication)
    return summary


def write_summary(summary: dict, out_dir: Path) -> None:
    """Given the summary, write summary.json with sorted keys so that the same figures give the same bytes."""
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def write_extras(engine: Engine, publication: Publication) -> None:
    """Given a publication, record its version and write changes, summary, workbook, report and data package."""
    survey, out_dir = publication.survey, publication.out_dir
    version = ch.record_version(engine, survey.id, ch.fingerprint_of(out_dir), publication.answers)
    order = {k.key: i for i, k in enumerate(survey.keys)}
    names = dict(zip(publication.comparison["council_code"], publication.comparison["council_name"], strict=True))
    changes = ch.changes_of(engine, survey.id, version, names, order)
    write_csv(changes, out_dir / "changes.csv")
    publication.summary.update(headline=headline_of(survey, publication.answers, publication.comparison),
                               publication_version=version.number, changes=int(len(changes)))
    write_summary(publication.summary, out_dir)  # before the package, which records every file's hash
    write_workbook(survey, publication.comparison, version.number, version.published_at, out_dir / "comparison.xlsx")
    write_report(publication, version, changes)
    write_package(survey, version, out_dir)
