"""Legacy .xls percentage cells: found from the workbook stream's records, and read as the sheet shows them."""

from __future__ import annotations

import datetime as dt
import struct
from collections import Counter
from pathlib import Path

import olefile
import openpyxl
import pytest
import xlwt

from extractors.read.spreadsheet import read_spreadsheet
from extractors.read.xls_formats import (
    BOF,
    BOUNDSHEET,
    CONTINUE,
    EOF,
    FORMAT,
    FORMULA,
    MULRK,
    NUMBER,
    RK,
    XF,
    format_record,
    is_ole_file,
    is_percent_code,
    records,
    stream_percent_cells,
    xls_percent_cells,
)

PERCENT_1DP = xlwt.easyxf(num_format_str="0.0%")
PERCENT_0DP = xlwt.easyxf(num_format_str="0%")


def cells(document) -> dict[str, str]:
    """Every cell's text by locator."""
    return {c.locator: c.text for t in document.tables for row in t.rows for c in row}


def write_workbook(path: Path) -> Path:
    """Write an .xls whose first sheet starts at C3 and mixes percent, plain, date, RK, MULRK and formula cells."""
    book = xlwt.Workbook()
    first = book.add_sheet("Figures")
    first.write(2, 1, "Share")
    first.write(2, 2, 0.49, PERCENT_1DP)  # an RK record (49 / 100)
    first.write(3, 1, "Plain")
    first.write(3, 2, 0.49)
    first.write(4, 1, "Date")
    first.write(4, 2, dt.date(2025, 3, 31), xlwt.easyxf(num_format_str="DD/MM/YYYY"))
    first.write(5, 1, "Literal")
    first.write(5, 2, 7, xlwt.easyxf(num_format_str='0"%"'))  # shows '7%' but does not scale the value
    for col in range(2, 6):  # adjacent integers with one style: written as one MULRK record
        first.write(6, col, col * 10, PERCENT_1DP)
    first.write(7, 2, 3)  # a lone integer: an RK record, plain
    first.write(8, 2, 1, PERCENT_0DP)  # a lone integer: an RK record, percent
    first.write(9, 3, xlwt.Formula("C3*2"), PERCENT_1DP)
    first.write(10, 1, "Precise")
    first.write(10, 2, 0.1234, PERCENT_1DP)  # a NUMBER record: 0.1234 has no RK form
    first.write(11, 2, 0.1234)
    second = book.add_sheet("Second sheet")
    second.write(0, 0, "Note")
    second.write(5, 4, 0.25, PERCENT_0DP)
    second.write(6, 4, 0.25)
    book.save(str(path))
    return path


FIGURES = {(2, 2), (6, 2), (6, 3), (6, 4), (6, 5), (8, 2), (9, 3), (10, 2)}
SECOND = {(5, 4)}


def stream_of(path: Path) -> bytes:
    """The workbook stream of an .xls."""
    with olefile.OleFileIO(str(path)) as ole:
        return ole.openstream("Workbook").read()


def test_the_percent_cells_of_each_sheet_are_found_exactly(tmp_path: Path):
    path = write_workbook(tmp_path / "reply.xls")
    kinds = Counter(kind for _, kind, _ in records(stream_of(path), 0, len(stream_of(path))))
    assert all(kinds[k] for k in (NUMBER, RK, MULRK, FORMULA))  # every kind of numeric cell record is exercised
    assert xls_percent_cells(path) == {"Figures": FIGURES, "Second sheet": SECOND}


def test_percent_cells_line_up_with_what_calamine_reads(tmp_path: Path):
    got = cells(read_spreadsheet(write_workbook(tmp_path / "reply.xls")))
    assert got["Figures!C3"] == "49%"
    assert got["Figures!C4"] == "0.49"
    assert got["Figures!C5"] == "2025-03-31"
    assert got["Figures!C6"] == "7"
    assert [got[f"Figures!{c}7"] for c in "CDEF"] == ["2000%", "3000%", "4000%", "5000%"]
    assert (got["Figures!C8"], got["Figures!C9"]) == ("3", "100%")
    assert (got["Figures!C11"], got["Figures!C12"]) == ("12.34%", "0.1234")
    assert got["'Second sheet'!E6"] == "25%"
    assert got["'Second sheet'!E7"] == "0.25"
    assert got["'Second sheet'!A1"] == "Note"


def test_a_long_sheet_keeps_every_percent_row(tmp_path: Path):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    for row in range(1, 400):
        sheet.write(row, 0, f"Row {row}")
        sheet.write(row, 1, row / 1000, PERCENT_1DP if row % 7 == 0 else xlwt.Style.default_style)
    path = tmp_path / "long.xls"
    book.save(str(path))
    assert xls_percent_cells(path) == {"Data": {(row, 1) for row in range(7, 400, 7)}}
    assert cells(read_spreadsheet(path))["Data!B351"] == "35%"


def test_the_reader_decides_by_content_not_by_name(tmp_path: Path):
    xls = write_workbook(tmp_path / "reply.xls")
    renamed = tmp_path / "attachment"  # calamine trusts a known extension, and tells the kind by content without one
    renamed.write_bytes(xls.read_bytes())
    assert is_ole_file(renamed)
    assert cells(read_spreadsheet(renamed))["Figures!C3"] == "49%"
    book = openpyxl.Workbook()
    book.active.title = "Sheet"
    book.active["B2"] = 0.06
    book.active["B2"].number_format = "0%"
    xlsx = tmp_path / "attachment.bin"
    book.save(xlsx)
    assert not is_ole_file(xlsx)
    assert cells(read_spreadsheet(xlsx))["Sheet!B2"] == "6%"  # still read through the .xlsx styles


