"""`foi browse` for real: Datasette on loopback, the answers table in headless Chromium, and writes refused."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from flows.pipeline import run_survey

from .conftest import EXAMPLE
from .servers import Processes, free_port
from .test_report_browser import FLAGS, chromium  # noqa: F401 - the session's Chromium fixture

pytestmark = pytest.mark.browse
COUNCIL = "E06000003"
# The report test's flags, with loopback let through the rule that sends every other host nowhere.
LOOPBACK_FLAGS = [f if not f.startswith("--host-resolver-rules") else f"{f}, EXCLUDE 127.0.0.1" for f in FLAGS]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The example survey run through the plain stages, its warehouse served by `foi browse` on a free port."""
    folder = tmp_path_factory.mktemp("browse") / "rhi-2026"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".foi"))
    run_survey(folder, workers=1)
    port = free_port()
    with Processes(folder.parent / "logs") as processes:
        processes.start("browse", [str(Path(sys.executable).parent / "foi"), "browse", str(folder), "--port",
                                   str(port)])
        processes.wait_for_url("browse", f"http://127.0.0.1:{port}/-/versions.json", timeout=60)
        yield folder, f"http://127.0.0.1:{port}"


def get(url: str, data: bytes | None = None) -> tuple[int, str]:
    """Given a URL (and a body to POST), return the status and text of the answer."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def dump_dom(chromium: str, url: str, work: Path) -> str:  # noqa: F811 - the fixture's value
    """Given a page on loopback, return its DOM as headless Chromium rendered it."""
    done = subprocess.run([chromium, *LOOPBACK_FLAGS, f"--user-data-dir={work / 'profile'}", "--dump-dom", url],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return html.unescape(done.stdout)


def expected_rows(council: str) -> list[dict]:
    """Given a council, return its reported answers in the example's expected answers."""
    with (EXAMPLE / "expected" / "answers.csv").open(encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle) if r["council_code"] == council and r["status"] == "reported"]


def test_answers_table_with_a_facet_in_chromium(served, chromium, tmp_path):  # noqa: F811
    folder, base = served
    dom = dump_dom(chromium, f"{base}/warehouse/answers?council_code={COUNCIL}&_facet=status&_size=100", tmp_path)
    assert "Answers with provenance" in dom and "Grain: One row per survey, replying council and answer key" in dom
    assert 'class="column-descriptions"' in dom and "How the question was answered." in dom
    reported = len(expected_rows(COUNCIL))
    facet = re.search(r'data-column="status".*?</div>', dom, re.S) or re.search(r"facet-status.*?</ul>", dom, re.S)
    assert facet and re.search(rf"reported</a>\s*{reported}\b", facet.group(0)), facet and facet.group(0)[:600]
    table = re.search(r'<table class="rows-and-columns">.*?</table>', dom, re.S).group(0)
    for row in expected_rows(COUNCIL):
        cells = rf'class="col-question_key[^"]*">{row["question_key"]}</td>\s*<td class="col-value[^"]*">'
        assert re.search(cells + rf'{re.escape(row["value"])}</td>', table), row
    link = re.search(r'<a class="source" href="(/-/replies/[^"]+)"', table)
    assert link, "answers link to their reply files"
    status, _ = get(base + link.group(1).split("#")[0])
    assert status == 200


def test_every_table_and_column_is_described(served):
    _, base = served
    metadata = json.loads(get(f"{base}/-/metadata.json")[1])
    tables = metadata["databases"]["warehouse"]["tables"]
    shown = [t for t, m in tables.items() if not m.get("hidden")]
    assert {"answers", "files", "review_items", "survey_councils", "councils"} <= set(shown)
    for name in shown:
        assert tables[name]["description"].startswith("Grain: One row per"), name
        assert all(tables[name]["columns"].values()), (name, tables[name]["columns"])
    assert tables["survey_councils"]["facets"] == ["response_status", "late"]


def test_a_write_is_refused(served):
    folder, base = served
    before = sqlite3.connect(folder / ".foi" / "warehouse.sqlite").execute("SELECT count(*) FROM answers").fetchone()
    status, text = get(f"{base}/warehouse.json?sql=" + urllib.request.quote("DELETE FROM answers"))
    assert status == 400 and "Statement must be a SELECT" in text
    status, _ = get(f"{base}/warehouse/answers", data=b"status=refused")
    assert status >= 400
    after = sqlite3.connect(folder / ".foi" / "warehouse.sqlite").execute("SELECT count(*) FROM answers").fetchone()
    assert before == after and before[0] > 0


@pytest.mark.postgres
def test_a_postgresql_warehouse_is_browsed_as_a_sqlite_copy(postgres_url, tmp_path):
    from sqlalchemy import func, select

    from flows.browse import make_datasette, sqlite_to_serve
    from flows.context import survey_to_context
    from warehouse.db import engine_for
    from warehouse.models import Base

    folder = tmp_path / "rhi-2026"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".foi"))
    run_survey(folder, postgres_url, workers=1)
    engine = engine_for(postgres_url)
    path, snapshot = sqlite_to_serve(engine, folder)
    assert snapshot and path == folder / ".foi" / "browse" / "warehouse.sqlite"
    copy = sqlite3.connect(path)
    with engine.connect() as source:
        for table in Base.metadata.sorted_tables:
            count = source.execute(select(func.count()).select_from(table)).scalar()
            assert copy.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0] == count, table.name
    datasette = make_datasette(path, survey_to_context(folder).survey, folder / "replies", snapshot)
    assert datasette.databases["warehouse"].is_mutable is False
