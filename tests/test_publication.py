"""The publication beyond the contract CSVs: headline figures, data package, safety, versions and changes."""

from __future__ import annotations

import csv
import json
import shutil
import statistics
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import Engine

from extractors.survey import survey_from_mapping
from warehouse.db import engine_for
from warehouse.publish import publish
from warehouse.publish.changes import why_changed
from warehouse.publish.headline import headline_of
from warehouse.publish.safety import redact

from .conftest import EXAMPLE
from .publishing import load, publish_example, run_stages

TRAFFORD = "Trafford Council - return home interviews.csv"


@dataclass
class Published:
    """The example survey run through the plain stages into a warehouse, and published twice."""

    folder: Path
    survey: object
    tables: dict
    engine: Engine


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Published:
    """The example survey loaded once and published to pub1 and pub2 from the same warehouse."""
    folder = tmp_path_factory.mktemp("publication") / "rhi-2026"
    survey, tables, engine = publish_example(folder, "pub1", "pub2")
    return Published(folder, survey, tables, engine)


def expected_rows() -> list[dict]:
    """The careful human's answers to the example survey."""
    with (EXAMPLE / "expected" / "answers.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def summary(published: Published, name: str = "pub1") -> dict:
    """The published summary.json."""
    return json.loads((published.folder / name / "summary.json").read_text(encoding="utf-8"))


def test_policy_headline_matches_hand_counts(published):
    rows = expected_rows()
    policies = {p["key"]: p for p in summary(published)["headline"]["policies"]}
    for key in ("policy_care", "policy_home"):
        answered = [r["value"] for r in rows if r["question_key"] == key and r["status"] == "reported"]
        assert policies[key]["answered"] == len(answered)
        for value in ("yes", "partial", "no"):
            assert policies[key][value] == answered.count(value), (key, value)
    # Counted by eye in expected/answers.csv.
    assert (policies["policy_care"]["yes"], policies["policy_care"]["answered"]) == (20, 24)
    assert (policies["policy_home"]["yes"], policies["policy_home"]["partial"], policies["policy_home"]["no"]) == (
        18, 3, 3)
    sentences = summary(published)["headline"]["sentences"]
    assert ("20 of 24 councils that answered offer a return home interview to every child who goes missing from "
            "care (looked-after children); 0 partly, 4 no.") in sentences
    assert sentences[0] == "25 of 153 councils asked replied: 21 in full, 3 in part, 1 refused; 128 did not reply."


def test_rate_headline_matches_hand_computed_medians_and_ranges(published, survey):
    values = {(r["council_code"], r["question_key"]): float(r["value"]) for r in expected_rows()
              if r["status"] == "reported" and r["value"].replace(".", "").isdigit()}
    rates = {r["name"]: r for r in summary(published)["headline"]["rates"]}
    assert list(rates) == [r.name for r in survey.rates]
    for spec in survey.rates:
        shares = [values[c, spec.numerator] / values[c, spec.denominator] for c, k in values
                  if k == spec.denominator and (c, spec.numerator) in values and values[c, spec.denominator]]
        figure = rates[spec.name]
        assert figure["councils"] == len(shares), spec.name
        assert figure["median"] == pytest.approx(statistics.median(shares), abs=1e-4)
        assert (figure["min"], figure["max"]) == (pytest.approx(min(shares), abs=1e-4),
                                                  pytest.approx(max(shares), abs=1e-4))
    # Worked by hand: 15 councils gave both Q9(b) and Q8(b) counts.
    assert rates["within_72h_rate_home"]["councils"] == 15


def test_coverage_counts_every_status_per_question(published, survey):
    rows = expected_rows()
    coverage = summary(published)["headline"]["coverage"]
    for key in survey.keys:
        mine = [r["status"] for r in rows if r["question_key"] == key.key]
        assert coverage[key.key]["councils_replied"] == len(mine) == 25
        for status in ("reported", "suppressed", "refused", "not_held", "not_answered", "needs_review"):
            assert coverage[key.key][status] == mine.count(status), (key.key, status)
    assert coverage["completed_72h_home"]["suppressed"] == 3


def test_headline_comes_from_any_survey_not_just_the_example():
    other = survey_from_mapping({
        "id": "libraries-2027", "period": {"start": "2026-04-01", "end": "2027-03-31"},
        "councils": {"codes": ["E06000001", "E06000002", "E06000003"]},
        "questions": [
            {"id": "Q1", "key": "opens_sunday", "type": "policy",
             "text": "Is your council opening libraries on Sunday?"},
            {"id": "Q2", "type": "policy", "parts": {"a": "wifi_free", "b": "print_free"},
             "text": "Do you provide (a) free wi-fi and (b) free printing?"},
            {"id": "Q3", "type": "count", "parts": {"a": "visits", "b": "loans"},
             "text": "How many (a) visits, (b) loans?"},
        ],
        "rates": [{"name": "loans_per_visit", "numerator": "loans", "denominator": "visits",
                   "label": "Loans per visit"}],
    })
    answers = pd.DataFrame([
        ("E06000001", "opens_sunday", "yes", "reported"), ("E06000002", "opens_sunday", "no", "reported"),
        ("E06000003", "opens_sunday", "", "refused"), ("E06000001", "wifi_free", "yes", "reported"),
        ("E06000001", "visits", "100", "reported"), ("E06000001", "loans", "50", "reported"),
        ("E06000002", "visits", "10", "reported"), ("E06000002", "loans", "", "suppressed"),
    ], columns=["council_code", "question_key", "value", "status"])
    comparison = pd.DataFrame({"council_code": ["E06000001", "E06000002", "E06000003"],
                               "response_status": ["replied", "partial", "refused"]})
    headline = headline_of(other, answers, comparison)
    assert headline["sentences"][1] == ("1 of 2 councils that answered are opening libraries on Sunday; "
                                        "0 partly, 1 no.")
    assert headline["policies"][1]["sentence"].startswith("1 of 1 councils that answered said yes to")
    assert headline["rates"][0]["councils"] == 1 and headline["rates"][0]["median"] == 0.5
    assert headline["coverage"]["loans"]["suppressed"] == 1


def test_data_package_is_valid_under_frictionless(published):
    import frictionless

    path = published.folder / "pub1" / "datapackage.json"
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads(path.read_text(encoding="utf-8"))
    assert package["version"] == "1.0.0" and package["created"].endswith("Z")
    tables = [r for r in package["resources"] if "schema" in r]
    assert {r["path"] for r in tables} == {"comparison.csv", "answers.csv", "files.csv", "review.csv", "changes.csv"}
    for resource in tables:
        with (published.folder / "pub1" / resource["path"]).open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert [f["name"] for f in resource["schema"]["fields"]] == header, resource["path"]
        assert all(f["description"] and f["type"] for f in resource["schema"]["fields"])
    assert {r["path"] for r in package["resources"]} >= {"report.html", "summary.json", "comparison.xlsx"}


def test_two_publishes_are_byte_identical(published):
    first, second = published.folder / "pub1", published.folder / "pub2"
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert {"report.html", "datapackage.json", "comparison.xlsx", "changes.csv", "summary.json"} <= set(names)
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert summary(published)["publication_version"] == 1


def test_workbook_has_frozen_readable_header_and_notes(published):
    book = openpyxl.load_workbook(published.folder / "pub1" / "comparison.xlsx")
    sheet = book["Comparison"]
    assert sheet.freeze_panes == "C2" and sheet.max_row == 154
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["GSS code", "Council", "Response"]
    assert any(h.startswith("Q1 Does your authority offer") for h in headers)
    assert "Notes" in book.sheetnames
    with zipfile.ZipFile(published.folder / "pub1" / "comparison.xlsx") as archive:
        assert len({info.date_time for info in archive.infolist()}) == 1


HOSTILE = '=HYPERLINK("http://evil.example/x","click")<script>alert(1)</script>'
PERSONAL = "Contact: Jane Smith, jane.smith@council.gov.uk, 01632 960123"


def test_council_text_is_neutralised_and_personal_data_removed(published, tmp_path):
    tables = {name: frame.copy() for name, frame in published.tables.items()}
    answers = tables["answers"]
    code = answers["council_code"].iloc[0]
    provider = (answers["council_code"] == code) & (answers["question_key"] == "provider")
    answers.loc[provider, ["value", "detail"]] = [HOSTILE, HOSTILE]
    answers.loc[(answers["council_code"] == code) & (answers["question_key"] == "policy_care"), "detail"] = PERSONAL
    tables["review"].loc[0, "snippet"] = PERSONAL
    engine = engine_for(f"sqlite:///{tmp_path / 'hostile.sqlite'}")
    load(engine, published.survey, tables)
    out = tmp_path / "pub"
    publish(engine, published.survey, out)

    with (out / "answers.csv").open(encoding="utf-8") as handle:
        details = {r["question_key"]: r["detail"] for r in csv.DictReader(handle) if r["council_code"] == code}
    assert details["provider"] == "'" + HOSTILE
    with (out / "comparison.csv").open(encoding="utf-8") as handle:
        assert next(r for r in csv.DictReader(handle) if r["council_code"] == code)["provider"] == "'" + HOSTILE
    book = openpyxl.load_workbook(out / "comparison.xlsx")
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]
    assert any(c.value == "'" + HOSTILE for c in cells)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script") == 1  # the page's own sort and filter script only
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8") if path.suffix != ".xlsx" else str([c.value for c in cells])
        for secret in ("Jane Smith", "jane.smith@", "01632 960123"):
            assert secret not in text, (path.name, secret)


