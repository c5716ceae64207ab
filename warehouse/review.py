"""Review: export the queue for a person, store their decisions as overrides, re-apply them on every run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Font
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from warehouse import models as m
from warehouse.load import read_table

DECISION_COLUMNS = ["decided_status", "decided_value", "reviewer", "decision_reason"]
QUEUE_COLUMNS = ["council_code", "council_name", "question_key", "extracted_status", "extracted_value", "reason",
                 "source_file", "source_locator", "snippet", "sha256", *DECISION_COLUMNS]
DECIDABLE = ("reported", "suppressed", "not_held", "refused", "not_answered", "needs_review")


class ReviewFileError(ValueError):
    """A filled-in review file cannot be applied; the message says which row and why."""


def queue_frame(engine: Engine, survey_id: str) -> pd.DataFrame:
    """Given the warehouse, return one row per review item with what was extracted and where to look."""
    review = read_table(engine, m.ReviewItem, survey_id)
    answers = read_table(engine, m.Answer, survey_id)[["council_code", "question_key", "status", "value"]]
    names = pd.read_sql_table("councils", engine)[["code", "name"]].rename(
        columns={"code": "council_code", "name": "council_name"})
    queue = review.merge(answers, on=["council_code", "question_key"], how="left").merge(
        names, on="council_code", how="left")
    queue = queue.rename(columns={"status": "extracted_status", "value": "extracted_value"}).fillna("")
    for column in DECISION_COLUMNS:
        queue[column] = ""
    return queue.sort_values(["council_code", "question_key", "source_file"])[QUEUE_COLUMNS].reset_index(drop=True)


def export_review(engine: Engine, survey_id: str, out_dir: Path) -> tuple[Path, Path]:
    """Given the warehouse, write the review queue as CSV and XLSX and return both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    queue = queue_frame(engine, survey_id)
    csv_path, xlsx_path = out_dir / "review_queue.csv", out_dir / "review_queue.xlsx"
    queue.to_csv(csv_path, index=False, lineterminator="\n")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Review"
    sheet.append(QUEUE_COLUMNS)
    for row in queue.itertuples(index=False):
        sheet.append([str(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("How to review")
    for line in (
        "Fill in decided_status (one of: " + ", ".join(DECIDABLE) + "), decided_value (only when reported),",
        "reviewer (your name) and decision_reason for each row you decide; leave a row's decision blank to skip it.",
        "Then run: foi review apply <this file>. Decisions are kept and re-applied on every later run.",
    ):
        notes.append([line])
    book.save(xlsx_path)
    return csv_path, xlsx_path


def read_decisions(path: Path) -> pd.DataFrame:
    """Given a filled-in review file (CSV or XLSX), return the rows that carry a decision."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        frame = pd.read_excel(path, sheet_name=0, dtype=str, engine="calamine")
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = frame.fillna("")
    missing = [c for c in ("sha256", "question_key", *DECISION_COLUMNS) if c not in frame.columns]
    if missing:
        raise ReviewFileError(f"{path.name} lacks the column(s) {', '.join(missing)}: export a fresh queue.")
    return frame[frame["decided_status"].str.strip() != ""]


def decision_problem(row: pd.Series, line: int) -> str:
    """Given one decided row, return why it cannot be applied, or ''."""
    status, value = row["decided_status"].strip(), row["decided_value"].strip()
    if status not in DECIDABLE:
        return f"row {line}: decided_status {status!r} is not one of {', '.join(DECIDABLE)}"
    if (status == "reported") != bool(value):
        return f"row {line}: give decided_value exactly when decided_status is reported"
    if not row["reviewer"].strip():
        return f"row {line}: say who decided (reviewer)"
    if not row["question_key"].strip():
        return f"row {line}: this row is about a whole file; decide its answers row by row"
    return ""


def apply_review(engine: Engine, survey_id: str, path: Path, now: dt.datetime | None = None) -> int:
    """Given a filled-in review file, store each decision as an override and return how many were stored."""
    decided = read_decisions(path)
    problems = [p for i, row in decided.iterrows() if (p := decision_problem(row, int(i) + 2))]
    if problems:
        raise ReviewFileError("; ".join(problems[:5]))
    stamp = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with Session(engine) as session, session.begin():
        for _, row in decided.iterrows():
            session.merge(m.Override(
                survey_id=survey_id, sha256=row["sha256"].strip(), question_key=row["question_key"].strip(),
                council_code=row.get("council_code", "").strip(), value=row["decided_value"].strip(),
                status=row["decided_status"].strip(), reviewer=row["reviewer"].strip(),
                reason=row["decision_reason"].strip(), decided_at=stamp, state="active"))
    return len(decided)


def load_overrides(engine: Engine, survey_id: str) -> list[dict]:
    """Given the warehouse, return every stored reviewer decision for the survey."""
    with Session(engine) as session:
        found = session.scalars(select(m.Override).where(m.Override.survey_id == survey_id)).all()
        return [{c: getattr(o, c) for c in ("sha256", "question_key", "council_code", "value", "status", "reviewer",
                                            "reason", "decided_at")} for o in found]


def apply_overrides(answers: pd.DataFrame, files: pd.DataFrame, overrides: list[dict]) -> tuple[pd.DataFrame, list]:
    """Given answers and stored decisions, return answers with decisions applied and stale decisions to flag."""
    answers = answers.copy()
    stale = []
    live_files = dict(zip(files["sha256"], files["state"], strict=False))
    for decision in overrides:
        match = (answers["sha256"] == decision["sha256"]) & (answers["question_key"] == decision["question_key"])
        if match.any() and live_files.get(decision["sha256"]) == "loaded":
            answers.loc[match, "status"] = decision["status"]
            answers.loc[match, "value"] = decision["value"] if decision["status"] == "reported" else ""
            answers.loc[match, "reviewed_by"] = decision["reviewer"]
            answers.loc[match, "method"] = "reviewer decision"
            answers.loc[match, "reason"] = decision["reason"] or "decided by a reviewer"
            answers.loc[match, "confidence"] = 1.0
            continue
        state = live_files.get(decision["sha256"], "gone")
        why = "no longer received" if state == "gone" else f"now {state}"
        stale.append({**decision, "why": f"a reviewer decision by {decision['reviewer']} on this file is {why}; "
                                         "check whether it still holds"})
    return answers, stale
