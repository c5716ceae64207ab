"""Reading rules met in unseen replies: percentage cells, OCR misspellings and bullets, years that are counts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl

from extractors.extract.ocr_spelling import lexicon, text_respelled
from extractors.extract.table_headers import year_label
from extractors.extract.unruled import continuation, figure_like, noted_figures_split
from extractors.model import Line
from extractors.read import file_to_document
from extractors.read.pdf import ocr_bullet_dropped
from extractors.survey import Survey


def test_percentage_formatted_cells_read_as_the_sheet_shows_them(tmp_path: Path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Return"
    ws.append(["Measure", "Value"])
    ws.append(["Share placed away", 0.06])
    ws.append(["Count", 0.5])
    ws["B2"].number_format = "0%"
    ws["B3"].number_format = "0.0"
    path = tmp_path / "r.xlsx"
    wb.save(path)
    cells = [c.text for row in file_to_document(path, "xlsx").tables[0].rows for c in row]
    assert "6%" in cells and "0.5" in cells


def test_ocr_misread_words_take_the_surveys_spelling_but_real_variants_stay(survey: Survey):
    words = lexicon(survey)
    ordered = tuple(sorted(words))
    sample = next(w for w in sorted(words) if len(w) >= 9 and w.isalpha())
    misread = sample[:2] + ("e" if sample[2] != "e" else "a") + sample[3:]
    assert text_respelled(f"the {misread} said", words, ordered) == f"the {sample} said"
    assert text_respelled(f"{sample}ly 42", words, ordered).endswith(" 42")  # figures untouched
    assert text_respelled(f"un{sample}", words, ordered) == f"un{sample}"  # a word containing one is its own


def test_ocr_bullets_and_commas_for_list_numbers():
    def words(*texts: str) -> list[dict]:
        return [{"text": t, "x0": 10.0 * i, "x1": 10.0 * i + 5, "top": 0.0, "bottom": 8.0} for i, t in enumerate(texts)]
    assert [w["text"] for w in ocr_bullet_dropped(words("*", "2023-24", "148"))] == ["2023-24", "148"]
    assert [w["text"] for w in ocr_bullet_dropped(words("¢", "2024-25"))] == ["2024-25"]
    assert [w["text"] for w in ocr_bullet_dropped(words("4,"))] == ["4."]
    assert [w["text"] for w in ocr_bullet_dropped(words("2:"))] == ["2."]
    assert [w["text"] for w in ocr_bullet_dropped(words("*"))] == ["*"]  # a lone marker stays a marker


def test_a_bare_year_far_from_the_surveys_is_a_count(survey: Survey):
    year = survey.period_start.year
    assert year_label(f"{year}-{(year + 1) % 100:02d}", survey)
    assert year_label(f"{year} actual", survey)
    assert not year_label("1911", survey)


def test_unruled_rows_hold_approximate_figures_and_dashed_label_wraps():
    assert figure_like("about 300") and figure_like("approx. 40") and not figure_like("about the figures")
    row = Line("Placements 234 324", 1, 100.0, ("Placements", "234", "324"), None, (57.0, 134.0, 237.0))
    assert continuation(Line("- households", 1, 112.0, ("- households",), None, (57.0,)), row)
    assert not continuation(Line("- Total", 1, 112.0, ("- Total",), None, (57.0,)), row)


def test_a_bracket_left_open_and_a_question_after_an_answered_one_are_read_whole(survey: Survey):
    from extractors.extract.period_views import line_for_period, wraps_on
    head = "1. How many were placed during the year, for each group asked about in the request? (2023-24"
    assert wraps_on(head, "and 2024-25) 2023-24: a) 350 / 2024-25: a) 332")
    assert wraps_on("2023-24: a) 350 / 2023-24: b) 149 / 2024-25: a) 332 / 2024-25: b)", "145")
    question = Line("6. As at 31 March 2025, did you use it? Yes", 1, 0.0)
    assert line_for_period(question, survey.periods[0].id, survey.periods, carried="?") == question


def test_part_markers_before_words_for_figures_and_bulleted_period_lines(survey: Survey):
    from extractors.extract.parts import split_by_part_markers
    from extractors.extract.period_views import mention_side
    assert set(split_by_part_markers("Our response: a. 738\nb. nil", ["a", "b"])) == {"a", "b"}
    assert set(split_by_part_markers("2023-24: a. approximately 450; b. 1038", ["a", "b"])) == {"a", "b"}
    text = "• 2023-2024 family groups: 665"
    assert mention_side(text, 2, 11) == "before"


def test_labelled_figures_outside_every_answer_are_counted_as_unplaced():
    from extractors.extract.unplaced import unplaced_figures
    from extractors.model import Document
    document = Document(lines=[Line("Decision", 1, 0.0), Line("a. 2023-2024: 927", 1, 10.0),
                               Line("Tel: 01809 728905", 1, 20.0)])
    assert unplaced_figures(document, [], "") == 1


def test_a_bullet_the_font_could_not_map_is_a_bullet():
    from extractors.read.pdf import text_bullet_named
    words = [{"text": "?", "x0": 0.0}, {"text": "2022/2023", "x0": 9.0}, {"text": "188", "x0": 60.0}]
    assert [w["text"] for w in text_bullet_named(words)] == ["•", "2022/2023", "188"]
    assert [w["text"] for w in text_bullet_named(words[:1])] == ["?"]


def test_a_headings_upper_line_joins_the_header_row_of_words():
    from extractors.model import Cell, Table
    from extractors.read.headings import with_upper_heading
    table = Table([[Cell("", "t r1c1"), Cell("young people", "t r1c2"), Cell("children", "t r1c3")],
                   [Cell("Incidents", "t r2c1"), Cell("421", "t r2c2"), Cell("379", "t r2c3")]], "t", 1, 588.0)
    lines = [Line("Please see the table below.", 1, 542.0, ("Please see the table below.",), None, (59.5,)),
             Line("Looked-after Community", 1, 571.0, ("Looked-after", "Community"), None, (289.2, 415.6))]
    joined, taken = with_upper_heading(table, lines)
    assert [c.text for c in joined.rows[0]] == ["", "Looked-after young people", "Community children"]
    assert taken == [lines[1]]
    sentence = Line("See the table", 1, 571.0, ("See the", "table"), None, (59.5, 120.0))
    assert with_upper_heading(table, [lines[0], sentence])[1] == []
    wrapped = [Line("Central Wolverhampton", 1, 560.0, ("Central", "Wolverhampton"), None, (289.2, 415.6)),
               Line("Bedfordshire", 1, 571.0, ("Bedfordshire",), None, (289.2,))]
    joined, taken = with_upper_heading(table, [lines[0], *wrapped])
    assert [c.text for c in joined.rows[0]][1:] == ["Central Bedfordshire young people", "Wolverhampton children"]


def test_a_row_whose_parts_do_not_add_up_to_its_total_goes_to_review(survey: Survey):
    from extractors.extract.row_totals import rows_not_adding_up
    from extractors.model import Cell, Table
    texts = [["", "Children in care", "Not looked-after", "Total"], ["Missing incidents", "237", "837", "1,074"],
             ["Interviews held", "83", "381", "121"], ["Interviews offered", "12*", "<5", "16"]]
    table = Table([[Cell(t, f"t r{r}c{c}") for c, t in enumerate(row, 1)] for r, row in enumerate(texts, 1)], "t")
    failing = rows_not_adding_up(table, survey)
    assert set(failing) == {"t r3c2", "t r3c3"}
    assert "83 + 381 = 464" in failing["t r3c2"] and "(121)" in failing["t r3c2"]


def test_figures_run_together_with_their_notes_are_cut_into_columns():
    from extractors.extract.unruled import noted_figures_split
    line = Line("x", 1, 0.0, ("RHIs completed", "198 (not split) 198 (not split) 198"), None, (61.0, 216.0))
    split = noted_figures_split(line)
    assert split.segments == ("RHIs completed", "198 (not split)", "198 (not split)", "198")
    assert split.segment_x[1] == 216.0 and split.segment_x[1] < split.segment_x[2] < split.segment_x[3]


def test_an_ocr_speck_beside_a_row_of_figures_is_dropped():
    words = [{"text": t, "x0": 10.0 * i} for i, t in enumerate(["es", "145", "707", "852"])]
    assert [w["text"] for w in ocr_bullet_dropped(words)] == ["145", "707", "852"]


def test_each_question_keeps_the_figures_that_count_its_own_measure(survey: Survey):
    from extractors.extract.measures import own_figures_only
    counts = [q for q in survey.questions if q.type == "count"]
    first, second = counts[0], counts[1]
    text = (f"There were 285 {first.text.split('many ')[1].split()[0]} {first.text.split('many ')[1].split()[1]} "
            f"relating to 186 {second.text.split('many ')[1].split()[0]} {second.text.split('many ')[1].split()[1]}.")
    mine = own_figures_only(text, first, survey)
    theirs = own_figures_only(text, second, survey)
    assert mine is not None and "285" in mine and "186" not in mine
    assert theirs is not None and "186" in theirs and "285" not in theirs
    assert own_figures_only("There were 285 in all.", first, survey) is None


def test_footnotes_under_an_answer_and_other_years_markers_are_set_aside(survey: Survey):
    from extractors.extract.other_periods import other_year_line
    from extractors.extract.parts import without_footnote_lines
    text = "In care 158\nFrom home 208\n* Counted at the date the record was closed."
    assert without_footnote_lines(text) == "In care 158\nFrom home 208"
    assert without_footnote_lines("* 12") == "* 12"
    year = survey.period_start.year
    assert other_year_line(f"April {year - 1} - March {year} No data available", survey)
    assert not other_year_line(f"April {year} - March {year + 1} No data available", survey)


def test_a_cell_marking_one_part_answers_that_part_alone(survey: Survey):
    from extractors.extract.parts import text_to_parts
    question = next(q for q in survey.questions if len(q.keys) == 2 and q.type == "count")
    found = text_to_parts("b. 9(1)", list(question.keys), survey.vocabulary.group_phrases)
    assert {k: (p.status, p.value) for k, p in found.items()} == {question.keys[1].key: ("reported", "9")}


def test_heading_pieces_left_above_a_ruled_table_join_their_columns():
    from extractors.model import Cell, Table
    from extractors.read.headings import with_fragments_above
    head = ["", "offered - in care", "offered - from home", "Completed within in care", "Completed within from home"]
    table = Table([[Cell(t, f"t r1c{c}") for c, t in enumerate(head, 1)],
                   [Cell(t, f"t r2c{c}") for c, t in enumerate(["April 2025", "7", "2", "0", "1"], 1)]], "t", 2, 424.0)
    bounds = [(57.0, 130.0), (130.0, 236.0), (236.0, 343.0), (343.0, 449.0), (449.0, 555.0)]
    lines = [Line("(b) 108", 2, 350.0, ("(b) 108",), None, (45.0,)),
             Line("x", 2, 381.0, ("Staff -", "72 hours -"), None, (133.2, 452.3)),
             Line("y", 2, 388.0, ("missing", "72 hours -"), None, (239.6, 346.0))]
    joined, taken = with_fragments_above(table, bounds, lines)
    assert [c.text for c in joined.rows[0]][3:] == ["72 hours - Completed within in care",
                                                     "72 hours - Completed within from home"]
    assert taken == [lines[2], lines[1]]


def test_boxed_rows_with_a_numbered_heading_between_are_two_tables():
    from extractors.model import Cell, Table
    from extractors.read.banded import row_table_runs

    def row(top: float, label: str) -> Table:
        """One boxed row of three cells."""
        return Table([[Cell(label, "x"), Cell("1", "y"), Cell("2", "z")]], f"t{top}", 1, top)
    tables = [row(588.0, "2025/26"), row(633.0, "2024/25"), row(718.0, "2025/26"), row(763.0, "2024/25")]
    heading = [Line("6. Individual children", 1, 675.0, ("6. Individual children",), None, (57.0,))]
    assert [len(run) for run in row_table_runs(tables, heading)] == [2, 2]
    assert [len(run) for run in row_table_runs(tables, [])] == [4]


def test_bands_with_a_dash_after_the_label_and_wrapped_label_ends_are_cut_into_columns():
    from extractors.model import Cell, Table
    from extractors.read.band_cells import band_cells
    from extractors.read.banded import banded_to_columns
    assert band_cells("Q2 households 180 187 126 171 114 placed in B&B") == [
        "Q2 households placed in B&B", "180", "187", "126", "171", "114"]
    assert band_cells("Q3 stays over 70 50 61 57 91 6 weeks (families)")[0] == "Q3 stays over 6 weeks (families)"
    texts = ["Q1 placements - 261 213 with children", "Q1 placements - 136 148 without children",
             "Q2 households 180 187 placed in B&B"]
    table = Table([[Cell(t, f"t r{i}c1")] for i, t in enumerate(texts, 1)], "t", 1, 500.0)
    rows = [[c.text for c in r] for r in banded_to_columns(table, []).rows]
    assert rows == [["Q1 placements with children", "261", "213"], ["Q1 placements without children", "136", "148"],
                    ["Q2 households placed in B&B", "180", "187"]]


def test_a_figures_note_wrapped_in_its_cell_stays_with_the_figure():
    from extractors.extract.unruled import wrap_piece
    row = Line("Q1 placed - with children 270", 1, 500.0, ("Q1 placed - with children", "270"), None, (57.0, 460.0))
    assert wrap_piece(Line("593 (both groups", 1, 490.0, ("593 (both groups",), None, (360.0,)), row)
    assert wrap_piece(Line("combined)", 1, 510.0, ("combined)",), None, (360.0,)), row)
    assert not wrap_piece(Line("593", 1, 490.0, ("593",), None, (360.0,)), row)


def test_a_label_naming_a_group_goes_to_the_one_question_asked_for_that_group(survey: Survey):
    from extractors.extract.matching import question_of_group
    parted = [q for q in survey.questions if len(q.keys) >= 2 and q.keys[0].group]
    groups = {k.group for q in parted for k in q.keys}
    owners = {g: [q for q in parted if any(k.group == g for k in q.keys)] for g in groups}
    # in the example every group is asked about in several questions: the group alone decides nothing
    assert all(len(qs) > 1 for qs in owners.values())
    label = f"Children seen - {survey.vocabulary.groups[0].label}"
    assert question_of_group(label, survey) is None


def test_a_group_label_answers_the_second_examples_question_in_parts():
    from extractors.extract.matching import question_of_group
    from extractors.survey import load_survey

    from .conftest import ROOT
    other = load_survey(ROOT / "examples" / "ta-2026")
    parted = next(q for q in other.questions if len(q.keys) >= 2)
    group = next(g for g in other.vocabulary.groups if g.part == parted.keys[0].part)
    assert question_of_group(f"Households accommodated - {group.label}", other) is parted


def test_a_restated_question_left_unanswered_is_not_answered_only_when_no_figure_is_left_over(survey: Survey):
    from extractors.extract.answers import Found, with_skipped
    key = survey.keys[0].key
    skipped = Found([], {key}, unplaced=0, skipped={key: "p1"})
    assert [(c.key, c.status) for c in with_skipped(skipped).candidates] == [(key, "not_answered")]
    doubtful = Found([], {key}, unplaced=2, skipped={key: "p1"})
    assert with_skipped(doubtful).candidates == []


def test_a_part_left_out_beside_marked_parts_is_not_answered(survey: Survey):
    from extractors.extract.answers import prose_parts
    from extractors.extract.letters import Block
    question = next(q for q in survey.questions if len(q.keys) == 2 and q.type == "count")
    heading = Line(f"{question.number}. {question.text}", 1, 0.0)
    block = Block(question, "", heading, answer_lines=[Line("(b) Second group: 383*", 1, 10.0)])
    found = {c.key: (c.status, c.value) for c in prose_parts(block, list(question.keys))}
    assert found == {question.keys[0].key: ("not_answered", ""), question.keys[1].key: ("reported", "383")}


def test_a_period_cut_at_its_year_joins_the_next_line():
    from extractors.extract.period_views import wraps_on
    assert wraps_on("and April 2024 to March 2025) April 2023 to March 2024: Group one: 367; April 2023 to March",
                    "2024: Group two: 291; April 2024 to March 2025: Group one: 375")


def test_each_group_with_its_own_refusal_is_refused(survey: Survey):
    from extractors.extract.parts import each_group_refused
    question = next(q for q in survey.questions if len(q.keys) == 2 and q.type == "count")
    first, second = (g.label for g in survey.vocabulary.groups[:2])
    text = (f"2024/25, {first}: To answer this would exceed the 18-hour appropriate limit. This part is therefore "
            f"refused under section 12 of the Act. 2024/25, {second}: This information is not held.")
    found = {k.key: p.status for k, p in each_group_refused(text, list(question.keys), survey.vocabulary.group_phrases)}
    assert found == {question.keys[0].key: "refused", question.keys[1].key: "not_held"}


def test_dates_are_not_topic_words_and_left_over_shares_are_figures():
    from extractors.extract.matching import tokens
    from extractors.extract.unplaced import figures_in
    assert tokens("placed outside the district in 2024-25? As at 31 March 2025, within 72 hours") == {
        "plac", "outsid", "district", "72", "hour"}
    assert tokens("Northumberland FY 2024/25") == {"northumberland"}
    assert figures_in("roughly 46%") == ("46",)


def test_questions_across_the_top_head_their_columns_and_text_after_them_is_no_label():
    from extractors.extract.tables import table_to_candidates
    from extractors.model import Cell, Table
    from extractors.survey import load_survey

    from .conftest import ROOT
    other = load_survey(ROOT / "examples" / "ta-2026")
    view = other.view(other.periods[-1])
    money = next(q for q in other.questions if q.type == "money")
    choice = next(q for q in other.questions if q.type == "choice")
    head = ["Council", f"total {money.aliases[0]} (£)", choice.text, money.aliases[-1], "notes"]
    row = ["Somewhere FY 2024/25", "4444627", "hostels and bed and breakfast", "4444627", "see letter"]
    grid = enumerate([head, row], 1)
    table = Table([[Cell(t, f"S!{chr(65 + c)}{r}") for c, t in enumerate(cells)] for r, cells in grid], "S", 0)
    found = {c.key: c.value for c in table_to_candidates(table, view)}
    assert found.get(money.keys[0].base or money.keys[0].key) == "4444627"


def test_a_not_held_sentence_in_a_table_may_answer_a_question_of_any_type():
    from extractors.extract.cell_types import answer_types
    assert "text" in answer_types("We do not record this information.")
    assert answer_types("c") == answer_types("c", "")
    assert "text" not in answer_types("c")


def test_carried_out_by_the_councils_own_team_and_see_our_answer_above():
    from extractors.extract.references import AS_ABOVE
    from extractors.parse.values import parse_provider
    found = parse_provider("They are carried out by the council's Open Door; we do not commission anyone")
    assert (found.status, found.value) == ("reported", "in_house")
    assert AS_ABOVE.match("See our answer to question 1 above.")


def test_part_markers_open_lines_of_their_own_and_approximate_sums_hold_their_column():
    from extractors.extract.period_views import wraps_on
    assert not wraps_on("a. April 2023 to March 2024: 574 households placed in the year", "a. April 2024 to March 2025")
    assert figure_like("approximately £2.7m")


def test_a_sum_on_a_line_outside_every_answer_is_left_over():
    from extractors.extract.unplaced import unplaced_figures
    from extractors.model import Document
    document = Document(lines=[Line("Gross spend (£) £2,512,880 approximately £2.7m", 1, 0.0)])
    assert unplaced_figures(document, [], "") == 1


def test_a_short_answer_after_a_list_number_is_the_answer_and_a_restated_question_is_not(survey: Survey):
    from extractors.extract.letters import Block, split_question_and_answer
    from extractors.extract.skipped import restates
    question = next(q for q in survey.questions if q.type in ("text", "provider"))
    block = Block(question, "", Line(f"{question.number}. Mears", 1, 0.0))
    split_question_and_answer(block, [])
    assert block.answer_text == "Mears" and not restates(block)
    restated = Block(question, "", Line(f"{question.number}. {question.text}", 1, 0.0))
    assert restates(restated)


def test_month_rows_joined_to_labels_section_numbers_wrapped_and_days_cut_from_years():
    from extractors.extract.table_cells import CellContext, whole_period_only
    from extractors.extract.unruled import section_numbers_joined
    from extractors.model import Cell, Parsed
    from extractors.parse.choices import parse_date_answer
    ctx = CellContext(Cell("27", "t r22c3"), "Jul 2025 Completed within the time", "Figure",
                      ("Jul 2025", "Completed within the time", "27"), "")
    assert whole_period_only(ctx, Parsed("reported", "27")).status == "needs_review"
    rows = [["Stays longer", "Refused - section", "Refused - section"], ["than 6 weeks", "12", "12"]]
    assert section_numbers_joined(rows) == [["Stays longer than 6 weeks", "Refused - section 12",
                                             "Refused - section 12"]]
    assert parse_date_answer("April 2029 April 2023 to March 2024").status == "needs_review"


def test_broken_band_labels_wrapped_month_rows_and_tables_carried_over_pages():
    from extractors.extract.over_pages import tables_over_pages_joined
    from extractors.extract.unruled import run_to_table, runs_of_rows
    from extractors.model import Cell, Table
    from extractors.read.band_cells import band_cells
    assert band_cells("May-2 33 41 17 5") == ["May-25", "33", "41", "17"]
    assert band_cells("TOTA 299 622 L") == ["TOTAL", "299", "622"]
    assert band_cells("Apr-25 19 30") == ["Apr-25", "19", "30"]
    assert band_cells("Households with 563 547 children") == ["Households with children", "563", "547"]
    xs = (57.0, 120.0, 400.0)
    lines = [Line("Month Category Figure", 1, 88.0, ("Month", "Category", "Figure"), None, xs),
             Line("Apr Occasions - in our 77", 1, 100.0, ("Apr", "Occasions - in our", "77"), None, xs),
             Line("2025 care", 1, 111.0, ("2025", "care"), None, xs[:2]),
             Line("May Occasions - in our 47", 1, 122.0, ("May", "Occasions - in our", "47"), None, xs),
             Line("2025 care", 1, 133.0, ("2025", "care"), None, xs[:2])]
    (start, end), = runs_of_rows(lines)
    table = run_to_table(lines[start:end + 1], 1, 1)
    assert [[c.text for c in row] for row in table.rows] == [
        ["Month", "Category", "Figure"], ["Apr 2025", "Occasions - in our care", "77"],
        ["May 2025", "Occasions - in our care", "47"]]

    def grid(rows: list[list[str]], page: int, top: float) -> Table:
        return Table([[Cell(t, f"p{page} r{r}c{c}") for c, t in enumerate(row)] for r, row in enumerate(rows)],
                     f"p{page} table1", page, top)
    head = ["Month", "Figure"]
    upper, lower = grid([head, ["Apr", "3"], ["May", "4"]], 1, 500.0), grid([head, ["Jun", "5"]], 2, 60.0)
    joined, = tables_over_pages_joined([upper, lower], [Line("Page 1", 1, 780.0)])
    assert [row[1].text for row in joined.rows] == ["Figure", "3", "4", "5"] and joined.rows[3][1].locator == "p2 r1c1"
    # text after the upper table on its page: the next page's table is another one
    assert len(tables_over_pages_joined([upper, lower], [Line("2024/25", 1, 700.0)])) == 2
    # a heading or a row written out as text above the next page's table: that table is another one
    assert len(tables_over_pages_joined([upper, lower], [Line("9. Staff trained", 2, 40.0)])) == 2
    # rows only at the top of the next page, as wide, with no text between: the same table carried on
    rows_only = grid([["Jun", "5"]], 2, 60.0)
    joined, = tables_over_pages_joined([upper, rows_only], [Line("Page 1", 1, 780.0)])
    assert [row[0].text for row in joined.rows] == ["Month", "Apr", "May", "Jun"]


def test_a_figure_with_a_note_in_brackets_is_the_answer_and_a_period_answered_in_words_waits_for_nothing():
    from extractors.extract.period_views import open_period
    from extractors.parse.amounts import parse_money
    from extractors.parse.counts import parse_count
    from extractors.survey import Period
    assert parse_count("285 (this includes 3 cases moved in)").value == "285"
    assert parse_count("2024-25: 85(1) (provisional; 21 records still to check)").value == "85"
    assert parse_count("12 and 15").status == "needs_review"
    assert parse_money("£1,612,701 (includes £222,694 of one-off costs)").value == "1612701"
    assert parse_money("£5m and £3m").status == "needs_review"
    from datetime import date
    periods = (Period("2023-24", date(2023, 4, 1), date(2024, 3, 31), "2023-24"),
               Period("2024-25", date(2024, 4, 1), date(2025, 3, 31), "2024-25"))
    assert open_period("2023-24: (b)", periods) == "2023-24"
    assert open_period("2023-24: (b) Our system does not capture this, so we hold no recorded", periods) == ""


def test_band_figures_with_footnote_marks_and_refusals_in_their_place():
    from extractors.read.band_cells import band_cells
    assert band_cells("Households placed - without children 152 152(1)") == [
        "Households placed - without children", "152", "152(1)"]
    assert band_cells("Bed and breakfast placements 86 s.12 cost limit") == [
        "Bed and breakfast placements", "86", "s.12 cost limit"]


def test_answer_column_set_close_after_a_question_and_row_numbers_centred_in_their_rows():
    from extractors.extract.qa_layout import qa_tables
    from extractors.model import Document
    from extractors.read.pdf import line_segments, with_column_starts

    def word(text: str, x0: float, top: float) -> dict:
        return {"text": text, "x0": x0, "x1": x0 + 6 * len(text), "top": top, "bottom": top + 9}
    lines = [[word("Q", 83, 100.0), word("Answer", 320, 100.0)],
             [word("long", 83, 120.0), word("Yes", 320, 120.0)],
             [word("question", 83, 140.0), {**word("words", 134, 140.0), "x1": 312}, word("Most", 320, 140.0)],
             [word("more", 83, 160.0), word("No", 320, 160.0)]]
    assert line_segments(lines[2]) == ("question words Most",)  # the gap alone is too small
    assert line_segments(with_column_starts(lines)[2]) == ("question words", "Most")
    xs = (46.0, 83.0, 320.0)
    document = Document(lines=[
        Line("No. Question Response", 1, 284.0, ("No.", "Question", "Response"), None, xs),
        Line("Does it offer", 1, 307.0, ("Does it offer",), None, (83.0,)),
        Line("1 every child? Most, not all", 1, 324.0, ("1", "every child?", "Most, not all"), None, xs),
        Line("Who carries", 1, 363.0, ("Who carries",), None, (83.0,)),
        Line("2 them out? Catch22", 1, 380.0, ("2", "them out?", "Catch22"), None, xs),
        Line("for you?", 1, 396.0, ("for you?",), None, (83.0,))])
    table, = qa_tables(document).tables
    assert [[c.text for c in row] for row in table.rows[1:]] == [
        ["1", "Does it offer\nevery child?", "Most, not all"], ["2", "Who carries\nthem out?\nfor you?", "Catch22"]]


def test_an_answer_after_a_wrapped_question_end_and_a_block_without_figures_answers_nothing():
    from extractors.extract.answers import prose_parts
    from extractors.extract.letters import Block
    from extractors.extract.question_mark import answer_after_question_end
    q = "Who is your main provider? Please give the organisation's name."
    assert answer_after_question_end("organisation's name. Mears", q) == "Mears"
    assert answer_after_question_end("organisation's name.", q) == ""
    assert answer_after_question_end("the provider. Please see below", q) == ""
    from extractors.survey import load_survey

    from .conftest import ROOT
    survey = load_survey(ROOT / "examples" / "rhi-2026")
    question = next(q for q in survey.questions if len(q.keys) == 2 and q.type == "count")
    block = Block(question, "", Line(f"{question.number}. {question.text}", 1, 0.0))
    assert prose_parts(block, question.keys, (), "Our response is below.") == []
    assert prose_parts(block, question.keys, (), "This information is not held.")


def test_striped_rows_with_a_blank_cell_between_boxes_and_a_table_carried_on_with_its_first_row_unboxed():
    from extractors.model import Cell, Table
    from extractors.read.banded import stitch_row_tables

    def box(label: str, a: str, b: str, top: float) -> Table:
        return Table([[Cell(label, "x r1c1"), Cell(a, "x r1c2"), Cell(b, "x r1c3")]], "p1 table1", 1, top)
    head = Line("2024-2025 2023-2024", 1, 620.0, ("2024-2025", "2023-2024"), None, (362.0, 460.0))
    lines = [head, Line("Placed - families", 1, 681.0, ("Placed - families",), None, (54.0,)),
             Line("1334", 1, 689.0, ("1334",), None, (362.0,)),
             Line("without children", 1, 698.0, ("without children",), None, (54.0,))]
    tables, _ = stitch_row_tables([box("Placed - with children", "900", "1173", 632.0),
                                   box("B&B placements", "471", "465", 714.0)], lines)
    assert [[c.text for c in row] for row in tables[0].rows] == [
        ["", "2024-2025", "2023-2024"], ["Placed - with children", "900", "1173"],
        ["Placed - families without children", "1334", ""], ["B&B placements", "471", "465"]]
    top = Line("2024-2025 2023-2024", 2, 53.0, ("2024-2025", "2023-2024"), None, (362.0, 460.0))
    row = Line("Stays over 6 weeks 192 308", 2, 77.0, ("Stays over 6 weeks", "192", "308"), None, (54.0, 362.0, 460.0))
    spend = Table([[Cell("Spend (£)", "r1c1"), Cell("£5,143", "r1c2"), Cell("£6,374", "r1c3")]], "p2 table1", 2, 93.8)
    tables, _ = stitch_row_tables([spend], [top, row])
    assert [[c.text for c in r] for r in tables[0].rows] == [
        ["", "2024-2025", "2023-2024"], ["Stays over 6 weeks", "192", "308"], ["Spend (£)", "£5,143", "£6,374"]]


def test_one_group_named_with_its_figure_leaves_the_other_part_not_answered_and_dated_notes_answer_nothing():
    from extractors.extract.answers import prose_parts
    from extractors.extract.letters import Block
    from extractors.survey import load_survey

    from .conftest import ROOT
    survey = load_survey(ROOT / "examples" / "rhi-2026")
    question = next(q for q in survey.questions if len(q.keys) == 2 and q.type == "count")
    block = Block(question, "", Line(f"{question.number}. {question.text}", 1, 0.0))
    phrases = survey.vocabulary.group_phrases
    one = {c.key: c.status for c in prose_parts(block, question.keys, phrases, "CLA: 51")}
    assert one == {question.keys[0].key: "reported", question.keys[1].key: "not_answered"}
    assert prose_parts(block, question.keys, phrases, "Notes: data as recorded at 12 May 2026.") == []


def test_months_that_add_up_to_a_taken_total_are_not_left_over_but_other_figures_are():
    from extractors.extract.unplaced import taken_cells, unplaced_cells
    from extractors.model import Candidate, Cell, Table
    grid = [["Period", "Episodes"], ["Apr-25", "60"], ["May-25", "58"], ["Year total", "118"], ["Other", "7"]]
    table = Table([[Cell(t, f"p2 table1 r{r}c{c}") for c, t in enumerate(row, 1)] for r, row in enumerate(grid, 1)],
                  "p2 table1", 2)
    total = Candidate("episodes", "reported", "118", "118", "p2 table1 r4c2", "table", 1.0)
    taken = taken_cells([total])
    assert unplaced_cells(table, {"118"}, taken) == 1  # the months are the total's parts; '7' is left over
    assert taken_cells([Candidate("k", "reported", "9", "", "p2 layout1 r2c3+r3c3+p3 layout2 r2c3", "t", 1.0)]) == {
        "p2 layout1 r2c3", "p2 layout1 r3c3", "p3 layout2 r2c3"}


def test_quarter_headings_head_value_columns_and_a_suppression_note_is_no_answer():
    from extractors.extract.parts import without_footnote_lines
    from extractors.read.band_cells import band_cells
    from extractors.read.banded import label_heading
    assert not label_heading("Quarter 1") and label_heading("Quarter")
    assert band_cells("Missing - children 0 * * * * missing from home") == [
        "Missing - children missing from home", "0", "*", "*", "*", "*"]
    text = "Care: 5\nTo avoid identifying individuals, small numbers are suppressed and shown as *."
    assert without_footnote_lines(text) == "Care: 5"


def test_a_figure_column_reaches_down_a_run_of_long_labels_and_right_aligned_figures_end_a_column():
    from extractors.read.pdf import line_segments, with_column_starts

    def word(text: str, x0: float, x1: float, top: float) -> dict:
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 11}
    short = [[word("Apr", 63, 89, t), word("care", 122, 150, t), word("20", 333.4, 345, t)] for t in (100, 117, 134)]
    long = [[word("Jul", 63, 89, t), word("home", 122, 321, t), word("14", 333.4, 345, t)]
            for t in (151 + 17 * i for i in range(6))]  # each 17 points under the last: past the first reach
    right = [[word("Q", 63, 89, t), word("label", 122, 150, t), word("1,204", 320, 345, t)] for t in (300, 317, 334)]
    tail = [[word("Q", 63, 89, 351), word("long label", 122, 328, 351), word("7", 339, 345, 351)]]
    marked = with_column_starts([*short, *long, *right, *tail])
    assert line_segments(long[0]) == ("Jul", "home 14") and all(
        line_segments(g)[-1] in ("14",) for g in marked[3:9])
    assert line_segments(marked[-1])[-1] == "7"


def test_a_group_is_also_named_as_the_questions_own_parts_name_it():
    from extractors.survey import load_survey

    from .conftest import ROOT
    other = load_survey(ROOT / "examples" / "ta-2026")
    asked = {g.id: g.asked for g in other.vocabulary.groups}
    phrases = dict((w, g) for g, w in other.vocabulary.group_phrases)
    assert any("without dependent children" in w for w in phrases) and all(
        w not in dict((p, g) for g, p in other.vocabulary.declared_phrases) for ws in asked.values() for w in ws)


def test_a_compact_answer_may_open_with_a_period_in_months():
    from extractors.extract.question_mark import LEADING_YEAR
    assert LEADING_YEAR.sub("", "April 2023 to March 2024: 343") == "343"
    assert LEADING_YEAR.sub("", "FY 2023/24 - 7") == "7"
    assert LEADING_YEAR.sub("", "2023: 5") == "2023: 5"


def test_a_question_number_over_another_periods_answer_heads_this_periods_line_below():
    from datetime import date

    from extractors.extract.period_views import document_for_period
    from extractors.model import Document
    from extractors.survey import Period
    periods = (Period("2023-24", date(2023, 4, 1), date(2024, 3, 31), "2023-24"),
               Period("2024-25", date(2024, 4, 1), date(2025, 3, 31), "2024-25"))
    document = Document(lines=[Line("1. 2023/24: not split by group, 1770 in all;", 1, 10.0),
                               Line("2024/25: 791; 2024/25: 1098", 1, 22.0)])
    assert [ln.text for ln in document_for_period(document, "2024-25", periods).lines] == [
        "1.", "2024/25: 791; 2024/25: 1098"]


def test_ocr_question_numbers_read_with_letters_and_short_listed_answers():
    from extractors.extract.letters import Block, split_question_and_answer
    from extractors.extract.ocr_spelling import question_number_read
    from extractors.survey import load_survey

    from .conftest import ROOT
    assert question_number_read("Ql Yes") == "Q1 Yes" and question_number_read("QI: 5") == "Q1: 5"
    assert question_number_read("Quality of care") == "Quality of care"
    survey = load_survey(ROOT / "examples" / "rhi-2026")
    question = next(q for q in survey.questions if q.type == "provider")
    block = Block(question, "", Line(f"Q{question.number} NYAS (commissioned service)", 1, 0.0), listed=True)
    split_question_and_answer(block, [])
    assert block.answer_text == "NYAS (commissioned service)"


def test_a_part_letter_after_a_period_opens_a_worded_answer_and_an_option_after_the_question_mark_answers():
    from extractors.extract.parts import split_by_part_markers
    from extractors.extract.question_mark import answer_after_question_mark
    text = "2023-2024: a. This information is exempt under section 12.\n2023-2024: b. 102"
    assert split_by_part_markers(text, ["a", "b"])["b"] == "102"
    question = "Which types of temporary accommodation does your authority use?"
    assert answer_after_question_mark(f"7. {question} Private sector leased accommodation", question) == \
        "Private sector leased accommodation"
    assert answer_after_question_mark(f"7. {question} Please list them.", question) == ""


def test_a_band_keeps_its_line_breaks_and_one_row_under_year_headings_is_a_table():
    from extractors.extract.unruled import runs_of_rows
    from extractors.read.band_cells import band_cells
    from extractors.read.pdf import table_to_cells
    band, = table_to_cells([["Q1 households 429 448\naccommodated - family households"]], 1, 1)[0]
    assert band_cells(band.text) == ["Q1 households accommodated - family households", "429", "448"]
    xs = (300.0, 400.0)
    lines = [Line("2024/25 2023/24", 2, 74.0, ("2024/25", "2023/24"), None, xs),
             Line("Q4 spend £2,204 £2,699", 2, 89.0, ("Q4 spend", "£2,204", "£2,699"), None, (57.0, *xs))]
    assert runs_of_rows(lines) == [(0, 1)]


def test_the_bullet_left_of_another_periods_line_is_dropped_from_a_periods_view():
    from datetime import date

    from extractors.extract.period_views import text_for_period
    from extractors.survey import Period
    periods = (Period("2023-24", date(2023, 4, 1), date(2024, 3, 31), "2023-24"),
               Period("2024-25", date(2024, 4, 1), date(2025, 3, 31), "2024-25"))
    assert text_for_period("- financial year 2023-24 - 178", "2024-25", periods) == ""
    assert "151" in text_for_period("- financial year 2024-25 - 151", "2024-25", periods)


def test_an_unboxed_row_whose_label_wraps_over_many_lines_between_boxed_rows():
    from extractors.model import Cell, Table
    from extractors.read.banded import stitch_row_tables

    def box(label: str, a: str, b: str, top: float) -> Table:
        return Table([[Cell(label, "x r1c1"), Cell(a, "x r1c2"), Cell(b, "x r1c3")]], "p2 table1", 2, top)
    label_x, xs = (60.0,), (300.0, 400.0)
    wrapped = ["Q5 reported", "missing", "incidents -", None, "missing from", "home"]
    lines = [Line(t, 2, 170.0 + 12 * i, (t,), None, label_x) if t else
             Line("130 390", 2, 170.0 + 12 * i, ("130", "390"), None, xs) for i, t in enumerate(wrapped)]
    tables, _ = stitch_row_tables([box("Q5 missing incidents - in care", "17", "160", 95.0),
                                   box("Q7 offered - in care", "20", "116", 241.0)], lines)
    assert [c.text for c in tables[0].rows[1]] == ["Q5 reported missing incidents - missing from home", "130", "390"]


def test_a_months_number_opens_a_bands_label_under_a_month_heading():
    from extractors.extract.subperiods import parse_label
    from extractors.read.banded import period_cut_from_labels
    assert parse_label("04/2025").months == ((2025, 4),) and parse_label("2023/24").kind == "year"
    assert period_cut_from_labels([["04/2025 Missing - in care", "36"], ["Apr-25 Missing - at home", "5"]]) == [
        ["04/2025", "Missing - in care", "36"], ["Apr-25", "Missing - at home", "5"]]
    assert period_cut_from_labels([["Missing - in care", "36"]]) is None


def test_another_periods_table_left_with_its_heading_row_does_not_say_the_figures_are_for_that_year():
    from extractors.extract.other_periods import period_mismatch
    from extractors.model import Cell, Document, Table
    from extractors.survey import load_survey

    from .conftest import ROOT
    other = load_survey(ROOT / "examples" / "ta-2026")
    view = other.view(other.periods[-1])
    head = [Cell(t, f"t r1c{i}") for i, t in enumerate(["", "April - June", "Total 2023-24"], 1)]
    row = [Cell(t, f"t r2c{i}") for i, t in enumerate(["Spend", "£5", "£9"], 1)]
    assert period_mismatch(Document(tables=[Table([head], "t", 2, 100.0)]), view) == ""
    assert "2023-24" in period_mismatch(Document(tables=[Table([head, row], "t", 2, 100.0)]), view)


def test_an_answer_line_ending_two_pages_is_not_page_furniture():
    from extractors.extract.page_furniture import furniture_lines
    lines = [Line("Council", 1, 10.0), Line("Text", 1, 400.0), Line("(a) CiC: 54", 1, 764.0),
             Line("Council", 2, 10.0), Line("Text", 2, 60.0), Line("(a) CiC: 13", 2, 114.0)]
    dropped = {ln.text for ln in lines if id(ln) in furniture_lines(lines)}
    assert "(a) CiC: 54" not in dropped and "Council" in dropped


def test_ocr_doubt_is_about_the_words_showing_the_value_not_the_question_number_beside_it():
    from extractors.extract.ocr_flags import value_confidence
    line = Line("7a - 341", 1, 10.0, ("7a - 341",), 42.0, (), (("7a", 42.0), ("341", 93.0)))
    assert value_confidence(line, "341") == 93.0
    assert value_confidence(line, "34") == 42.0  # no word shows it alone: every number of the line counts


def test_a_months_year_wrapped_under_its_band_goes_back_after_the_month_and_totals_lead_labels_too():
    from extractors.read.band_cells import band_cells
    from extractors.read.banded import period_cut_from_labels
    assert band_cells("September Offered - group 4\n2025") == ["September 2025 Offered - group", "4"]
    assert band_cells("October Offered - the 15\n2025 other group") == ["October 2025 Offered - the other group", "15"]
    assert band_cells("Total 5 6\n2025") == ["Total 2025", "5", "6"]
    cut = period_cut_from_labels([["May 2025 Offered", "4"], ["Full year Offered", "9"], ["TOTAL Offered", "9"]])
    assert [c[0] for c in cut] == ["May 2025", "Full year", "TOTAL"]


def test_part_letters_of_a_restated_question_never_split_its_answer():
    from extractors.extract.letters import Block, split_question_and_answer
    from extractors.extract.parts import split_by_part_markers
    from extractors.survey import load_survey

    from .conftest import ROOT
    text = "for (a) children in care and (b) children at home?\nThe figures are 68 for care and 69 for home."
    assert split_by_part_markers(text, ["a", "b"]) == {}
    survey = load_survey(ROOT / "examples" / "rhi-2026")
    question = next(q for q in survey.questions if len(q.keys) == 2 and q.type == "count")
    first = " ".join(question.text.split()[:7])
    block = Block(question, "", Line(f"Question {question.number}: {first}", 1, 0.0), listed=True)
    split_question_and_answer(block, [])
    assert block.answer_text == ""  # the question's first line, not a short answer


def test_a_returns_first_data_row_is_not_a_second_heading_level():
    from extractors.extract.table_headers import continues_header
    from extractors.model import Cell
    from extractors.survey import load_survey

    from .conftest import ROOT
    survey = load_survey(ROOT / "examples" / "rhi-2026")
    row = [Cell(t, f"R!{c}7") for c, t in zip("ABCDE", ["10", "offer - in care", "C10", "", "Yes, all of them"],
                                               strict=True)]
    assert not continues_header(row, survey)


def test_a_range_never_runs_across_a_line_into_the_next_bullet():
    from extractors.parse.values import count_tokens
    tokens = count_tokens("- 2025-2026 in care 80\n- 2025-2026 at home 222")
    assert [(t.text, t.parsed.value) for t in tokens] == [("80", "80"), ("222", "222")]
    assert count_tokens("5 - 10")[0].parsed.status == "needs_review"


def test_a_numeric_month_labels_a_band_and_spaced_suppression_marks_are_figures():
    from extractors.read.band_cells import band_cells
    assert band_cells("04/2025 < 5 21 6") == ["04/2025", "< 5", "21", "6"]


def test_a_blank_corner_over_one_year_heading_is_still_the_header_row():
    from extractors.extract.table_headers import find_header_rows
    from extractors.model import Cell
    from extractors.survey import load_survey

    from .conftest import ROOT
    survey = load_survey(ROOT / "examples" / "rhi-2026")
    grid = [["", "2025/26"], ["Episodes - CLA", "347"], ["Completed - CLA", "150 - total for both groups"],
            ["Completed - others", "150 (both groups"]]
    rows = [[Cell(t, f"t r{r}c{c}") for c, t in enumerate(row, 1)] for r, row in enumerate(grid, 1)]
    assert find_header_rows(rows, survey) == (0, 0)


def test_a_forms_if_commissioned_prompt_is_not_a_provider_and_approximately_qualifies_a_band_figure():
    from extractors.parse.categorical import parse_provider
    from extractors.read.band_cells import band_cells
    form = "a) A team in your authority (in-house): X\nb) A commissioned provider:\n" \
           "If commissioned, which organisation: Not applicable; the hub is a council team"
    assert parse_provider(form).value == "in_house"
    assert band_cells("Individual children approximately 600 approx. 750") == [
        "Individual children", "approximately 600", "approx. 750"]


def test_ocr_read_boxes_with_one_odd_mark_out_and_no_data_is_not_a_no():
    from extractors.parse.categorical import parse_provider
    from extractors.parse.choices import parse_yes_no
    boxes = "a) A team in your authority (in-house): 0\nb) A commissioned provider: &\nc) Another arrangement: 0"
    assert parse_provider(boxes).value == "commissioned"
    dashes = "a) A team in your authority (in-house): X\nb) A commissioned provider: -\nc) Another arrangement: -"
    assert parse_provider(dashes).value == "in_house"
    assert parse_yes_no("No data available - this is not something we collect.").status == "not_held"
    assert parse_yes_no("No, not at that date").value == "no"


def test_a_two_column_question_table_whose_first_number_sits_mid_row():
    from extractors.extract.qa_layout import qa_tables
    from extractors.model import Document
    xs = (83.0, 320.0)
    document = Document(lines=[
        Line("Request Council response", 1, 284.0, ("Request", "Council response"), None, xs),
        Line("Does it offer", 1, 300.0, ("Does it offer",), None, (83.0,)),
        Line("1 Yes", 1, 312.0, ("1", "Yes"), None, (46.0, 320.0)),
        Line("to every child?", 1, 324.0, ("to every child?",), None, (83.0,)),
        Line("Who carries", 1, 350.0, ("Who carries",), None, (83.0,)),
        Line("2 In-house", 1, 362.0, ("2", "In-house"), None, (46.0, 320.0)),
        Line("them out?", 1, 374.0, ("them out?",), None, (83.0,))])
    table, = qa_tables(document).tables
    assert [[c.text for c in row] for row in table.rows[1:]] == [
        ["1", "Does it offer\nto every child?", "Yes"], ["2", "Who carries\nthem out?", "In-house"]]


def test_a_total_rows_year_wrapped_under_it_and_a_group_of_all_staff_are_read_as_said():
    from extractors.extract.matching import is_total
    from extractors.read.band_cells import band_cells
    from extractors.read.banded import period_cut_from_labels
    cells = band_cells("Total Q8 staff trained - full time 45\n2025-26 workers")
    assert cells == ["Total 2025-26 Q8 staff trained - full time workers", "45"]
    assert period_cut_from_labels([cells])[0][:2] == ["Total 2025-26", "Q8 staff trained - full time workers"]
    assert is_total("All groups") and is_total("a) all ages") and is_total("Staff - all groups")
    assert not is_total("allowance paid to all groups working part-time")


def test_a_footnoted_figure_counts_its_measure_and_a_misread_list_number_is_put_back():
    from extractors.extract.measures import FIGURE_WORDS
    from extractors.extract.ocr_spelling import list_numbers_filled
    assert [m.group(1) for m in FIGURE_WORDS.finditer("There were 194\u00b9 episodes in all")] == ["194"]
    assert [m.group(1) for m in FIGURE_WORDS.finditer("involving 55(1) different people")] == ["55"]
    texts = ["5.", "a. 155", "6.", "a. 99", "1S", "a. 102", "8.", "a. 79", "b."]
    lines = [Line(t, 1, 100.0 + i, (t,), 90.0) for i, t in enumerate(texts)]
    assert [ln.text for ln in list_numbers_filled(lines, {1})][4] == "7."
    assert [ln.text for ln in list_numbers_filled(lines, set())][4] == "1S"  # a text page is read as it stands


def test_an_answer_opening_with_we_after_the_question_mark_is_the_answer():
    from extractors.extract.question_mark import answer_after_question_mark
    question = "How many staff were trained: (a) full time and (b) part time?"
    assert answer_after_question_mark("(a) full time and (b) part time? We do", question) == "We do"
    assert answer_after_question_mark("(a) full time and (b) part time? Please say", question) == ""


def test_a_band_figure_with_its_note_and_a_period_heading_wrapped_over_two_rows():
    from extractors.extract.period_views import header_periods
    from extractors.model import Cell, Table
    from extractors.read.band_cells import band_cells
    from extractors.survey import Period
    assert band_cells("Staff in post - full time 478 (not split by group) 470") == [
        "Staff in post - full time", "478 (not split by group)", "470"]
    assert band_cells("Staff in post - part time 478 - total for both 122") == [
        "Staff in post - part time", "478 - total for both", "122"]
    import datetime as dt
    periods = (Period("2023-24", dt.date(2023, 4, 1), dt.date(2024, 3, 31), "2023-24"),
               Period("2024-25", dt.date(2024, 4, 1), dt.date(2025, 3, 31), "2024-25"))
    rows = [["", "April 2023 to March", "April 2024 to March"], ["", "2024", "2025"], ["Staff", "29", "43"]]
    table = Table([[Cell(t, f"r{r}c{c}") for c, t in enumerate(row)] for r, row in enumerate(rows)], "t", 1, 0.0)
    assert header_periods(table, periods) == {"rows": (0, 1), "columns": {0: "", 1: "2023-24", 2: "2024-25"}}


def test_a_lone_part_marker_after_the_answers_period_marks_that_part():
    from extractors.extract.parts import split_by_part_markers
    assert split_by_part_markers("2024-2025: b) 610", ["a", "b"], some=True) == {"b": "610"}
    assert split_by_part_markers("2024-2025 was 12 b) 610", ["a", "b"], some=True) == {}


def test_closing_lines_end_an_answer_and_dates_or_bracket_notes_are_not_figures_left_over():
    from extractors.extract.letters import closing_pattern
    from extractors.extract.unplaced import figures_in, used_figures
    from extractors.model import Candidate
    assert closing_pattern().match("Should you wish to appeal this decision, please write to us")
    assert figures_in("545 (extracted 22 June 2026)") == ("545",)
    note = Candidate("k", "reported", "46", "CLA: 46 (14 of these were recorded late)", "p1", "prose", 0.9, "")
    review = Candidate("j", "needs_review", "", "Not split by group. The total for both is 1,063.", "p1", "prose",
                       0.5, "one figure given for all parts together")
    assert {"46", "14", "1063"} <= used_figures([note, review])


def test_a_return_refused_cell_by_cell_refuses_the_keys_it_leaves_out(survey: Survey):
    from extractors.extract.whole_refusal import refused_throughout
    from extractors.model import Candidate
    keys = [k.key for k in survey.keys]
    reason = "refused under section 12 (cost limit)"
    most = [Candidate(k, "refused", "", "s.12", "A1", "table cell", 0.9, reason) for k in keys[: len(keys) - 2]]
    assert {c.key for c in refused_throughout(most, survey)} == set(keys)
    one = most[:2]
    assert refused_throughout(one, survey) == one  # two refusals are two answers, not the whole request's
    mixed = [*most, Candidate(keys[-1], "reported", "5", "5", "B1", "table cell", 0.9, "")]
    assert refused_throughout(mixed, survey) == mixed


def test_a_checklist_whose_ticks_a_scan_lost_goes_to_review():
    from extractors.parse.categorical import boxes_unread, parse_provider
    lost = "a) A team in your authority (in-house):\nb) A commissioned provider:\nc) Another arrangement: 0\n" \
        "If commissioned, which organisation: Acme Trust"
    assert boxes_unread(lost) and parse_provider(lost).status == "needs_review"
    ticked = "a) A team in your authority (in-house): X\nb) A commissioned provider:\nc) Another arrangement:"
    assert not boxes_unread(ticked) and parse_provider(ticked).value == "in_house"


def test_a_label_wrapped_to_a_time_and_a_group_row_under_its_measure(survey: Survey):
    from extractors.extract.tables import with_measure_above
    from extractors.extract.unruled import continuation
    row = Line("Completed within 18 59 77", 1, 400.0, ("Completed within", "18", "59", "77"), None,
               (77.0, 300.0, 360.0, 420.0))
    assert continuation(Line("72hrs", 1, 412.0, ("72hrs",), None, (77.0,)), row)
    assert not continuation(Line("Next paragraph", 1, 412.0, ("Next paragraph",), None, (77.0,)), row)
    assert continuation(Line("(2023/24)", 1, 412.0, ("(2023/24)",), None, (77.0,)), row)
    group = next(p for _, p in survey.vocabulary.group_phrases if len(p) > 8)
    assert with_measure_above(f"- {group}", "Staff on leave - others", survey) == f"Staff on leave - {group}"
    assert with_measure_above("Staff on leave", "Staff trained - others", survey) == "Staff on leave"


def test_an_answer_label_started_after_the_question_mark_runs_on_to_its_figure():
    from extractors.extract.question_mark import answer_after_question_mark
    from extractors.extract.restated import without_restated_question
    question = "How many staff were trained: (a) working full time and (b) staff working part-time?"
    line = "(b) staff working part-time? Staff working"
    assert answer_after_question_mark(line, question, "part-time: 436 / Full time: 461") == "Staff working"
    assert answer_after_question_mark(line, question, "Next we consider") == ""
    answer = "Staff working\npart-time: 436 / Full time: 461"
    assert without_restated_question(answer, question) == answer


def test_a_figure_at_a_lines_end_is_not_a_day_of_the_next_lines_month_and_labels_may_use_equals():
    from extractors.parse.counts import count_tokens
    found = count_tokens("April 2025 - March 2026 full-time staff = 84\nApril 2025 - March 2026 part-time = 12")
    assert [t.text for t in found] == ["84", "12"]
    assert [t.text for t in count_tokens("received on 14 April 2025 and 84 April cases")] == ["84"]


def test_a_band_with_a_cell_left_blank_goes_to_review_and_a_footnoted_band_figure_is_read():
    from extractors.read.band_cells import band_cells
    from extractors.read.banded import SHORT_BAND, short_bands_marked
    assert band_cells("Staff trained - full time 410\u00b9") == ["Staff trained - full time", "410\u00b9"]
    assert band_cells("Staff trained 333* 237** 12") == ["Staff trained", "333*", "237**", "12"]
    split = [["Staff trained - full time", "410"], ["Staff trained - contractors", "619", "670"], ["Spend", "3", "4"]]
    assert short_bands_marked(split)[0] == ["Staff trained - full time", SHORT_BAND, SHORT_BAND]
    assert short_bands_marked(split[:2]) == split[:2]  # one band of two: which is the odd one is not known


def test_a_row_naming_a_group_in_other_words_is_the_other_part_of_the_measure_beside_it(survey: Survey):
    from extractors.extract.row_measures import contexts_by_measure, measure_of, measure_question
    from extractors.extract.table_cells import CellContext
    from extractors.model import Cell
    two = next(q for q in survey.questions if len(q.keys) == 2)
    rows = [CellContext(Cell("5", f"r{i}c2"), label, "2025", (label, "5"), "") for i, label in
            enumerate(["Staff trained - full time", "Staff trained - contractors", "Spend"])]
    asked_by = {id(rows[0]): (two, "label wording"), id(rows[1]): (None, ""), id(rows[2]): (None, "")}
    by_measure = contexts_by_measure(rows)
    assert measure_of(rows[1].row_label) == "staff trained"
    assert measure_question(rows[1], by_measure, asked_by) is two
    assert measure_question(rows[2], by_measure, asked_by) is None


def test_a_page_marking_heads_no_column_and_other_years_figures_are_not_left_over(survey: Survey):
    from extractors.extract.tables import blank_part_row
    from extractors.extract.unplaced import other_year_cells
    from extractors.model import Cell, Table
    from extractors.read.headings import MARKING
    assert MARKING.fullmatch("OFFICIAL - PUBLIC") and MARKING.fullmatch("NOT PROTECTIVELY MARKED")
    assert not MARKING.fullmatch("Officials employed")
    year = survey.period_start.year
    rows = [["", f"{year}-{(year + 1) % 100:02d}", f"{year - 3}-{(year - 2) % 100:02d}"], ["Spend", "5", "7"]]
    table = Table([[Cell(t, f"r{r}c{c}") for c, t in enumerate(row)] for r, row in enumerate(rows)], "t", 1, 0.0)
    assert other_year_cells(table, survey) == {"r0c2", "r1c2"}
    group = next(p for _, p in survey.vocabulary.group_phrases if len(p) > 8)
    question = next(q for q in survey.questions if len(q.keys) == 2)
    assert blank_part_row(f"{question.text} - {group}", survey)
    assert not blank_part_row(group, survey)  # a group alone heads a section


def test_a_refusal_wrapped_into_brackets_stays_with_its_period_and_hour_limits_are_not_left_over():
    from extractors.extract.period_views import wraps_on
    from extractors.extract.unplaced import figures_in
    line = "2023/24: This information is already published and so is exempt under section 21"
    assert wraps_on(line, "(information reasonably accessible by other means). It can be found")
    assert not wraps_on(line, "(a) 2024/25: 12")
    assert figures_in("exceed the 18-hour appropriate limit, 40 working days") == ()
    assert figures_in("withheld under section 43(2) of the Act") == ()


def test_a_compact_part_line_saying_one_figure_covers_both_parts_heads_that_part(survey: Survey):
    from extractors.extract.question_mark import compact_answer
    question = next(q for q in survey.questions if len(q.keys) == 2)
    part = question.keys[0].part
    line = Line(f"{question.number}({part}) FY 2023/24: The figure of 582 covers both groups; it cannot be broken "
                "down further.", 1, 100.0)
    assert compact_answer(line, question, part)


def test_a_year_then_a_dash_and_a_figure_is_a_year_and_its_figure_not_a_financial_year():
    from extractors.extract.period import stated_periods
    spans = {t: [(str(p.start), str(p.end)) for p in stated_periods(t)] for t in (
        "April 2024 - March 2025 - 356", "April 2023 - March 2024 - 42", "March 2025-26", "April 2025 - March 2026")}
    assert spans["April 2024 - March 2025 - 356"] == [("2024-04-01", "2025-03-31")]
    assert spans["April 2023 - March 2024 - 42"] == [("2023-04-01", "2024-03-31")]
    assert spans["March 2025-26"] == [("2025-04-01", "2026-03-31")]
    assert spans["April 2025 - March 2026"] == [("2025-04-01", "2026-03-31")]


def test_an_unruled_tables_headings_line_up_with_a_full_row_and_a_figures_note_wraps_in_its_cell(survey: Survey):
    from extractors.extract.table_headers import header_like
    from extractors.extract.unruled import run_to_table, runs_of_rows
    from extractors.model import Cell
    lines = [Line("Full time", 1, 310.0, ("Full time",), None, (296.0,)),
             Line("Part time", 1, 318.0, ("Part time",), None, (427.0,)),
             Line("220 (both groups 220 (both groups", 1, 349.0, ("220 (both groups", "220 (both groups"), None,
                  (296.0, 427.0)),
             Line("Staff trained", 1, 357.0, ("Staff trained",), None, (59.0,)),
             Line("combined) combined)", 1, 366.0, ("combined)", "combined)"), None, (296.0, 427.0)),
             Line("Staff on leave 49 97", 1, 387.0, ("Staff on leave", "49", "97"), None, (59.0, 296.0, 427.0)),
             Line("Staff off sick 56 46", 1, 409.0, ("Staff off sick", "56", "46"), None, (59.0, 296.0, 427.0))]
    (start, end), = runs_of_rows(lines)
    table = run_to_table(lines[start:end + 1], 1, 1)
    rows = [[c.text for c in row] for row in table.rows]
    assert rows[0] == ["", "Full time", "Part time"]
    assert rows[1] == ["Staff trained", "220 (both groups combined)", "220 (both groups combined)"]
    assert not header_like([Cell("Staff trained", "a"), Cell("220 (both groups combined)", "b"),
                            Cell("220 (both groups combined)", "c")], survey)


def test_a_labels_first_line_over_a_row_carrying_it_on_in_lower_case_is_that_rows():
    from extractors.extract.unruled import wrap_piece
    row = Line("in post - part time 151 119", 2, 94.0, ("in post - part time", "151", "119"), None,
               (59.0, 222.0, 341.0))
    assert wrap_piece(Line("Staff employed", 2, 78.0, ("Staff employed",), None, (59.0,)), row)
    capital = Line("In post - part time 151 119", 2, 94.0, ("In post - part time", "151", "119"), None,
                   (59.0, 222.0, 341.0))
    assert not wrap_piece(Line("Staff employed", 2, 78.0, ("Staff employed",), None, (59.0,)), capital)


def test_a_scanned_answer_lists_misread_first_numbers_and_an_out_of_order_number_are_put_back():
    from extractors.extract.ocr_spelling import list_numbers_filled

    def read(texts: list[str], pages: set[int]) -> list[str]:
        return [ln.text for ln in list_numbers_filled([Line(t, 1, 100.0 + i, (t,), 90.0)
                                                       for i, t in enumerate(texts)], pages)]
    lost = ["9. Where?", "10. When?", "Response", "LS", "a. 2023-24: 751", "2", "2023-24: 346", "3.", "4. 12"]
    assert read(lost, {1})[3] == "1." and read(lost, {1})[5] == "2."
    assert read(lost, set()) == lost  # a text page is read as it stands
    misread = ["9. Where?", "10. When?", "1.", "a. 751", "2.", "346", "8.", "151", "4.", "12", "5. 62%"]
    assert read(misread, {1})[6] == "3."


def test_the_suppression_rules_own_range_is_not_a_figure_left_over():
    from extractors.extract.unplaced import figures_in
    assert figures_in("Figures between 1 and 4 have been replaced with * to protect individuals") == ()
    assert figures_in("between 1 and 4 staff were placed") == ("1", "4")


def test_an_amount_after_its_period_keeps_its_bracket_note_apart_and_kids_are_children():
    from extractors.extract.matching import normalise_words
    from extractors.parse.amounts import parse_money
    assert parse_money("April 2023 to March 2024: £13,805,936.99 (gross, before income of £1,141,548)").value == \
        "13805936.99"
    assert normalise_words("Households with kids") == "households with children"
    assert normalise_words("kidney") == "kidney"


def test_figures_notes_wrapped_onto_the_bands_next_line_go_back_to_their_figures():
    from extractors.read.band_cells import band_cells
    assert band_cells("Staff trained 517 (both groups 517 (both groups 130 295\ncombined) combined)") == [
        "Staff trained", "517 (both groups combined)", "517 (both groups combined)", "130", "295"]


def test_a_cell_naming_its_group_outranks_a_row_label_naming_another(survey: Survey):
    from extractors.extract.cell_keys import group_named_in_cell
    question = next(q for q in survey.questions if len(q.keys) == 2)
    first, second = question.keys
    assert group_named_in_cell(second, {first.group}, question) is first
    assert group_named_in_cell(second, set(), question) is second
    assert group_named_in_cell(None, {first.group}, question) is None


def test_a_scanned_question_tables_one_misread_row_number_is_put_back():
    from extractors.extract.ocr_spelling import row_numbers_filled
    rows = [("2)", "Who carries out", "Mixed"), ("AS", "Within what time", "3 days"), ("4", "How many", "12")]
    lines = [Line(" ".join(r), 1, 100.0 + 12 * i, r, 90.0, (63.0, 99.0, 322.0)) for i, r in enumerate(rows)]
    assert row_numbers_filled(lines, {1})[1].segments[0] == "3"
    assert row_numbers_filled(lines, set())[1].segments[0] == "AS"


def test_an_ocr_gap_read_as_underscores_splits_cells_and_a_wrapped_section_number_joins_its_refusal():
    from extractors.extract.ocr_spelling import gaps_split
    from extractors.extract.unruled import wrapped_row
    head = Line("Group Full time __ Total", 1, 497.0, ("Group", "Full time __ Total"), 90.0, (49.0, 297.0))
    row = Line("Staff 175 387 562", 1, 513.0, ("Staff", "175", "387", "562"), 90.0, (49.0, 297.0, 405.0, 513.0))
    split = gaps_split([head, row], {1})[0]
    assert split.segments == ("Group", "Full time", "Total") and split.segment_x[2] == 405.0
    refused = Line("Trained 3 Refused - section", 1, 543.0, ("Trained", "3", "Refused - section"), None,
                   (49.0, 297.0, 405.0))
    assert wrapped_row(Line("12", 1, 555.0, ("12",), None, (405.0,)), refused)


def test_a_name_mixed_with_a_question_or_a_row_number_goes_to_review():
    from extractors.parse.choices import parse_text
    assert parse_text("Acme Homes Ltd").status == "reported"
    for noisy in ("2 Acme Homes Ltd", "Who is your provider? Please give the name Acme Homes",
                  "provider of temporary 2-~----?=+: Acme", "name. Acme Homes Ltd. Page |"):
        assert parse_text(noisy).status == "needs_review", noisy


def test_a_scanned_list_opening_the_reply_and_a_number_joined_to_its_percentage_are_read():
    from extractors.extract.ocr_spelling import list_numbers_filled
    texts = ["Dear Sir", "Response", "He", "a. 12", "ce", "- 2024-25: 57", "3%", "not held", "4.", "£5", "5.42%",
             "6. No."]
    read = [ln.text for ln in list_numbers_filled([Line(t, 1, 100.0 + i, (t,), 90.0)
                                                  for i, t in enumerate(texts)], {1})]
    assert read[2] == "1." and read[4] == "2." and read[6] == "3." and read[10] == "5. 42%"


def test_a_scanned_year_span_read_with_a_digit_too_many_is_put_right():
    from extractors.extract.ocr_spelling import year_spans_read
    assert year_spans_read("2024-20285: 132") == "2024-2025: 132"
    assert year_spans_read("2024-12345") == "2024-12345"  # not the next year: left as read


def test_a_share_in_brackets_beside_its_count_is_not_a_figure_left_over():
    from extractors.extract.unplaced import figures_in
    assert figures_in("Full time: 20 (87%)\nPart time: 75 (68%)") == ("20", "75")
    assert figures_in("87%") == ("87",)


def test_figures_take_the_parts_order_only_when_the_answer_is_nothing_but_them():
    from extractors.extract.figure_order import bare_figures
    from extractors.parse.counts import count_tokens
    for bare in ("51\n71", "2023-24: 51 and 71"):
        assert bare_figures(bare, count_tokens(bare)), bare
    worded = "Single people and couples: 156 (provisional; 13 still open)"
    assert not bare_figures(worded, count_tokens(worded))
    rough = "about 350; 282"  # one figure not exact: the order of the others is in doubt too
    assert not bare_figures(rough, count_tokens(rough))


def test_a_question_naming_a_period_heads_its_block_in_every_periods_reading():
    import datetime as dt

    from extractors.extract.period_views import line_for_period
    from extractors.survey import Period
    periods = (Period("2023-24", dt.date(2023, 4, 1), dt.date(2024, 3, 31), "2023-24"),
               Period("2024-25", dt.date(2024, 4, 1), dt.date(2025, 3, 31), "2024-25"))
    heading = Line("5. What share of staff worked part time in 2024-25?", 1, 100.0)
    assert line_for_period(heading, "2023-24", periods) is heading
    assert line_for_period(Line("2024-25: 31%", 1, 112.0), "2023-24", periods) is None


def test_a_period_named_in_a_figures_note_does_not_cut_the_line():
    import datetime as dt

    from extractors.extract.period_views import text_for_period
    from extractors.survey import Period
    periods = (Period("2023-24", dt.date(2023, 4, 1), dt.date(2024, 3, 31), "2023-24"),
               Period("2024-25", dt.date(2024, 4, 1), dt.date(2025, 3, 31), "2024-25"))
    line = "2023-2024: (a) 849 (figure checked against the 2024-25 return)"
    assert text_for_period(line, "2023-24", periods) == line
    assert "849" not in text_for_period(line, "2024-25", periods)


def test_a_range_cut_after_its_first_month_and_year_and_a_part_marker_ending_a_line_wait_for_the_rest():
    from extractors.extract.period_views import months_kept_with_years, wraps_on
    lines = [Line("children? April 2023", 1, 100.0), Line("to March 2024: a) 2,132", 1, 112.0)]
    assert [ln.text for ln in months_kept_with_years(lines)] == ["children?", "April 2023 to March 2024: a) 2,132"]
    assert wraps_on("children? 2023-24: a. 769 2023-24: b. 961 2024-25: a. 638 2024-25: b.", "898(1)")


def test_a_question_restated_on_its_number_line_then_its_answer_and_slashed_part_markers():
    from extractors.extract.parts import split_by_part_markers
    assert split_by_part_markers("a. 399 / b. 425", ["a", "b"]) == {"a": "399 /", "b": "425"}


def test_not_held_in_a_column_of_figures_answers_a_question_asking_for_a_figure():
    from extractors.extract.cell_types import FIGURE_TYPES, cell_types, with_figure_columns
    from extractors.extract.table_cells import CellContext
    from extractors.model import Cell
    cells = [CellContext(Cell(text, f"r{i}c2"), label, "Full time", (label, text)) for i, (label, text) in
             enumerate([("Staff trained", "192"), ("Staff offered", "Data not held"), ("Staff left", "142")])]
    marked = with_figure_columns(cells)
    assert cell_types(marked[1]) == FIGURE_TYPES
    assert cell_types(cells[1]) != FIGURE_TYPES  # alone, 'Data not held' could answer a question of any type


def test_a_request_reference_running_into_a_year_span_is_no_period():
    from extractors.extract.period import stated_periods
    assert stated_periods("Reference: FOI2026-2027") == []
    assert len(stated_periods("FY2023-24")) == 1


def test_the_readers_own_review_mark_is_read_as_review_with_its_reason():
    from extractors.extract.cell_types import answer_types
    from extractors.parse.values import parse_count
    from extractors.read.banded import SHORT_BAND
    read = parse_count(SHORT_BAND)
    assert read.status == "needs_review" and read.reason.startswith("the row gives fewer figures")
    assert "count" in answer_types(SHORT_BAND)


def test_a_sheets_blank_margin_column_is_dropped_before_its_table_is_read():
    from extractors.extract.tables import without_blank_columns
    from extractors.model import Cell, Table
    rows = [["", "Q", "Measure", "Figure"], ["", "1", "Staff trained", "12"]]
    table = Table([[Cell(t, f"{'ABCD'[c]}{r + 1}") for c, t in enumerate(row)] for r, row in enumerate(rows)],
                  "Data", 1, 0.0)
    trimmed = without_blank_columns(table)
    assert [[c.text for c in row] for row in trimmed.rows] == [["Q", "Measure", "Figure"], ["1", "Staff trained", "12"]]
    assert trimmed.rows[1][2].locator == "D2"


def test_a_returns_line_number_cell_reference_and_last_years_figure_are_not_row_label_words():
    from extractors.extract.tables import label_text
    assert label_text("72", "Line") == "" and label_text("C72", "Cell ref") == ""
    assert label_text("62", "2024-25 actual") == ""
    assert label_text("3", "Q") == "Q3" and label_text("Staff trained", "2025/26") == "Staff trained"


def test_a_short_request_reference_with_letters_before_its_number_is_a_reference():
    from extractors.identify.sender import references_in
    assert references_in("Our ref: EIR-FOI-6") == ["EIR-FOI-6"]
    assert references_in("Your ref: FOI 7") == [] and references_in("see question 6") == []


def test_a_figure_said_to_cover_both_groups_keeps_its_unruled_row_in_the_table():
    from extractors.extract.cell_types import answer_types
    from extractors.extract.unruled import run_to_table, runs_of_rows
    x = (77.0, 292.0, 411.0)
    lines = [Line("Question Group one Group two", 1, 465.0, ("Question", "Group one", "Group two"), None, x),
             Line("Seen 12 475", 1, 494.0, ("Seen", "12", "475"), None, x),
             Line("Helped 109 - total for both 109 - total for both", 1, 544.0,
                  ("Helped", "109 - total for both", "109 - total for both"), None, x),
             Line("groups groups", 1, 556.0, ("groups", "groups"), None, x[1:]),
             Line("Helped within a week 0 84", 1, 573.0, ("Helped within a week", "0", "84"), None, x)]
    assert figure_like("109 - total for both") and not figure_like("total for both")
    assert runs_of_rows(lines) == [(0, 4)]
    rows = [[c.text for c in row] for row in run_to_table(lines, 1, 1).rows]
    assert rows[2] == ["Helped", "109 - total for both groups", "109 - total for both groups"]
    assert rows[3] == ["Helped within a week", "0", "84"]
    assert "count" in answer_types("109 - total for both groups")


def test_a_total_beside_taken_answers_and_a_request_reference_are_not_left_over_figures():
    from extractors.extract.unplaced import totals_of_parts, unplaced_lines
    from extractors.model import Cell, Document, Table
    rows = [["", "A", "B", "Total"], ["Seen", "203", "214", "417"], ["Helped", "131", "192", "330"]]
    table = Table([[Cell(t, f"r{r}c{c}") for c, t in enumerate(row)] for r, row in enumerate(rows)], "t", 1, 0.0)
    taken = {"r1c1", "r1c2", "r2c1", "r2c2"}
    assert totals_of_parts(table, taken) == {"r1c3"}  # 330 is not 131 + 192
    document = Document(lines=[Line("Request ref: 57364", 1, 10.0, ("Request ref: 57364",), None, (50.0,)),
                               Line("Staff: 57", 1, 30.0, ("Staff: 57",), None, (50.0,))], pages=1)
    assert unplaced_lines(document, set(), "") == 1


def test_a_column_among_quarters_whose_heading_is_spoilt_is_never_the_years_figure():
    from extractors.extract.subperiods import parse_label
    from extractors.extract.tables import table_to_candidates
    from extractors.model import Cell, Table
    from extractors.survey import load_survey
    assert parse_label("Jul-Sep 2024 (provisional)") is not None and parse_label("Jul-Sep 2024 (in care)") is None
    survey = load_survey(Path(__file__).parent.parent / "examples" / "ta-2026")
    period = survey.periods[-1]
    view = survey.view(period)
    money = next(q for q in view.questions if q.type == "money")
    start = int(period.id[:4])
    heads = ["", f"Apr-Jun {start}", f"PAGE MARK Jul-Sep {start}", f"Oct-Dec {start}", f"Jan-Mar {start + 1}"]
    rows = [heads, [money.text[:70], "\u00a311", "\u00a312", "\u00a313", "\u00a314"]]
    table = Table([[Cell(t, f"r{r}c{c}") for c, t in enumerate(row)] for r, row in enumerate(rows)], "t", 1, 0.0)
    assert [(c.status, c.value) for c in table_to_candidates(table, view)] == [("needs_review", "")]
    rows[0][2] = f"Jul-Sep {start}"
    table = Table([[Cell(t, f"r{r}c{c}") for c, t in enumerate(row)] for r, row in enumerate(rows)], "t", 1, 0.0)
    assert [(c.status, c.value) for c in table_to_candidates(table, view)] == [("reported", "50")]


def test_a_dagger_ocr_read_as_a_letter_after_a_figure_is_a_footnote_mark():
    from extractors.extract.ocr_spelling import daggers_read
    lines = [Line("FY 2023/24: 309t", 1, 10.0, ("FY 2023/24: 309t",), None, (40.0,)),
             Line("+ Counts each household once.", 1, 90.0, ("+ Counts each household once.",), None, (40.0,))]
    assert daggers_read(lines, {1})[0].text == "FY 2023/24: 309\u2020"
    assert daggers_read(lines[:1], {1})[0].text == "FY 2023/24: 309t"  # no footnote under a dagger: left alone


def test_a_refusal_wrapped_round_its_row_in_a_blank_cell_stays_in_that_cell():
    from extractors.extract.unruled import run_to_table, runs_of_rows
    x = (44.0, 160.0, 230.0, 300.0)
    lines = [Line("A 2025 2024 2023", 1, 100.0, ("A", "2025", "2024", "2023"), None, x),
             Line("Seen 392 365 270", 1, 120.0, ("Seen", "392", "365", "270"), None, x),
             Line("s.21 - published", 1, 138.0, ("s.21 - published",), None, (230.0,)),
             Line("Spend £2,780 £1,936", 1, 148.0, ("Spend", "£2,780", "£1,936"), None, (44.0, 160.0, 300.0)),
             Line("elsewhere", 1, 158.0, ("elsewhere",), None, (230.0,))]
    assert runs_of_rows(lines) == [(0, 4)]
    rows = [[c.text for c in row] for row in run_to_table(lines, 1, 1).rows]
    assert rows[-1] == ["Spend", "£2,780", "s.21 - published elsewhere", "£1,936"]


def test_a_figure_marked_for_a_numbered_footnote_under_it_is_the_figure():
    from extractors.extract.parts import part_to_parsed, without_footnote_lines
    assert part_to_parsed(" 14(1)\n(1) Excludes records still open at the end of the period.").value == "14"
    assert without_footnote_lines("231(2)\n(2) Provisional figure.") == "231"


def test_a_heading_naming_only_a_group_does_not_choose_a_question_by_its_words(survey: Survey):
    from extractors.extract.row_measures import only_group_words
    phrases = survey.vocabulary.group_phrases
    group = survey.vocabulary.groups[0].label
    assert only_group_words(group, phrases) and only_group_words(f"Non {group}", phrases)
    assert not only_group_words(f"Interviews offered - {group}", phrases) and not only_group_words("Total", phrases)


def test_none_in_a_column_of_figures_is_a_count_of_nought():
    from extractors.extract.cell_types import cell_types, with_figure_columns
    from extractors.extract.table_cells import CellContext
    from extractors.model import Cell
    texts = ["< 5", "0", "None", "12"]
    found = with_figure_columns([CellContext(Cell(t, f"r{r}c3"), f"Row {r}", "Group two", ()) for r, t in
                                 enumerate(texts)])
    assert all(ctx.figures_column for ctx in found)
    assert cell_types(found[2]) == ("count",)


def test_a_band_with_a_blank_cell_puts_its_figure_where_the_full_bands_figures_stand():
    from extractors.model import Cell, Table
    from extractors.read.banded import SHORT_BAND, short_bands_placed
    texts = ["Seen 254 453", "Helped 73", "Kept 19 58"]
    table = Table([[Cell(t, f"r{r}")] for r, t in enumerate(texts)], "p1 table1", 1, 300.0)
    split = [["Seen", "254", "453"], ["Helped", SHORT_BAND, SHORT_BAND], ["Kept", "19", "58"]]
    inner = [Line("Seen 254 453", 1, 310.0, ("Seen", "254", "453"), None, (72.0, 315.0, 423.0)),
             Line("Kept 19 58", 1, 340.0, ("Kept", "19", "58"), None, (72.0, 315.0, 423.0))]
    helped = Line("Helped 73", 1, 325.0, ("Helped", "73"), None, (72.0, 316.0))
    assert short_bands_placed(table, split, [*inner, helped])[1] == ["Helped", "73", ""]
    between = Line("Helped 73", 1, 325.0, ("Helped", "73"), None, (72.0, 370.0))
    assert short_bands_placed(table, split, [*inner, between])[1] == split[1]


def test_a_tables_year_from_the_foot_of_the_page_before_or_from_its_one_total_column():
    from extractors.extract.table_periods import previous_page_heading, total_column_period
    from extractors.extract.unruled import runs_of_rows
    from extractors.model import Cell, Table
    from extractors.survey import load_survey
    periods = load_survey(Path(__file__).parent.parent / "examples" / "ta-2026").periods
    first, second = periods[0], periods[-1]
    heading = f"{first.start:%B %Y} to {first.end:%B %Y}"
    heads = ["", "April - June", "July - September", "October - December", "January - March"]
    rows = [heads + [f"Total {first.id}"], ["Spend", "1", "2", "3", "4", "10"]]
    table = Table([[Cell(t, f"r{r}c{c}") for c, t in enumerate(row)] for r, row in enumerate(rows)], "t", 2, 64.0)
    assert total_column_period(table, periods) == first.id
    assert total_column_period(Table([table.rows[0][:-1], table.rows[1][:-1]], "t", 2, 64.0), periods) == ""
    lines = [Line(heading, 1, 780.0, (heading,), None, (50.0,)), Line("Page 1 of 2", 1, 808.0, ("Page 1 of 2",), None,
                                                                    (500.0,)), Line("OFFICIAL", 2, 22.0, ("OFFICIAL",),
                                                                                    None, (260.0,))]
    assert previous_page_heading(table, lines, periods) == first.id
    assert previous_page_heading(table, [*lines, Line("Some words", 2, 40.0, ("Some words",), None, (50.0,))],
                                 periods) == ""
    assert second.id != first.id
    x = (51.0, 150.0, 250.0, 350.0, 450.0)
    quarters = [Line("April - June ...", 2, 152.0, tuple(heads[1:]), None, x[1:]),
                Line("Spend 1 2 3 4", 2, 187.0, ("Spend", "1", "2", "3", "4"), None, x)]
    assert runs_of_rows(quarters) == [(0, 1)]  # one row under headings of quarters with no year is a table


def test_a_total_row_naming_a_question_without_parts_is_that_questions_answer():
    from extractors.extract.label_questions import one_key_measure
    from extractors.survey import load_survey
    whole = load_survey(Path(__file__).parent.parent / "examples" / "ta-2026")
    other = whole.view(whole.periods[-1])
    single = next(q for q in other.questions if len(q.keys) == 1 and q.type == "money")
    assert one_key_measure(f"Total {single.text.rstrip('?')}", other)
    parted = next(q for q in other.questions if len(q.keys) >= 2)
    assert not one_key_measure(f"Total {parted.text.rstrip('?')}", other)


def test_two_figures_one_under_the_other_make_a_column_a_heading_word_starts_at():
    from extractors.read.pdf import column_positions
    def word(text: str, x0: float, top: float) -> dict:
        """A word as pdfplumber gives it."""
        return {"text": text, "x0": x0, "x1": x0 + 5.0 * len(text), "top": top, "bottom": top + 9.0}
    head = [word("Category", 45, 253), word("Households", 311, 253), word("with", 361, 253), word("Single", 433, 253)]
    rows = [[word("Housed", 45, 272), word("2,120", 311, 272), word("0", 433, 272)],
            [word("Moved", 45, 290), word("1,741", 311, 290), word("0", 433, 290)]]
    columns, _ = column_positions([head, *rows])
    assert 433 in columns and 311 in columns
    prose = [[word("We", 45, 100), word("received", 200, 100)], [word("Please", 45, 120), word("find", 200, 120)]]
    assert column_positions(prose)[0] == {}


def test_a_group_named_in_informal_words_is_found_where_it_stands():
    from extractors.extract.parts import group_mentions
    phrases = (("young", "with children"), ("none", "without children"))
    text = "2023-24: Households with kids: 802 2023-24: Households without children: 712"
    assert [g for _, g in group_mentions(text, phrases)] == ["young", "none"]
    assert group_mentions(text, phrases)[0][0] == (" " + text).index(" with kids") + 1


def test_a_restated_question_whose_wrapped_end_is_all_below_it_is_skipped(survey: Survey):
    from extractors.extract.letters import Block
    from extractors.extract.skipped import skipped_keys
    question = next(q for q in survey.questions if len(q.keys) == 1 and len(q.text.split()) > 8)
    *first, last = question.text.split()
    heading = Line(f"{question.number}. {' '.join(first)}", 1, 100.0, (" ".join(first),), None, (50.0,))
    tail = Line(last, 1, 112.0, (last,), None, (50.0,))
    block = Block(question, "", heading, answer_lines=[tail])
    assert skipped_keys([block]) == {question.keys[0].key: heading.locator}
    answered = Block(question, "", heading, answer_lines=[tail, Line("Acme Ltd", 1, 124.0, ("Acme Ltd",), None,
                                                                     (50.0,))])
    assert skipped_keys([answered]) == {}


def test_words_under_a_heading_naming_a_question_of_another_type_go_to_review(survey: Survey):
    from extractors.extract.label_questions import unfit_answer
    from extractors.extract.table_cells import CellContext
    from extractors.model import Cell
    timed = next(q for q in survey.questions if q.type == "hours")
    ctx = CellContext(Cell("as quickly as practicable", "B5"), "", timed.text, ())
    found = unfit_answer(ctx, survey)
    assert [(c.key, c.status) for c in found] == [(timed.keys[0].key, "needs_review")]
    assert unfit_answer(CellContext(Cell("as quickly as practicable", "B5"), "", "Comments", ()), survey) == []


def test_the_one_quarter_heading_ocr_misread_beside_the_other_three_is_put_right():
    from extractors.extract.ocr_spelling import quarters_filled
    assert quarters_filled(["QU 25/26", "Q2 25/26", "Q3 25/26", "Q4 25/26", "Year total"])[0] == "Q1 25/26"
    assert quarters_filled(["Ql 25/26", "Q2 25/26", "Q4 25/26"]) == ["Ql 25/26", "Q2 25/26", "Q4 25/26"]


def test_a_part_missing_from_a_scanned_answer_is_for_review_not_left_out():
    from extractors.extract.parts import left_out_part
    assert left_out_part("leaves this one out", False).status == "not_answered"
    assert left_out_part("leaves this one out", True).status == "needs_review"


def test_a_share_where_a_count_was_asked_is_one_figure_of_a_band():
    from extractors.read.band_cells import band_cells
    assert band_cells("Q8 seen 457 47%") == ["Q8 seen", "457", "47%"]


def test_a_row_label_wrapped_over_lines_above_and_below_its_figures_is_read_whole():
    from extractors.extract.unruled import run_to_table, runs_of_rows
    x, label = (153.0, 260.0, 367.0), (73.0,)

    def words(text: str, top: float) -> Line:
        """A label line in the label column."""
        return Line(text, 1, top, (text,), None, label)
    lines = [Line("2025 2024 2023", 1, 622.0, ("2025", "2024", "2023"), None, x),
             words("Q5 staff", 649.0), Line("70 81 93", 1, 656.0, ("70", "81", "93"), None, x),
             words("on leave - FT", 663.0),
             words("Q5 staff", 682.0), words("on leave -", 697.0),
             Line("122 110 86", 1, 704.0, ("122", "110", "86"), None, x),
             words("part-time", 712.0), words("workers", 726.0)]
    assert runs_of_rows(lines) == [(0, 8)]
    rows = [[c.text for c in row] for row in run_to_table(lines, 1, 1).rows]
    assert rows[1] == ["Q5 staff on leave - FT", "70", "81", "93"]
    assert rows[2] == ["Q5 staff on leave - part-time workers", "122", "110", "86"]


def test_a_bands_label_wrapped_over_lines_ending_in_a_dash_is_not_a_nil_figure():
    from extractors.read.band_cells import band_cells
    assert band_cells("Staff seen 20 25 24\nwithin 3 days -\non leave") == \
        ["Staff seen within 3 days - on leave", "20", "25", "24"]


def test_one_of_the_options_a_question_lists_given_as_the_answer_is_not_the_question_restated():
    from extractors.extract.restated import without_restated_question
    question = "Who trains your staff (an in-house team, an outside college, or both)? Please name the college."
    assert without_restated_question("In-house team\n(Skills Unit)", question) == "In-house team\n(Skills Unit)"
    assert without_restated_question("the college.\nAcme College", question) == "Acme College"


def test_a_part_refused_with_its_cost_worked_out_is_refused():
    from extractors.extract.parts import part_to_parsed
    text = (" We do not hold this in a form that can be extracted. Answering would mean reading about 242 records;"
            " at 15 minutes each that is 60.5 hours, more than the appropriate limit of 18 hours, so this part is"
            " refused under section 12 of the Act.")
    assert part_to_parsed(text).status == "refused"
    assert part_to_parsed(" 45, the rest refused under section 12").status == "needs_review"


def test_a_numbered_row_with_its_cells_left_blank_after_a_table_of_numbered_rows_is_one_of_them():
    from extractors.extract.unplaced import number_of
    from extractors.extract.unruled import run_to_table, runs_of_rows
    x = (73.0, 250.0, 330.0)
    lines = [Line("Q6 staff seen 275 311", 1, 500.0, ("Q6 staff seen", "275", "311"), None, x),
             Line("Q7 staff helped 283 332", 1, 515.0, ("Q7 staff helped", "283", "332"), None, x),
             Line("Q5 staff on leave", 1, 530.0, ("Q5 staff on leave",), None, x[:1])]
    assert runs_of_rows(lines) == [(0, 2)]
    assert [c.text for c in run_to_table(lines, 1, 1).rows[-1]] == ["Q5 staff on leave", "", ""]
    assert runs_of_rows([*lines[:2], Line("Q5 staff on leave", 1, 530.0, ("Q5 staff on leave",), None, (90.0,))]) \
        == [(0, 1)]
    assert number_of("46*") == 46.0 and number_of("46(1)") == 46.0


def test_a_numbered_footnote_anywhere_in_the_reply_marks_the_figures_it_annotates():
    from extractors.extract.footnotes import document_marks_dropped
    from extractors.model import Document
    lines = [Line("2023-2024 - 14(1)", 1, 100.0, ("2023-2024 - 14(1)",), None, (50.0,)),
             Line("(1) Provisional figure.", 1, 700.0, ("(1) Provisional figure.",), None, (50.0,))]
    kept = document_marks_dropped(Document(lines=lines, pages=1))
    assert [ln.text for ln in kept.lines] == ["2023-2024 - 14", "(1) Provisional figure."]
    alone = Document(lines=lines[:1], pages=1)
    assert document_marks_dropped(alone).lines[0].text == "2023-2024 - 14(1)"


def test_a_group_phrase_in_other_word_forms_or_with_words_between_names_its_group():
    from extractors.extract.matching import concept_of
    phrases = (("a", "with children"), ("b", "singles and couples"), ("b", "without children"))
    assert concept_of("Single people and couples", phrases) == "b"
    assert concept_of("placed and moved children", (("a", "children placed"), ("b", "children moved"))) == ""
    assert concept_of("Couples", phrases) == ""


def test_approximate_and_noted_figures_are_values_and_a_year_by_its_months_heads_a_column(survey: Survey):
    from extractors.extract.table_headers import is_value_like, year_label
    assert is_value_like("approx. 2600") and is_value_like("4050 (not split by group)")
    assert not is_value_like("Households placed")
    start = survey.period_start.year
    assert year_label(f"April {start} to March {start + 1}", survey)
    assert not year_label(f"Placed in April {start}", survey)


def test_a_heading_over_a_table_on_its_own_page_does_not_head_the_table_opening_the_next():
    from extractors.extract.table_periods import previous_page_heading, table_period
    from extractors.model import Cell, Table
    from extractors.survey import load_survey
    periods = load_survey(Path(__file__).parent.parent / "examples" / "ta-2026").periods
    first, second = periods[0], periods[-1]
    upper = Table([[Cell("Month", "a"), Cell("Spend", "b")]], "p1 table1", 1, 400.0)
    lower = Table([[Cell("", "c"), Cell(second.id, "d")], [Cell("Month", "e"), Cell("Spend", "f")]], "p2 table1", 2,
                  60.0)
    lines = [Line(first.id, 1, 380.0, (first.id,), None, (50.0,))]
    assert previous_page_heading(lower, lines, periods, [upper, lower]) == ""
    assert table_period(lower, lines, periods, [upper, lower]) == ""


def test_a_date_written_in_figures_is_a_date_not_a_count():
    from extractors.extract.cell_types import answer_types
    assert answer_types("31.08.2027") == ("date",) and answer_types("31/08/2027") == ("date",)
    assert "count" in answer_types("12.5") and "count" in answer_types("1,234")


def test_a_time_and_a_groups_own_words_do_not_make_a_figure_another_questions(survey: Survey):
    from extractors.extract.measures import figures_named
    groups = [g.label for g in survey.vocabulary.groups]
    text = f"There were 11 for {groups[0]} and 21 for {groups[1]} (within 72 hours)."
    assert all(not named for _, _, named in figures_named(text, survey))


def test_the_misread_number_after_a_lists_last_one_with_parts_under_it_is_put_back():
    from extractors.extract.ocr_spelling import last_number_filled

    def line(text: str, top: float) -> Line:
        """An OCR'd line."""
        return Line(text, 1, top, (text,), 96.0, (57.0,))
    lines = [line("8.", 579.0), line("a. 163", 595.0), line("b. 78", 610.0), line("ne", 631.0), line("a. 130", 647.0)]
    assert last_number_filled(lines, {1}, 9)[3].text.startswith("9.")
    assert last_number_filled(lines, {1}, 8)[3].text == "ne"  # the survey asks nothing after 8


