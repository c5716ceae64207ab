"""CSV (any encoding, comma, semicolon, tab or pipe) -> Document with one table and A1-style locators."""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path

from charset_normalizer import from_bytes

from extractors.model import Cell, Document, ReadError, Table

DELIMITERS = ",;\t|"


@lru_cache(maxsize=4096)
def column_letters(index: int) -> str:
    """Given a 1-based column number, return its spreadsheet letters (1 -> A, 27 -> AA)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def without_stray_nuls(raw: bytes) -> bytes:
    """Given a file's bytes, return them without NUL bytes when these are strays (not UTF-16's every other byte)."""
    nuls = raw.count(0)
    return raw.replace(b"\x00", b"") if nuls and nuls < 0.05 * len(raw) else raw


def mixed_lines(raw: bytes) -> bool:
    """Given bytes that are not UTF-8 as a whole, return whether some lines are UTF-8 with non-ASCII letters."""
    for line in raw.splitlines():
        if not line.isascii():
            try:
                line.decode("utf-8")
                return True
            except UnicodeDecodeError:
                continue
    return False


def lines_to_text(raw: bytes) -> str:
    """Given bytes whose lines mix UTF-8 and Windows-1252 (files pasted together), return each line decoded."""
    decoded = []
    for line in raw.splitlines(keepends=True):
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(line.decode("cp1252", errors="replace"))
    return "".join(decoded)


def bytes_to_text(raw: bytes) -> str:
    """Given a file's bytes, return its text decoded from UTF-8 (with or without BOM) or the likeliest encoding.

    Stray NUL bytes are dropped, and a file whose lines mix UTF-8 and Windows-1252 is decoded line by line.
    """
    raw = without_stray_nuls(raw)
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if mixed_lines(raw):
        return lines_to_text(raw)
    best = from_bytes(raw, cp_isolation=["cp1252", "latin_1", "utf_16", "cp1250"]).best()
    if best is None:
        raise ReadError("the CSV's text encoding could not be recognised")
    # Short English files fit several single-byte code pages equally well; Windows-1252 is what Excel
    # writes on UK machines, so it wins whenever it is one of the plausible ones.
    if "cp1252" in best.could_be_from_charset:
        return raw.decode("cp1252", errors="replace")
    return str(best)


def sniff_delimiter(text: str) -> str:
    """Given CSV text, return the delimiter that splits its lines most consistently."""
    sample = "\n".join(text.splitlines()[:40])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in DELIMITERS}
        return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def rows_to_table(rows: list[list[str]], name: str, prefix: str = "") -> Table:
    """Given rows of text, return a Table whose cells carry `C7` (or `Sheet!C7`) locators."""
    cells = [
        [Cell(" ".join(str(text).split()), f"{prefix}{column_letters(c)}{r}") for c, text in enumerate(row, 1)]
        for r, row in enumerate(rows, 1)
    ]
    return Table(cells, name)


def read_delimited(path: Path) -> Document:
    """Given a CSV file, return a Document holding its one table."""
    text = bytes_to_text(path.read_bytes())
    rows = list(csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text)))
    if not any(any(c.strip() for c in row) for row in rows):
        raise ReadError("the CSV has no cells with text")
    return Document(tables=[rows_to_table(rows, "csv")], pages=1)