def test_redaction_keeps_figures_and_removes_people():
    assert redact("Yours sincerely,\n\nPeter O'Neill\nInformation Officer") == (
        "Yours sincerely,\n\n[name removed]\nInformation Officer")
    assert redact("Dear Ms Patel, call +44 (0)20 7946 0000") == "Dear [name removed], call [phone removed]"
    assert redact("1,204 episodes in 2025-26; 330 (1) offered") == "1,204 episodes in 2025-26; 330 (1) offered"
    assert redact("Yours faithfully, Information Governance Team") == "Yours faithfully, Information Governance Team"


def test_why_a_cell_changed():
    old = {"council_code": "E1", "sha256": "a", "reviewed_by": ""}
    assert why_changed(None, dict(old), set()) == "new reply"
    assert why_changed(old, dict(old, sha256="b"), {"E1"}) == "correction"
    assert why_changed(old, dict(old, reviewed_by="amy"), {"E1"}) == "reviewer decision"
    assert why_changed(old, dict(old), {"E1"}) == "extraction change"


def test_a_changed_reply_is_listed_as_exactly_one_change(published, tmp_path):
    folder = tmp_path / "rhi-2026"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".foi"))
    engine = engine_for(f"sqlite:///{tmp_path / 'versions.sqlite'}")
    load(engine, published.survey, published.tables)
    publish(engine, published.survey, tmp_path / "v1")
    reply = folder / "replies" / TRAFFORD
    reply.chmod(0o644)
    reply.write_text(reply.read_text(encoding="utf-8").replace("Children missing from home,415",
                                                               "Children missing from home,416"), encoding="utf-8")
    survey, tables = run_stages(folder)
    load(engine, survey, tables)
    publish(engine, survey, tmp_path / "v2")
    publish(engine, survey, tmp_path / "v2-again")

    with (tmp_path / "v2" / "changes.csv").open(encoding="utf-8") as handle:
        changes = list(csv.DictReader(handle))
    assert [(c["question_key"], c["old_value"], c["new_value"], c["why"], c["source_file"]) for c in changes] == [
        ("offered_home", "415", "416", "correction", TRAFFORD)]
    assert changes[0]["council_name"].startswith("Trafford")
    assert (tmp_path / "v1" / "changes.csv").read_text(encoding="utf-8").count("\n") == 1  # a header only
    assert json.loads((tmp_path / "v2" / "summary.json").read_text())["publication_version"] == 2
    assert "1 answer changed since version 1" in (tmp_path / "v2" / "report.html").read_text(encoding="utf-8")
    for path in (tmp_path / "v2").iterdir():
        assert path.read_bytes() == (tmp_path / "v2-again" / path.name).read_bytes(), path.name


