"""`make bench` rows on real-size replies: a seven-sheet return, a long CSV at n and 4n rows, and long PDFs.

The workbook and the CSV are read in this process through `file_to_result` (one file for a survey), after a
warm-up read of a small file so that the figures leave out process start-up; the PDFs are read by a whole
`foi run` beside the bare pdfplumber parse of the same files.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

from benchmarks.realsize import write_long_csv, write_long_pdf, write_return_workbook
from extractors.ingest.inventory import InventoryItem
from extractors.per_file import FileResult, file_to_result
from flows.context import Context, survey_to_context

CSV_ROWS = 4500  # n; the second CSV has 4n rows, within the default FOI_MAX_ROWS (20,000)
PDF_PAGES = (40, 60, 80)


def read_one(path: Path, kind: str, context: Context) -> tuple[float, FileResult]:
    """Given a file, its kind and a run's context, return the seconds `file_to_result` takes on it, and its result."""
    item = InventoryItem(path.name, "bench", path.stat().st_size, kind, 0.0)
    started = time.perf_counter()
    result = file_to_result(item, path, context.survey, context.tracker, context.register, context.surveyed,
                            limits=context.limits)
    return time.perf_counter() - started, result


def sheet_rows(example: Path, work: Path) -> dict:
    """Given the example survey and a work folder, return the read times of the workbook and the two CSVs."""
    context = survey_to_context(example)
    folder = work / "real"
    folder.mkdir(parents=True, exist_ok=True)
    warm = write_long_csv(folder / "FOI 1 Camden warm-up.csv", context.survey, 50)
    read_one(warm, "csv", context)
    book = write_return_workbook(folder / "FOI 2 Camden statistical return.xlsx", context.survey)
    small = write_long_csv(folder / "FOI 3 Camden return n.csv", context.survey, CSV_ROWS)
    large = write_long_csv(folder / "FOI 4 Camden return 4n.csv", context.survey, 4 * CSV_ROWS)
    book_seconds, book_result = read_one(book, "xlsx", context)
    small_seconds, _ = read_one(small, "csv", context)
    large_seconds, _ = read_one(large, "csv", context)
    return {"book": book_seconds, "book_cells": workbook_cells(book), "book_found": len(book_result.candidates),
            "small": small_seconds, "large": large_seconds}


def workbook_cells(path: Path) -> int:
    """Given a workbook, return how many of its cells hold something, over all its sheets."""
    book = openpyxl.load_workbook(path, read_only=True)
    return sum(1 for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row
               if v not in (None, ""))


def pdf_row(example: Path, work: Path, floor_of: Callable, run_of: Callable) -> dict:
    """Given the example survey, a work folder, the bare-parse and whole-run timers, return the long PDFs' row."""
    folder = work / "long-pdfs"
    (folder / "replies").mkdir(parents=True, exist_ok=True)
    for name in ("survey.yaml", "tracker.csv"):
        shutil.copy(example / name, folder / name)
    survey = survey_to_context(example).survey
    towns = ("Camden", "Barnet", "Bury")
    pdfs = [write_long_pdf(folder / "replies" / f"FOI {n} {town} statistics.pdf", survey, pages, seed=n)
            for n, (town, pages) in enumerate(zip(towns, PDF_PAGES, strict=True), 1)]
    floor, pages = floor_of(pdfs)
    return {"pdfs": len(pdfs), "pages": pages, "floor": floor, "run": run_of(folder)}


def print_real_rows(example: Path, work: Path, startup: float, floor_of: Callable, run_of: Callable) -> None:
    """Given the example survey, a work folder, the start-up seconds and the timers, print the real-size rows."""
    found = sheet_rows(example, work)
    print("real-size replies (read by file_to_result in this process, start-up excluded):")
    print(f"  seven-sheet return: {found['book_cells']} cells, {found['book']:.2f} s "
          f"({found['book_cells'] / found['book']:.0f} cells/s, {found['book_found']} answers found); target < 2 s "
          f"({found['book'] / 2:.2f} of it)")
    n, small, large = CSV_ROWS, found["small"], found["large"]
    print(f"  long CSV: {n} rows {small:.2f} s ({n / small:.0f} rows/s), {4 * n} rows {large:.2f} s "
          f"({4 * n / large:.0f} rows/s); 4n/n time ratio {large / small:.2f}, target ~4 (linear)")
    row = pdf_row(example, work, floor_of, run_of)
    target = 1.5 * row["floor"] + startup
    print(f"  long PDFs: {row['pdfs']} files, {row['pages']} pages: foi run {row['run']:.1f} s, bare parse "
          f"{row['floor']:.1f} s; target <= 1.5 x floor + start-up = {target:.1f} s ({row['run'] / target:.2f} of it)")
