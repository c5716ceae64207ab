"""The shapes data takes on its way through: one Document model for every readable format, and answers."""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas.vocabulary import STATUSES  # noqa: F401  (re-exported: statuses an answer may take)


class ReadError(Exception):
    """A file could not be read; the message is a plain reason a researcher understands."""


@dataclass(frozen=True)
class Cell:
    """One cell of a table: its text and where a person finds it (`p2 table1 r3c2` or `Sheet1!C7`)."""

    text: str
    locator: str
    ocr_confidence: float | None = None  # scans only: Tesseract's least confidence (0-100) in a number here


@dataclass
class Table:
    """A grid of cells as the source laid it out; rows may be ragged.

    `page` is 1-based for PDFs (0 for sheets and CSV files); `top` is the table's vertical position on the
    page so that a table can be placed among the letter's lines.
    """

    rows: list[list[Cell]]
    name: str
    page: int = 0
    top: float = 0.0


@dataclass(frozen=True)
class Line:
    """One line of running text, with its page and position."""

    text: str
    page: int
    top: float
    segments: tuple[str, ...] = ()
    ocr_confidence: float | None = None  # scans only: Tesseract's least confidence (0-100) in a number here
    segment_x: tuple[float, ...] = ()  # where each segment starts across the page, to line up unruled columns
    numbers: tuple[tuple[str, float], ...] = ()  # scans only: each word with a digit and OCR's confidence in it
    cell: str = ""  # a line read from a sheet's cell ('Cover!A5'): where a person finds it there

    @property
    def locator(self) -> str:
        """Given a line, return where a person finds it."""
        return self.cell or f"p{self.page}"


@dataclass
class Document:
    """What a reader makes of one file: text lines and tables, each with a locator.

    `image_pages` lists pages with no text layer (still there after OCR only if OCR found no text on them);
    `problems` lists reasons the reader could not do its job. For a PDF read through OCR, `ocr_pages` counts
    the pages whose text OCR made, `ocr_seconds` is the time OCR took in this run (0 when the cache had it).
    """

    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    pages: int = 0
    kind: str = ""
    image_pages: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    ocr_pages: int = 0
    ocr_seconds: float = 0.0
    ocr_cached: bool = False

    @property
    def text(self) -> str:
        """Given a document, return its running text, one line per line."""
        return "\n".join(line.text for line in self.lines)

    def first_page_text(self) -> str:
        """Given a document, return the text of its first page (where the letterhead is)."""
        if not self.lines:
            return "\n".join(c.text for t in self.tables[:1] for row in t.rows[:5] for c in row)
        first = self.lines[0].page
        return "\n".join(line.text for line in self.lines if line.page == first)


@dataclass(frozen=True)
class Parsed:
    """What one piece of answer text means: a value and status, with why and how sure."""

    status: str
    value: str = ""
    reason: str = ""
    confidence: float = 1.0
    detail: str = ""  # e.g. a commissioned provider's name


@dataclass(frozen=True)
class Candidate:
    """One answer found in a file for one answer key, before files are merged."""

    key: str
    status: str
    value: str
    raw: str
    locator: str
    method: str
    confidence: float
    reason: str = ""
    detail: str = ""
