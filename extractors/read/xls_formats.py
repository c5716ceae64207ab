"""A legacy .xls file's percentage cells: per sheet name, the 0-based (row, column) of cells shown as percentages.

In: the path of an Excel 97-2003 workbook (BIFF8, or BIFF5 from older versions, inside an OLE2 compound file).
Out: {sheet name: {(row, column), ...}} for the numeric cells whose number format is a percentage, so that
0.49 formatted '0.0%' is read as the sheet shows it (49%) rather than as a fraction. calamine gives the values
but not their formats, so the workbook stream's records are walked here: FORMAT and XF records in the workbook
globals say which cell styles are percentages, BOUNDSHEET records say where each sheet's records start, and
the sheets' NUMBER, RK, MULRK and FORMULA records say which cells use those styles. Each record is visited at
most once, so the cost stays linear in the stream's size. Anything that is not such a workbook gives {}.
"""

from __future__ import annotations

import codecs
import re
import struct
from collections.abc import Iterator
from pathlib import Path

import olefile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
STREAMS = ("Workbook", "Book")  # BIFF8 names its stream 'Workbook'; BIFF5 (Excel 5/95) names it 'Book'
MAX_STREAM = 200 * 1024 * 1024  # a workbook stream larger than this is not scanned (the reader's limits apply anyway)
BUILTIN_PERCENT = {9: True, 10: True}  # '0%' and '0.00%' are built in: no FORMAT record defines them
BIFF8 = 0x0600
WORKSHEET = 0
BOF, EOF, CONTINUE, CODEPAGE = 0x0809, 0x000A, 0x003C, 0x0042
FORMAT, XF, BOUNDSHEET = 0x041E, 0x00E0, 0x0085
NUMBER, RK, MULRK, FORMULA = 0x0203, 0x027E, 0x00BD, 0x0006
SINGLE_CELLS = {NUMBER, RK, FORMULA}  # each starts row u16, column u16, XF u16
CODEPAGES = {367: "ascii", 1200: "utf-16-le", 32768: "mac_roman", 32769: "cp1252"}
# a '%' inside quoted text, after a backslash, or after '_' (a space as wide as it) or '*' (fill with it) is shown
# literally and does not scale the value
LITERAL = re.compile(r'"[^"]*"|\\.|[_*].', re.S)


def is_ole_file(path: Path) -> bool:
    """Given a path, return whether the file is an OLE2 compound file (as a legacy .xls is), by its first bytes."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(OLE_MAGIC)) == OLE_MAGIC
    except OSError:
        return False


def is_percent_code(code: str) -> bool:
    """Given a number format code ('0.0%', '0"%"'), return whether it shows values as percentages."""
    return "%" in LITERAL.sub("", code)


def records(stream: bytes, start: int, end: int) -> Iterator[tuple[int, int, bytes]]:
    """Given a workbook stream and a byte range, yield each record's position, type and payload in that range.

    A record that would run past the range ends the walk: the rest of a truncated stream cannot be framed.
    """
    pos = start
    while pos + 4 <= end:
        kind, size = struct.unpack_from("<HH", stream, pos)
        if pos + 4 + size > end:
            return
        yield pos, kind, stream[pos + 4:pos + 4 + size]
        pos += 4 + size


def with_continues(stream: bytes, start: int, end: int) -> Iterator[tuple[int, int, list[bytes]]]:
    """Given a workbook stream and a byte range, yield each record's position, type and payload pieces.

    A record longer than 8224 bytes goes on in CONTINUE records; these are gathered as the record's later pieces.
    """
    current: tuple[int, int, list[bytes]] | None = None
    for pos, kind, payload in records(stream, start, end):
        if kind == CONTINUE and current is not None:
            current[2].append(payload)
            continue
        if current is not None:
            yield current
        current = (pos, kind, [payload])
    if current is not None:
        yield current


def unicode_chars(pieces: list[bytes], at: int, count: int, wide: bool) -> str:
    """Given a record's pieces, return `count` characters from offset `at` of the first, 8- or 16-bit wide.

    A string split by a CONTINUE record goes on after the next piece's own flags byte, which may change the width.
    """
    text, index = [], 0
    while count > 0 and index < len(pieces):
        data = pieces[index]
        width = 2 if wide else 1
        take = min(count, max(len(data) - at, 0) // width)
        chunk = data[at:at + take * width]
        text.append(chunk.decode("utf-16-le" if wide else "latin-1", errors="replace"))
        count -= take
        index += 1
        if count > 0 and index < len(pieces) and pieces[index]:
            wide, at = bool(pieces[index][0] & 1), 1
    return "".join(text)


def biff8_string(pieces: list[bytes], at: int) -> str:
    """Given a record's pieces, return the BIFF8 unicode string (2-byte count, flags, extras) at offset `at`."""
    data = pieces[0]
    count, flags = struct.unpack_from("<HB", data, at)
    at += 3
    if flags & 0x08:  # rich text: a 2-byte count of formatting runs comes before the characters
        at += 2
    if flags & 0x04:  # phonetic data: a 4-byte size comes before the characters
        at += 4
    return unicode_chars(pieces, at, count, bool(flags & 0x01))


def format_record(pieces: list[bytes], version: int, codec: str) -> tuple[int, str]:
    """Given a FORMAT record's pieces, return its format index and format code."""
    data = pieces[0]
    index = struct.unpack_from("<H", data, 0)[0]
    if version >= BIFF8:
        return index, biff8_string(pieces, 2)
    size = data[2]  # BIFF5: a 1-byte length, then bytes in the workbook's code page
    return index, data[3:3 + size].decode(codec, errors="replace")


