"""Figures by quarter or month made one figure for the survey's period (extractors/breakdowns.py), on tables built
here and on the hard fixtures; every example reply must come through unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.extract.breakdowns import collapse_periods
from extractors.extract.period import filter_other_years
from extractors.extract.period_cells import joined_locator, may_sum
from extractors.extract.subperiods import parse_label, part_months
from extractors.ingest.inventory import sniff_kind
from extractors.model import Cell, Table
from extractors.parse.values import parse_count
from extractors.read import file_to_document
from extractors.survey import load_survey, survey_from_mapping

ROOT = Path(__file__).resolve().parent.parent
HARD = ROOT / "tests" / "fixtures" / "hard"
REPLIES = ROOT / "examples" / "rhi-2026" / "replies"
SURVEY = load_survey(ROOT / "examples" / "rhi-2026")
QUARTERS = ["Q1 (Apr-Jun)", "Q2 (Jul-Sep)", "Q3 (Oct-Dec)", "Q4 (Jan-Mar)"]


def sheet(rows: list[list[str]], name: str = "Sheet1") -> Table:
    """Given cell texts, return a sheet's table with A1-style locators."""
    return Table([[Cell(text, f"{name}!{chr(65 + c)}{r + 1}") for c, text in enumerate(row)]
                  for r, row in enumerate(rows)], name)


def pdf(rows: list[list[str]]) -> Table:
    """Given cell texts, return a PDF table with 'p2 table1 r1c1' locators."""
    return Table([[Cell(text, f"p2 table1 r{r + 1}c{c + 1}") for c, text in enumerate(row)]
                  for r, row in enumerate(rows)], "p2 table1", page=2)


def texts(table: Table) -> list[list[str]]:
    """Given a table, return its cell texts."""
    return [[c.text for c in row] for row in table.rows]


def cell_of(table: Table, label: str, column: int = -1) -> Cell:
    """Given a table and a row's first label, return that row's cell in a column (the last by default)."""
    return next(row[column] for row in table.rows if row and row[0].text == label)


def read(path: Path) -> list[Table]:
    """Given a fixture file, return its tables as the reader makes them."""
    return file_to_document(path, sniff_kind(path)).tables


# -- labels ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind", "months"), [
    ("Q1 (Apr-Jun)", "part", [(2025, 4), (2025, 5), (2025, 6)]),
    ("Q1 2025/26", "part", [(2025, 4), (2025, 5), (2025, 6)]),
    ("Quarter 1", "part", [(2025, 4), (2025, 5), (2025, 6)]),
    ("Qtr 1", "part", [(2025, 4), (2025, 5), (2025, 6)]),
    ("Apr-Jun 2025", "part", [(2025, 4), (2025, 5), (2025, 6)]),
    ("April - June", "part", [(2025, 4), (2025, 5), (2025, 6)]),
    ("Apr\u2013Jun", "part", [(2025, 4), (2025, 5), (2025, 6)]),
    ("Q4 (Jan-Mar 2026)", "part", [(2026, 1), (2026, 2), (2026, 3)]),
    ("Q1 2024/25", "part", [(2024, 4), (2024, 5), (2024, 6)]),
    ("April 2025", "part", [(2025, 4)]),
    ("Apr-25", "part", [(2025, 4)]),
    ("Apr 2025", "part", [(2025, 4)]),
    ("May", "part", [(2025, 5)]),
    ("Mar-26", "part", [(2026, 3)]),
    ("Total", "total", None),
    ("Year total", "total", None),
    ("Total 2025-26", "total", None),
    ("2025/26 total", "total", None),
    ("Full year", "total", None),
    ("Annual", "total", None),
    ("2025-26", "year", None),
])
def test_period_labels(text, kind, months):
    label = parse_label(text)
    assert label is not None and label.kind == kind
    if months is not None:
        assert list(part_months(label, SURVEY)) == months


@pytest.mark.parametrize("text", ["Q5", "Q3 Provider", "Q1/Q2 Offered to every child?", "Children in care",
                                  "Missing episodes", "5 Missing episodes", "Yes", "72 hours", "Measure", "Quarter"])
def test_labels_that_are_not_periods(text):
    label = parse_label(text)
    assert label is None or label.kind == "bare_year"


def test_bare_q1_is_marked_as_possibly_a_question():
    assert parse_label("Q1").bare and not parse_label("Q1 (Apr-Jun)").bare and not parse_label("Quarter 1").bare


