"""Periods named in replies (extractors/period.py): statements in text, replies for another period than the
survey's, and tables giving several years side by side."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.extract.other_periods import period_mismatch, period_review
from extractors.extract.period import (
    filter_other_years,
    stated_periods,
    year_columns,
    year_label,
    year_rows,
)
from extractors.ingest.inventory import sniff_kind
from extractors.model import Candidate, Cell, Document, Line, Table
from extractors.read import file_to_document
from extractors.survey import load_survey

ROOT = Path(__file__).resolve().parent.parent
HARD = ROOT / "tests" / "fixtures" / "hard"
REPLIES = ROOT / "examples" / "rhi-2026" / "replies"
SURVEY = load_survey(ROOT / "examples" / "rhi-2026")
D = dt.date
FY_2025 = (D(2025, 4, 1), D(2026, 3, 31))
FY_2024 = (D(2024, 4, 1), D(2025, 3, 31))
CAL_2025 = (D(2025, 1, 1), D(2025, 12, 31))


def letter(*lines: str) -> Document:
    """Given lines of a letter, return it as a one-page document."""
    return Document(lines=[Line(text, 1, 100.0 + 15 * i) for i, text in enumerate(lines)], pages=1, kind="pdf")


def sheet(rows: list[list[str]], name: str = "Sheet1") -> Table:
    """Given cell texts, return a sheet's table with A1-style locators."""
    return Table([[Cell(text, f"{name}!{chr(65 + c)}{r + 1}") for c, text in enumerate(row)]
                  for r, row in enumerate(rows)], name)


def read(path: Path) -> Document:
    """Given a reply file, return it as the reader makes it."""
    return file_to_document(path, sniff_kind(path))


# -- statements -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "span"), [
    ("1 April 2025 to 31 March 2026", FY_2025),
    ("01/04/2025 - 31/03/2026", FY_2025),
    ("financial year 2025/26", FY_2025),
    ("Figures for 2025-26 are below.", FY_2025),
    ("2025/26", FY_2025),
    ("FY25/26", FY_2025),
    ("calendar year 2025", CAL_2025),
    ("1 January 2025 to 31 December 2025", CAL_2025),
    ("1 January to 31 December 2025", CAL_2025),
    ("2024/25", FY_2024),
    ("the year to March 2025", FY_2024),
    ("the year ending 31 March 2026", FY_2025),
    ("between April 2024 and March 2025", FY_2024),
    ("April 2025 to March 2026", FY_2025),
    ("from 1st April 2025 until 31st March 2026", FY_2025),
    ("Apr 2025 \u2013 Mar 2026", FY_2025),
    ("2025-04-01 to 2026-03-31", FY_2025),
    ("academic year 2025/26", (D(2025, 9, 1), D(2026, 8, 31))),
    ("the financial\nyear 2024/25", FY_2024),
])
def test_stated_periods(text, span):
    found = stated_periods(text)
    assert [(p.start, p.end) for p in found] == [span]
    assert text[found[0].position:].startswith(found[0].text)


@pytest.mark.parametrize("text", [
    "Date: 2 June 2026", "received on 4 May 2026", "within 20 working days", "Freedom of Information Act 2000",
    "FOI 2026-0432", "FOI 2026/5521", "SCC-2026-0611", "Our ref: FOI-2026-3318", "2026-05-04",
    "internal review within 40 working days of the date of this letter", "Mosaic system in May 2026",
    "2025-27", "April to June",
])
def test_dates_that_are_not_periods(text):
    assert stated_periods(text) == []


@settings(max_examples=80, deadline=None)
@given(st.integers(min_value=1990, max_value=2090), st.sampled_from(["{a}/{b:02d}", "{a}-{b:02d}", "{a}/{c}",
                                                                     "financial year {a}/{b:02d}", "FY{a}-{b:02d}"]))
def test_financial_year_labels(year, form):
    text = form.format(a=year, b=(year + 1) % 100, c=year + 1)
    assert [(p.start, p.end) for p in stated_periods(text)] == [(D(year, 4, 1), D(year + 1, 3, 31))]


