"""Golden files: every example reply, read by the plain stage functions, gives the expected answers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from extractors.merge.answers import results_to_answers
from flows.pipeline import ingest, process_files, survey_to_context

from .conftest import EXAMPLE


def expected_answers() -> dict[tuple[str, str], tuple[str, str]]:
    """The careful human's answers: (council, key) -> (status, value)."""
    with (EXAMPLE / "expected" / "answers.csv").open(encoding="utf-8") as handle:
        return {(r["council_code"], r["question_key"]): (r["status"], r["value"]) for r in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Every example file processed once (no Prefect, no warehouse)."""
    import shutil

    folder = tmp_path_factory.mktemp("golden") / "rhi-2026"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".foi"))
    context = survey_to_context(folder)
    return context, process_files(context, ingest(context))


def test_every_file_is_identified_and_loaded(results):
    context, found = results
    expected = {r["council_code"] for r in csv.DictReader((EXAMPLE / "expected" / "councils.csv").open())
                if r["response_status"] != "no_reply"}
    assert all(r.state == "loaded" for r in found), [(r.item.source_file, r.reason) for r in found]
    assert {c for r in found for c in r.codes} == expected


def test_every_answer_matches_the_expected_value_and_status(results):
    context, found = results
    got = {(a.council_code, a.key): (a.status, a.value) for a in results_to_answers(found, context.survey)}
    want = expected_answers()
    wrong = {k: (got.get(k), v) for k, v in want.items() if got.get(k) != v}
    assert not wrong
    assert set(got) == set(want)


@pytest.mark.parametrize(
    ("file_name", "key", "locator"),
    [
        ("55568079.pdf", "episodes_care", "p2 table1 r2c2"),
        ("FOI EIR-FOI-7573 Camden.csv", "completed_72h_home", "C9"),
        ("FOI 775471 reply.xlsx", "episodes_home", "'FOI Response'!D7"),
        ("FOI-9300457 Response.pdf", "offered_home", "p2"),
    ],
)
def test_answers_point_to_the_page_or_cell_they_came_from(results, file_name: str, key: str, locator: str):
    _, found = results
    result = next(r for r in found if Path(r.item.source_file).name == file_name)
    assert next(c for c in result.candidates if c.key == key).locator == locator
