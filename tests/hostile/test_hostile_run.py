"""Issue 14: a survey mixing ordinary replies with broken and hostile files still publishes, in bounded time and
memory, reading nothing outside its folders, listing every file and member with a state and a reason, and
publishing nothing a spreadsheet or a browser would run.

`foi run` is started as its own process group under a memory limit (RLIMIT_DATA on every process); the test
samples the resident memory of the whole group and compares the hostile run's wall time with the same survey
without the hostile files.
"""

from __future__ import annotations

import csv
import hashlib
import html.parser
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.hostile.make_corpus import CANARY, make_corpus, read_manifest

pytestmark = pytest.mark.hostile

GIB = 1 << 30
MEMORY_LIMIT = 2 * GIB
RISKY = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = ("<script>alert", "<svg onload", "<img src=x onerror", 'onerror="alert')
STATES = {"loaded", "superseded", "duplicate", "quarantined", "needs_review"}
PUBLISHED_CSVS = ("answers.csv", "comparison.csv", "files.csv", "review.csv", "changes.csv")


@dataclass(frozen=True)
class Run:
    """One `foi run` as a separate process: exit code, output, wall seconds and peak memory of its process group."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss: int


def limit_memory() -> None:
    """In the child before exec: its own session, and no process of it may hold more than the limit."""
    os.setsid()
    resource.setrlimit(resource.RLIMIT_DATA, (MEMORY_LIMIT, MEMORY_LIMIT))


def group_rss(group: int) -> int:
    """Given a process group id, return the summed resident memory (bytes) of its processes now."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[2]) == group:  # field 5 of /proc/PID/stat: the process group
                total += int(fields[21]) * os.sysconf("SC_PAGE_SIZE")  # field 24: resident pages
        except (OSError, IndexError, ValueError):
            continue
    return total


def run_foi(args: list[str], env: dict[str, str], logs: Path, timeout: float = 300) -> Run:
    """Given `foi` arguments, run them as a new process group, sampling its memory, and return what happened.

    Output goes to files in `logs` (a pipe left unread would stall a chatty run).
    """
    logs.mkdir(exist_ok=True)
    out, err = logs / f"{args[0]}-{len(list(logs.iterdir()))}.out", logs / f"{args[0]}-{len(list(logs.iterdir()))}.err"
    started = time.monotonic()
    with out.open("w") as stdout, err.open("w") as stderr:
        child = subprocess.Popen([sys.executable, "-m", "flows.cli", *args], stdout=stdout, stderr=stderr,
                                 stdin=subprocess.DEVNULL, text=True, env=env, preexec_fn=limit_memory)
        peak = 0
        while child.poll() is None:
            peak = max(peak, group_rss(child.pid))
            if time.monotonic() - started > timeout:
                os.killpg(child.pid, 9)
                break
            time.sleep(0.1)
        child.wait()
    try:
        os.killpg(child.pid, 9)  # anything the run left behind (it should have left nothing)
    except ProcessLookupError:
        pass
    return Run(child.returncode, out.read_text(), err.read_text(), time.monotonic() - started, peak)


