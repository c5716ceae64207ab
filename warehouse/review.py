"""Review: export the queue for a person, store their decisions as overrides, re-apply them on every run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Font
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from schemas.vocabulary import value_fits, value_rule
from warehouse import models as m
from warehouse.load import read_table
from warehouse.publish.safety import RISKY_START, neutralise_frame, safe_cell

DECISION_COLUMNS = ["decided_status", "decided_value", "reviewer", "decision_reason"]
QUEUE_COLUMNS = ["survey_id", "survey_folder", "council_code", "council_name", "question_key", "extracted_status",
                 "extracted_value", "reason", "source_file", "source_locator", "snippet", "sha256", *DECISION_COLUMNS]
DECIDABLE = ("reported", "suppressed", "not_held", "refused", "not_answered", "needs_review")


class ReviewFileError(ValueError):
    """A filled-in review file cannot be applied; the message says which row and why."""


def queue_frame(engine: Engine, survey_id: str, survey_folder: Path | None = None) -> pd.DataFrame:
    """Given the warehouse, return one row per review item with what was extracted and where to look.

    Each row names its survey (id and folder), so a review file saved anywhere finds its survey again.
    """
    review = read_table(engine, m.ReviewItem, survey_id)
    answers = read_table(engine, m.Answer, survey_id)[["council_code", "question_key", "status", "value"]]
    names = pd.read_sql_table("councils", engine)[["code", "name"]].rename(
        columns={"code": "council_code", "name": "council_name"})
    queue = review.merge(answers, on=["council_code", "question_key"], how="left").merge(
        names, on="council_code", how="left")
    queue = queue.rename(columns={"status": "extracted_status", "value": "extracted_value"}).fillna("")
    for column in DECISION_COLUMNS:
        queue[column] = ""
    queue["survey_id"], queue["survey_folder"] = survey_id, str(survey_folder.resolve()) if survey_folder else ""
    return queue.sort_values(["council_code", "question_key", "source_file"])[QUEUE_COLUMNS].reset_index(drop=True)


def export_review(engine: Engine, survey_id: str, out_dir: Path,
                  survey_folder: Path | None = None) -> tuple[Path, Path]:
    """Given the warehouse, write the review queue as CSV and XLSX and return both paths.

    Cells that a spreadsheet would run as formulas are neutralised, as in the publication.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    queue = neutralise_frame(queue_frame(engine, survey_id, survey_folder))
    csv_path, xlsx_path = out_dir / "review_queue.csv", out_dir / "review_queue.xlsx"
    queue.to_csv(csv_path, index=False, lineterminator="\n")
    book = openpyxl.Workbook()
    book.properties.identifier, book.properties.subject = survey_id, f"review queue of survey {survey_id}"
    sheet = book.active
    sheet.title = "Review"
    sheet.append(QUEUE_COLUMNS)
    for row in queue.itertuples(index=False):
        sheet.append([safe_cell(str(v)) for v in row])
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # text, never a formula, whatever it starts with
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


def unneutralised(text: str) -> str:
    """Given a cell as exported, return it without the quote that kept a spreadsheet from running it."""
    return text[1:] if text.startswith("'") and text[1:].startswith(RISKY_START) else text


def read_queue(path: Path) -> pd.DataFrame:
    """Given a review file (CSV or XLSX), return all its rows as text, the export's quotes taken off."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        frame = pd.read_excel(path, sheet_name=0, dtype=str, engine="calamine")
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame.fillna("").map(unneutralised)


def review_file_survey(path: Path) -> tuple[str, str]:
    """Given a review file, return the survey id and folder its rows name ('' when it predates them)."""
    frame = read_queue(path)
    if frame.empty or "survey_id" not in frame.columns:
        return "", ""
    return str(frame["survey_id"].iloc[0]), str(frame.get("survey_folder", pd.Series([""])).iloc[0])


def read_decisions(path: Path, survey_id: str = "") -> pd.DataFrame:
    """Given a filled-in review file (and the survey it is applied to), return the rows that carry a decision."""
    frame = read_queue(path)
    missing = [c for c in ("sha256", "question_key", *DECISION_COLUMNS) if c not in frame.columns]
    if missing:
        raise ReviewFileError(f"{path.name} lacks the column(s) {', '.join(missing)}: export a fresh queue.")
    others = sorted(set(frame.get("survey_id", pd.Series(dtype=str))) - {"", survey_id}) if survey_id else []
    if others:
        raise ReviewFileError(f"{path.name} is the review queue of survey {', '.join(others)}, not {survey_id}")
    return frame[frame["decided_status"].str.strip() != ""]


def decision_problem(row: pd.Series, line: int, key_types: dict[str, str] | None = None) -> str:
    """Given one decided row (and each key's question type), return why it cannot be applied, or ''."""
    status, value, key = row["decided_status"].strip(), row["decided_value"].strip(), row["question_key"].strip()
    qtype = (key_types or {}).get(key, "")
    if status not in DECIDABLE:
        return f"row {line}: decided_status {status!r} is not one of {', '.join(DECIDABLE)}"
    if (status == "reported") != bool(value):
        return f"row {line}: give decided_value exactly when decided_status is reported"
    if status == "reported" and not value_fits(value, qtype):
        return f"row {line}: decided_value {value!r} for {key} ({qtype} question) must be {value_rule(qtype)}"
    if not row["reviewer"].strip():
        return f"row {line}: say who decided (reviewer)"
    if not key:
        return f"row {line}: this row is about a whole file; decide its answers row by row"
    if key_types is not None and key not in key_types:
        return f"row {line}: {key!r} is not an answer key of this survey"
    return ""


def apply_review(engine: Engine, survey_id: str, path: Path, now: dt.datetime | None = None,
                 key_types: dict[str, str] | None = None) -> int:
    """Given a filled-in review file, store each decision as an override and return how many were stored.

    With `key_types` (each answer key's question type), a decided value must be of its question's type.
    """
    decided = read_decisions(path, survey_id)
    problems = [p for i, row in decided.iterrows() if (p := decision_problem(row, int(i) + 2, key_types))]
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