def test_a_figure_set_lower_in_its_cell_than_the_rows_other_cells_stays_in_that_row():
    from extractors.extract.unruled import run_to_table, runs_of_rows
    lines = [Line("2023 2024", 1, 588.0, ("2023", "2024"), None, (356.0, 475.0)),
             Line("Q1 staff on leave - full 696 (not split by", 1, 609.0,
                  ("Q1 staff on leave - full", "696 (not split by"), None, (45.0, 356.0)),
             Line("roughly 400", 1, 615.0, ("roughly 400",), None, (475.0,)),
             Line("time group)", 1, 622.0, ("time", "group)"), None, (45.0, 356.0)),
             Line("Q2 staff trained 145 302", 1, 684.0, ("Q2 staff trained", "145", "302"), None, (45.0, 356.0, 475.0))]
    assert runs_of_rows(lines) == [(0, 4)]
    rows = [[c.text for c in row] for row in run_to_table(lines, 1, 1).rows]
    assert rows[1] == ["Q1 staff on leave - full time", "696 (not split by group)", "roughly 400"]


def test_a_table_labelling_figures_with_the_surveys_period_outweighs_another_year_in_the_text():
    from extractors.extract.other_periods import period_mismatch
    from extractors.model import Cell, Document, Table
    from extractors.survey import load_survey
    whole = load_survey(Path(__file__).parent.parent / "examples" / "ta-2026")
    view = whole.view(whole.periods[-1])
    old = f"{view.period_start.year - 4}-{(view.period_start.year - 3) % 100:02d}"
    lines = [Line(f"financial year {old} 172 126", 1, 700.0, (f"financial year {old}", "172", "126"), None, (50.0,))]
    rows = [["Year", "Placed"], [f"financial year {whole.periods[-1].id}", "228"]]
    table = Table([[Cell(t, f"r{r}c{c}") for c, t in enumerate(row)] for r, row in enumerate(rows)], "t", 1, 100.0)
    assert period_mismatch(Document(lines=lines, pages=1), view) != ""
    assert period_mismatch(Document(lines=lines, tables=[table], pages=1), view) == ""