def snapshot(folder: Path) -> dict[str, tuple]:
    """Given a folder, return every entry under it (links not followed): type, size, mode, mtime, content hash."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        if path.is_symlink():
            found[str(path)] = ("link", os.readlink(path))
        elif path.is_file():
            found[str(path)] = ("file", info.st_size, info.st_mode, info.st_mtime_ns,
                                hashlib.sha256(path.read_bytes()).hexdigest())
        else:
            found[str(path)] = ("other", info.st_mode, info.st_mtime_ns)
    return found


def survey_folder(base: Path, name: str) -> Path:
    """Given a base folder, return a fresh copy of the example survey there."""
    folder = base / name
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".foi", "expected"))
    return folder


def run_env(base: Path) -> dict[str, str]:
    """Given the test's base folder, return an environment whose home and temporary folders are inside it."""
    home, tmp = base / "home", base / "tmp"
    home.mkdir(exist_ok=True)
    tmp.mkdir(exist_ok=True)
    return {**os.environ, "HOME": str(home), "TMPDIR": str(tmp), "PREFECT_HOME": str(home / ".prefect"),
            "FOI_WORKERS": "2", "FOI_FILE_SECONDS": "45"}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The example survey run clean and with the hostile corpus added; everything the assertions need."""
    base = tmp_path_factory.mktemp("hostile")
    outside = base / "outside"
    clean, hostile = survey_folder(base, "clean"), survey_folder(base, "hostile")
    manifest = make_corpus(hostile / "replies", outside, manifest=base / "manifest.csv")
    env = run_env(base)
    before = {"outside": snapshot(outside), "replies": snapshot(hostile / "replies")}
    logs = base / "logs"
    clean_run = run_foi(["run", str(clean), "--out", str(base / "clean-out")], env, logs)
    hostile_run = run_foi(["run", str(hostile), "--out", str(base / "out")], env, logs)
    review_run = run_foi(["review", "export", str(hostile), "--out", str(base / "review")], env, logs)
    after = {"outside": snapshot(outside), "replies": snapshot(hostile / "replies")}
    return {"base": base, "hostile": hostile, "out": base / "out", "clean_out": base / "clean-out",
            "clean": clean_run, "run": hostile_run, "review": review_run, "manifest": manifest,
            "before": before, "after": after}


def read_csv(path: Path) -> list[dict[str, str]]:
    """Given a CSV, return its rows."""
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_both_runs_publish(runs):
    for name in ("clean", "run", "review"):
        assert runs[name].returncode == 0, (name, runs[name].stderr[-3000:])


def test_time_and_memory_are_bounded(runs):
    clean, hostile = runs["clean"], runs["run"]
    print(f"\nclean run {clean.seconds:.1f} s, peak {clean.peak_rss / 2**20:.0f} MiB; "
          f"hostile run {hostile.seconds:.1f} s, peak {hostile.peak_rss / 2**20:.0f} MiB")
    assert hostile.seconds <= 2 * clean.seconds + 60
    assert hostile.peak_rss < MEMORY_LIMIT


def test_nothing_outside_the_survey_changed_or_was_read(runs):
    assert runs["after"] == runs["before"]  # replies/ untouched, and the folder links point into untouched
    assert not Path("/abs/path").exists() and not Path("/tmp/escape.csv").exists()
    for folder in (runs["hostile"] / ".foi", runs["out"], runs["base"] / "review"):
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                assert CANARY.encode() not in path.read_bytes(), f"{path} holds text read through a link"
    created = {p.name for p in runs["base"].iterdir()}
    assert created <= {"clean", "hostile", "outside", "home", "tmp", "out", "clean-out", "review", "manifest.csv",
                       "logs"}


def as_received(name: str) -> str:
    """Given a published file name, return it without the quote that neutralised a formula-like start."""
    return name[1:] if name.startswith("'") and name[1:].startswith(RISKY) else name


def test_every_file_and_member_is_listed_in_its_expected_state(runs):
    files = {as_received(row["source_file"]): row for row in read_csv(runs["out"] / "files.csv")}
    problems = []
    for row in runs["manifest"]:
        found = files.get(row.file)
        if found is None:
            problems.append(f"{row.file}: not listed")
            continue
        if row.expected and found["state"] not in row.expected.split("|"):
            problems.append(f"{row.file}: {found['state']} ({found['reason']}), expected {row.expected}")
        if row.reason and not re.search(row.reason, found["reason"], re.I):
            problems.append(f"{row.file}: reason {found['reason']!r} lacks {row.reason!r}")
    assert not problems, "\n".join(problems)
    for name, found in files.items():
        assert found["state"] in STATES, name
        assert found["state"] == "loaded" or found["reason"], name


def test_no_published_cell_starts_like_a_formula(runs):
    for folder in (runs["out"], runs["base"] / "review"):
        for path in sorted(folder.glob("*.csv")):
            with path.open(newline="", encoding="utf-8") as handle:
                for line, row in enumerate(csv.reader(handle), 1):
                    risky = [cell for cell in row if cell.startswith(RISKY)]
                    assert not risky, f"{path.name} line {line}: {risky}"
    from openpyxl import load_workbook

    for path in [*runs["out"].glob("*.xlsx"), *(runs["base"] / "review").glob("*.xlsx")]:
        book = load_workbook(path)
        for sheet in book.worksheets:
            assert not sheet.title.startswith(RISKY), path.name
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{path.name} {sheet.title}!{cell.coordinate} is a formula"
                    assert not str(cell.value or "").startswith(RISKY), f"{path.name} {cell.coordinate}"


class ScriptCounter(html.parser.HTMLParser):
    """Counts script elements and event-handler attributes in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Count a script tag and any on* attribute."""
        self.scripts += tag == "script"
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.lower().startswith("on")]


def page_scripts(path: Path) -> ScriptCounter:
    """Given a page, return its script and handler counts."""
    counter = ScriptCounter()
    counter.feed(path.read_text(encoding="utf-8"))
    return counter


def test_no_live_script_in_the_report(runs):
    text = (runs["out"] / "report.html").read_text(encoding="utf-8")
    for payload in PAYLOADS:
        assert payload not in text, payload
    hostile, clean = page_scripts(runs["out"] / "report.html"), page_scripts(runs["clean_out"] / "report.html")
    assert hostile.scripts == clean.scripts
    assert hostile.handlers == clean.handlers


def test_review_queue_carries_its_survey(runs):
    rows = read_csv(runs["base"] / "review" / "review_queue.csv")
    assert rows and {row["survey_id"] for row in rows} == {"rhi-2026"}


def test_manifest_round_trips(runs):
    assert read_manifest(runs["base"] / "manifest.csv") == runs["manifest"]
