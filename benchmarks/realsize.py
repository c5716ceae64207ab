"""Real-size replies for `make bench`, written at bench time: a seven-sheet return, a long CSV and long PDFs.

Labels are built from the words of the survey's own questions, mixed with the lines a statistical return
carries beside them, so that matching labels to questions does the work it does on councils' files.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import openpyxl
from fpdf import FPDF

from extractors.survey import Survey

FILLER = ("staff on leave", "agency staff costs", "training days delivered", "referrals received",
          "assessments started", "assessments completed in time", "placements ended", "budget variance",
          "vacant posts at year end", "complaints upheld", "cases open at year end", "other expenditure")
SECTIONS = ("Section A: activity", "Section B: outcomes", "Section C: workforce", "Section D: finance")
COLUMNS = ("Line", "Description", "Ref", "This year 2025-26", "Last year 2024-25", "Estimate 2026-27", "Notes")


def question_labels(survey: Survey) -> list[str]:
    """Given a survey, return row labels a council might write for its questions and their parts."""
    labels = []
    for question in survey.questions:
        words = question.text.rstrip("?").split()
        labels.append(" ".join(words[:12]))
        labels += [f"{question.id}{key.part}) {key.part_label or key.key}" for key in question.keys if key.part]
    return labels


def row_label(rng: random.Random, labels: list[str], index: int) -> str:
    """Given a random source, the question labels and a row number, return one data row's label."""
    if index % 25 == 0:
        return rng.choice(labels)
    left, right = rng.choice(FILLER), rng.choice(labels).split()
    return f"{left.capitalize()} - {' '.join(right[rng.randrange(len(right)):][:5])}"


def data_rows(rng: random.Random, labels: list[str], count: int, sheet: int) -> list[list]:
    """Given a random source, labels, a row count and a sheet number, return a data sheet's rows."""
    rows: list[list] = [[f"Statistical return 2025-26: table {sheet}"], [], list(COLUMNS)]
    for index in range(count):
        if index % 60 == 0:
            rows.append(["", SECTIONS[(index // 60) % len(SECTIONS)]])
        this_year, last_year = rng.randrange(0, 5000), rng.randrange(0, 5000)
        note = rng.choice(("", "", "", "provisional", "see guidance note 4", "<5"))
        rows.append([f"{sheet}.{index + 1:04d}", row_label(rng, labels, index), f"T{sheet}_{index + 1:04d}",
                     this_year, last_year, round(this_year * rng.uniform(0.9, 1.1)), note])
    return rows


def write_return_workbook(path: Path, survey: Survey, rows: tuple[int, ...] = (300, 800, 2000, 1200)) -> Path:
    """Given a path, a survey and rows per data sheet, write a seven-sheet statistical return and return the path."""
    rng, labels = random.Random(7), question_labels(survey)
    book = openpyxl.Workbook()
    guidance = book.active
    guidance.title = "Guidance"
    for n in range(80):
        guidance.append([f"{n + 1}.", f"Complete every line for the year; {rng.choice(FILLER)} are counted at "
                                      f"31 March. {rng.choice(labels)}."])
    checks = book.create_sheet("Validation checks")
    checks.append(["Check", "Rule", "Result"])
    for n in range(150):
        checks.append([f"V{n + 1:03d}", f"Line {rng.randrange(1, 4)}.{rng.randrange(1, 900):04d} must not exceed "
                                        f"line {rng.randrange(1, 4)}.{rng.randrange(1, 900):04d}", "OK"])
    previous = book.create_sheet("Last year's return")
    for row in data_rows(rng, labels, 900, 0):
        previous.append(row)
    for sheet, count in enumerate(rows, 1):
        data = book.create_sheet(f"Table {sheet}")
        for row in data_rows(rng, labels, count, sheet):
            data.append(row)
    book.save(path)
    return path


def write_long_csv(path: Path, survey: Survey, rows: int) -> Path:
    """Given a path, a survey and a row count, write a CSV of that many labelled data rows and return the path."""
    rng, labels = random.Random(11), question_labels(survey)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for index in range(rows):
            writer.writerow([f"1.{index + 1:05d}", row_label(rng, labels, index), f"R{index + 1}",
                             rng.randrange(0, 5000), rng.randrange(0, 5000), rng.randrange(0, 5000), ""])
    return path


def pdf_page(pdf: FPDF, rng: random.Random, labels: list[str], page: int) -> None:
    """Given a PDF, a random source, labels and a page number, add a page of text and a ruled table."""
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, f"Page {page}. Information about {rng.choice(labels).lower()}. The figures below are "
                         f"for {rng.choice(FILLER)} and {rng.choice(FILLER)} in the year to 31 March 2026.")
    pdf.ln(2)
    with pdf.table(col_widths=(20, 90, 25, 25, 25), text_align="LEFT") as table:
        table.row(("Line", "Description", "2025-26", "2024-25", "Estimate"))
        for index in range(22):
            table.row((f"{page}.{index + 1}", row_label(rng, labels, index + page)[:60],
                       str(rng.randrange(0, 900)), str(rng.randrange(0, 900)), str(rng.randrange(0, 900))))
    pdf.ln(2)
    pdf.multi_cell(0, 5, " ".join(rng.choice(FILLER) for _ in range(30)).capitalize() + ".")


def write_long_pdf(path: Path, survey: Survey, pages: int, seed: int = 5) -> Path:
    """Given a path, a survey and a page count, write a PDF of tables and text that long and return the path."""
    rng, labels = random.Random(seed), question_labels(survey)
    pdf = FPDF()
    pdf.set_auto_page_break(auto=True, margin=12)
    for page in range(1, pages + 1):
        pdf_page(pdf, rng, labels, page)
    pdf.output(str(path))
    return path