def test_a_table_whose_quarter_columns_all_fall_in_one_period_is_that_periods():
    from extractors.extract.period_views import months_period
    from extractors.extract.unruled import years_over_row
    from extractors.model import Cell, Table
    from extractors.survey import load_survey
    periods = load_survey(Path(__file__).parent.parent / "examples" / "ta-2026").periods
    first = periods[0]
    y = first.start.year
    heads = ["", f"Apr-Jun {y}", f"Jul-Sep {y}", f"Oct-Dec {y}", f"Jan-Mar {y + 1}", f"Total {first.id}"]
    table = Table([[Cell(t, f"r0c{c}") for c, t in enumerate(heads)]], "t", 1, 0.0)
    assert months_period(table, periods) == first.id
    lines = [Line("heads", 1, 100.0, tuple(heads[1:]), None, (160.0, 230.0, 300.0, 370.0, 440.0)),
             Line("Q4 spend on", 1, 110.0, ("Q4 spend on",), None, (50.0,)),
             Line("figures", 1, 118.0, ("£1", "£2", "£3", "£4", "£10"), None, (160.0, 230.0, 300.0, 370.0, 440.0))]
    assert years_over_row(lines, 0, 2)


def test_a_refusal_in_words_wrapped_in_its_band_is_one_cell():
    from extractors.read.band_cells import band_cells
    assert band_cells("Staff seen Exempt (s.21) s.21 - published\nelsewhere") == \
        ["Staff seen", "Exempt (s.21)", "s.21 - published elsewhere"]


