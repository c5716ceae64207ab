"""SQLAlchemy models of the warehouse. Every table's docstring states its grain."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Float, ForeignKey, ForeignKeyConstraint, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base for the warehouse tables."""


class Council(Base):
    """One row per council in the register the survey draws on."""

    __tablename__ = "councils"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(8))
    region: Mapped[str] = mapped_column(String(100), default="")
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)


class Survey(Base):
    """One row per survey (one FOI request sent to many councils)."""

    __tablename__ = "surveys"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)


class Question(Base):
    """One row per survey and answer key (a question, or one part of it)."""

    __tablename__ = "questions"
    survey_id: Mapped[str] = mapped_column(ForeignKey("surveys.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(20))
    part: Mapped[str] = mapped_column(String(4), default="")
    text: Mapped[str] = mapped_column(Text)


class SurveyCouncil(Base):
    """One row per survey and council asked."""

    __tablename__ = "survey_councils"
    survey_id: Mapped[str] = mapped_column(ForeignKey("surveys.id"), primary_key=True)
    council_code: Mapped[str] = mapped_column(ForeignKey("councils.code"), primary_key=True)
    response_status: Mapped[str] = mapped_column(String(20), default="no_reply")
    reply_date: Mapped[str] = mapped_column(String(10), default="")
    late: Mapped[str] = mapped_column(String(5), default="")


class Run(Base):
    """One row per pipeline run."""

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    survey_id: Mapped[str] = mapped_column(ForeignKey("surveys.id"))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="running")
    files_seen: Mapped[int] = mapped_column(Integer, default=0)
    answers_loaded: Mapped[int] = mapped_column(Integer, default=0)
    code_version: Mapped[str] = mapped_column(String(40), default="")


class File(Base):
    """One row per survey and file received (its path under replies/ as last seen)."""

    __tablename__ = "files"
    survey_id: Mapped[str] = mapped_column(ForeignKey("surveys.id"), primary_key=True)
    source_file: Mapped[str] = mapped_column(String(500), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    council_codes: Mapped[str] = mapped_column(String(200), default="")
    identified_by: Mapped[str] = mapped_column(String(40), default="")
    state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    reply_date: Mapped[str] = mapped_column(String(10), default="")
    pages: Mapped[int] = mapped_column(Integer, default=0)
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), nullable=True)


class Answer(Base):
    """One row per survey, replying council and answer key: the answer as published."""

    __tablename__ = "answers"
    survey_id: Mapped[str] = mapped_column(ForeignKey("surveys.id"), primary_key=True)
    council_code: Mapped[str] = mapped_column(ForeignKey("councils.code"), primary_key=True)
    question_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")
    source_file: Mapped[str] = mapped_column(String(500), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    source_locator: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[str] = mapped_column(String(100), default="")
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    reason: Mapped[str] = mapped_column(Text, default="")
    raw: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str] = mapped_column(String(100), default="")
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), nullable=True)


class Override(Base):
    """One row per file's bytes and answer key that a reviewer decided."""

    __tablename__ = "overrides"
    survey_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    question_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    council_code: Mapped[str] = mapped_column(String(16), default="")
    value: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20))
    reviewer: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(20), default="active")


class ReviewItem(Base):
    """One row per survey, file and answer key (or file alone) that needs a person to look."""

    __tablename__ = "review_items"
    survey_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    source_file: Mapped[str] = mapped_column(String(500), primary_key=True)
    question_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    council_code: Mapped[str] = mapped_column(String(16), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    extracted: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text)
    source_locator: Mapped[str] = mapped_column(String(200), default="")
    snippet: Mapped[str] = mapped_column(Text, default="")


class Publication(Base):
    """One row per survey and publication version: when it was first published and what its content hashed to."""

    __tablename__ = "publications"
    survey_id: Mapped[str] = mapped_column(ForeignKey("surveys.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    published_at: Mapped[dt.datetime] = mapped_column(DateTime)
    fingerprint: Mapped[str] = mapped_column(String(64))


class PublishedAnswer(Base):
    """One row per survey, publication version, council and answer key: the answer as that version published it."""

    __tablename__ = "published_answers"
    survey_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    question_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20))
    source_file: Mapped[str] = mapped_column(String(500), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    source_locator: Mapped[str] = mapped_column(String(200), default="")
    reviewed_by: Mapped[str] = mapped_column(String(100), default="")
    __table_args__ = (ForeignKeyConstraint(["survey_id", "version"], ["publications.survey_id",
                                                                      "publications.version"]),)
