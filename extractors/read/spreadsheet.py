"""Spreadsheets (.xlsx, .xls, .ods) -> Document with one table per sheet, merged cells filled in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import python_calamine

from extractors.model import Document, ReadError
from extractors.read.delimited import rows_to_table
from extractors.read.xls_formats import is_ole_file, xls_percent_cells
from extractors.read.xlsx_formats import percent_cells


def cell_to_text(value: object) -> str:
    """Given a cell value from calamine, return the text a person sees (344.0 -> '344')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value)


def percent_text(value: object) -> str:
    """Given the value of a cell formatted as a percentage, return it as the sheet shows it (0.06 -> '6%')."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value * 100:.10g}%"
    return cell_to_text(value)


def fill_merged(rows: list[list[str]], merged: list) -> list[list[str]]:
    """Given a sheet's rows and merged ranges, return rows with each merged value copied across its range."""
    for rng in merged or ():
        (r0, c0), (r1, c1) = rng[0], rng[1]
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1 + 1, len(rows))):
            for c in range(c0, c1 + 1):
                while c >= len(rows[r]):
                    rows[r].append("")
                if not rows[r][c]:
                    rows[r][c] = value
    return rows


def sheet_prefix(name: str) -> str:
    """Given a sheet name, return its locator prefix, quoted as spreadsheets do when it has spaces."""
    return f"'{name}'!" if any(ch in name for ch in " -()&,") else f"{name}!"


def read_spreadsheet(path: Path) -> Document:
    """Given a spreadsheet, return a Document with one table per non-empty sheet."""
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        text = str(exc).lower()
        if "password" in text or "encrypt" in text:
            raise ReadError("the spreadsheet is password-protected: ask for an unprotected copy") from exc
        raise ReadError("the spreadsheet could not be opened (it may be truncated or corrupt)") from exc
    document = Document()
    # a legacy .xls is an OLE2 compound file whatever its name says; anything else is read as an .xlsx would be
    percentages = xls_percent_cells(path) if is_ole_file(path) else percent_cells(path)
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        # calamine trims leading empty rows/columns; keep real positions so locators match the sheet.
        shares = percentages.get(name, set())
        rows = [[percent_text(v) if (r, c) in shares else cell_to_text(v) for c, v in enumerate(row)]
                for r, row in enumerate(sheet.to_python(skip_empty_area=False))]
        rows = fill_merged(rows, getattr(sheet, "merged_cell_ranges", None) or [])
        if any(any(c.strip() for c in row) for row in rows):
            document.tables.append(rows_to_table(rows, name, sheet_prefix(name)))
    document.pages = len(document.tables)
    if not document.tables:
        raise ReadError("the spreadsheet has no sheets with any cells filled in")
    return document