def test_a_figure_with_its_footnote_mark_is_a_figure_of_a_wrapped_band_row():
    from extractors.read.band_labels import FIGURE
    assert FIGURE.match("141(1)") and FIGURE.match("65\u00b2") and FIGURE.match("58 (64%)")
    assert not FIGURE.match("section 12(1)")


def test_the_last_row_of_a_table_carried_under_its_repeated_wrapped_heading_is_a_table():
    from extractors.extract.unruled import runs_of_rows
    from extractors.model import Cell, Table
    heads = ["", "April - June", "July - September", "October - December", "January - March"]
    ruled = Table([[Cell(t, f"r1c{c}") for c, t in enumerate(heads)]], "p1 table1", 1, 300.0)
    x = (160.0, 230.0, 300.0, 370.0)
    lines = [Line("heads", 2, 50.0, ("April - June", "July - September", "October -", "January - March"), None, x),
             Line("December", 2, 58.0, ("December",), None, (300.0,)),
             Line("Q9 seen 20 5 19 11", 2, 80.0, ("Q9 seen", "20", "5", "19", "11"), None, (50.0, *x))]
    lines = [Line(" ".join(ln.segments), ln.page, ln.top, ln.segments, None, ln.segment_x) for ln in lines]
    assert runs_of_rows(lines) == []
    assert runs_of_rows(lines, [ruled]) == [(0, 2)]


