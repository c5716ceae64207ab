"""PDF -> Document with pdfplumber: text lines (split into gap-separated segments) and ruled tables.

A scanned PDF is read the same way from its OCR'd copy (see `read_pdf_with_ocr`): the tables' rules are then
found in the page image, and each line and cell carries Tesseract's least confidence in the numbers it holds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from extractors.model import Cell, Document, Line, ReadError, Table
from extractors.read.banded import (
    banded_to_columns,
    single_bands_joined,
    stitch_row_tables,
    with_header_above,
    without_header_lines,
)
from extractors.read.headings import with_fragments_above, with_upper_heading
from extractors.read.ocr import OcrError, OcrResult, OcrWord, ocr_available, ocr_pdf, pages_needing_ocr
from extractors.read.rulings import page_rulings, table_settings

LINE_TOLERANCE = 3.0  # points: words whose tops differ by less sit on one line
# A page mostly covered by an image, with only a few words of text (a scanner's or a redaction tool's stamp), is
# a scan: its text layer says nothing of the letter.
STAMP_WORDS = 10
SCAN_COVER = 0.6


def table_to_cells(
    rows: list[list[str | None]], page: int, index: int, confidence: list[list[float | None]] | None = None
) -> list[list[Cell]]:
    """Given pdfplumber's extracted rows (and OCR confidences), return cells with `p2 table1 r3c2` locators; a
    row of one cell (a shaded band) keeps its line breaks, which say where its label wraps round its figures."""
    def flat(text: str | None, row: list[str | None]) -> str:
        """A cell's text, spaces made single (and its lines kept in a band)."""
        lines = [" ".join(part.split()) for part in (text or "").split("\n")]
        return "\n".join(p for p in lines if p) if len(row) == 1 else " ".join(" ".join(lines).split())
    return [
        [Cell(flat(text, row), f"p{page} table{index} r{r}c{c}",
              confidence[r - 1][c - 1] if confidence else None) for c, text in enumerate(row, 1)]
        for r, row in enumerate(rows, 1)
    ]


def words_to_lines(words: list[dict]) -> list[list[dict]]:
    """Given pdfplumber words, return them grouped into lines top to bottom, left to right."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def line_segments(words: list[dict]) -> tuple[str, ...]:
    """Given one line's words, return the runs of words separated by gaps wider than a few spaces."""
    segments: list[list[str]] = [[words[0]["text"]]]
    for before, word in zip(words, words[1:], strict=False):
        size = max(word.get("bottom", 0) - word.get("top", 0), 6.0)
        if word["x0"] - before["x1"] > 1.2 * size or word.get("column_start"):
            segments.append([])
        segments[-1].append(word["text"])
    return tuple(" ".join(s) for s in segments)


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def is_superscript(word: dict, before: dict) -> bool:
    """Given a word and the one before it, return whether it is a raised, smaller footnote mark on that word."""
    return (word["text"].isdigit() and len(word["text"]) <= 2 and word["size"] < 0.85 * before["size"]
            and word["x0"] - before["x1"] < 1.5 and word["bottom"] < before["bottom"] - 1)


def superscripts_joined(words: list[dict]) -> list[dict]:
    """Given words split where the type size changes, return them with footnote marks written as superscripts.

    A raised '1' after '330' is a footnote, not a digit of the figure: written as '330¹' it parses as 330.
    """
    joined: list[dict] = []
    for word in words:
        if joined and is_superscript(word, joined[-1]):
            joined[-1] = {**joined[-1], "text": joined[-1]["text"] + word["text"].translate(SUPERSCRIPT),
                          "x1": word["x1"]}
        elif joined and abs(word["top"] - joined[-1]["top"]) < 1 and word["x0"] - joined[-1]["x1"] < 0.5:
            joined[-1] = {**joined[-1], "text": joined[-1]["text"] + word["text"], "x1": word["x1"]}
        else:
            joined.append(word)
    return joined


OCR_BULLETS = {"*", "¢", "«", "»", "°", "•", "·", "©", "e", "o", "®"}


def ocr_bullet_dropped(words: list[dict]) -> list[dict]:
    """Given one line's words on an OCR'd page, return them without a list bullet Tesseract read as a glyph
    ('* 2023-24 148', '¢ 2024-25'): a lone '*' there would otherwise read as a suppression marker."""
    if len(words) > 1 and words[0]["text"] in OCR_BULLETS:
        return words[1:]
    if len(words) > 1 and re.fullmatch(r"[a-z]{1,2}", words[0]["text"]) and all(
            re.fullmatch(r"\d[\d,]*", w["text"]) for w in words[1:]):
        return words[1:]  # 'es 145 707 852': a speck of a wrapped label read beside the row's figures
    if len(words) == 1 and re.fullmatch(r"\d{1,2}[,:;]", words[0]["text"]):
        return [{**words[0], "text": words[0]["text"][:-1] + "."}]  # a list's '4.' read as '4,' or '2:'
    return words