def test_joined_locators():
    assert joined_locator([Cell("1", f"Sheet1!{c}3") for c in "BCDE"]) == "Sheet1!B3:E3"
    assert joined_locator([Cell("1", f"C{r}") for r in (12, 13)]) == "C12:C13"
    assert joined_locator([Cell("1", f"p2 table1 r3c{c}") for c in (2, 3, 4, 5)]) == "p2 table1 r3c2+r3c3+r3c4+r3c5"
    assert joined_locator([Cell("1", "'RHI'!B5"), Cell("1", "'RHI'!D5")]) == "'RHI'!B5+D5"


def test_person_counts_are_not_summable():
    people = SURVEY.vocabulary.people  # the example survey's words for the people it counts
    assert not may_sum("Individual children who went missing", people)
    assert not may_sum("Number of children", people)
    assert may_sum("Missing episodes - children in care") and may_sum("RHIs offered Children missing from home")


# -- quarters as columns --------------------------------------------------------------------------------------------

def test_quarter_columns_with_a_stated_total_use_the_total():
    table = sheet([["Measure", "Group", *QUARTERS, "Total 2025-26"],
                   ["Missing episodes", "Children in care", "10", "20", "30", "40", "99"],
                   ["RHIs offered", "Children in care", "1", "2", "3", "4", "10"]])
    out, notes = collapse_periods(table, SURVEY)
    assert texts(out)[0] == ["Measure", "Group", "Number (2025-26)"]
    total = cell_of(out, "Missing episodes")
    assert (total.text, total.locator) == ("99", "Sheet1!G2")  # as stated, though the quarters make 100
    assert cell_of(out, "RHIs offered").text == "10"
    assert notes and "2025-26" in notes[0]


def test_quarter_columns_without_a_total_are_added_up():
    table = sheet([["Measure", "Apr-Jun 2025", "Jul-Sep 2025", "Oct-Dec 2025", "Jan-Mar 2026"],
                   ["Missing episodes - children in care", "38", "41", "29", "35"],
                   ["Policy", "Yes", "", "", ""]])
    out, _ = collapse_periods(table, SURVEY)
    summed = cell_of(out, "Missing episodes - children in care")
    assert (summed.text, summed.locator) == ("143", "Sheet1!B2:E2")
    assert cell_of(out, "Policy").text == "Yes"  # words under the quarters are kept, not added


def test_a_suppressed_quarter_without_a_total_makes_the_year_suppressed():
    table = sheet([["Measure", *QUARTERS], ["Completed within 72 hours", "30", "*", "29", "33"],
                   ["Offered", "3", "<5", "4", "2"]])
    out, notes = collapse_periods(table, SURVEY)
    assert parse_count(cell_of(out, "Completed within 72 hours").text).status == "suppressed"
    assert parse_count(cell_of(out, "Offered").text).status == "suppressed"
    assert any("suppressed" in n and "Jul-Sep" in n for n in notes)


def test_a_suppressed_quarter_with_a_total_uses_the_total():
    table = sheet([["Measure", *QUARTERS, "Total"], ["Completed", "30", "*", "29", "33", "95"]])
    out, _ = collapse_periods(table, SURVEY)
    assert cell_of(out, "Completed").text == "95"


@pytest.mark.parametrize("missing", ["", "-", "n/a", "not held"])
def test_a_quarter_not_given_means_review(missing):
    table = sheet([["Measure", *QUARTERS], ["Missing episodes", "30", missing, "29", "33"]])
    out, notes = collapse_periods(table, SURVEY)
    cell = cell_of(out, "Missing episodes")
    assert parse_count(cell.text).status == "needs_review"
    assert "Jul-Sep" in cell.text and cell.locator == "Sheet1!B2:E2"


def test_quarters_all_blank_stay_blank():
    table = sheet([["Measure", *QUARTERS], ["Missing episodes", "", "", "", ""], ["Offered", "1", "2", "3", "4"]])
    out, _ = collapse_periods(table, SURVEY)
    assert cell_of(out, "Missing episodes").text == "" and cell_of(out, "Offered").text == "10"


def test_three_quarters_and_no_total_is_not_the_year():
    table = sheet([["Measure", *QUARTERS[:3]], ["Missing episodes", "1", "2", "3"]])
    out, _ = collapse_periods(table, SURVEY)
    cell = cell_of(out, "Missing episodes")
    assert parse_count(cell.text).status == "needs_review" and "Jan-Mar" in cell.text


