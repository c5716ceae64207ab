"""One run at a time per survey and warehouse: a second run waits for the first or stops with a clear message.

PostgreSQL: a session advisory lock, released by the server if the run's process dies. Other databases
(SQLite): an exclusive file lock beside the warehouse file, released by the OS if the process dies. Either way
a run killed with kill -9 leaves no stale lock behind.
"""

from __future__ import annotations

import fcntl
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text


class RunInProgress(RuntimeError):
    """Another run holds the lock; the message says what to do."""


def lock_id(survey_id: str) -> int:
    """Given a survey id, return a stable 31-bit number to lock on."""
    return zlib.crc32(f"foi-run:{survey_id}".encode()) & 0x7FFFFFFF


def lock_file_for(engine: Engine, fallback_dir: Path) -> Path:
    """Given a non-PostgreSQL engine, return the lock file beside its database file (or in fallback_dir)."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        return Path(database).with_suffix(".lock")
    fallback_dir.mkdir(parents=True, exist_ok=True)
    return fallback_dir / "run.lock"


def busy_message(survey_id: str) -> str:
    """Given a survey id, return the sentence shown when another run is working on it."""
    return (f"another foi run is already working on survey {survey_id} with this warehouse; "
            "wait for it to finish, or use --wait SECONDS to queue behind it")


@contextmanager
def postgres_lock(engine: Engine, survey_id: str, wait: float) -> Iterator[None]:
    """Hold a PostgreSQL advisory lock for the survey while the block runs."""
    deadline = time.monotonic() + wait
    with engine.connect() as connection:
        while not connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": lock_id(survey_id)}).scalar():
            if time.monotonic() >= deadline:
                raise RunInProgress(busy_message(survey_id))
            time.sleep(0.5)
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": lock_id(survey_id)})
            connection.commit()


@contextmanager
def file_lock(path: Path, survey_id: str, wait: float) -> Iterator[None]:
    """Hold an exclusive lock on a file while the block runs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    with path.open("a+") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as exc:
                if time.monotonic() >= deadline:
                    raise RunInProgress(busy_message(survey_id)) from exc
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_lock(engine: Engine, survey_id: str, fallback_dir: Path, wait: float = 0.0):  # noqa: ANN201
    """Given a warehouse and survey, return a context manager that holds the one-run-at-a-time lock."""
    if engine.dialect.name == "postgresql":
        return postgres_lock(engine, survey_id, wait)
    return file_lock(lock_file_for(engine, fallback_dir), survey_id, wait)
