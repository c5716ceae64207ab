"""Warehouse -> what Datasette shows about it: every table's title, grain and description, every column's meaning.

The words come from the one data dictionary: the published tables' fields (`warehouse.publish.package.table_specs`,
the source of datapackage.json) and each model's docstring for its grain. Only the warehouse's own bookkeeping
columns, which nothing publishes, are described here.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, insert, select

import warehouse.cache  # noqa: F401 - registers the file_results table with the models
from extractors.survey import Survey
from warehouse.models import Base
from warehouse.publish.package import table_specs

# warehouse table -> the published table whose data dictionary describes its columns (and, if it is that table,
# its title)
PUBLISHED_AS = {"answers": "answers", "published_answers": "answers", "files": "files", "review_items": "review",
                "survey_councils": "comparison", "councils": "comparison", "overrides": "answers"}
FACETS = {"answers": ["status", "question_key"], "survey_councils": ["response_status", "late"],
          "files": ["state", "kind"], "review_items": ["question_key"], "published_answers": ["status", "version"],
          "overrides": ["state", "status"], "runs": ["status"]}
LABELS = {"councils": "name", "surveys": "title"}
HIDDEN = ("file_results", "alembic_version")
OWN_COLUMNS = {  # columns the publication has no field for: the warehouse's own keys and bookkeeping
    "survey_id": "The survey's id (survey.yaml `id`); one warehouse can hold several surveys.",
    "run_id": "The pipeline run that last wrote the row (see runs).",
    "last_run_id": "The pipeline run that last saw the file (see runs).",
    "raw": "The text the answer was read from, before parsing.", "id": "The row's number.",
    "type": "The council's type in the register, or the question's type (count, policy, provider, hours).",
    "region": "The council's region.", "lat": "The council's latitude, for the map.",
    "lon": "The council's longitude, for the map.", "title": "The survey's title.",
    "period_start": "First day of the period the survey asks about.",
    "period_end": "Last day of the period the survey asks about.", "key": "The survey's answer key.",
    "question_id": "The question's number as councils quote it (e.g. Q5).",
    "position": "The answer key's place in the survey's order.", "part": "The part of the question (a, b), if any.",
    "text": "The question's wording in the request.", "started_at": "When the run started (UTC).",
    "finished_at": "When the run ended (UTC).", "files_seen": "Files the run received.",
    "answers_loaded": "Answers the run loaded.", "code_version": "The extractor version that ran.",
    "reviewer": "Who decided.", "decided_at": "When the reviewer decided (UTC).",
    "state": "active, or stale when the file it was decided on has changed since.",
    "version": "The publication's version number.", "published_at": "When the version was first published (UTC).",
    "fingerprint": "SHA-256 of the version's published content.",
}
RENAMED = {("councils", "code"): "council_code", ("councils", "name"): "council_name",
           ("overrides", "reason"): "reason"}


def grain(table: str) -> str:
    """Given a warehouse table's name, return its grain: the first line of its model's docstring."""
    model = next(m.class_ for m in Base.registry.mappers if m.class_.__tablename__ == table)
    return (model.__doc__ or "").strip().splitlines()[0]


def column_words(fields: dict[str, dict], table: str, column: str) -> str:
    """Given a published table's fields by name and a warehouse column, return what the column means."""
    if table == "runs" and column == "status":
        return "running, published, failed or interrupted."
    if table == "overrides" and column in ("value", "status"):
        return f"The {column} the reviewer decided. " + fields[column]["description"]
    name = RENAMED.get((table, column), column)
    if name in fields and not (table == "overrides" and column == "state"):
        return fields[name]["description"]
    return OWN_COLUMNS.get(column, "")


def table_metadata(table: str, specs: dict[str, dict]) -> dict:
    """Given a warehouse table and the published specs by name, return its Datasette metadata."""
    spec = specs.get(PUBLISHED_AS.get(table, ""), {})
    fields = {f["name"]: f for f in spec.get("fields", [])}
    same = spec and spec["name"] in (table, table.removesuffix("_items"))
    found = {"title": spec["title"] if same else table.replace("_", " ").capitalize(),
             "description": f"Grain: {grain(table)}" + (f" Published as {spec['path']}: {spec['description']}"
                                                         if same else ""),
             "columns": {c.name: column_words(fields, table, c.name) for c in Base.metadata.tables[table].columns}}
    if table in FACETS:
        found["facets"] = FACETS[table]
    if table in LABELS:
        found["label_column"] = LABELS[table]
    return found


def browse_metadata(survey: Survey, database: str = "warehouse") -> dict:
    """Given the survey and the database's name in Datasette, return Datasette's metadata for the warehouse."""
    specs = {s["name"]: s for s in table_specs(survey)}
    tables = {name: table_metadata(name, specs) for name in Base.metadata.tables if name not in HIDDEN}
    tables.update({name: {"hidden": True} for name in HIDDEN})
    return {"title": f"{survey.title}: the warehouse", "source": "Replies to a Freedom of Information request",
            "description": "Every answer with its source file and page or cell, every file received and what "
                           "became of it, and what needs review. Read-only: run `foi run` to change it.",
            "databases": {database: {"tables": tables}}}


def export_to_sqlite(engine: Engine, target: Path) -> Path:
    """Given any warehouse (e.g. PostgreSQL), copy every table into a fresh SQLite file and return its path."""
    from warehouse.db import engine_for

    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    copy = engine_for(f"sqlite:///{target.resolve()}")  # the same schema, made by the same migrations
    with engine.connect() as source, copy.begin() as sink:
        for table in Base.metadata.sorted_tables:
            rows = [dict(r) for r in source.execute(select(table)).mappings()]
            if rows:
                sink.execute(insert(table), rows)
    copy.dispose()
    return target