def test_individual_children_are_not_added_across_quarters():
    table = sheet([["Measure", *QUARTERS, "Total"],
                   ["Individual children", "20", "25", "22", "30", ""],
                   ["Unique children (year)", "-", "-", "-", "-", "61"]])
    out, notes = collapse_periods(table, SURVEY)
    assert parse_count(cell_of(out, "Individual children").text).status == "needs_review"
    assert "individual people" in cell_of(out, "Individual children").text
    assert cell_of(out, "Unique children (year)").text == "61"
    summed, _ = collapse_periods(table, SURVEY, summable=lambda label: True)
    assert cell_of(summed, "Individual children").text == "97"


def test_two_level_headers_collapse_per_group():
    # a merged "Children in care" over four quarter columns: the spreadsheet reader repeats it over each one
    table = sheet([["", *["Children in care"] * 4, *["Missing from home"] * 4],
                   ["Measure", *QUARTERS, *QUARTERS],
                   ["Missing episodes", "1", "2", "3", "4", "10", "20", "30", "40"],
                   ["RHIs offered", "1", "1", "1", "1", "5", "*", "5", "5"]])
    out, _ = collapse_periods(table, SURVEY)
    assert texts(out) == [["Measure", "Children in care", "Missing from home"],
                          ["Missing episodes", "10", "100"], ["RHIs offered", "4", "*"]]
    assert out.rows[1][2].locator == "Sheet1!F3:I3"


def test_two_level_headers_with_merged_cells_left_blank():
    table = pdf([["", "Children in care", "", "", "", "Missing from home", "", "", ""],
                 ["Measure", *QUARTERS, *QUARTERS],
                 ["Missing episodes", "1", "2", "3", "4", "10", "20", "30", "40"]])
    out, _ = collapse_periods(table, SURVEY)
    assert texts(out) == [["Measure", "Children in care", "Missing from home"], ["Missing episodes", "10", "100"]]
    assert out.rows[1][1].locator == "p2 table1 r3c2+r3c3+r3c4+r3c5"


def test_a_title_merged_over_the_whole_width_is_no_group():
    table = sheet([["Questions 5 to 9"] * 6, ["Measure", *QUARTERS, "Total"],
                   ["Missing episodes", "1", "2", "3", "4", "11"]])
    out, _ = collapse_periods(table, SURVEY)
    assert texts(out)[1:] == [["Measure", "Number (2025-26)"], ["Missing episodes", "11"]]


def test_a_label_column_headed_year_is_not_the_total():
    table = sheet([["Year", *QUARTERS], ["Missing episodes", "1", "2", "3", "4"]])
    out, _ = collapse_periods(table, SURVEY)
    assert texts(out) == [["Year", "Number (2025-26)"], ["Missing episodes", "10"]]


def test_two_line_period_labels_with_a_year_total():
    # Leeds: "Apr-Jun" over "2025", "2025-26" over "total", and people given for the year only
    table = pdf([["", "", "Apr-Jun", "Jul-Sep", "Oct-Dec", "Jan-Mar", "2025-26"],
                 ["Measure", "Group", "2025", "2025", "2025", "2026", "total"],
                 ["Missing episodes", "Looked after", "201", "188", "176", "210", "779"],
                 ["", "Missing from home", "455", "472", "390", "441", "1,758"],
                 ["Individual children", "Looked after", "-", "-", "-", "-", "288"]])
    out, _ = collapse_periods(table, SURVEY)
    assert texts(out) == [["Measure", "Group", "Number (2025-26)"],
                          ["Missing episodes", "Looked after", "779"], ["", "Missing from home", "1,758"],
                          ["Individual children", "Looked after", "288"]]
    assert out.rows[2][2].locator == "p2 table1 r4c7"


def test_months_as_columns():
    months = ["Apr-25", "May-25", "Jun-25", "Jul-25", "Aug-25", "Sep-25", "Oct-25", "Nov-25", "Dec-25",
              "Jan-26", "Feb-26", "Mar-26"]
    table = sheet([["Measure", *months], ["Missing episodes", *["2"] * 12]])
    out, _ = collapse_periods(table, SURVEY)
    assert texts(out) == [["Measure", "Number (2025-26)"], ["Missing episodes", "24"]]
    short, _ = collapse_periods(sheet([["Measure", *months[:11]], ["Missing episodes", *["2"] * 11]]), SURVEY)
    assert parse_count(cell_of(short, "Missing episodes").text).status == "needs_review"