TEXT_BULLETS = {"?", "\uf0b7", "\uf0a7", "\uf076", "\uf0d8", "\u25aa", "\u25cf", "\u2022"}


def text_bullet_named(words: list[dict]) -> list[dict]:
    """Given one line's words on a page with a text layer, return them with a list bullet the font could not map
    ('? 2022/2023 ... - 188', a private-use glyph) written as '•': a question mark never opens a line."""
    if len(words) > 1 and words[0]["text"] in TEXT_BULLETS:
        return [{**words[0], "text": "•"}, *words[1:]]
    return words


def segment_starts(words: list[dict]) -> tuple[float, ...]:
    """Given one line's words, return the x position where each gap-separated segment starts."""
    starts = [words[0]["x0"]]
    for before, word in zip(words, words[1:], strict=False):
        size = max(word.get("bottom", 0) - word.get("top", 0), 6.0)
        if word["x0"] - before["x1"] > 1.2 * size or word.get("column_start"):
            starts.append(word["x0"])
    return tuple(round(x, 1) for x in starts)


FIGURE_WORD = re.compile(r"\u00a3?\d[\d,]*(?:\.\d+)?%?")
COLUMN_SLACK = 1.0  # points: a word starting this close to a column's start begins a piece in that column
COLUMN_REACH = 60.0  # points: ... when pieces of that column stand this close to its line


def column_positions(lines: list[list[dict]]) -> tuple[dict[float, list[float]], dict[float, list[float]]]:
    """Given a page's lines of words, return where table columns start (three pieces or more start there, or two
    figures) and where right-aligned figures end, each with the heights of the lines whose pieces stand there."""
    starts: dict[float, list[float]] = {}
    ends: dict[float, list[float]] = {}  # right-aligned figures at line ends: the column is where they end
    figures: dict[float, int] = {}  # how many of a column's pieces are figures
    for group in lines:
        for x in segment_starts(group)[1:]:  # a line's own left edge is no column of a table
            starts.setdefault(round(x), []).append(group[0]["top"])
            first = min(group, key=lambda w: abs(w["x0"] - x))
            figures[round(x)] = figures.get(round(x), 0) + bool(FIGURE_WORD.fullmatch(first["text"]))
        if len(group) > 1 and FIGURE_WORD.fullmatch(group[-1]["text"]) and group[-1]["x0"] in segment_starts(group):
            ends.setdefault(round(group[-1]["x1"]), []).append(group[0]["top"])
    # (two figures one under the other make a column too: a table of two rows under its heading)
    columns = {x: tops for x, tops in starts.items() if len(tops) >= 3 or len(tops) == figures[x] == 2}
    right = {x: tops for x, tops in ends.items() if len(tops) >= 3}
    return columns, right


def with_column_starts(lines: list[list[dict]], ruled: dict[float, list[float]] | None = None) -> list[list[dict]]:
    """Given a page's lines of words (and where a ruled table's columns start), return them with a word
    marked as starting a new piece where it starts at a column three or more other lines' pieces start at, some
    of them close by: an answer set close after a long question ('... (in the period)? Most, but not all ...') is
    still the answer column's, and a heading over a ruled table's column starts where its cells do."""
    columns, right = column_positions(lines)
    for x, tops in (ruled or {}).items():
        columns.setdefault(x, []).extend(tops)
    if not columns and not right:
        return lines

    def within(top: float, tops: list[float]) -> bool:
        """Whether a line at this height has the column's pieces close to it."""
        return any(0 < abs(top - t) <= COLUMN_REACH for t in tops)

    def starts_piece(w: dict, top: float, last: bool) -> bool:
        """Whether a word begins a piece: at a column's start, or a figure ending where a column's figures end;
        the column then reaches this line too (a run of long labels goes on down the column)."""
        for x, tops in columns.items():
            if abs(w["x0"] - x) <= COLUMN_SLACK and within(top, tops):
                tops.append(top)
                return True
        for x, tops in right.items():
            if last and FIGURE_WORD.fullmatch(w["text"]) and abs(w["x1"] - x) <= COLUMN_SLACK and within(top, tops):
                tops.append(top)
                return True
        return False
    marked = []
    for group in lines:
        top = group[0]["top"]
        marked.append([group[0], *({**w, "column_start": True} if starts_piece(w, top, i == len(group) - 2) else w
                                   for i, w in enumerate(group[1:]))])
    return marked


