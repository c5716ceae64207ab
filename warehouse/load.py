"""Pipeline results -> warehouse rows: an idempotent replace of one survey's rows inside one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from warehouse import models as m


def now() -> dt.datetime:
    """Return the current UTC time without tzinfo (portable across SQLite and PostgreSQL)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def start_run(engine: Engine, survey_id: str, title: str, period: tuple[dt.date, dt.date], version: str) -> int:
    """Given a survey, record a new run as started and return its id."""
    with Session(engine) as session, session.begin():
        if session.get(m.Survey, survey_id) is None:
            session.add(m.Survey(id=survey_id, title=title, period_start=period[0], period_end=period[1]))
            session.flush()
        run = m.Run(survey_id=survey_id, started_at=now(), status="running", code_version=version)
        session.add(run)
        session.flush()
        return run.id


def mark_interrupted_runs(engine: Engine, survey_id: str) -> int:
    """Given a survey, mark runs left 'running' by a killed process as interrupted; return how many."""
    with Session(engine) as session, session.begin():
        done = session.execute(update(m.Run).where(m.Run.survey_id == survey_id, m.Run.status == "running").values(
            status="interrupted", finished_at=now()))
        return done.rowcount or 0


def finish_run(engine: Engine, run_id: int, status: str, files_seen: int, answers_loaded: int) -> None:
    """Given a run, record how it ended."""
    with Session(engine) as session, session.begin():
        session.execute(update(m.Run).where(m.Run.id == run_id).values(
            status=status, finished_at=now(), files_seen=files_seen, answers_loaded=answers_loaded))


def upsert_all(session: Session, model: type[m.Base], rows: Iterable[dict]) -> None:
    """Given a model and rows keyed by its primary key, insert or update each (portable merge)."""
    for row in rows:
        session.merge(model(**row))


def replace_rows(session: Session, model: type[m.Base], survey_id: str, rows: list[dict]) -> None:
    """Given a survey's table rows, replace that survey's rows so that a re-run leaves the same rows."""
    session.execute(delete(model).where(model.survey_id == survey_id))
    session.flush()
    session.add_all(model(**row) for row in rows)


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Given a frame, return the named columns as plain dict rows."""
    return frame[columns].to_dict("records") if len(frame) else []


def load_survey_rows(engine: Engine, run_id: int, tables: dict[str, pd.DataFrame]) -> None:
    """Given a run and its validated tables, write them all in one transaction (all or nothing)."""
    survey_id = str(tables["survey"]["id"].iloc[0])
    with Session(engine) as session, session.begin():
        upsert_all(session, m.Council, records(tables["councils"], ["code", "name", "type", "region", "lat", "lon"]))
        upsert_all(session, m.Question, records(tables["questions"], [
            "survey_id", "key", "question_id", "position", "type", "part", "text"]))
        session.flush()
        replace_rows(session, m.SurveyCouncil, survey_id, records(tables["survey_councils"], [
            "survey_id", "council_code", "response_status", "reply_date", "late"]))
        files = tables["files"].assign(survey_id=survey_id, last_run_id=run_id)
        replace_rows(session, m.File, survey_id, records(files, [
            "survey_id", "source_file", "sha256", "size", "kind", "council_codes", "identified_by", "state",
            "reason", "reply_date", "pages", "last_run_id"]))
        answers = tables["answers"].assign(survey_id=survey_id, run_id=run_id)
        replace_rows(session, m.Answer, survey_id, records(answers, [
            "survey_id", "council_code", "question_key", "value", "status", "detail", "source_file", "sha256",
            "source_locator", "method", "confidence", "reason", "raw", "reviewed_by", "run_id"]))
        review = tables["review"].assign(survey_id=survey_id)
        replace_rows(session, m.ReviewItem, survey_id, records(review, [
            "survey_id", "source_file", "question_key", "council_code", "sha256", "extracted", "reason",
            "source_locator", "snippet"]))


def read_table(engine: Engine, model: type[m.Base], survey_id: str) -> pd.DataFrame:
    """Given a model, return one survey's rows of it as a frame."""
    with engine.connect() as connection:
        return pd.read_sql(select(model.__table__).where(model.__table__.c.survey_id == survey_id), connection)