def test_quarters_of_another_year_are_left_out():
    table = sheet([["Measure", "Q1 2024/25", "Q2 2024/25", "Q3 2024/25", "Q4 2024/25", "Total 2024/25",
                    "Q1 2025/26", "Q2 2025/26", "Q3 2025/26", "Q4 2025/26"],
                   ["Missing episodes", "9", "9", "9", "9", "36", "1", "2", "3", "4"]])
    out, _ = collapse_periods(table, SURVEY)
    assert cell_of(out, "Missing episodes", 1).text == "10"


def test_rows_outside_the_quarterly_block_are_kept():
    table = sheet([["Council FOI 123"], ["Question", "Answer"], ["1. Offer to every child", "Yes"], [],
                   ["Measure", *QUARTERS], ["Missing episodes", "1", "2", "3", "4"], [],
                   ["Individual children who went missing in 2025-26"], ["Children looked after", "51"]])
    out, _ = collapse_periods(table, SURVEY)
    assert texts(out) == [["Council FOI 123"], ["Question", "Answer"], ["1. Offer to every child", "Yes"], [],
                          ["Measure", "Number (2025-26)"], ["Missing episodes", "10"], [],
                          ["Individual children who went missing in 2025-26"], ["Children looked after", "51"]]


# -- quarters as rows -----------------------------------------------------------------------------------------------

def test_quarter_rows_are_added_up_per_column():
    table = pdf([["Quarter", "Missing episodes: CLA", "Missing episodes: non-CLA"],
                 ["Q1 (Apr-Jun 2025)", "88", "201"], ["Q2 (Jul-Sep 2025)", "102", "233"],
                 ["Q3 (Oct-Dec 2025)", "79", "187"], ["Q4 (Jan-Mar 2026)", "95", "215"]])
    out, notes = collapse_periods(table, SURVEY)
    assert texts(out) == [["Quarter", "Missing episodes: CLA", "Missing episodes: non-CLA"],
                          ["2025-26 (whole year)", "364", "836"]]
    assert out.rows[1][1].locator == "p2 table1 r2c2+r3c2+r4c2+r5c2"
    assert notes


def test_quarter_rows_with_a_total_row_and_a_measure_column():
    table = sheet([["Measure", "Quarter", "Care", "Home"],
                   ["Missing episodes", "Q1", "1", "2"], ["", "Q2", "1", "2"], ["", "Q3", "1", "2"],
                   ["", "Q4", "1", "2"], ["", "Total", "5", "9"],
                   ["RHIs offered", "Q1", "1", "1"], ["", "Q2", "1", "1"], ["", "Q3", "1", "1"],
                   ["", "Q4", "1", "1"]])
    out, _ = collapse_periods(table, SURVEY)
    assert texts(out) == [["Measure", "Quarter", "Care", "Home"],
                          ["Missing episodes", "2025-26 (whole year)", "5", "9"],
                          ["RHIs offered", "2025-26 (whole year)", "4", "4"]]


def test_question_numbers_q1_to_q4_are_not_quarters():
    policy = sheet([["Question", "Answer"], ["Q1", "Yes"], ["Q2", "Only for children aged 11 and over"],
                    ["Q3", "In-house - Missing Persons Team"], ["Q4", "2 working days"]])
    assert collapse_periods(policy, SURVEY) == (policy, [])
    numbered = sheet([["Question", "Part", "Response"], *[[f"Q{n}", "", str(n)] for n in range(1, 10)]])
    assert collapse_periods(numbered, SURVEY) == (numbered, [])


def test_bare_q1_to_q4_beside_figures_are_quarters_unless_those_questions_ask_counts():
    table = sheet([["Quarter", "Episodes"], ["Q1", "1"], ["Q2", "2"], ["Q3", "3"], ["Q4", "4"]])
    assert texts(collapse_periods(table, SURVEY)[0])[1] == ["2025-26 (whole year)", "10"]
    unlabelled = sheet([["", "Episodes"], ["Q1", "1"], ["Q2", "2"], ["Q3", "3"], ["Q4", "4"]])
    counts = survey_from_mapping({
        "id": "s", "period": {"start": "2025-04-01", "end": "2026-03-31"}, "councils": {"codes": ["E1"]},
        "questions": [{"id": f"Q{n}", "key": f"k{n}", "text": f"How many things of kind {n}?", "type": "count"}
                      for n in range(1, 5)]})
    assert collapse_periods(unlabelled, counts) == (unlabelled, [])
    assert texts(collapse_periods(unlabelled, SURVEY)[0])[1] == ["2025-26 (whole year)", "10"]


