"""Warehouse connection: a URL -> an engine with the schema migrated to the newest version."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event

MIGRATIONS = Path(__file__).parent / "migrations"


def default_url(survey_dir: Path) -> str:
    """Given a survey folder, return the SQLite URL of its own warehouse file."""
    path = (Path(survey_dir) / ".foi" / "warehouse.sqlite").resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def alembic_config(url: str) -> Config:
    """Given a database URL, return an Alembic config pointing at the warehouse migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects are untyped
    """Given a new SQLite connection, switch on foreign keys and a busy wait instead of instant failure."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def engine_for(url: str) -> Engine:
    """Given a database URL, return an engine whose schema is migrated to head."""
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", sqlite_pragmas)
    with engine.begin() as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return engine
