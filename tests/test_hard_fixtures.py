"""Hard golden fixtures: realistic replies (tests/fixtures/hard/, made by tests/fixtures/make_hard_fixtures.py),
each read by the plain stage functions and compared key by key with tests/fixtures/hard/expected.csv.

A fixture is one file, or `PAIR:<a>+<b>`: one reply sent as two files, whose answers are merged the way the
pipeline merges one council's files (extractors.merge.results_to_answers).

For one file, a key with no candidate is `not_answered`, unless the reply restates that question
(extractors.extract.document_to_answers), which makes it `needs_review`.

Fixtures the extractor does not handle yet are marked xfail (not strict), so they report XPASS once fixed;
`test_no_wrong_value_published` is never xfail: a wrong number published as `reported` is the worst outcome.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from extractors.extract.answers import document_to_answers
from extractors.ingest.inventory import InventoryItem, sniff_kind
from extractors.merge.answers import results_to_answers
from extractors.model import ReadError
from extractors.per_file import FileResult
from extractors.read import file_to_document
from extractors.survey import load_survey
from tests import fixture_scores

ROOT = Path(__file__).resolve().parent.parent
HARD = ROOT / "tests" / "fixtures" / "hard"
SURVEY = load_survey(ROOT / "examples" / "rhi-2026")
KEYS = [k.key for k in SURVEY.keys]

# Fixtures whose test failed when they were written (2026-11): remove a name once its test passes (XPASS).
KNOWN_FAILING: set[str] = set()  # fixtures the extractor does not handle yet (none today)


@dataclass(frozen=True)
class Got:
    """What the pipeline's stage functions make of one key of one fixture."""

    status: str
    value: str
    locator: str = ""
    reason: str = ""