def test_reviewer_decisions_and_extraction_changes_are_told_apart(published, tmp_path):
    engine = engine_for(f"sqlite:///{tmp_path / 'review.sqlite'}")
    load(engine, published.survey, published.tables)
    publish(engine, published.survey, tmp_path / "v1")
    tables = {name: frame.copy() for name, frame in published.tables.items()}
    answers = tables["answers"]
    doubtful = answers.index[answers["status"] == "needs_review"][0]
    answers.loc[doubtful, ["value", "status", "reviewed_by"]] = ["72", "reported", "amy"]
    reread = answers.index[(answers["status"] == "reported") & (answers["question_key"] == "episodes_care")][0]
    answers.loc[reread, "value"] = str(int(answers.loc[reread, "value"]) + 1)
    load(engine, published.survey, tables)
    publish(engine, published.survey, tmp_path / "v2")
    with (tmp_path / "v2" / "changes.csv").open(encoding="utf-8") as handle:
        why = {(c["council_code"], c["question_key"]): (c["why"], c["old_status"], c["new_value"])
               for c in csv.DictReader(handle)}
    assert why == {
        tuple(answers.loc[doubtful, ["council_code", "question_key"]]): ("reviewer decision", "needs_review", "72"),
        tuple(answers.loc[reread, ["council_code", "question_key"]]): (
            "extraction change", "reported", answers.loc[reread, "value"]),
    }
