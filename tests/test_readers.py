"""Readers: one Document model for PDF, CSV and spreadsheets, each cell with a locator."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from extractors.model import ReadError
from extractors.read import file_to_document

from .conftest import EXAMPLE

REPLIES = EXAMPLE / "replies"


def cells(document) -> dict[str, str]:
    """Every cell's text by locator."""
    return {c.locator: c.text for t in document.tables for row in t.rows for c in row}


def test_pdf_tables_and_lines_carry_page_locators():
    document = file_to_document(REPLIES / "55568079.pdf", "pdf")
    assert document.pages == 2
    assert cells(document)["p2 table1 r2c2"] == "302"
    assert any(line.text.startswith("Q4 Within what time") and line.page == 1 for line in document.lines)
    # text inside a table is not repeated as running text
    assert not any(line.text.startswith("Q5 Episodes of missing 302") for line in document.lines)


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ("Question;Children in care;Children missing from home\nQ5 Episodes;1 204;£5\n", "cp1252"),
        ("\ufeffQuestion,Children in care,Children missing from home\nQ5 Episodes,\"1,204\",5\n", "utf-8"),
    ],
)
def test_csv_any_encoding_and_delimiter(tmp_path: Path, raw: str, encoding: str):
    path = tmp_path / "reply.csv"
    path.write_bytes(raw.encode(encoding))
    got = cells(file_to_document(path, "csv"))
    assert got["A1"] == "Question"
    assert got["B2"] in ("1 204", "1,204")
    assert got["A2"] == "Q5 Episodes"


def test_xlsx_sheets_merged_headers_and_locators(tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "RHI data"
    sheet["A3"] = "Measure"
    sheet["B2"] = "2025/26"
    sheet.merge_cells("B2:C2")
    sheet["B3"], sheet["C3"] = "Children in care", "Children missing from home"
    sheet["A4"], sheet["B4"], sheet["C4"] = "Missing episodes", 120, 340
    book.create_sheet("Notes")["A1"] = "Figures are provisional."
    path = tmp_path / "reply.xlsx"
    book.save(path)
    document = file_to_document(path, "xlsx")
    got = cells(document)
    assert got["'RHI data'!B4"] == "120"
    assert got["'RHI data'!C2"] == "2025/26"  # merged header copied across its range
    assert [t.name for t in document.tables] == ["RHI data", "Notes"]


@pytest.mark.parametrize(
    ("content", "kind", "reason"),
    [
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "pdf", "could not be opened"),
        (b"PK\x03\x04garbage", "xlsx", "could not be opened"),
        (b"", "empty", "empty"),
        (b"PK\x03\x04", "docx", "Word document"),
    ],
)
def test_unreadable_files_raise_a_plain_reason(tmp_path: Path, content: bytes, kind: str, reason: str):
    path = tmp_path / "broken"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        file_to_document(path, kind)
