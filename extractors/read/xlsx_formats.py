"""An .xlsx file's percentage cells: 0.06 shown as '6%' is read as the sheet shows it, not as a fraction.

calamine gives values without their number formats. A cell formatted as a percentage stores 0.06 and shows
6%; read bare, a share question's answer would look like a fraction and go to review. The workbook's styles
say which cell styles are percentages; the sheets' XML says which cells use them. Both are read with regular
expressions in one pass each, so the cost stays linear in the file's size.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

BUILTIN_PERCENT = {9, 10}  # '0%' and '0.00%'
NUM_FMT = re.compile(rb'<numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"')
CELL_XFS = re.compile(rb"<cellXfs\b[^>]*>(.*?)</cellXfs>", re.S)
XF = re.compile(rb"<xf\b([^>]*)")
XF_FMT = re.compile(rb'numFmtId="(\d+)"')
SHEET = re.compile(rb'<sheet\b[^>]*name="([^"]*)"[^>]*r:id="([^"]*)"')
REL = re.compile(rb'<Relationship\b[^>]*Id="([^"]*)"[^>]*Target="([^"]*)"')
REL_REVERSED = re.compile(rb'<Relationship\b[^>]*Target="([^"]*)"[^>]*Id="([^"]*)"')
STYLED_CELL = re.compile(rb'<c\b[^>]*\br="([A-Z]+)(\d+)"[^>]*\bs="(\d+)"')
MAX_PART = 200 * 1024 * 1024  # a sheet's XML larger than this is not scanned (the reader's limits apply anyway)


def percent_styles(styles: bytes) -> set[int]:
    """Given styles.xml, return the indexes of cell styles whose number format is a percentage."""
    custom = {int(i) for i, code in NUM_FMT.findall(styles) if b"%" in code.replace(b'\\%', b"")}
    block = CELL_XFS.search(styles)
    if not block:
        return set()
    found = set()
    for index, attrs in enumerate(XF.findall(block.group(1))):
        fmt = XF_FMT.search(attrs)
        if fmt and int(fmt.group(1)) in BUILTIN_PERCENT | custom:
            found.add(index)
    return found


def column_index(letters: bytes) -> int:
    """Given a column's letters ('E', 'AB'), return its 0-based index."""
    index = 0
    for ch in letters:
        index = index * 26 + ch - 64
    return index - 1


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Given an open .xlsx, return each sheet's name and the path of its XML inside the archive."""
    workbook = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = dict(REL.findall(rels)) | {rid: target for target, rid in REL_REVERSED.findall(rels)}
    parts = {}
    for name, rid in SHEET.findall(workbook):
        target = targets.get(rid, b"").decode()
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        parts[name.decode("utf-8").replace("&amp;", "&").replace("&apos;", "'")] = path
    return parts


def percent_cells(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Given an .xlsx, return per sheet name the 0-based (row, column) of cells formatted as percentages."""
    try:
        with zipfile.ZipFile(path) as archive:
            styles = percent_styles(archive.read("xl/styles.xml"))
            if not styles:
                return {}
            found: dict[str, set[tuple[int, int]]] = {}
            for name, part in sheet_parts(archive).items():
                if archive.getinfo(part).file_size > MAX_PART:
                    continue
                cells = {(int(row) - 1, column_index(col)) for col, row, style in
                         STYLED_CELL.findall(archive.read(part)) if int(style) in styles}
                if cells:
                    found[name] = cells
            return found
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return {}  # not an .xlsx as Excel writes one: its values are read as they are
