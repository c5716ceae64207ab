"""`foi browse`: the warehouse served read-only in Datasette on 127.0.0.1, described by the data dictionary."""

from __future__ import annotations

import importlib
from pathlib import Path

from sqlalchemy import Engine

from extractors.survey import Survey
from warehouse.browse import browse_metadata, export_to_sqlite

SETTINGS = {"sql_time_limit_ms": 5000, "default_facet_size": 30}


def sqlite_to_serve(engine: Engine, survey_dir: Path) -> tuple[Path, bool]:
    """Given the warehouse, return the SQLite file to serve and whether it is a snapshot (a copy of another DB)."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        return Path(database), False
    return export_to_sqlite(engine, survey_dir / ".foi" / "browse" / "warehouse.sqlite"), True


def make_datasette(path: Path, survey: Survey, replies: Path, snapshot: bool):  # noqa: ANN201 - Datasette's type
    """Given the SQLite file, return a Datasette serving it read-only, with metadata and links to the replies."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    import flows.datasette_links as links

    # Datasette's error page calls rich outside an except block, which rich 15 refuses (a 500 for every 400).
    # Imported after datasette.app, which must load its default plugins first.
    importlib.import_module("datasette.handle_exception").rich = None
    if not pm.is_registered(links):
        pm.register(links, name=links.NAME)
    metadata = {**browse_metadata(survey, path.stem), "plugins": {links.NAME: {"replies": str(replies.resolve())}}}
    # A live SQLite warehouse is opened with mode=ro (a run may write meanwhile); a snapshot as immutable.
    files = {"immutables": [str(path)]} if snapshot else {"files": [str(path)]}
    return Datasette(**files, metadata=metadata, settings=SETTINGS)


def serve(survey_dir: Path, engine: Engine, survey: Survey, port: int) -> None:
    """Given the survey's warehouse, serve it read-only on 127.0.0.1:PORT until interrupted."""
    import uvicorn

    path, snapshot = sqlite_to_serve(engine, survey_dir)
    app = make_datasette(path, survey, survey_dir / "replies", snapshot).app()
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
