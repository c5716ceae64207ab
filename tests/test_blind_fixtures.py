"""Blind golden fixtures: a second, independent set of realistic replies (tests/fixtures/blind/, made by
tests/fixtures/blind/make_blind_fixtures.py), written without looking at the extractor, on layouts and phrasings
the hard set does not use. Each is read by the plain stage functions and compared key by key with
tests/fixtures/blind/expected.csv, with the harness of tests/test_hard_fixtures.py pointed at the blind folder.

Fixtures the extractor does not handle yet are xfail (not strict) in KNOWN_FAILING; `test_no_wrong_value_published`
is never xfail.
"""

from __future__ import annotations

import csv
import importlib.util
from functools import cache
from pathlib import Path

import pytest

from extractors.ingest.inventory import sniff_kind
from extractors.merge.answers import results_to_answers
from tests import fixture_scores
from tests.test_hard_fixtures import KEYS, SURVEY, Got, document_content, file_result, single_file_answers

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "tests" / "fixtures" / "blind"
GENERATOR = BLIND / "make_blind_fixtures.py"
NOT_FIXTURES = {"expected.csv", GENERATOR.name, "__pycache__"}

# Fixtures whose test failed when they were written: remove a name once its test passes (XPASS).
KNOWN_FAILING: set[str] = {
    'Haringey Council - FOI LBH-11820.pdf',
    'North Yorkshire Council - FOI NYC-1187 monthly figures.pdf',
    'PAIR:Sunderland City Council - FOI 3317 - letter.pdf+Sunderland City Council - FOI 3317 - quarterly data.csv',
}


def read_expected() -> dict[str, dict[str, tuple[str, str]]]:
    """Return fixture -> key -> (status, value) from the blind expected.csv."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    with (BLIND / "expected.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found.setdefault(row["file"], {})[row["question_key"]] = (row["status"], row["value"])
    return found


EXPECTED = read_expected()


def fixture_files() -> set[str]:
    return {p.name for p in BLIND.iterdir() if p.name not in NOT_FIXTURES}


def files_of(fixture: str) -> list[Path]:
    names = fixture.removeprefix("PAIR:").split("+") if fixture.startswith("PAIR:") else [fixture]
    return [BLIND / name for name in names]


def kind_of(fixture: str) -> str:
    return "pair" if fixture.startswith("PAIR:") else sniff_kind(BLIND / fixture)


@cache
def answers_for(fixture: str) -> dict[str, Got]:
    """Given a fixture, return key -> Got (a pair's files merged as one council's reply)."""
    paths = files_of(fixture)
    if len(paths) == 1:
        return single_file_answers(paths[0])
    merged = results_to_answers([file_result(p) for p in paths], SURVEY)
    return {a.key: Got(a.status, a.value, f"{a.source_file} {a.locator}".strip(), a.reason) for a in merged}


def mismatches(fixture: str) -> list[str]:
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
    xfail = pytest.mark.xfail(strict=False, reason="blind fixture: layout or phrasing not yet handled")
    return [pytest.param(name, id=name, marks=[xfail] if name in KNOWN_FAILING else []) for name in EXPECTED]


def test_generator_recreates_the_fixtures(tmp_path):
    """The committed files are what make_blind_fixtures.py writes (same content, same answers)."""
    pytest.importorskip("fpdf")
    pytest.importorskip("xlwt")
    pytest.importorskip("openpyxl")
    spec = importlib.util.spec_from_file_location("make_blind_fixtures", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not module.FONT_DIR.is_dir():
        pytest.skip("DejaVu fonts not installed")
    module.write_all(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(fixture_files() | {"expected.csv"})
    assert (tmp_path / "expected.csv").read_bytes() == (BLIND / "expected.csv").read_bytes()
    changed = [name for name in fixture_files()
               if document_content(BLIND / name) != document_content(tmp_path / name)]
    assert not changed, f"regenerate with: .venv/bin/python {GENERATOR.relative_to(ROOT)} ({changed})"


def test_every_fixture_file_is_listed_and_small():
    listed = {p.name for name in EXPECTED for p in files_of(name)}
    assert listed == fixture_files()
    assert all(set(rows) == set(KEYS) for rows in EXPECTED.values())
    assert all((BLIND / name).stat().st_size < 60_000 for name in fixture_files())
    assert all((s == "reported") == (v != "") for rows in EXPECTED.values() for s, v in rows.values())


@pytest.mark.parametrize("fixture", params())
def test_blind_fixture(fixture: str):
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
    """Print precision and recall per file kind (informative: the blind set measures, it does not gate)."""
    table = scores()
    lines = fixture_scores.score_lines("blind fixtures", table)
    with capsys.disabled():
        print("\n".join(lines))
    published, expected, correct = table["all"]
    # Recall on layouts the extractor was not tuned on is reported; precision is held to the standard.
    assert published == 0 or correct / published >= 0.995, "\n".join(lines)
