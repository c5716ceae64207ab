"""`foi init`, `foi status` and `foi review ...`: thin commands over the plain functions below them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from extractors.identify.tracker import due_date, expected_due, overdue
from extractors.survey import load_survey
from extractors.survey.request import survey_to_request
from flows.context import survey_to_context
from warehouse import models as m
from warehouse.db import default_url, engine_for
from warehouse.load import read_table


def find_survey_dir(start: Path) -> Path | None:
    """Given a file or folder, return the nearest folder at or above it that holds a survey.yaml."""
    for folder in [start if start.is_dir() else start.parent, *start.resolve().parents]:
        if (folder / "survey.yaml").is_file():
            return folder
    return None


def review_file_folder(path: Path) -> Path | None:
    """Given a review file, return its survey's folder: the one it names, else the nearest above it."""
    from warehouse.review import review_file_survey

    survey_id, folder = review_file_survey(path)
    named = Path(folder) if folder else None
    if named is not None and (named / "survey.yaml").is_file():
        return named
    return find_survey_dir(path)


def counts_table(title: str, counts: dict[str, int], label: str) -> Table:
    """Given counts by category, return a two-column rich table."""
    table = Table(title=title, title_justify="left")
    table.add_column(label)
    table.add_column("count", justify="right")
    for name, count in counts.items():
        table.add_row(name, str(count))
    return table


def overdue_table(rows: list, today: dt.date) -> Table:
    """Given overdue request-log rows, return a rich table of them, most overdue first."""
    table = Table(title=f"Overdue requests (no reply, past the statutory due date, as of {today})",
                  title_justify="left")
    for column in ("council", "reference", "sent", "due", "days overdue"):
        table.add_column(column)
    for row in sorted(rows, key=lambda r: expected_due(r)):
        due = expected_due(row)
        table.add_row(row.council_name, row.reference, str(row.sent or ""), str(due), str((today - due).days))
    return table


def show_status(survey_dir: Path, url: str | None, console: Console, today: dt.date | None = None) -> None:
    """Given a survey folder, print councils by response status, overdue requests and files by state."""
    context = survey_to_context(survey_dir)
    engine = engine_for(url or default_url(survey_dir))
    statuses = read_table(engine, m.SurveyCouncil, context.survey.id)
    files = read_table(engine, m.File, context.survey.id)
    today = today or dt.date.today()
    if statuses.empty:
        console.print(f"No run recorded yet for {context.survey.id}: run `foi run {survey_dir}` first.")
    else:
        order = ["replied", "partial", "refused", "no_reply"]
        counts = statuses["response_status"].value_counts()
        console.print(counts_table(f"Councils ({len(statuses)} asked)", {s: int(counts.get(s, 0)) for s in order},
                                   "response status"))
        late = statuses[statuses["late"] == "yes"]["council_code"].tolist()
        console.print(f"Replies after the statutory due date: {len(late)}")
        state_counts = files["state"].value_counts()
        states = ["loaded", "superseded", "duplicate", "quarantined", "needs_review"]
        console.print(counts_table(f"Files ({len(files)} received)", {s: int(state_counts.get(s, 0)) for s in states},
                                   "state"))
        for row in files[files["state"].isin(["quarantined", "needs_review"])].itertuples():
            console.print(f"  [yellow]{row.state}[/yellow] {row.source_file}: {row.reason}")
    replied_codes = set(statuses[statuses["response_status"] != "no_reply"]["council_code"]) if len(statuses) else set()
    late_rows = [r for r in overdue(context.tracker, today) if r.council_code not in replied_codes]
    console.print(overdue_table(late_rows, today) if late_rows else "No overdue requests in the request log.")


def review_summary(frame: pd.DataFrame) -> str:
    """Given the review queue, return a one-line description of it."""
    per_reason = frame["reason"].str.split(":").str[0].value_counts().head(3)
    return f"{len(frame)} items" + ("" if frame.empty else " (most common: " + "; ".join(
        f"{n} {why}" for why, n in per_reason.items()) + ")")


TEMPLATE = Path(__file__).resolve().parent.parent / "extractors" / "survey" / "template.yaml"
TRACKER_COLUMNS = ["council", "request_ref", "date_sent", "date_due", "date_replied", "status", "notes"]


def tracker_frame(survey_dir: Path) -> pd.DataFrame:
    """Given a survey folder, return a request log with one row for every body asked, due dates filled in."""
    context = survey_to_context(survey_dir)
    sent = context.survey.sent
    rows = [{"council": c.name, "request_ref": "", "date_sent": sent.strftime("%d/%m/%Y") if sent else "",
             "date_due": due_date(sent).strftime("%d/%m/%Y") if sent else "", "date_replied": "",
             "status": "Sent" if sent else "", "notes": ""} for c in context.councils]
    return pd.DataFrame(rows, columns=TRACKER_COLUMNS)


def init_survey(survey_dir: Path) -> list[str]:
    """Given a folder, scaffold a survey there (survey.yaml, tracker.csv, replies/, request.md); say what was done."""
    done = []
    survey_dir.mkdir(parents=True, exist_ok=True)
    (survey_dir / "replies").mkdir(exist_ok=True)
    if not (survey_dir / "survey.yaml").is_file():
        (survey_dir / "survey.yaml").write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
        done.append("wrote survey.yaml (a commented example: edit it to be your request)")
    survey = load_survey(survey_dir)
    (survey_dir / "request.md").write_text(survey_to_request(survey), encoding="utf-8")
    done.append("wrote request.md (the request to send, numbered as the pipeline will look for each answer)")
    if not (survey_dir / "tracker.csv").is_file():
        frame = tracker_frame(survey_dir)
        frame.to_csv(survey_dir / "tracker.csv", index=False)
        done.append(f"wrote tracker.csv with a row for each of the {len(frame)} bodies asked")
    return done