def test_a_numbered_footnotes_mark_is_no_figure_left_over():
    from extractors.extract.unplaced import unplaced_figures
    from extractors.model import Document
    assert unplaced_figures(Document(lines=[], pages=1), [], "(1) Provisional: the figure may change.") == 0


def test_a_disclosure_log_pages_details_after_the_last_answer_end_it():
    from extractors.extract.letters import closing_pattern
    assert closing_pattern().match("Reference number") and closing_pattern().match("Date request received")
    assert not closing_pattern().match("Referrals received: 48")


def test_a_digit_ocr_read_inside_a_word_of_a_restated_question_is_no_answer():
    from extractors.extract.question_mark import heading_carries_answer
    question = "Who is your main external provider of temporary accommodation? Please give the organisation's name."
    assert not heading_carries_answer(question, False, "Who is your main external provider of temporary "
                                                       "2ccommodation? Please give the")
    assert heading_carries_answer(question, False, "Who is your main provider? 2 providers share the work")


def test_a_list_number_ocr_joined_to_its_answer_in_words_is_set_apart():
    from extractors.extract.ocr_spelling import percents_apart

    def line(text: str, top: float) -> Line:
        """An OCR'd line."""
        return Line(text, 1, top, (text,), 96.0, (57.0,))
    lines = [line("8. Riverside", 683.0), line("9.1 year", 705.0), line("10. 12 June 2029", 727.0)]
    assert [ln.text for ln in percents_apart(lines, {1})][1] == "9. 1 year"