def inside(word: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    """Given a word and table boxes, return whether the word's centre lies in any box."""
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return any(x0 - 1 <= x <= x1 + 1 and top - 1 <= y <= bottom + 1 for x0, top, x1, bottom in boxes)


def word_confidence(word: dict, ocr_words: list[OcrWord]) -> float | None:
    """Given a word of an OCR'd page and Tesseract's numeric words there, return its confidence (None: no digit)."""
    if not any(ch.isdigit() for ch in word["text"]):
        return None
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    near = [w.confidence for w in ocr_words
            if w.bbox[0] - 2 <= x <= w.bbox[2] + 2 and w.bbox[1] - 4 <= y <= w.bbox[3] + 4]
    # A number in the text layer that Tesseract's words do not account for is not one to trust.
    return min(near) if near else 0.0


def least(values: list[float | None], scanned: bool) -> float | None:
    """Given word confidences (None for words without digits), return the least for a scanned line or cell.

    On a scanned page a line or cell with no number gets 100 (nothing to doubt); elsewhere None (not OCR'd).
    """
    known = [v for v in values if v is not None]
    return min(known) if known else 100.0 if scanned else None


def cell_confidences(table: pdfplumber.table.Table, words: list[dict]) -> list[list[float | None]]:
    """Given a found table and the page's words with confidences, return each cell's least confidence."""
    return [[least([w["ocr_confidence"] for w in words if inside(w, [box])], True) if box else None
             for box in row.cells] for row in table.rows]


def inner_column_starts(inner: list[Line]) -> dict[float, list[float]]:
    """Given the lines of words inside a page's ruled tables, return where their pieces after the first start,
    with the heights of those lines: the tables' columns, for the heading lines above them."""
    starts: dict[float, list[float]] = {}
    for line in inner:
        for x in line.segment_x[1:]:
            starts.setdefault(round(x), []).append(line.top)
    return {x: tops for x, tops in starts.items() if len(tops) >= 2}


def words_to_page_lines(words: list[dict], number: int, scanned: bool,
                        ruled: dict[float, list[float]] | None = None) -> list[Line]:
    """Given a page's words (with their OCR confidences on a scan), its number and whether it is a scan (and where
    its ruled tables' columns start), return them as lines, each with its segments and where they start."""
    return [
        Line(" ".join(w["text"] for w in group), number, group[0]["top"], line_segments(group),
             least([w["ocr_confidence"] for w in group], scanned), segment_starts(group),
             tuple((w["text"], w["ocr_confidence"]) for w in group if w["ocr_confidence"] is not None))
        for group in (ocr_bullet_dropped(g) if scanned else text_bullet_named(g)
                      for g in with_column_starts(words_to_lines(words), ruled))
    ]


def page_to_parts(
    page: pdfplumber.page.Page, number: int, settings: dict | None = None, ocr_words: list[OcrWord] | None = None
) -> tuple[list[Line], list[Table]]:
    """Given one PDF page (and, for a scan, its rules and OCR words), return its running-text lines and tables."""
    found = page.find_tables(settings) if settings else [] if ocr_words is not None else page.find_tables()
    words = superscripts_joined(page.extract_words(x_tolerance=2, keep_blank_chars=False, extra_attrs=["size"]))
    for word in words:
        word["ocr_confidence"] = word_confidence(word, ocr_words) if ocr_words is not None else None
    tables = [
        Table(table_to_cells(t.extract(), number, i, cell_confidences(t, words) if ocr_words is not None else None),
              f"p{number} table{i}", number, t.bbox[1])
        for i, t in enumerate(found, 1)
    ]
    boxes = [t.bbox for t in found]
    inner = words_to_page_lines([w for w in words if inside(w, boxes)], number, ocr_words is not None) if boxes else []
    lines = words_to_page_lines([w for w in words if not inside(w, boxes)], number, ocr_words is not None,
                                inner_column_starts(inner))
    tables = single_bands_joined(tables, lines)
    tables, lines = stitch_row_tables([banded_to_columns(t, lines, inner) for t in tables], lines)
    tables = [with_header_above(t, lines) for t in tables]  # after stitching: row tables join first
    upper = [with_upper_heading(t, lines) for t in tables]
    tables, taken = [t for t, _ in upper], {id(line) for _, used in upper for line in used}
    lines = [line for line in lines if id(line) not in taken]
    tables, lines = with_heading_fragments(tables, found, lines)
    return without_header_lines(tables, lines), tables


def column_bounds(found: list[pdfplumber.table.Table], table: Table) -> list[tuple[float, float]]:
    """Given a page's ruled tables and one table made from them, return its columns' x ranges (from the ruled
    table at its top), or [] when none lines up."""
    near = [t for t in found if abs(t.bbox[1] - table.top) <= 60]
    for ruled in sorted(near, key=lambda t: abs(t.bbox[1] - table.top)):
        cells = ruled.rows[0].cells if ruled.rows else []
        if cells and all(cells):
            return [(c[0], c[2]) for c in cells]
    return []


def with_heading_fragments(tables: list[Table], found: list[pdfplumber.table.Table],
                           lines: list[Line]) -> tuple[list[Table], list[Line]]:
    """Given a page's tables, its ruled tables and its lines, return the tables with heading pieces left above
    them joined to their columns, and the lines without those pieces."""
    out, taken = [], set()
    for table in tables:
        bounds = column_bounds(found, table)
        table, pieces = with_fragments_above(table, bounds, lines) if bounds else (table, [])
        out.append(table)
        taken |= {id(line) for line in pieces}
    return out, [line for line in lines if id(line) not in taken]


def mostly_image(page: pdfplumber.page.Page, lines: list[Line], tables: list[Table]) -> bool:
    """Given a page and what was read from it, return whether it is a scanned image with at most a stamp of text."""
    words = sum(len(line.text.split()) for line in lines) + sum(len(row) for t in tables for row in t.rows)
    if words >= STAMP_WORDS or not page.images:
        return False
    covered = max(float(img["width"]) * float(img["height"]) for img in page.images)
    return covered >= SCAN_COVER * float(page.width) * float(page.height)


def scan_settings(scans: pdfium.PdfDocument | None, number: int, ocr: OcrResult | None) -> dict | None:
    """Given the OCR'd copy open in pypdfium2, return table settings from page number's rules if OCR made it."""
    if scans is None or ocr is None or number not in ocr.words:
        return None
    return table_settings(*page_rulings(scans[number - 1]))


def read_pdf(path: Path, ocr: OcrResult | None = None) -> Document:
    """Given a PDF (or the OCR'd copy that `ocr` describes), return its Document; scanned pages are listed."""
    document = Document()
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:
        described = f"{exc!r} {exc.__context__!r}".lower()
        if "password" in described or "encrypt" in described:
            raise ReadError("the PDF is password-protected: ask the council for an unprotected copy") from exc
        raise ReadError("the PDF could not be opened (it may be truncated or corrupt)") from exc
    scans = pdfium.PdfDocument(path) if ocr else None  # the OCR'd copy's page images, for their table rules
    try:
        with pdf:
            document.pages = len(pdf.pages)
            for number, page in enumerate(pdf.pages, 1):
                words = ocr.words[number] if ocr and number in ocr.words else None
                lines, tables = page_to_parts(page, number, scan_settings(scans, number, ocr), words)
                if mostly_image(page, lines, tables):
                    document.image_pages.append(number)
                document.lines.extend(lines)
                document.tables.extend(tables)
    finally:
        if scans is not None:
            scans.close()
    if document.pages == 0:
        raise ReadError("the PDF has no pages")
    return document


def read_pdf_with_ocr(path: Path, cache_dir: Path, sha256: str) -> Document:
    """Given a PDF and its hash, return its Document, read from an OCR'd copy when pages have no usable text.

    Without OCR installed the Document is `read_pdf`'s, its scanned pages listed in `image_pages`; when OCR
    fails the reason is added to `problems`.
    """
    document = read_pdf(path)
    pages, replace_text = pages_needing_ocr(document)
    if not pages or not ocr_available():
        return document
    try:
        result = ocr_pdf(path, cache_dir, sha256, pages, replace_text)
        ocred = read_pdf(result.path, result)
    except Exception as exc:  # OCR is a best effort: when it breaks, the file goes to review, not quarantine
        detail = str(exc) if isinstance(exc, OcrError | ReadError) else exc.__class__.__name__
        document.problems.append(f"OCR failed: {detail}")
        return document
    ocred.ocr_pages, ocred.ocr_seconds, ocred.ocr_cached = len(result.pages), result.seconds, result.cached
    return ocred
