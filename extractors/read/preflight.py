"""A stored file and the limits -> why it must not be read, judged before any reader inflates or parses it.

ZIP-based formats (xlsx, docx, ods) are checked on the sizes and compression ratios their members declare; a PDF
on its page count; a CSV on its length in rows, reading only its first rows to tell a case-level extract. After
reading, every table is checked again: a case-level extract is never aggregated into answers.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pypdfium2 as pdfium

from extractors.ingest.containers import zip_problem
from extractors.limits import Limits
from extractors.model import Document
from extractors.read.case_level import case_level_reason

ZIP_BASED = {"xlsx": "a spreadsheet", "ods": "a spreadsheet", "docx": "a Word document", "pptx": "a presentation"}
HEAD_BYTES = 256 * 1024  # enough of a CSV's start to judge its header and first rows


def line_count(path: Path) -> int:
    """Given a text file, return how many lines it has, counted in blocks (never held whole)."""
    count, last = 0, b"\n"
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


def head_rows(path: Path) -> list[list[str]]:
    """Given a CSV, return the rows of its first bytes (decoded leniently; only for judging its shape)."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES).replace(b"\x00", b"").decode("utf-8", "replace")
    lines = head.splitlines()[:-1] or head.splitlines()
    delimiter = max(",;\t|", key=lambda d: sum(line.count(d) for line in lines[:20]))
    return list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))


def long_table_reason(rows: int, limits: Limits, head: list[list[str]]) -> str:
    """Given a table's length and first rows, return why it is too long to be answers, or ''."""
    if rows <= limits.rows:
        return ""
    return case_level_reason(head, rows) or (
        f"a table of {rows:,} rows, more than the {limits.rows:,} read at most (FOI_MAX_ROWS): raw or case-level "
        "data, not answers; not read")


def csv_problem(path: Path, limits: Limits) -> str:
    """Given a CSV, return why it is not read as answers (too long, or a case-level extract), or ''."""
    rows = line_count(path)
    head = head_rows(path)
    return long_table_reason(rows, limits, head) or case_level_reason(head, rows)


def pdf_problem(path: Path, limits: Limits) -> str:
    """Given a PDF, return why it is too long to read, or '' (an unopenable PDF is for the reader to explain)."""
    try:
        document = pdfium.PdfDocument(str(path))
    except Exception:  # encrypted or corrupt: the PDF reader says which, in its words
        return ""
    try:
        pages = len(document)
    finally:
        document.close()
    if pages > limits.pages:
        return f"a PDF of {pages} pages, more than the {limits.pages} read at most (FOI_MAX_PAGES); not read"
    return ""


def preflight_problem(path: Path, kind: str, limits: Limits) -> str:
    """Given a stored file, its kind and the limits, return why it must not be read, or ''."""
    if kind in ZIP_BASED:
        return zip_problem(path, limits, ZIP_BASED[kind])
    if kind == "pdf":
        return pdf_problem(path, limits)
    if kind == "csv":
        return csv_problem(path, limits)
    return ""


def document_problem(document: Document, limits: Limits) -> str:
    """Given a Document as read, return why its tables are not answers (too long, too big, case-level), or ''."""
    cells = sum(len(row) for table in document.tables for row in table.rows)
    if cells > limits.cells:
        return f"{cells:,} cells, more than the {limits.cells:,} read at most (FOI_MAX_CELLS): raw data, not answers"
    for table in document.tables:
        rows = [[cell.text for cell in row] for row in table.rows]
        if reason := long_table_reason(len(rows), limits, rows[:600]) or case_level_reason(rows):
            return reason
    return ""