@settings(max_examples=80, deadline=None)
@given(st.dates(min_value=D(1995, 1, 1), max_value=D(2080, 12, 31)), st.integers(min_value=1, max_value=900),
       st.sampled_from(["{a:%-d %B %Y} to {b:%-d %B %Y}", "{a:%d/%m/%Y} - {b:%d/%m/%Y}", "{a:%Y-%m-%d} to {b:%Y-%m-%d}",
                        "between {a:%-d %b %Y} and {b:%-d %b %Y}"]))
def test_date_ranges_read_back(start, days, form):
    end = start + dt.timedelta(days=days)
    assert [(p.start, p.end) for p in stated_periods(form.format(a=start, b=end))] == [(start, end)]


# -- a reply for another period -------------------------------------------------------------------------------------

def test_a_calendar_year_reply_is_a_mismatch():
    reason = period_mismatch(letter("Please note our figures are for calendar year 2025."), SURVEY)
    assert reason == "figures are for calendar year 2025, not 2025-26 (1 April 2025 to 31 March 2026)"


@pytest.mark.parametrize("lines", [
    ("All figures relate to the period 1 April 2025 to 31 March 2026.",),
    ("The figures provided cover the financial year 2025/26.",),
    ("Data is for 01/04/2025 to 31/03/2026.",),
    ("Date: 2 June 2026", "Thank you for your request received on 4 May 2026.",
     "You may ask for an internal review within 40 working days."),
    ("Figures for 2025/26 are below; figures for 2024/25 are also given for comparison.",),
    ("Our contract with Barnardo's ran from 1 April 2022 to 31 March 2025.", "Figures: 412 episodes."),
])
def test_replies_for_the_survey_period_or_silent_are_no_mismatch(lines):
    assert period_mismatch(letter(*lines), SURVEY) == ""


def test_restated_questions_do_not_count_as_the_reply_period():
    reply = letter("Our figures are for the financial year 2024/25.",
                   "Request 5: In the period 1 April 2025 to 31 March 2026, how many missing episodes were there for",
                   "(a) children in care and (b) children missing from home?", "Response: 233 and 489.")
    assert period_mismatch(reply, SURVEY).startswith("figures are for financial year 2024/25, not 2025-26")


def test_a_period_the_reply_cannot_give_is_not_its_period():
    reply = letter("Our validated figures for 2025/26 will not be available until July 2026. The figures below",
                   "are therefore for the financial year 2024/25.")
    assert "2024/25" in period_mismatch(reply, SURVEY)


def test_a_reply_that_cannot_give_the_year_and_gives_another():
    reply = letter("We are unable to provide figures for 2025/26, so the figures below are for 2024/25.")
    assert period_mismatch(reply, SURVEY).startswith("figures are for 2024/25, not")


def test_a_part_year_reply_is_a_mismatch():
    reason = period_mismatch(letter("The figures cover 1 April 2025 to 31 December 2025 only."), SURVEY)
    assert reason.startswith("figures are for 1 April 2025 to 31 December 2025")


def test_croydon_csv_calendar_year():
    reason = period_mismatch(read(HARD / "Croydon Council FOI 2026-5521.csv"), SURVEY)
    assert reason == "figures are for calendar year 2025, not 2025-26 (1 April 2025 to 31 March 2026)"


def test_swindon_pdf_last_year():
    reason = period_mismatch(read(HARD / "Swindon Borough Council - FOI 2026-118 response.pdf"), SURVEY)
    assert reason == "figures are for financial year 2024/25, not 2025-26 (1 April 2025 to 31 March 2026)"


@pytest.mark.parametrize("path", sorted(p for p in HARD.iterdir() if p.name != "expected.csv"
                                        and not p.name.startswith(("Croydon", "Swindon"))), ids=lambda p: p.name)
def test_other_hard_fixtures_are_no_mismatch(path):
    assert period_mismatch(read(path), SURVEY) == ""


@pytest.mark.parametrize("path", sorted(REPLIES.iterdir()), ids=lambda p: p.name)
def test_example_replies_are_no_mismatch(path):
    assert period_mismatch(read(path), SURVEY) == ""


# -- several years in one table -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "span"), [("2024/25", FY_2024), ("Financial year 2025/26", FY_2025),
                                             ("Total 2025-26", FY_2025), ("1 April 2025 to 31 March 2026", FY_2025)])