# -- properties -----------------------------------------------------------------------------------------------------

counts = st.lists(st.integers(min_value=0, max_value=100_000), min_size=4, max_size=4)


@settings(max_examples=60, deadline=None)
@given(counts)
def test_quarters_add_up(values):
    table = sheet([["Measure", *QUARTERS], ["Missing episodes", *map(str, values)]])
    assert cell_of(collapse_periods(table, SURVEY)[0], "Missing episodes").text == str(sum(values))


@settings(max_examples=60, deadline=None)
@given(counts, st.integers(min_value=0, max_value=500_000))
def test_a_stated_total_wins(values, total):
    table = sheet([["Measure", *QUARTERS, "Year total"], ["Missing episodes", *map(str, values), f"{total:,}"]])
    assert parse_count(cell_of(collapse_periods(table, SURVEY)[0], "Missing episodes").text).value == str(total)


@settings(max_examples=40, deadline=None)
@given(counts, st.integers(min_value=0, max_value=3), st.sampled_from(["*", "<5", "c", "1-4"]))
def test_any_suppressed_quarter_suppresses_the_year(values, where, marker):
    cells = [str(v) for v in values]
    cells[where] = marker
    table = pdf([["Measure", *QUARTERS], ["Missing episodes", *cells]])
    assert parse_count(cell_of(collapse_periods(table, SURVEY)[0], "Missing episodes").text).status == "suppressed"


# -- real replies ---------------------------------------------------------------------------------------------------

def collapsed(name: str) -> list[Table]:
    """Given a hard fixture's file name, return its tables with other years dropped and periods collapsed."""
    return [collapse_periods(filter_other_years(t, SURVEY), SURVEY)[0] for t in read(HARD / name)]


def test_hackney_pdf_quarters_as_rows():
    table = collapsed("Hackney FOI-2026-3318 return home interviews.pdf")[1]
    assert texts(table)[1] == ["2025-26 (whole year)", "364", "836", "352", "794", "252", "509", "180", "356"]


def test_kent_csv_uses_the_stated_totals():
    table = collapsed("Kent County Council - FOI 14502 quarterly.csv")[0]
    assert [r[2].text for r in table.rows[11:21]] == ["1,995", "3,080", "689", "1,877", "1,966", "2,961",
                                                      "1,559", "2,150", "1,173", "1,571"]
    assert table.rows[11][2].locator == "G12"
    assert texts(table)[4] == ["1. Offer to every child missing from care", "Yes, all children", ""]


def test_hartlepool_xls_quarters_added_and_suppressed():
    table = collapsed("Hartlepool Borough Council - FOI 2026-118.xls")[1]
    assert [r[1].text for r in table.rows[4:12]] == ["143", "253", "140", "242", "112", "171", "96", "*"]
    assert texts(table)[14] == ["Children looked after", "51"]  # the yearly section below is left alone


def test_doncaster_xlsx_keeps_only_2025_26():
    table = collapsed("City of Doncaster Council - FOI 2026-0713.xlsx")[0]
    assert texts(table)[6] == ["Q5 Missing episodes", "601", "1208"]


def test_leeds_pdf_two_line_quarter_headers():
    layout = pytest.importorskip("extractors.extract.unruled")
    path = HARD / "Leeds City Council - FOI 7781 - return home interviews.pdf"
    tables = layout.with_layout_tables(file_to_document(path, "pdf")).tables
    if not tables:
        pytest.skip("the PDF reader gives this table as lines only")
    values = [row[-1].text for t in tables for row in collapse_periods(t, SURVEY)[0].rows[1:]]
    assert values == ["779", "1,758", "288", "1,102", "752", "1,682", "584", "1,182", "455", "843"]


@pytest.mark.parametrize("path", sorted(REPLIES.iterdir()), ids=lambda p: p.name)
def test_example_replies_are_unchanged(path):
    for table in read(path):
        assert collapse_periods(table, SURVEY) == (table, [])
        assert filter_other_years(table, SURVEY) is table


@pytest.mark.parametrize("value", ["1900", "2025"])
def test_quarter_figures_that_look_like_years_are_still_figures(value):
    # Found by hypothesis: a row of 1900s under quarter headings was taken for a second header line of years.
    table = sheet([["Measure", *QUARTERS], ["Missing episodes", value, value, value, value]])
    assert cell_of(collapse_periods(table, SURVEY)[0], "Missing episodes").text == str(4 * int(value))