def test_scanned_list_numbers_read_with_a_comma_or_as_three_letters_are_put_back():
    from extractors.extract.ocr_spelling import list_numbers_filled

    def line(text: str, top: float) -> Line:
        """An OCR'd line."""
        return Line(text, 1, top, (text,), 96.0, (57.0,))
    lines = [line("3. How many staff left?", 100.0), line("4, What was the cost?", 120.0),
             line("5. Which sites?", 140.0), line("aks", 200.0), line("a. 12", 215.0), line("2e", 230.0),
             line("FY 2023/24: 882", 245.0), line("3.", 260.0), line("9", 275.0)]
    texts = [ln.text for ln in list_numbers_filled(lines, {1})]
    assert texts[1] == "4. What was the cost?" and texts[3] == "1." and texts[5] == "2."


def test_a_label_starting_with_a_capital_below_a_row_starts_the_next_row_not_carries_this_one():
    from extractors.extract.label_blocks import label_block_piece
    from extractors.extract.unruled import data_row
    x = (160.0, 230.0)

    def words(text: str, top: float) -> Line:
        """A label line in the label column."""
        return Line(text, 1, top, (text,), None, (57.0,))
    lines = [Line("Staff seen 8 19", 1, 207.0, ("Staff seen", "8", "19"), None, (57.0, *x)), words("LAC", 219.0),
             words("Completed within", 239.0), words("72 hours of", 252.0)]
    assert label_block_piece(lines, 1, data_row)  # 'LAC' carries the row above on
    assert not label_block_piece(lines, 2, data_row)  # 'Completed within' starts a label of its own


def test_a_checklist_of_options_whose_boxes_ocr_lost_is_for_review():
    from extractors.parse.choices import parse_choice
    options = (("hostel", "Hostels", ()), ("stock", "Council stock", ()), ("leased", "Private leased", ()))
    text = "a) Hostels: &\nb) Council stock:\nc) Private leased: 0"
    assert parse_choice(text, options, True).status == "needs_review"
    assert parse_choice("a) Hostels: Yes\nb) Council stock: No\nc) Private leased: Yes", options, True).value == \
        "hostel;leased"


def test_a_year_and_its_figure_opening_two_pages_are_answers_not_a_running_header():
    from extractors.extract.page_furniture import furniture_lines
    lines = [Line("Dear Sir", 1, 60.0, ("Dear Sir",), None, (50.0,)),
             Line("Yours", 1, 700.0, ("Yours",), None, (50.0,)),
             Line("2025/26 - 252", 2, 60.0, ("2025/26 - 252",), None, (50.0,)),
             Line("Staff", 2, 700.0, ("Staff",), None, (50.0,)),
             Line("2025/26 - 96", 3, 60.0, ("2025/26 - 96",), None, (50.0,)),
             Line("Leave", 3, 700.0, ("Leave",), None, (50.0,))]
    assert not {id(lines[2]), id(lines[4])} & furniture_lines(lines)


def test_quarter_columns_with_no_year_name_no_period_of_their_own():
    from extractors.extract.period_views import months_period
    from extractors.model import Cell, Table
    from extractors.survey import load_survey
    periods = load_survey(Path(__file__).parent.parent / "examples" / "ta-2026").periods
    heads = ["", "April - June", "July - September", "October - December", "January - March"]
    assert months_period(Table([[Cell(t, f"r0c{c}") for c, t in enumerate(heads)]], "t", 1, 0.0), periods) == ""