@pytest.mark.parametrize(
    ("code", "percent"),
    [("0%", True), ("0.0%", True), ("#,##0.00%;[Red]-#,##0.00%", True), ("0\\%", False), ('0"%"', False),
     ('0.0" per cent"', False), ("0_%", False), ("0*%", False), ("#,##0", False), ("DD/MM/YYYY", False)],
)
def test_a_format_is_a_percentage_only_when_its_percent_sign_scales(code: str, percent: bool):
    assert is_percent_code(code) is percent


def test_the_unreadable_give_nothing_and_raise_nothing(tmp_path: Path):
    whole = write_workbook(tmp_path / "reply.xls").read_bytes()
    samples = {
        "text.xls": b"Question,Answer\nShare,49%\n",
        "empty.xls": b"",
        "magic_only.xls": whole[:8],
        "header_only.xls": whole[:512],
        "half.xls": whole[: len(whole) // 2],
        "garbled.xls": whole[:512] + bytes(len(whole) - 512),
    }
    for name, content in samples.items():
        (tmp_path / name).write_bytes(content)
        assert xls_percent_cells(tmp_path / name) == {}, name
    assert xls_percent_cells(tmp_path / "missing.xls") == {}


def test_a_compound_file_without_a_workbook_stream_gives_nothing(tmp_path: Path):
    whole = write_workbook(tmp_path / "reply.xls").read_bytes()
    renamed = whole.replace("Workbook".encode("utf-16-le"), "Xorkbook".encode("utf-16-le"))
    assert renamed != whole
    (tmp_path / "other.xls").write_bytes(renamed)
    assert xls_percent_cells(tmp_path / "other.xls") == {}


def test_a_sheet_whose_offset_is_out_of_range_is_left_out(tmp_path: Path):
    path = write_workbook(tmp_path / "reply.xls")
    stream = bytearray(stream_of(path))
    boundsheets = [pos for pos, kind, _ in records(bytes(stream), 0, len(stream)) if kind == BOUNDSHEET]
    struct.pack_into("<I", stream, boundsheets[0] + 4, len(stream) + 1000)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        ole.write_stream("Workbook", bytes(stream))
    assert xls_percent_cells(path) == {"Second sheet": SECOND}


def record(kind: int, payload: bytes) -> bytes:
    """One BIFF record: type, length, payload."""
    return struct.pack("<HH", kind, len(payload)) + payload


def biff8_stream(sheet_names: list[str], sheet_records: list[bytes], shared_offset: bool = False) -> bytes:
    """A hand-made BIFF8 stream: a split custom percent FORMAT (index 164), XF 0 plain and XF 1 percent, sheets."""
    head = record(BOF, struct.pack("<HH", 0x0600, 0x0005))
    # '0.0%' split after '0.': the CONTINUE goes on with its own flags byte (here 16-bit characters)
    head += record(FORMAT, struct.pack("<HHB", 164, 4, 0) + b"0.")
    head += record(CONTINUE, b"\x01" + "0%".encode("utf-16-le"))
    head += record(XF, struct.pack("<HH", 0, 0) + bytes(16)) + record(XF, struct.pack("<HH", 0, 164) + bytes(16))
    sheet = record(BOF, struct.pack("<HH", 0x0600, 0x0010)) + b"".join(sheet_records) + record(EOF, b"")
    size = len(head) + sum(len(record(BOUNDSHEET, bytes(8) + n.encode("latin-1"))) for n in sheet_names) + 4
    offsets = [size + (0 if shared_offset else i * len(sheet)) for i in range(len(sheet_names))]
    for name, offset in zip(sheet_names, offsets, strict=True):
        head += record(BOUNDSHEET, struct.pack("<IBBBB", offset, 0, 0, len(name), 0) + name.encode("latin-1"))
    head += record(EOF, b"")
    return head + sheet * (1 if shared_offset else len(sheet_names))


def number(row: int, col: int, xf: int) -> bytes:
    """A NUMBER record."""
    return record(NUMBER, struct.pack("<HHHd", row, col, xf, 0.5))


def test_a_format_split_by_a_continue_record_is_read_whole():
    stream = biff8_stream(["A"], [number(0, 0, 1)])
    pieces = [p for _, kind, p in records(stream, 0, len(stream)) if kind in (FORMAT, CONTINUE)]
    assert format_record(pieces, 0x0600, "cp1252") == (164, "0.0%")
    assert stream_percent_cells(stream) == {"A": {(0, 0)}}


def test_cells_of_an_embedded_chart_are_not_the_sheets():
    chart = record(BOF, struct.pack("<HH", 0x0600, 0x0020)) + number(9, 9, 1) + record(EOF, b"")
    stream = biff8_stream(["A"], [number(0, 0, 1), number(0, 1, 0), chart, number(3, 2, 1)])
    assert stream_percent_cells(stream) == {"A": {(0, 0), (3, 2)}}


def test_sheets_sharing_an_offset_and_a_short_mulrk_stay_bounded():
    # a MULRK cut inside its second (XF, RK) pair: only the whole pair is read
    mulrk = record(MULRK, struct.pack("<HH", 4, 1) + struct.pack("<HI", 1, 0) + b"\x01\x00\x00")
    stream = biff8_stream(["A", "B"], [mulrk], shared_offset=True)
    assert stream_percent_cells(stream) == {"A": {(4, 1)}, "B": {(4, 1)}}
    assert stream_percent_cells(stream[:-10]) == {}  # the sheet's records cut short: nothing half-read
