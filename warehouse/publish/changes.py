"""Publication versions: a new version only when the published content changed, and what changed, cell by cell."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from warehouse import models as m
from warehouse.load import now

SNAPSHOT = ["council_code", "question_key", "value", "status", "source_file", "sha256", "source_locator",
            "reviewed_by"]
CHANGES_OUT = ["council_code", "council_name", "question_key", "old_value", "old_status", "new_value", "new_status",
               "why", "source_file", "source_locator", "reviewed_by"]
WHY = ("new reply", "correction", "reviewer decision", "extraction change")
# The files whose bytes are the published content; the extras are derived from them (and from the version).
CONTENT_FILES = ("answers.csv", "comparison.csv", "files.csv", "review.csv")


@dataclass(frozen=True)
class Version:
    """One publication version: its number, when it was first published and the version before it."""

    number: int
    published_at: dt.datetime
    previous: int | None
    fingerprint: str

    @property
    def published_iso(self) -> str:
        """Given a version, return its first-publication time as ISO 8601 UTC."""
        return self.published_at.replace(microsecond=0).isoformat() + "Z"


def fingerprint_of(out_dir: Path, names: tuple[str, ...] = CONTENT_FILES) -> str:
    """Given a publication folder, return one hash over the named files' names and bytes."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update((out_dir / name).read_bytes())
    return digest.hexdigest()


def snapshot_rows(survey_id: str, version: int, answers: pd.DataFrame) -> list[dict]:
    """Given the published answers, return the rows that record them under one version."""
    frame = answers[SNAPSHOT].fillna("").astype(str)
    return [dict(row, survey_id=survey_id, version=version) for row in frame.to_dict("records")]


def record_version(engine: Engine, survey_id: str, fingerprint: str, answers: pd.DataFrame) -> Version:
    """Given the content's fingerprint, return the latest version if it matches, else record and return a new one."""
    with Session(engine) as session, session.begin():
        latest = session.scalars(select(m.Publication).where(m.Publication.survey_id == survey_id)
                                 .order_by(m.Publication.version.desc()).limit(1)).first()
        if latest is not None and latest.fingerprint == fingerprint:
            previous = latest.version - 1 if latest.version > 1 else None
            return Version(latest.version, latest.published_at, previous, fingerprint)
        number = (latest.version if latest else 0) + 1
        published_at = now().replace(microsecond=0)
        session.add(m.Publication(survey_id=survey_id, version=number, published_at=published_at,
                                  fingerprint=fingerprint))
        session.flush()
        session.add_all(m.PublishedAnswer(**row) for row in snapshot_rows(survey_id, number, answers))
        return Version(number, published_at, latest.version if latest else None, fingerprint)


def version_count(engine: Engine, survey_id: str) -> int:
    """Given a survey, return how many versions have been published."""
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(m.Publication)
                                  .where(m.Publication.survey_id == survey_id)) or 0)


def load_snapshot(engine: Engine, survey_id: str, version: int | None) -> pd.DataFrame:
    """Given a version (or None), return the answers it published (empty when there is none)."""
    if version is None:
        return pd.DataFrame(columns=SNAPSHOT)
    table = m.PublishedAnswer.__table__
    query = select(*(table.c[c] for c in SNAPSHOT)).where(table.c.survey_id == survey_id,
                                                         table.c.version == version)
    with engine.connect() as connection:
        return pd.read_sql(query, connection).fillna("").astype(str)


def why_changed(old: dict | None, new: dict | None, old_councils: set[str]) -> str:
    """Given one cell's old and new answer rows, return why it changed."""
    code = (new or old or {}).get("council_code", "")
    if code not in old_councils:
        return "new reply"
    if new and new.get("reviewed_by"):
        return "reviewer decision"
    if (old or {}).get("sha256", "") != (new or {}).get("sha256", ""):
        return "correction"
    return "extraction change"


def change_row(old: dict | None, new: dict | None, why: str) -> dict:
    """Given one cell's old and new answer rows, return its row in changes.csv."""
    here = new or old or {}
    return {
        "council_code": here["council_code"], "question_key": here["question_key"],
        "old_value": (old or {}).get("value", ""), "old_status": (old or {}).get("status", ""),
        "new_value": (new or {}).get("value", ""), "new_status": (new or {}).get("status", ""),
        "why": why, "source_file": here.get("source_file", ""), "source_locator": here.get("source_locator", ""),
        "reviewed_by": (new or {}).get("reviewed_by", ""),
    }


def changes_between(old: pd.DataFrame, new: pd.DataFrame, names: dict[str, str], order: dict[str, int]
                    ) -> pd.DataFrame:
    """Given two versions' answers, return one row per cell whose value or status differs, in a stable order."""
    before = {(r["council_code"], r["question_key"]): r for r in old.fillna("").astype(str).to_dict("records")}
    after = {(r["council_code"], r["question_key"]): r for r in new.fillna("").astype(str).to_dict("records")}
    old_councils = {code for code, _ in before}
    rows = []
    for cell in sorted(set(before) | set(after), key=lambda c: (c[0], order.get(c[1], len(order)), c[1])):
        was, is_ = before.get(cell), after.get(cell)
        if was and is_ and (was["value"], was["status"]) == (is_["value"], is_["status"]):
            continue
        rows.append(change_row(was, is_, why_changed(was, is_, old_councils)))
    frame = pd.DataFrame(rows, columns=[c for c in CHANGES_OUT if c != "council_name"])
    frame.insert(1, "council_name", frame["council_code"].map(names).fillna(""))
    return frame[CHANGES_OUT]


def changes_of(engine: Engine, survey_id: str, version: Version, names: dict[str, str], order: dict[str, int]
               ) -> pd.DataFrame:
    """Given a version, return its changes since the previous one (none for a first publication)."""
    current = load_snapshot(engine, survey_id, version.number)
    if version.previous is None:
        return changes_between(current, current, names, order)
    return changes_between(load_snapshot(engine, survey_id, version.previous), current, names, order)