def test_year_labels(text, span):
    label = year_label(text)
    assert label is not None and (label.start, label.end) == span


@pytest.mark.parametrize("text", ["Q1 2025/26", "Apr-Jun 2025", "Return home interviews, 2025/26", "2025", "Total"])
def test_not_year_labels(text):
    assert year_label(text) is None


def test_doncaster_xlsx_year_columns():
    table = read(HARD / "City of Doncaster Council - FOI 2026-0713.xlsx").tables[0]
    assert year_columns(table, SURVEY) == {1: False, 2: False, 3: True, 4: True}
    kept = filter_other_years(table, SURVEY)
    assert [c.text for c in kept.rows[6]] == ["Q5 Missing episodes", "601", "1208"]
    assert kept.rows[6][1].locator == "'RHI data'!D7"


def test_merged_year_headers_left_blank_are_carried_right():
    table = sheet([["", "2024/25", "", "2025/26", ""], ["Measure", "Care", "Home", "Care", "Home"],
                   ["Episodes", "1", "2", "3", "4"]])
    assert year_columns(table, SURVEY) == {1: False, 2: False, 3: True, 4: True}
    assert [c.text for c in filter_other_years(table, SURVEY).rows[2]] == ["Episodes", "3", "4"]


def test_years_as_rows_and_as_headings():
    as_rows = sheet([["Year", "Episodes CLA", "Episodes MFH"], ["2024/25", "560", "1122"], ["2025/26", "601", "1208"]])
    assert year_rows(as_rows, SURVEY) == {1: False, 2: True}
    assert [[c.text for c in r] for r in filter_other_years(as_rows, SURVEY).rows] == [
        ["Year", "Episodes CLA", "Episodes MFH"], ["2025/26", "601", "1208"]]
    headed = sheet([["2024/25"], ["Episodes", "560"], [], ["2025/26"], ["Episodes", "601"]])
    assert [[c.text for c in r] for r in filter_other_years(headed, SURVEY).rows] == [
        [], ["2025/26"], ["Episodes", "601"]]


def test_a_table_only_for_another_year_is_kept_and_named():
    table = sheet([["Measure", "2024/25 Care", "2024/25 Home"], ["Measure", "2024/25", "2024/25"],
                   ["Episodes", "1", "2"]])
    assert filter_other_years(table, SURVEY) is table
    reason = period_mismatch(Document(tables=[table], kind="xlsx"), SURVEY)
    assert reason == "the table gives figures for 2024/25, not 2025-26 (1 April 2025 to 31 March 2026)"


def test_a_single_year_column_for_the_survey_is_kept():
    table = read(HARD / "Bracknell Forest Council FOI 2026-331.csv").tables[0]
    assert year_columns(table, SURVEY) == {2: True}
    assert filter_other_years(table, SURVEY) is table


def test_period_review_sends_count_answers_to_review():
    document = read(HARD / "Croydon Council FOI 2026-5521.csv")
    found = [Candidate("policy_care", "reported", "yes", "Yes", "B6", "table", 0.9),
             Candidate("episodes_care", "reported", "588", "588", "B9", "table", 0.9),
             Candidate("completed_72h_home", "refused", "", "s12", "C13", "table", 0.9)]
    reviewed = {c.key: c for c in period_review(found, document, SURVEY)}
    assert reviewed["policy_care"] == found[0] and reviewed["completed_72h_home"] == found[2]
    episodes = reviewed["episodes_care"]
    assert (episodes.status, episodes.value, episodes.locator) == ("needs_review", "", "B9")
    assert episodes.reason.startswith("figures are for calendar year 2025") and episodes.reason.endswith("588")
    added = reviewed["children_home"]
    assert (added.status, added.locator) == ("needs_review", "A2")
    counts = [k.key for k in SURVEY.keys if k.type == "count"]
    assert [c.key for c in period_review(found, document, SURVEY)] == ["policy_care", *counts]


def test_period_review_leaves_a_reply_for_the_survey_period_alone():
    found = [Candidate("episodes_care", "reported", "588", "588", "B9", "table", 0.9)]
    assert period_review(found, letter("Data is for 01/04/2025 to 31/03/2026."), SURVEY) is found
