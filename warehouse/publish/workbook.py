"""Comparison -> comparison.xlsx: readable headers, frozen header, a Notes sheet, formulas neutralised, stable bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import tostring

from extractors.survey import Survey
from warehouse.publish.package import NEUTRALISED, REDACTED, SUPPRESSION, comparison_fields
from warehouse.publish.safety import safe_cell

NUMERIC = ("integer", "number")


def cell_value(value: object, kind: str) -> object:
    """Given a comparison cell and its field type, return a number for numeric fields, else neutralised text."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    if kind in NUMERIC:
        try:
            number = float(value)
        except ValueError:  # never expected after validation, but a workbook must still be written
            return safe_cell(str(value))
        return int(number) if kind == "integer" else number
    return safe_cell(str(value))


def fill_comparison(sheet: object, comparison: pd.DataFrame, fields: list[dict]) -> None:
    """Given the comparison sheet, write a readable header row and one row per council."""
    sheet.append([f["title"] for f in fields])
    for row in comparison[[f["name"] for f in fields]].itertuples(index=False):
        sheet.append([cell_value(v, f["type"]) for v, f in zip(row, fields, strict=True)])
    sheet.freeze_panes = "C2"  # header row and council columns stay in view
    sheet.row_dimensions[1].height = 120
    for index, spec in enumerate(fields, 1):
        header = sheet.cell(row=1, column=index)
        header.font = Font(bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = 34 if index == 2 else 16
        if spec["type"] == "number":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "0.0%"
    sheet.auto_filter.ref = sheet.dimensions


def notes_rows(survey: Survey, version: int, fields: list[dict]) -> list[list[str]]:
    """Given the survey and the comparison's fields, return the Notes sheet: what it is, statuses, every column."""
    rows = [[survey.title], [f"Period: {survey.period_label}"], [f"Publication version {version}"], [],
            ["Statuses"],
            ["reported", "The council gave a value; it is in the answer column."],
            ["suppressed", SUPPRESSION],
            ["not_held", "The council said it does not hold the information."],
            ["refused", "The council cited an exemption (for example section 12, the cost limit)."],
            ["not_answered", "The reply did not address the question."],
            ["needs_review", "The pipeline could not read one exact value; a person has to check (see review.csv)."],
            [],
            ["Source", "Every answer's file and page or cell is in answers.csv (source_file, source_locator); "
                       "files.csv lists every file received with its SHA-256. Rates are shares of 1, shown as %."],
            ["Safety", f"{NEUTRALISED} {REDACTED}"], [], ["Column", "Name in CSV", "Meaning"]]
    return rows + [[f["title"], f["name"], f["description"]] for f in fields]


def fill_notes(sheet: object, rows: list[list[str]]) -> None:
    """Given the Notes sheet and its rows, write them neutralised and wrapped."""
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["C"].width = 90
    for line in sheet.iter_rows():
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=14)


def stable_zip(data: bytes, core_xml: bytes, stamp: dt.datetime) -> bytes:
    """Given a saved workbook, return it rewritten with fixed member dates and the given document properties."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    when = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=when)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            body = core_xml if info.filename == "docProps/core.xml" else source.read(info.filename)
            target.writestr(member, body)
    return out.getvalue()


def write_workbook(survey: Survey, comparison: pd.DataFrame, version: int, stamp: dt.datetime, path: Path) -> None:
    """Given the comparison and its version's time, write comparison.xlsx with the same bytes for the same version."""
    fields = comparison_fields(survey)
    book = Workbook()
    sheet = book.active
    sheet.title = "Comparison"
    fill_comparison(sheet, comparison, fields)
    fill_notes(book.create_sheet("Notes"), notes_rows(survey, version, fields))
    book.properties.title = survey.title
    book.properties.creator = "foi-pipeline"
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps "modified" with the clock while saving, so the properties are written again afterwards.
    book.properties.created = book.properties.modified = stamp.replace(microsecond=0, tzinfo=None)
    path.write_bytes(stable_zip(buffer.getvalue(), tostring(book.properties.to_tree()), stamp))