def test_an_answer_begun_after_a_questions_mark_runs_on_for_that_questions_period():
    from extractors.extract.period_views import open_period
    from extractors.survey import load_survey
    periods = load_survey(Path(__file__).parent.parent / "examples" / "ta-2026").periods
    last = periods[-1]
    line = f"5. What share was placed away in {last.id}? To answer this would mean reading every case, and we"
    assert open_period(line, periods) == last.id


def test_ocr_list_numbers_read_as_letters_brackets_and_bars_are_put_right():
    from extractors.extract.ocr_spelling import (
        joined_words_split,
        line_fixed,
        list_numbers_filled,
        question_number_read,
        question_numbers_filled,
    )
    assert question_number_read("Ql] a) FY 2023/24: 1,028") == "Q1 a) FY 2023/24: 1,028"
    assert question_number_read("la - FY 2023/24: 345") == "1a - FY 2023/24: 345"
    assert question_number_read("la la land") == "la la land" and question_number_read("I am") == "I am"
    assert joined_words_split("placedin", frozenset({"placed"})) == "placed in"
    assert joined_words_split("independent", frozenset({"dependent"})) == "independent"
    assert joined_words_split("athome", frozenset({"at home"})) == "at home"  # a phrase the survey says
    assert joined_words_split("income", frozenset({"at home"})) == "income"

    def lines(texts: list[str]) -> list[Line]:
        return [Line(t, 1, 100.0 + i, (t,), 90.0) for i, t in enumerate(texts)]
    # a lone '1' (its full stop lost) and an 'a' for '2.' before a list that goes on at '3.'
    read = [ln.text for ln in list_numbers_filled(lines(["1", "a. 2023/24: 868", "a", "- 2023/24: 653", "3.",
                                                         "- 2023/24: 522", "4. Yes", "5. 14%"]), {1})]
    assert read[0] == "1." and read[2] == "2." and read[1] == "a. 2023/24: 868"
    headings = ["Q7.", "Nightly paid", "Qs.", "Riverside", "Q9.", "2 years"]
    assert [ln.text for ln in question_numbers_filled(lines(headings), {1})][2] == "Q8."
    assert [ln.text for ln in question_numbers_filled(lines(headings), set())][2] == "Qs."
    tail = ["Q7.", "Children in care", "Qs.", "Children in care", "Qg.", "Children in care"]
    assert [ln.text for ln in question_numbers_filled(lines(tail), {1}, 9)][2::2] == ["Q8.", "Q9."]
    assert [ln.text for ln in question_numbers_filled(lines(tail), {1}, 8)][2::2] == ["Qs.", "Qg."]  # too many
    bar = Line("8 Who is your provider | Mears", 1, 100.0, ("8", "Who is your provider", "|", "Mears"), 90.0,
               (77.5, 105.5, 308.8, 318.5))
    fixed = line_fixed(bar, str)
    assert fixed.segments == ("8", "Who is your provider", "Mears") and fixed.segment_x == (77.5, 105.5, 318.5)


def test_a_heading_over_the_answers_is_no_answer_and_a_note_on_a_later_line_is_not_left_over(survey: Survey):
    from extractors.extract.letters import Block
    from extractors.extract.matching import answers_heading_pattern
    from extractors.extract.skipped import skipped_keys
    from extractors.extract.unplaced import used_figures
    from extractors.model import Candidate
    heading = answers_heading_pattern()
    assert heading.match("Answers") and heading.match("Responses to your questions:")
    assert not heading.match("Response: 42")
    last = survey.questions[-1]
    block = Block(last, "", Line(f"{last.number}. {last.text}", 1, 500.0), answer_lines=[Line("Answers", 1, 520.0)])
    assert block.answer_text == "" and set(skipped_keys([block])) == {k.key for k in last.keys}
    two_lines = Candidate("k", "reported", "565", "a) 509\na) 565 (this includes 153 cases moved in)", "p1", "prose",
                          0.9, "")
    assert "153" in used_figures([two_lines])


def test_a_table_cell_saying_its_one_figure_covers_both_groups_sends_each_group_to_review(survey: Survey):
    from extractors.extract.table_cells import cell_to_parts
    from extractors.extract.tables import contexts_of
    from extractors.model import Cell, Table
    question = next(q for q in survey.questions if len(q.keys) == 2 and q.type == "count")
    table = Table([[Cell("No.", "r1c1"), Cell("Question", "r1c2"), Cell("Response", "r1c3")],
                   [Cell(str(question.number), "r2c1"), Cell(question.text, "r2c2"),
                    Cell("Our system does not split this by group. The total for both groups together is 798.",
                         "r2c3")]], "qa1", 1, 100.0)
    ctx = next(c for c in contexts_of(table, survey) if c.cell.locator == "r2c3")
    found = cell_to_parts(ctx, question, survey, "question number")
    assert {c.key for c in found} == {k.key for k in question.keys}
    assert all(c.status == "needs_review" and "several groups" in c.reason for c in found)


def test_a_part_letter_in_brackets_is_no_note_and_a_hedged_figure_in_a_striped_table_keeps_its_label():
    from extractors.read.band_labels import wrapped_label_rows
    from extractors.read.banded import line_cells
    line = Line("5(a) 419", 1, 349.0, ("5(a) 419",), 90.0, (49.0,))
    assert noted_figures_split(line).segments == ("5(a) 419",)
    split = Line("198 (not split) 198", 1, 349.0, ("198 (not split) 198",), None, (300.0,))
    assert len(noted_figures_split(split).segments) == 2
    hedged = Line("approximately 750 649 603", 1, 615.4, ("approximately 750", "649", "603"), None,
                  (327.3, 435.0, 495.6))
    assert line_cells(hedged, 4, 45.9) is None  # its first cell is no label run into a figure
    assert line_cells(hedged, 4) == ["approximately", "750", "649", "603"]  # (where labels start unknown)
    label = [Line("Q6 children reported missing - from", 1, 608.0, ("Q6 children reported missing - from",),
                  None, (45.9,)), hedged, Line("home", 1, 622.8, ("home",), None, (45.9,))]
    rows = wrapped_label_rows(label, 4, set(), 590.0, 640.0, 1)
    assert rows == [(615.4, ["Q6 children reported missing - from home", "approximately 750", "649", "603"])]


def test_a_blank_numbered_row_mid_table_stays_a_row_of_its_own():
    from extractors.extract.unruled import run_to_table, runs_of_rows
    xs = (54.6, 310.4, 415.5, 518.8)

    def row(top: float, *cells: str) -> Line:
        return Line(" ".join(cells), 1, top, cells, None, xs[:len(cells)])
    lines = [Line("Children in care Children at home Total", 1, 434.0, ("Children in care", "Children at home",
                  "Total"), None, xs[1:]),
             row(455.0, "Q5 reported missing episodes", "201", "207", "408"),
             row(476.0, "Q6 distinct children reported missing", "169", "116", "285"),
             row(497.0, "Q7 interviews offered"),
             row(518.0, "Q8 interviews carried out", "70", "84", "154"),
             row(538.0, "Q9 interviews held within 3 days", "30", "59", "89")]
    assert runs_of_rows(lines) == [(0, 5)]
    table = run_to_table(lines, 1, 1)
    assert [c.text for c in table.rows[3]][0] == "Q7 interviews offered" and table.rows[2][0].text.startswith("Q6")


def test_one_refusal_said_twice_answers_every_part_and_both_questions_cover_a_bare_restatement(survey: Survey):
    from extractors.extract.answers import general_refusal, shared_with_previous
    from extractors.extract.letters import Block
    from extractors.parse.values import count_tokens
    question = next(q for q in survey.questions if len(q.keys) == 2 and q.type == "count")
    text = ("To answer this would mean reading individual case records, and we estimate that would exceed the "
            "18-hour appropriate limit. This part is therefore refused under section 12 of the Act.")
    refused = general_refusal(text, list(question.keys), survey.vocabulary.group_phrases, count_tokens(text))
    assert refused is not None and refused.status == "refused"
    wrapped = "We intend to publish this data later, so it is withheld under\nsection 22 (future publication)."
    refused = general_refusal(wrapped, list(question.keys), survey.vocabulary.group_phrases, count_tokens(wrapped))
    assert refused is not None and refused.status == "refused" and "22" in refused.reason
    single = next(q for q in survey.questions if len(q.keys) == 1 and q.type != "provider")
    bare = Block(single, "", Line(f"{single.number}. {single.text}", 1, 400.0))
    both = Block(question, "", Line(f"{question.number}. {question.text}", 1, 430.0), answer_lines=[
        Line("A: In response to both of these questions, this information is exempt under section 12.", 1, 460.0)])
    shared = shared_with_previous(both, [(bare, [])], survey)
    assert [(c.key, c.status) for c in shared] == [(single.keys[0].key, "refused")]


def test_a_band_labelled_with_a_two_digit_financial_year_splits_into_its_cells():
    from extractors.read.band_cells import band_cells
    assert band_cells("FY25/26 173 360") == ["FY25/26", "173", "360"]
    assert band_cells("FY25/26 Information not held 111") == ["FY25/26", "Information not held", "111"]
    assert band_cells("FY25/26 78\u2020") == ["FY25/26", "78\u2020"]


def test_a_not_held_cell_in_a_table_under_a_numbered_heading_answers_that_heading(survey: Survey):
    from extractors.extract.answers import block_table_candidates
    from extractors.extract.letters import Block
    from extractors.model import Cell, Table
    question = next(q for q in survey.questions if len(q.keys) == 2 and q.type == "count")
    # (the first group's heading shares its words with a yes/no question about that group)
    table = Table([[Cell("Period", "r1c1"), Cell("Children in our care", "r1c2"), Cell("Non looked after", "r1c3")],
                   [Cell("FY25/26", "r2c1"), Cell("Information not held", "r2c2"), Cell("111", "r2c3")]], "t", 1,
                  300.0)
    block = Block(question, "", Line(f"{question.number}. Unique", 1, 280.0), tables=[table])
    found = {c.key: c.status for c in block_table_candidates(block, survey)}
    assert found == {question.keys[0].key: "not_held", question.keys[1].key: "reported"}


def test_a_label_wrapped_under_its_row_carries_on_even_when_the_next_row_opens_its_own():
    from extractors.extract.unruled import run_to_table, runs_of_rows
    xs = (76.9, 153.4, 224.1)

    def row(top: float, *cells: str) -> Line:
        return Line(" ".join(cells), 1, top, cells, None, xs[:len(cells)])
    lines = [row(548.0, "", "2023-24", "2024-25"), row(639.0, "Q2 B&B", "4", "6"), row(649.0, "placements"),
             row(663.0, "Q3 families in", "0", "2"), row(673.0, "B&B over six"), row(683.0, "weeks"),
             row(697.0, "Q4 expenditure", "\u00a31,397,221", "\u00a31,411,790"), row(707.0, "on TA (\u00a3)")]
    lines[0] = Line("2023-24 2024-25", 1, 548.0, ("2023-24", "2024-25"), None, xs[1:])
    assert runs_of_rows(lines) == [(0, 7)]
    labels = [r[0].text for r in run_to_table(lines, 1, 1).rows]
    assert labels[-1].startswith("Q4 expenditure") and "weeks" in labels[-2]


def test_an_option_nearly_spelled_in_a_list_of_types_sends_the_list_to_review():
    from extractors.parse.choices import parse_choice
    options = (("bed_and_breakfast", "Bed and breakfast / hotels", ("B&B", "hotels")),
               ("nightly_paid", "Nightly paid self-contained accommodation", ("nightly paid",)),
               ("council_stock", "Council or housing association stock", ("own stock",)))
    misread = parse_choice("Nightly paid self-contained accommodation, Bed and break/fhaostetls and Council or "
                           "housing association stock", options, True)
    assert misread.status == "needs_review" and "misread" in misread.reason
    clean = parse_choice("Nightly paid self-contained accommodation, Bed and breakfast / hotels and own stock",
                         options, True)
    assert clean.value == "bed_and_breakfast;council_stock;nightly_paid"
    spelt = parse_choice("Nightly paid self-contained accommodation, Bed and breakfas/t and own stock", options, True)
    assert spelt.value == "bed_and_breakfast;council_stock;nightly_paid"  # one letter out: still the option


def test_a_compact_answer_line_may_give_a_suppressed_figure_in_words(survey: Survey):
    from extractors.extract.question_mark import compact_answer
    question = next(q for q in survey.questions if len(q.keys) == 2 and q.type == "count")
    line = Line(f"{question.number}a - 2025/26: less than five", 1, 279.0)
    assert compact_answer(line, question, "a")
    assert not compact_answer(Line(f"{question.number}a - see the notes below", 1, 279.0), question, "a")


def test_a_label_naming_a_group_belongs_to_the_question_asked_for_that_group_on_a_tie_of_other_words():
    from extractors.extract.matching import question_of_group
    from extractors.survey import load_survey

    from .conftest import ROOT
    survey = load_survey(ROOT / "examples" / "ta-2026")
    view = survey.view(survey.periods[0])
    owner = question_of_group("TA placements - non-family households", view)
    assert owner is not None and [k.part for k in owner.keys] == ["a", "b"]
    assert question_of_group("B&B stays over 6 weeks (families)", view) is None  # another question's measure


def test_a_part_letter_after_the_previous_parts_sentence_opens_its_part():
    from extractors.extract.parts import split_by_part_markers
    text = "a. The council does not hold this information. b. 14 (88%)"
    assert split_by_part_markers(text, ["a", "b"]) == {"a": "The council does not hold this information. ",
                                                       "b": "14 (88%)"}
    assert split_by_part_markers("Figures are given as at 1 April. 12 were placed.", ["a", "b"]) == {}


def test_a_table_of_counts_after_the_last_heading_keeps_its_own_labels():
    from extractors.extract.answers import block_table_candidates
    from extractors.extract.letters import Block
    from extractors.model import Cell, Table
    from extractors.survey import load_survey

    from .conftest import ROOT
    survey = load_survey(ROOT / "examples" / "ta-2026")
    view = survey.view(survey.periods[-1])
    last = view.questions[-1]
    table = Table([[Cell("Category", "r1c1"), Cell("Households without children", "r1c2"),
                    Cell("With children", "r1c3")],
                   [Cell("TA placements (2024-25)", "r2c1"), Cell("514", "r2c2"), Cell("417", "r2c3")]], "t", 2, 50.0)
    block = Block(last, "", Line(f"{last.number}. {last.text}", 1, 694.0), tables=[table])
    found = {c.key: c.value for c in block_table_candidates(block, view)}
    assert found == {"households_no_children": "514", "households_children": "417"}


def test_a_period_named_by_its_months_heads_a_part_and_a_bare_answer_label_is_no_answer(survey: Survey):
    from extractors.extract.letters import Block
    from extractors.extract.parts import split_by_part_markers
    assert split_by_part_markers("April 2023 to March 2024: a. 354", ["a", "b"], some=True) == {"a": "354"}
    question = survey.questions[0]
    block = Block(question, "", Line(f"{question.number}. {question.text}", 1, 400.0),
                  answer_lines=[Line("A:", 1, 420.0)])
    assert block.answer_text == ""


def test_a_part_left_out_on_a_scan_is_established_only_when_the_block_is_whole(survey: Survey):
    from extractors.extract.letters import Block
    from extractors.extract.ocr_absence import absence_unsure
    question = next(q for q in survey.questions if len(q.keys) == 2 and q.type == "count")
    phrases = survey.vocabulary.group_phrases

    def block(answers: list[tuple[str, float]], next_top: float, scanned: bool = True) -> Block:
        conf = 90.0 if scanned else None
        made = Block(question, "", Line(f"{question.number}. {question.text[:60]}", 1, 624.0, (), conf),
                     question_lines=[Line(question.text[60:], 1, 637.0, (), conf)],
                     answer_lines=[Line(t, 1, top, (), conf) for t, top in answers])
        made.next_top = next_top
        return made
    assert not absence_unsure(block([("(b) 355", 653.0)], 677.0), phrases)  # whole: the part was skipped
    assert absence_unsure(block([("(b) 355", 669.0)], 693.0), phrases)  # a gap where '(a) ...' could have stood
    assert absence_unsure(block([("A: a. 278", 653.0), ("bs223*", 670.0)], 694.0), phrases)  # a garbled line
    assert not absence_unsure(block([("(b) 355", 669.0)], 693.0, scanned=False), phrases)  # text: no OCR


def test_a_part_given_in_a_muddle_on_a_scan_leaves_the_other_part_to_review(survey: Survey):
    from extractors.extract.answers import marked_candidates
    from extractors.extract.letters import Block
    from extractors.extract.parts import split_by_part_markers
    question = next(q for q in survey.questions if len(q.keys) == 2 and q.type == "count")
    block = Block(question, "", Line(f"{question.number}. {question.text}", 1, 405.0, (), 90.0))
    block.next_top = 439.0
    text = "b. 19/8a. 112"
    parts = split_by_part_markers(text, ["a", "b"], some=True)
    found = {c.key: c.status for c in marked_candidates(block, list(question.keys), (), text, parts)}
    assert found == {question.keys[0].key: "needs_review", question.keys[1].key: "needs_review"}