def boundsheet_record(data: bytes, version: int, codec: str) -> tuple[str, int, int]:
    """Given a BOUNDSHEET record's payload, return the sheet's name, its BOF's stream offset and its sheet type."""
    offset, _visibility, kind, size = struct.unpack_from("<IBBB", data, 0)
    if version >= BIFF8:
        wide = bool(data[7] & 0x01)
        name = data[8:8 + size * (2 if wide else 1)].decode("utf-16-le" if wide else "latin-1", errors="replace")
    else:
        name = data[7:7 + size].decode(codec, errors="replace")
    return name, offset, kind


def codepage_codec(data: bytes) -> str:
    """Given a CODEPAGE record's payload, return the Python codec for BIFF5's 8-bit strings (cp1252 if unknown)."""
    number = struct.unpack_from("<H", data, 0)[0]
    name = CODEPAGES.get(number, f"cp{number}")
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name


def workbook_globals(stream: bytes) -> tuple[set[int], list[tuple[str, int, int]]]:
    """Given a workbook stream, return the XF indexes that are percentages and each sheet's name, offset and type."""
    version, codec = BIFF8, "cp1252"
    percent_formats = dict(BUILTIN_PERCENT)
    xf_formats: list[int] = []
    sheets: list[tuple[str, int, int]] = []
    for pos, kind, pieces in with_continues(stream, 0, len(stream)):
        if pos == 0 and kind != BOF:
            break  # not a workbook stream
        if kind == BOF and pos == 0:
            version = struct.unpack_from("<H", pieces[0], 0)[0]
        elif kind == EOF:
            break
        elif kind == CODEPAGE:
            codec = codepage_codec(pieces[0])
        elif kind == FORMAT:
            index, code = format_record(pieces, version, codec)
            percent_formats[index] = is_percent_code(code)
        elif kind == XF:
            xf_formats.append(struct.unpack_from("<H", pieces[0], 2)[0])  # XF indexes count from 0 in record order
        elif kind == BOUNDSHEET:
            sheets.append(boundsheet_record(pieces[0], version, codec))
    return {i for i, fmt in enumerate(xf_formats) if percent_formats.get(fmt)}, sheets


def mulrk_cells(data: bytes, styles: set[int]) -> set[tuple[int, int]]:
    """Given a MULRK record's payload (row, first column, (XF, RK) pairs, last column), return its percent cells."""
    row, first = struct.unpack_from("<HH", data, 0)
    pairs = (len(data) - 6) // 6
    return {(row, first + i) for i in range(pairs) if struct.unpack_from("<H", data, 4 + 6 * i)[0] in styles}


def sheet_cells(stream: bytes, start: int, end: int, styles: set[int]) -> set[tuple[int, int]]:
    """Given a workbook stream, a sheet's byte range and the percent XF indexes, return the sheet's percent cells.

    An embedded chart brings its own BOF..EOF inside the sheet's records; only the sheet's own cells are kept.
    """
    found: set[tuple[int, int]] = set()
    depth = 0
    for pos, kind, data in records(stream, start, end):
        if pos == start and kind != BOF:
            return set()  # the offset does not point at a sheet
        if kind == BOF:
            depth += 1
        elif kind == EOF:
            depth -= 1
            if depth <= 0:
                break
        elif depth == 1 and kind in SINGLE_CELLS and len(data) >= 6:
            row, col, xf = struct.unpack_from("<HHH", data, 0)
            if xf in styles:
                found.add((row, col))
        elif depth == 1 and kind == MULRK and len(data) >= 6:
            found |= mulrk_cells(data, styles)
    return found


def stream_percent_cells(stream: bytes) -> dict[str, set[tuple[int, int]]]:
    """Given a workbook stream, return per worksheet name the (row, column) of its percent cells.

    Each sheet is read up to where the next sheet starts, so sheets that claim overlapping offsets cannot make
    the walk visit a record more than once.
    """
    styles, sheets = workbook_globals(stream)
    if not styles:
        return {}
    starts = sorted({offset for _, offset, _ in sheets if offset < len(stream)} | {len(stream)})
    ends = dict(zip(starts, starts[1:], strict=False))
    cells_at: dict[int, set[tuple[int, int]]] = {}
    found: dict[str, set[tuple[int, int]]] = {}
    for name, offset, kind in sheets:
        if kind != WORKSHEET or offset not in ends:
            continue
        if offset not in cells_at:
            cells_at[offset] = sheet_cells(stream, offset, ends[offset], styles)
        if cells_at[offset]:
            found.setdefault(name, set()).update(cells_at[offset])
    return found


def workbook_stream(path: Path) -> bytes:
    """Given a compound file's path, return its workbook stream's bytes, or b'' if it has none within the limit."""
    with olefile.OleFileIO(str(path)) as ole:
        for name in STREAMS:
            if ole.exists(name) and ole.get_type(name) == olefile.STGTY_STREAM:
                if ole.get_size(name) > MAX_STREAM:
                    return b""
                return ole.openstream(name).read()
    return b""


def xls_percent_cells(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Given a legacy .xls, return per sheet name the 0-based (row, column) of cells formatted as percentages."""
    if not is_ole_file(path):
        return {}
    try:
        return stream_percent_cells(workbook_stream(path))
    # olefile and the record walk meet damaged files in many ways (OSError, struct.error, IndexError, olefile's
    # own errors); whatever the damage, the values are then read as they are rather than the reading failing
    except Exception:
        return {}
