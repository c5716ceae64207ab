"""Real kills, real concurrent runs and a real PostgreSQL server: the warehouse stays consistent."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from benchmarks.scaled_survey import make_scaled_survey
from warehouse.db import engine_for
from warehouse.load import load_survey_rows, start_run
from warehouse.lock import RunInProgress, run_lock
from warehouse.publish import publish

from .conftest import EXAMPLE
from .publishing import run_stages

PUBLISHED = ("answers.csv", "comparison.csv", "files.csv")


def start_cli(folder: Path, url: str, out: Path) -> subprocess.Popen:
    """Start `foi run` as a separate process (one worker, so a kill lands mid-extraction)."""
    env = {**os.environ, "FOI_WORKERS": "1"}
    # Its own process group, so that a kill takes Prefect's temporary server with it, as a crash of the machine would.
    return subprocess.Popen([sys.executable, "-m", "flows.cli", "run", str(folder), "--warehouse", url, "--out",
                             str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)


def wait_for_running(db: Path, timeout: float = 60) -> None:
    """Wait until the warehouse records a run in progress."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if db.exists():
            try:
                with sqlite3.connect(db) as connection:
                    if connection.execute("SELECT 1 FROM runs WHERE status='running'").fetchone():
                        return
            except sqlite3.OperationalError:
                pass
        time.sleep(0.1)
    raise AssertionError("the run never started")


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """An uninterrupted run of a doubled survey, and how long it took."""
    folder = make_scaled_survey(EXAMPLE, tmp_path_factory.mktemp("ref") / "survey", 2)
    started = time.monotonic()
    done = start_cli(folder, f"sqlite:///{folder / 'w.sqlite'}", folder / "pub")
    assert done.wait(timeout=600) == 0, done.stderr.read()
    return folder, time.monotonic() - started


@pytest.mark.flow
@pytest.mark.parametrize("fraction", [0.45, 0.85])
def test_killed_run_resumes_to_the_same_publication(reference, tmp_path: Path, fraction: float):
    ref_folder, seconds = reference
    folder = make_scaled_survey(EXAMPLE, tmp_path / "survey", 2)
    db = folder / "w.sqlite"
    url = f"sqlite:///{db}"
    victim = start_cli(folder, url, folder / "pub")
    wait_for_running(db)
    time.sleep(max(0.5, fraction * seconds - 6))  # about 6 s of the reference run is start-up before the lock
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    resumed = start_cli(folder, url, folder / "pub")
    assert resumed.wait(timeout=600) == 0, resumed.stderr.read()
    for name in PUBLISHED:
        assert (folder / "pub" / name).read_bytes() == (ref_folder / "pub" / name).read_bytes(), name
    with sqlite3.connect(db) as connection:
        statuses = [s for (s,) in connection.execute("SELECT status FROM runs ORDER BY id")]
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert statuses[-1] == "published" and "running" not in statuses


@pytest.mark.flow
def test_second_concurrent_run_stops_with_a_clear_message(tmp_path: Path):
    folder = make_scaled_survey(EXAMPLE, tmp_path / "survey", 4)
    db = folder / "w.sqlite"
    first = start_cli(folder, f"sqlite:///{db}", folder / "pub")
    wait_for_running(db)
    second = start_cli(folder, f"sqlite:///{db}", folder / "pub2")
    assert second.wait(timeout=120) == 1
    assert "another foi run is already working" in second.stderr.read().lower()
    assert first.wait(timeout=600) == 0, first.stderr.read()
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM answers").fetchone()[0] == 350
        assert [s for (s,) in connection.execute("SELECT status FROM runs")] == ["published"]


@pytest.mark.postgres
def test_warehouse_on_postgres_matches_sqlite(postgres_url: str, survey_copy: Path):
    survey, tables = run_stages(survey_copy)
    outputs = {}
    for name, url in (("postgres", postgres_url), ("sqlite", f"sqlite:///{survey_copy / 'w.sqlite'}")):
        engine = engine_for(url)
        for _ in range(2):  # loading twice leaves the same rows
            run_id = start_run(engine, survey.id, survey.title, (survey.period_start, survey.period_end), "test")
            load_survey_rows(engine, run_id, tables)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM answers")).scalar() == 350
            assert connection.execute(text("SELECT count(*) FROM survey_councils")).scalar() == 153
        publish(engine, survey, survey_copy / name)
        outputs[name] = {p: (survey_copy / name / p).read_bytes() for p in PUBLISHED}
        engine.dispose()
    assert outputs["postgres"] == outputs["sqlite"]


@pytest.mark.postgres
def test_postgres_advisory_lock_admits_one_run(postgres_url: str, tmp_path: Path):
    engine = engine_for(postgres_url)
    with run_lock(engine, "rhi-2026", tmp_path):
        with pytest.raises(RunInProgress, match="already working"):
            with run_lock(engine, "rhi-2026", tmp_path, wait=1.0):
                pass
        with run_lock(engine, "another-survey", tmp_path):
            pass
    with run_lock(engine, "rhi-2026", tmp_path):
        pass
    engine.dispose()


@pytest.mark.postgres
@pytest.mark.flow
def test_real_flow_on_postgres(postgres_url: str, survey_copy: Path):
    from flows.run import foi_run

    summary = foi_run(str(survey_copy), postgres_url, str(survey_copy / "pub"))
    assert summary.files_received == 25
    assert (survey_copy / "pub" / "answers.csv").read_text(encoding="utf-8").count("\n") == 351
