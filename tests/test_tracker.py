"""The request log: reading researchers' trackers in any shape, and statutory FOI due dates."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from extractors.identify.register import load_register
from extractors.identify.tracker import (
    TrackerRow,
    due_date,
    expected_due,
    is_late,
    is_working_day,
    overdue,
    parse_date,
    read_tracker,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "rhi-2026"
REGISTER = load_register()
SURVEYED = {c.code for c in REGISTER.surveyed("england-childrens-services")}
D = dt.date


def row(code: str = "E09000003", sent: dt.date | None = None, due: dt.date | None = None,
        replied: dt.date | None = None) -> TrackerRow:
    """Given the dates of one request, return a TrackerRow for it."""
    return TrackerRow("Barnet", code, "", sent, due, replied, "", "", 2)


def test_example_tracker_reads_30_rows_all_matched():
    rows, problems = read_tracker(EXAMPLE / "tracker.csv", REGISTER, SURVEYED)
    with (EXAMPLE / "expected" / "councils.csv").open(encoding="utf-8") as handle:
        expected = {r["council_code"]: r["council_name"] for r in csv.DictReader(handle)}
    assert problems == []
    assert len(rows) == 30
    assert {r.council_code for r in rows} == set(expected)
    assert all(REGISTER.by_code(r.council_code).name == expected[r.council_code] for r in rows)


def test_example_tracker_fields():
    rows, _ = read_tracker(EXAMPLE / "tracker.csv", REGISTER, SURVEYED)
    bury = next(r for r in rows if r.council_name == "Bury")
    assert (bury.council_code, bury.reference, bury.row_number) == ("E08000002", "IR688182", 6)
    assert (bury.sent, bury.due, bury.replied) == (D(2026, 5, 4), D(2026, 6, 2), D(2026, 6, 9))
    assert (bury.status_logged, bury.notes) == ("Response received", "late")
    kent = next(r for r in rows if r.council_name == "Kent County Council")
    assert kent.replied is None and kent.reference == ""


def test_example_due_dates_match_the_log():
    rows, _ = read_tracker(EXAMPLE / "tracker.csv", REGISTER, SURVEYED)
    assert all(expected_due(r) == r.due for r in rows)


MESSY = (
    "Local Authority;Our Ref;Date Requested;Deadline;Date Received;Outcome;Comments\n"
    "Wigan MBC;FOI/1234;04/05/2026;2026-06-02;4 May 2026;Received;\u2018quick\u2019 \u00a30 cost\n"
    "Royal Borough of Kingston upon Thames;IR 5555;4/5/2026;02-Jun-26;4th June 2026;Received;\n"
    "Wesminster;REQ-77;04-May-26;2 June 2026;;Chased;\n"
    "Gotham City Council;;04/05/2026;;;;\n"
    "Bournemouth Borough Council;;2026-05-04;;next week;;\n"
    "Adur District Council;;04/05/2026;;;;\n"
    ";;;;;;\n"
)


def test_messy_tracker_semicolons_cp1252_and_other_column_names(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(MESSY.encode("cp1252"))
    rows, problems = read_tracker(path, REGISTER, SURVEYED)
    assert [r.council_code for r in rows] == ["E08000010", "E09000021", "E09000033", "", "E06000058", ""]
    wigan, kingston, westminster, gotham, bournemouth, adur = rows
    assert wigan.notes == "\u2018quick\u2019 \u00a30 cost"  # cp1252 quotes and pound sign decoded
    assert (wigan.reference, wigan.sent, wigan.due, wigan.replied) == ("FOI/1234", D(2026, 5, 4),
                                                                       D(2026, 6, 2), D(2026, 5, 4))
    assert (kingston.sent, kingston.due, kingston.replied) == (D(2026, 5, 4), D(2026, 6, 2), D(2026, 6, 4))
    assert (westminster.sent, westminster.due, westminster.status_logged) == (D(2026, 5, 4), D(2026, 6, 2),
                                                                              "Chased")
    assert bournemouth.replied is None
    text = "\n".join(problems)
    assert "log.csv row 4: 'Wesminster' read as City of Westminster by approximate spelling" in text
    assert "log.csv row 5: council 'Gotham City Council' not recognised" in text
    assert "row 6: replied date 'next week' is not a date" in text
    assert "Bournemouth Borough Council no longer exists; mapped to its successor" in bournemouth.match_note
    assert "not one of the surveyed councils" in adur.match_note and "row 7" in text
    assert gotham.row_number == 5


def test_tab_delimited_utf8_bom_tracker(tmp_path):
    path = tmp_path / "tracker.tsv"
    text = "Council\tRequest ID\tSubmitted\tDue date\tResponse date\tStatus\n" \
           "St. Helens\tCAS-1\t04/05/2026\t\t20/05/2026\tdone\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    rows, problems = read_tracker(path, REGISTER, SURVEYED)
    assert problems == []
    first = rows[0]
    assert (first.council_code, first.reference, first.replied) == ("E08000013", "CAS-1", D(2026, 5, 20))


def test_tracker_without_a_council_column_says_so(tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text("who,when\nBarnet,04/05/2026\n", encoding="utf-8")
    rows, problems = read_tracker(path, REGISTER, SURVEYED)
    assert rows == []
    assert "no council column" in problems[0]


def test_the_same_council_twice_is_a_problem(tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text("council,ref\nBarnet,1\nLondon Borough of Barnet,2\n", encoding="utf-8")
    _, problems = read_tracker(path, REGISTER, SURVEYED)
    assert problems == ["tracker.csv rows 2, 3: the same council (E09000003) is on more than one row."]


@pytest.mark.parametrize(
    ("text", "day"),
    [("04/05/2026", D(2026, 5, 4)), ("4/5/2026", D(2026, 5, 4)), ("2026-05-04", D(2026, 5, 4)),
     ("4 May 2026", D(2026, 5, 4)), ("04-May-26", D(2026, 5, 4)), ("4th May 2026", D(2026, 5, 4)),
     ("Monday 4 May 2026", D(2026, 5, 4)), ("May 4, 2026", D(2026, 5, 4)), ("04.05.26", D(2026, 5, 4)),
     ("2026-05-04 00:00:00", D(2026, 5, 4)), ("1 Sept 2025", D(2025, 9, 1)), ("46146", D(2026, 5, 4)),
     ("", None), ("  ", None), ("n/a", None)],
)
def test_parse_date_reads_uk_dates(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["next week", "05/13/2026", "31/02/2026", "4 Mayday 2026"])
def test_parse_date_rejects_what_it_cannot_read(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    "day",
    [D(2025, 12, 25), D(2025, 12, 26), D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4),
     D(2026, 5, 25), D(2026, 8, 31), D(2026, 12, 28), D(2026, 5, 9), D(2026, 5, 10)],
)
def test_bank_holidays_substitutes_and_weekends_are_not_working_days(day):
    assert not is_working_day(day)


def test_due_date_example_survey():
    # Received on the Early May bank holiday: Tuesday 5 May is day 1; Spring bank holiday 25 May is skipped.
    assert due_date(D(2026, 5, 4)) == D(2026, 6, 2)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 4, 2), D(2026, 5, 5)),  # Easter 2026: Good Friday 3 Apr, Easter Monday 6 Apr, May Day 4 May
        (D(2026, 4, 3), D(2026, 5, 5)),  # received on Good Friday: Tuesday 7 April is day 1
        (D(2026, 3, 30), D(2026, 4, 29)),  # spans Good Friday and Easter Monday
        (D(2025, 12, 15), D(2026, 1, 15)),  # Christmas 2025: 25, 26 Dec and 1 Jan skipped
        (D(2025, 12, 24), D(2026, 1, 26)),  # Christmas Eve: Monday 29 December is day 1
        (D(2026, 5, 9), D(2026, 6, 8)),  # received on a Saturday: Monday is day 1
        (D(2026, 5, 11), D(2026, 6, 9)),
    ],
)
def test_due_date_skips_weekends_and_bank_holidays(received, due):
    assert due_date(received) == due


def test_overdue_uses_the_computed_due_date_or_the_logged_one():
    waiting = row(sent=D(2026, 5, 4))
    answered = row(sent=D(2026, 5, 4), replied=D(2026, 5, 20))
    logged_only = row(due=D(2026, 6, 1))
    no_dates = row()
    rows = [waiting, answered, logged_only, no_dates]
    assert overdue(rows, D(2026, 6, 2)) == [logged_only]  # due today is not yet overdue
    assert overdue(rows, D(2026, 6, 3)) == [waiting, logged_only]


def test_is_late():
    assert is_late(row(sent=D(2026, 5, 4), replied=D(2026, 6, 9))) is True
    assert is_late(row(sent=D(2026, 5, 4), replied=D(2026, 6, 2))) is False
    assert is_late(row(sent=D(2026, 5, 4))) is None
    assert is_late(row(replied=D(2026, 6, 9))) is None
    assert is_late(row(due=D(2026, 6, 1), replied=D(2026, 6, 2))) is True


def test_example_late_replies_match_the_log_notes():
    rows, _ = read_tracker(EXAMPLE / "tracker.csv", REGISTER, SURVEYED)
    assert {r.council_name for r in rows if is_late(r)} == {r.council_name for r in rows if r.notes == "late"}


def test_headings_with_extra_words_still_map(tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text("Council name,FOI ref.,Date sent (dd/mm/yyyy),Response due date,Date of reply\n"
                    "Barnet,FOI 1,04/05/2026,02/06/2026,20/05/2026\n", encoding="utf-8")
    rows, problems = read_tracker(path, REGISTER, SURVEYED)
    assert problems == []
    assert (rows[0].reference, rows[0].sent, rows[0].due, rows[0].replied) == ("FOI 1", D(2026, 5, 4),
                                                                              D(2026, 6, 2), D(2026, 5, 20))


def test_a_title_line_above_the_headings_is_skipped(tmp_path):
    path = tmp_path / "tracker.csv"
    text = "RHI survey request log,,\n,,\nCouncil,Ref,Sent\nBarnet,FOI 1,04/05/2026\n"
    path.write_text(text, encoding="utf-8")
    rows, problems = read_tracker(path, REGISTER, SURVEYED)
    assert problems == []
    assert [(r.council_code, r.row_number) for r in rows] == [("E09000003", 4)]


def test_a_workbook_tracker(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Local authority", "Our ref", "Date sent", "Date received"])
    book.active.append(["Wirral", "IG/FOI/3649", dt.datetime(2026, 5, 4), "18/05/2026"])
    book.save(tmp_path / "tracker.xlsx")
    rows, problems = read_tracker(tmp_path / "tracker.xlsx", REGISTER, SURVEYED)
    assert problems == []
    wirral = rows[0]
    assert (wirral.council_code, wirral.sent, wirral.replied) == ("E08000015", D(2026, 5, 4), D(2026, 5, 18))