def test_ocr_a_last_list_number_read_with_a_digit_for_its_stop_and_a_part_letter_without_its_space():
    from extractors.extract.ocr_spelling import last_number_filled
    from extractors.extract.parts import split_by_part_markers
    texts = ["7.", "a. 84", "8.", "a. 41", "b. 83", "95", "a. 20", "b.77"]
    lines = [Line(t, 2, 70.0 + 15 * i, (t,), 90.0) for i, t in enumerate(texts)]
    assert [ln.text for ln in last_number_filled(lines, {2}, 9)][5] == "9."
    assert [ln.text for ln in last_number_filled(lines, {2}, 9)][3] == "a. 41"
    kept = [Line(t, 2, 70.0 + 15 * i, (t,), 90.0) for i, t in enumerate(["8.", "a. 41", "b. 83", "75", "a. 20"])]
    assert [ln.text for ln in last_number_filled(kept, {2}, 9)][3] == "75"  # a bare figure stays a figure
    assert split_by_part_markers("a. 20\nb.77", ["a", "b"]) == {"a": "20\n", "b": "77"}


def test_ocr_footnote_marks_shown_nowhere_may_be_glued_to_figures_as_digits():
    from extractors.extract.ocr_flags import flag_one, glued_note_marks
    from extractors.model import Candidate, Document
    texts = ["5.", "a. 494", "b. 5241", "4. within three days (72 hours)",
             "1 Figure taken from the case management system on the date of this response.",
             "2 Includes episodes reported by neighbouring police forces."]
    document = Document(lines=[Line(t, 2, 80.0 + 16 * i, (t,), 95.0) for i, t in enumerate(texts)], pages=2,
                        ocr_pages=1)
    marks = frozenset(glued_note_marks(document))
    assert marks == {"1", "2"}
    glued = Candidate("k", "reported", "5241", "5241", "p2", "prose", 0.95)
    assert flag_one(glued, document, 80.0, marks).status == "needs_review"
    hours = Candidate("t", "reported", "72", "within three days (72 hours)", "p2", "prose", 0.95)
    assert flag_one(hours, document, 80.0, marks).status == "reported"
    rows = Document(lines=[Line(f"{n} Does your authority offer a return interview", 1, 80.0 + 16 * n, (), 95.0)
                           for n in range(1, 10)], pages=1, ocr_pages=1)
    assert glued_note_marks(rows) == set()  # numbered rows are no footnotes


def test_a_row_of_several_figures_in_a_table_with_no_heading_row_goes_to_review(survey: Survey):
    from extractors.extract.tables import table_to_candidates
    from extractors.model import Cell, Table
    question = next(q for q in survey.questions if len(q.keys) == 2 and q.type == "count")
    label = f"Q{question.number} {question.keys[0].part_label}"
    headless = Table([[Cell(label, "r1c1"), Cell("51", "r1c2"), Cell("Se ers ey group)", "r1c3")]], "t", 1, 300.0)
    found = table_to_candidates(headless, survey)
    assert found and all(c.status == "needs_review" for c in found)
    headed = Table([[Cell("", "r1c1"), Cell("Number", "r1c2"), Cell("Note", "r1c3")],
                    [Cell(label, "r2c1"), Cell("51", "r2c2"), Cell("provisional", "r2c3")]], "t", 1, 300.0)
    assert any(c.status == "reported" and c.value == "51" for c in table_to_candidates(headed, survey))


def test_a_heading_over_a_ruled_table_splits_where_the_tables_columns_start():
    from extractors.read.pdf import inner_column_starts, line_segments, with_column_starts

    def word(text: str, x0: float, x1: float, top: float = 321.9) -> dict:
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 9.0}
    heading = [word("Category", 76.9, 120.0), word("Looked", 292.3, 322.0), word("after", 326.0, 347.0),
               word("children", 351.0, 404.0), word("Children", 411.4, 451.0), word("missing", 455.0, 490.0)]
    inner = [Line("Incidents 291 865", 1, 350.0 + 14 * i, ("Incidents", "291", "865"), None, (76.9, 292.3, 411.4))
             for i in range(3)]
    assert line_segments(with_column_starts([heading])[0]) == ("Category", "Looked after children Children missing")
    split = with_column_starts([heading], inner_column_starts(inner))[0]
    assert line_segments(split) == ("Category", "Looked after children", "Children missing")


def test_a_striped_table_of_two_rows_joins_its_unboxed_second_row_and_its_wrapped_heading():
    from extractors.model import Cell, Table
    from extractors.read.banded import stitch_row_tables
    band = Table([[Cell("TA placements (2023-2024)", "p2 table1 r1c1"), Cell("370", "p2 table1 r1c2"),
                   Cell("246", "p2 table1 r1c3")]], "p2 table1", 2, 220.4)
    lines = [Line("The figures you asked for are set out in the table below.", 2, 157.3, (), None, (73.7,)),
             Line("Families with", 2, 186.2, ("Families with",), None, (278.4,)),
             Line("Single households", 2, 194.7, ("Single households",), None, (403.1,)),
             Line("children", 2, 203.3, ("children",), None, (278.4,)),
             Line("TA placements (2024-2025) 350 218", 2, 251.2, ("TA placements (2024-2025)", "350", "218"), None,
                  (74.3, 278.4, 403.1))]
    tables, rest = stitch_row_tables([band], lines)
    assert [[c.text for c in row] for row in tables[0].rows] == [
        ["", "Families with children", "Single households"], ["TA placements (2023-2024)", "370", "246"],
        ["TA placements (2024-2025)", "350", "218"]]
    assert "TA placements (2024-2025) 350 218" not in [ln.text for ln in rest]  # the row went into the table


def test_one_row_under_a_heading_of_one_word_heading_per_cell_is_a_table():
    from extractors.extract.unruled import runs_of_rows
    xs = (57.0, 321.5, 435.9)
    lines = [Line("Please see the table below.", 1, 721.0, ("Please see the table below.",), None, (57.0,)),
             Line("Category Households with Households", 1, 744.0, ("Category", "Households with", "Households"),
                  None, xs),
             Line("children without children", 1, 756.0, ("children", "without children"), None, xs[1:]),
             Line("Households accommodated (2023-2024) 226 250", 1, 771.0,
                  ("Households accommodated (2023-2024)", "226", "250"), None, xs)]
    assert runs_of_rows(lines) == [(1, 3)]
    prose = [Line("We hold these figures", 1, 744.0, ("We hold these figures",), None, (57.0,)), lines[3]]
    assert runs_of_rows(prose) == []


def test_a_column_of_yes_and_no_under_questions_across_the_top_holds_answers(survey: Survey):
    from extractors.extract.tables import value_columns
    from extractors.model import Cell
    heads = ["Cohort", "Is every child offered an RHI?", "Who carries out RHIs", "Offer timescale",
             "Missing episodes", "Individual children"]
    rows = [[Cell(h, f"r1c{c}") for c, h in enumerate(heads, 1)],
            [Cell(t, f"r2c{c}") for c, t in enumerate(["Looked after children", "Yes", "In-house team", "72 hours",
                                                        "160", "48"], 1)]]
    assert 1 in value_columns(rows, (0, 0), survey)


def test_a_sheet_written_as_a_letter_is_read_as_its_lines_each_keeping_its_cell():
    from extractors.extract.sheet_letters import sheet_letters_read
    from extractors.model import Cell, Document, Table
    texts = ["Council name", "", "Q1. Every child who goes missing is offered an interview: Yes",
             "Q4. The interview is offered within 72 hours.", "Q5 to Q9: see the 'Data' sheet."]
    cover = Table([[Cell(t, f"Cover!A{r}")] for r, t in enumerate(texts, 1)], "Cover")
    data = Table([[Cell("Measure", "Data!A1"), Cell("Total", "Data!B1")], [Cell("Episodes", "Data!A2"),
                                                                          Cell("420", "Data!B2")]], "Data")
    read = sheet_letters_read(Document(tables=[cover, data]))
    assert [t.name for t in read.tables] == ["Data"]
    assert [(ln.text, ln.locator) for ln in read.lines][1] == (texts[2], "Cover!A3")
    assert sheet_letters_read(Document(tables=[data])).tables == [data]  # a table of figures stays a table


def test_ocr_rules_read_as_underscores_and_a_misread_row_number_in_a_numbered_column_are_put_right():
    from extractors.extract.ocr_spelling import numbered_cells_filled, rule_dropped
    from extractors.model import Cell, Table
    assert [rule_dropped(t) for t in ("Q__", "1 __", "6 \u2014", "-", "6a - 24")] == ["Q", "1", "6", "-", "6a - 24"]
    numbers = ["6", "he", "8"]
    table = Table([[Cell(n, f"r{r}c1"), Cell("LAC: 400", f"r{r}c2")] for r, n in enumerate(numbers, 1)], "t", 1, 0.0)
    assert [row[0].text for row in numbered_cells_filled(table).rows] == ["6", "7", "8"]


def test_a_line_that_opens_two_pages_at_different_heights_is_no_header():
    from extractors.extract.page_furniture import furniture_lines
    lines = [Line("CLA", 1, 537.0), Line("- financial year 2025-26 - 293", 1, 552.0), Line("Page 1", 1, 808.0),
             Line("- financial year 2025-26 - 124", 2, 48.0), Line("Non-looked after", 2, 112.0),
             Line("- financial year 2025-26 - 135", 2, 127.0), Line("Page 2", 2, 808.0),
             Line("CLA", 3, 244.0), Line("Non-looked after", 3, 337.0), Line("Page 3", 3, 808.0)]
    found = {ln.text for ln in lines if id(ln) in furniture_lines(lines)}
    assert "Non-looked after" not in found and "Page 2" in found


def test_a_heading_line_repeated_in_a_run_of_rows_starts_a_table_of_its_own():
    from extractors.extract.unruled import runs_of_rows
    xs = (57.0, 200.0, 330.0)

    def row(top: float, *cells: str) -> Line:
        return Line(" ".join(cells), 1, top, cells, None, xs[:len(cells)])
    lines = [row(500.0, "Financial year", "Family households", "Single households"),
             row(515.0, "FY24/25", "412", "309"), row(530.0, "FY23/24", "870", "286"),
             row(550.0, "Financial year", "ee holds iokl", "Expenditure (\u00a3)"),
             row(565.0, "FY24/25", "408", "\u00a32,877,012"), row(580.0, "FY23/24", "582", "\u00a33,546,830")]
    assert runs_of_rows(lines) == [(0, 2), (3, 5)]


def test_a_reply_date_or_a_data_extraction_date_is_no_contract_date():
    from extractors.parse.choices import parse_date_answer
    assert parse_date_answer("Response 16-07-2026").status == "needs_review"
    assert parse_date_answer("- Figures were extracted from the case management system on 21 July 2026.").status \
        == "needs_review"
    assert parse_date_answer("The contract ends on 31 March 2028").value == "2028-03-31"


def test_a_refusal_in_words_in_a_bands_cell_is_one_cell():
    from extractors.read.band_cells import band_cells
    assert band_cells("Q6 distinct children reported missing Refused - section 12 s.12 cost limit") == [
        "Q6 distinct children reported missing", "Refused - section 12", "s.12 cost limit"]
    assert band_cells("Q7 RHIs offered Exempt under s12 Refused - section 12") == [
        "Q7 RHIs offered", "Exempt under s12", "Refused - section 12"]


def test_an_unboxed_first_row_and_heading_over_the_first_box_belong_to_the_table():
    from extractors.model import Cell, Table
    from extractors.read.banded import stitch_row_tables

    def box(label: str, a: str, b: str, top: float) -> Table:
        return Table([[Cell(label, "x r1c1"), Cell(a, "x r1c2"), Cell(b, "x r1c3")]], "p2 table1", 2, top)
    xs = (54.0, 300.0, 400.0)
    lines = [Line("2023-24 2024-25", 2, 52.0, ("2023-24", "2024-25"), None, xs[1:]),
             Line("Staff - not", 2, 75.0, ("Staff - not",), None, xs[:1]),
             Line("full time 119 112", 2, 90.0, ("full time", "119", "112"), None, xs),
             Line("Visits - part time 60 70", 2, 175.0, ("Visits - part time", "60", "70"), None, xs)]
    tables, rest = stitch_row_tables([box("Visits - full time", "111", "103", 122.0),
                                      box("Calls - full time", "36", "30", 213.0)], lines)
    rows = [[c.text for c in row] for row in tables[0].rows]
    assert rows[0] == ["", "2023-24", "2024-25"] and rows[1] == ["Staff - not full time", "119", "112"]
    assert not rest


def test_a_column_heading_ocr_spoilt_takes_the_group_its_other_rows_read():
    from extractors.extract.tables import table_to_candidates
    from extractors.model import Cell, Table
    from extractors.survey import load_survey

    from .conftest import ROOT
    survey = load_survey(ROOT / "examples" / "rhi-2026")
    two = [q for q in survey.questions if len(q.keys) == 2 and q.type == "count"]
    first, second = two[0].keys
    head = ["Question", first.part_label.capitalize(), "che " + second.part_label[3:] + " fi"]
    rows = [head] + [[q.aliases[0] if q.aliases else q.text, str(10 + i), str(50 + i)] for i, q in enumerate(two)]
    table = Table([[Cell(t, f"p1 layout1 r{r}c{c}") for c, t in enumerate(row, 1)] for r, row in enumerate(rows, 1)],
                  "p1 layout1", 1)
    found = {c.key: c.value for c in table_to_candidates(table, survey) if c.status == "reported"}
    assert all(found.get(q.keys[1].key) == str(50 + i) for i, q in enumerate(two) if q.keys[0].key in found)
    assert sum(q.keys[1].key in found for q in two) >= 3


def test_two_or_three_daggers_read_by_ocr_as_letters_after_a_figure_are_note_marks():
    from extractors.extract.ocr_spelling import daggers_read
    lines = [Line("Children at home: 303tt", 1, 600.0, ("Children at home: 303tt",), 95.0),
             Line("tt Provisional: the figure may change once validated.", 2, 200.0, (), 100.0)]
    assert daggers_read(lines, {1, 2})[0].text == "Children at home: 303\u2020\u2020"
    assert daggers_read(lines[:1], {1})[0].text == "Children at home: 303tt"  # no note under such marks


def test_a_figure_with_a_star_mark_still_names_what_it_counts(survey):
    from extractors.extract.measures import figures_named
    named = figures_named("There were 95 missing episodes relating to 86 individual children in care. There were "
                          "89* episodes of children missing from home", survey)
    episodes = next(q.id for q in survey.questions if "episodes" in q.text)
    assert [ids for _, _, ids in named] == [{episodes}, {next(q.id for q in survey.questions if "individual"
                                                             in q.text)}, {episodes}]


def test_each_part_marked_with_its_own_equal_figure_in_one_cell_is_two_answers(survey):
    from extractors.extract.answers import one_figure_for_parts
    from extractors.model import Candidate
    question = next(q for q in survey.questions if len(q.keys) == 2)
    found = [Candidate(k.key, "reported", "256", "(a) 256 (b) 256", "p1 table1 r6c3", "table cell by number", 0.9)
             for k in question.keys]
    assert [c.status for c in one_figure_for_parts(found, survey)] == ["reported", "reported"]
    named = [replace(c, raw="CiC: 256 / Non looked after: 256", locator="p1", method="prose") for c in found]
    assert [c.status for c in one_figure_for_parts(named, survey)] == ["reported", "reported"]
    both = [replace(c, raw="256 (both groups)") for c in found]
    assert [c.status for c in one_figure_for_parts(both, survey)] == ["needs_review", "needs_review"]


def test_a_row_whose_cells_chose_different_questions_takes_the_one_with_a_part_for_each(survey):
    from extractors.extract.tables import table_to_candidates
    from extractors.model import Cell, Table
    rows = [["Measure", "Looked after children", "Children missing from home"],
            ["Missing occurrences", "96", "271"], ["RHIs offered", "Not held", "Not held"],
            ["Interviews completed", "19", "47"]]
    table = Table([[Cell(t, f"p1 layout1 r{r}c{c}") for c, t in enumerate(row, 1)] for r, row in enumerate(rows, 1)],
                  "p1 layout1", 1)
    found = {c.locator: c.key for c in table_to_candidates(table, survey)}
    offered = next(q for q in survey.questions if "offered to" in q.text)
    assert [found["p1 layout1 r3c2"], found["p1 layout1 r3c3"]] == [k.key for k in offered.keys]


def test_a_measure_row_left_blank_between_other_measures_is_not_answered_and_a_section_title_is_not(survey):
    from extractors.extract.row_measures import blank_measure_row
    assert blank_measure_row("Children who went missing", "Return home interviews offered", survey)
    assert not blank_measure_row("Individual children who went missing", "Children looked after", survey)
    assert not blank_measure_row("Children in care", "Missing episodes", survey)


def test_a_questions_wrapped_end_misread_by_ocr_is_no_part_of_the_answer():
    from extractors.extract.restated import without_restated_question
    question = "Who is your main supplier? Please give the organisation's name."
    assert without_restated_question("vrgamisauon's name.\nNorth Road Supplies Ltd", question) == \
        "North Road Supplies Ltd"
    assert without_restated_question("Supplies Ltd's name.\nNorth Road", question) == "Supplies Ltd's name.\nNorth Road"
