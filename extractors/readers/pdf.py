"""PDF -> Document with pdfplumber: text lines (split into gap-separated segments) and ruled tables."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from extractors.model import Cell, Document, Line, ReadError, Table

LINE_TOLERANCE = 3.0  # points: words whose tops differ by less sit on one line


def table_to_cells(rows: list[list[str | None]], page: int, index: int) -> list[list[Cell]]:
    """Given pdfplumber's extracted rows, return cells with `p2 table1 r3c2` locators."""
    return [
        [Cell(" ".join((text or "").split()), f"p{page} table{index} r{r}c{c}") for c, text in enumerate(row, 1)]
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
        if word["x0"] - before["x1"] > 1.2 * size:
            segments.append([])
        segments[-1].append(word["text"])
    return tuple(" ".join(s) for s in segments)


def inside(word: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    """Given a word and table boxes, return whether the word's centre lies in any box."""
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return any(x0 - 1 <= x <= x1 + 1 and top - 1 <= y <= bottom + 1 for x0, top, x1, bottom in boxes)


def page_to_parts(page: pdfplumber.page.Page, number: int) -> tuple[list[Line], list[Table]]:
    """Given one PDF page, return its running-text lines (outside tables) and its tables."""
    found = page.find_tables()
    tables = [
        Table(table_to_cells(t.extract(), number, i), f"p{number} table{i}", number, t.bbox[1])
        for i, t in enumerate(found, 1)
    ]
    boxes = [t.bbox for t in found]
    words = [w for w in page.extract_words(x_tolerance=2, keep_blank_chars=False) if not inside(w, boxes)]
    lines = [
        Line(" ".join(w["text"] for w in group), number, group[0]["top"], line_segments(group))
        for group in words_to_lines(words)
    ]
    return lines, tables


def read_pdf(path: Path) -> Document:
    """Given a PDF, return its Document; pages with no text layer are listed for OCR."""
    document = Document()
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:
        described = f"{exc!r} {exc.__context__!r}".lower()
        if "password" in described or "encrypt" in described:
            raise ReadError("the PDF is password-protected: ask the council for an unprotected copy") from exc
        raise ReadError("the PDF could not be opened (it may be truncated or corrupt)") from exc
    with pdf:
        document.pages = len(pdf.pages)
        for number, page in enumerate(pdf.pages, 1):
            lines, tables = page_to_parts(page, number)
            if not lines and not tables and page.images:
                document.image_pages.append(number)
            document.lines.extend(lines)
            document.tables.extend(tables)
    if document.pages == 0:
        raise ReadError("the PDF has no pages")
    return document