def read_expected() -> dict[str, dict[str, tuple[str, str]]]:
    """Return fixture -> key -> (status, value) from expected.csv."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    with (HARD / "expected.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found.setdefault(row["file"], {})[row["question_key"]] = (row["status"], row["value"])
    return found


EXPECTED = read_expected()


def files_of(fixture: str) -> list[Path]:
    """Given a fixture name, return its file(s)."""
    names = fixture.removeprefix("PAIR:").split("+") if fixture.startswith("PAIR:") else [fixture]
    return [HARD / name for name in names]


def kind_of(fixture: str) -> str:
    """Given a fixture name, return the kind its scores are grouped under (pdf, csv, xlsx, xls or pair)."""
    return "pair" if fixture.startswith("PAIR:") else sniff_kind(HARD / fixture)


def file_result(path: Path) -> FileResult:
    """Given one fixture file, return its FileResult as the pipeline would make it (council fixed)."""
    data = path.read_bytes()
    item = InventoryItem(path.name, hashlib.sha256(data).hexdigest(), len(data), sniff_kind(path), 0.0)
    result = FileResult(item, codes=("E00000000",))
    try:
        document = file_to_document(path, item.kind)
    except ReadError as exc:
        result.state, result.reason = "quarantined", str(exc)
        return result
    candidates, addressed = document_to_answers(document, SURVEY)
    result.candidates = candidates
    result.addressed = addressed | {c.key for c in result.candidates}
    return result


def single_file_answers(path: Path) -> dict[str, Got]:
    """Given one file, return key -> Got: its candidate, else needs_review if restated, else not_answered."""
    result = file_result(path)
    if result.state != "loaded":
        return {k: Got("needs_review", "", "", f"unreadable: {result.reason}") for k in KEYS}
    by_key = {c.key: c for c in result.candidates}
    found = {}
    for key in KEYS:
        if key in by_key:
            c = by_key[key]
            found[key] = Got(c.status, c.value if c.status == "reported" else "", c.locator, c.reason)
        elif key in result.addressed:
            found[key] = Got("needs_review", "", "", "question restated but no answer read")
        else:
            found[key] = Got("not_answered", "", "", "")
    return found


@cache
def answers_for(fixture: str) -> dict[str, Got]:
    """Given a fixture, return key -> Got (a pair's files merged as one council's reply)."""
    paths = files_of(fixture)
    if len(paths) == 1:
        return single_file_answers(paths[0])
    merged = results_to_answers([file_result(p) for p in paths], SURVEY)
    return {a.key: Got(a.status, a.value, f"{a.source_file} {a.locator}".strip(), a.reason) for a in merged}


def mismatches(fixture: str) -> list[str]:
    """Given a fixture, return one line per key whose status or value differs from the expected."""
    got, want = answers_for(fixture), EXPECTED[fixture]
    lines = []
    for key in KEYS:
        g = got.get(key, Got("missing", ""))
        if (g.status, g.value) != want[key]:
            where = f" at {g.locator}" if g.locator else ""
            why = f" ({g.reason})" if g.reason else ""
            lines.append(f"{key}: expected {want[key][0]} {want[key][1]!r}, got {g.status} {g.value!r}{where}{why}")
    return lines


def params() -> list:
    """Return one pytest param per fixture, xfail where the extractor does not handle it yet."""
    xfail = pytest.mark.xfail(strict=False, reason="extraction pattern not yet handled")
    return [pytest.param(name, id=name, marks=[xfail] if name in KNOWN_FAILING else [])
            for name in EXPECTED]


def document_content(path: Path) -> tuple:
    """Given a fixture file, return what a reader sees in it: line texts and table cell texts."""
    document = file_to_document(path, sniff_kind(path))
    return (tuple(line.text for line in document.lines),
            tuple(tuple(tuple(c.text for c in row) for row in t.rows) for t in document.tables))


def test_generator_recreates_the_fixtures(tmp_path):
    """The committed files are what tests/fixtures/make_hard_fixtures.py writes (same content, same answers)."""
    pytest.importorskip("fpdf")
    pytest.importorskip("xlwt")
    spec = importlib.util.spec_from_file_location("make_hard_fixtures", HARD.parent / "make_hard_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_all(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in HARD.iterdir())
    assert (tmp_path / "expected.csv").read_bytes() == (HARD / "expected.csv").read_bytes()
    changed = [p.name for p in HARD.iterdir() if p.name != "expected.csv"
               and document_content(p) != document_content(tmp_path / p.name)]
    assert not changed, f"regenerate with: .venv/bin/python tests/fixtures/make_hard_fixtures.py ({changed})"


def test_every_fixture_file_is_listed_and_small():
    listed = {p.name for name in EXPECTED for p in files_of(name)}
    on_disk = {p.name for p in HARD.iterdir() if p.name != "expected.csv"}
    assert listed == on_disk
    assert all(set(rows) == set(KEYS) for rows in EXPECTED.values())
    assert all((HARD / name).stat().st_size < 100_000 for name in on_disk)


@pytest.mark.parametrize("fixture", params())
def test_hard_fixture(fixture: str):
    wrong = mismatches(fixture)
    assert not wrong, f"{fixture}: {len(wrong)} of {len(KEYS)} keys differ\n  " + "\n  ".join(wrong)


def wrongly_reported() -> list[str]:
    """Return every key published as reported whose expected status or value differs, across all fixtures."""
    return fixture_scores.wrongly_reported(EXPECTED, answers_for)


def test_no_wrong_value_published():
    wrong = wrongly_reported()
    assert not wrong, f"{len(wrong)} wrong values published as reported:\n  " + "\n  ".join(wrong)


def scores() -> dict[str, tuple[int, int, int]]:
    """Return kind -> (published reported, expected reported, correct reported), plus 'all'."""
    return fixture_scores.scores(EXPECTED, answers_for, kind_of)


def test_precision_and_recall_by_kind(capsys):
    """Print precision (correct / published reported) and recall (correct / expected reported) per file kind."""
    table = scores()
    lines = fixture_scores.score_lines("hard fixtures", table)
    with capsys.disabled():
        print("\n".join(lines))
    published, expected, correct = table["all"]
    assert correct / published >= 0.995, "\n".join(lines)
    assert correct / expected >= 0.90, "\n".join(lines)
