"""The nightly run's memory: each file's result cached by its bytes, name and the stage versions that made it."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from sqlalchemy import Engine, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from extractors.ingest.inventory import InventoryItem
from extractors.model import Candidate
from extractors.per_file import FileResult
from warehouse.models import Base


class CachedResult(Base):
    """One row per survey and cache key (file bytes + name + stage versions + survey + request log)."""

    __tablename__ = "file_results"
    survey_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    cache_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    payload: Mapped[str] = mapped_column(Text)


def fingerprint(*parts: object) -> str:
    """Given any values, return a short stable hash of them."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def inputs_fingerprint(survey_dir: Path, stage_versions: dict[str, str]) -> str:
    """Given a survey folder and the stage versions, return what every cached result depends on beyond the file."""
    texts = [(survey_dir / name).read_bytes() if (survey_dir / name).is_file() else b""
             for name in ("survey.yaml", "tracker.csv")]
    return fingerprint(stage_versions, [hashlib.sha256(t).hexdigest() for t in texts])


def cache_key(item: InventoryItem, inputs: str) -> str:
    """Given a file and the run's inputs fingerprint, return the key its result is cached under."""
    return fingerprint(item.sha256, item.source_file, item.kind, item.parent, inputs)


def result_to_json(result: FileResult) -> str:
    """Given a file result, return it as JSON text."""
    data = dataclasses.asdict(result)
    data["addressed"] = sorted(result.addressed)
    return json.dumps(data, sort_keys=True)


def json_to_result(text: str) -> FileResult:
    """Given JSON text from result_to_json, return the file result."""
    data = json.loads(text)
    data["item"] = InventoryItem(**data["item"])
    data["candidates"] = [Candidate(**c) for c in data["candidates"]]
    data["by_council"] = {code: [Candidate(**c) for c in found] for code, found in data.get("by_council", {}).items()}
    data["addressed"] = set(data["addressed"])
    data["codes"] = tuple(data["codes"])
    known = {f.name for f in dataclasses.fields(FileResult)}
    return FileResult(**{k: v for k, v in data.items() if k in known})


def load_cached(engine: Engine, survey_id: str, keys: list[str]) -> dict[str, FileResult]:
    """Given cache keys, return the cached results found for them."""
    with Session(engine) as session:
        rows = session.scalars(select(CachedResult).where(
            CachedResult.survey_id == survey_id, CachedResult.cache_key.in_(keys))).all()
        return {row.cache_key: json_to_result(row.payload) for row in rows}


def save_cached(engine: Engine, survey_id: str, fresh: dict[str, FileResult]) -> None:
    """Given newly computed results by cache key, store them (one transaction)."""
    if not fresh:
        return
    with Session(engine) as session, session.begin():
        session.execute(delete(CachedResult).where(
            CachedResult.survey_id == survey_id, CachedResult.cache_key.in_(list(fresh))))
        session.add_all(CachedResult(survey_id=survey_id, cache_key=key, sha256=result.item.sha256,
                                     payload=result_to_json(result)) for key, result in fresh.items())
