"""Shared fixtures: the bundled example survey, copied so each test writes into its own folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from extractors.survey import Survey, load_survey

# Prefect keeps its state in a throwaway home, and its own INFO chatter out of the test output.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="foi-prefect-"))
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# a loaded 2-core machine can take longer than the default 20 s to boot the temporary server
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "rhi-2026"


@pytest.fixture(scope="session")
def survey() -> Survey:
    """The example survey's questions."""
    return load_survey(EXAMPLE)


@pytest.fixture()
def survey_copy(tmp_path: Path) -> Path:
    """A private copy of the example survey folder (without any earlier run's .foi folder)."""
    target = tmp_path / "rhi-2026"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns(".foi"))
    for path in target.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server started on loopback for this test session; skipped, saying why, if unavailable."""
    from .postgres_server import PostgresServer

    try:
        server = PostgresServer()
        url = server.start()
    except Exception as exc:  # no server binaries or it would not start: the skip says why
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    yield url
    server.stop()


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory):
    """A real Prefect server (`prefect server start`) on a free loopback port for this session: its API URL."""
    from .prefect_server import start_prefect_server
    from .servers import Processes

    work = tmp_path_factory.mktemp("prefect-server")
    with Processes(work / "logs") as processes:
        yield start_prefect_server(processes, work / "home"), work / "home"
