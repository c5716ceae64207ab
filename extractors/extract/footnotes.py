"""A reply's numbered footnotes -> their marks taken off the figures they annotate.

'14(1)' over '(1) Excludes records still open' is 14 with a footnote, not the footnote's number and not section
14(1) of the Act; once the reply shows a footnote numbered (1), a '(1)' fixed to a figure is its mark.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.model import Cell, Document, Table

NUMBERED_NOTE = re.compile(r"^\s*([(\[]\d[)\]])\s+[A-Z]", re.M)  # '(1) Excludes records still open ...'


def marks_dropped(text: str, marks: set[str]) -> str:
    """Given text and footnote marks, return the text with each mark fixed to a figure taken out."""
    for mark in marks:
        text = re.sub(rf"(?<=\d){re.escape(mark)}", "", text)
    return text


def note_numbers_blanked(text: str) -> str:
    """Given text, return it with the number opening each numbered footnote blanked ('(1) Provisional ...')."""
    return NUMBERED_NOTE.sub(lambda m: m.group(0).replace(m.group(1), " ", 1), text)


def footnote_marks_dropped(text: str) -> str:
    """Given an answer with numbered footnotes under it, return it with their marks after figures taken out."""
    return marks_dropped(text, {m.group(1) for m in NUMBERED_NOTE.finditer(text)})


def document_marks_dropped(document: Document) -> Document:
    """Given a document, return it with the marks of its numbered footnotes taken off its figures, in its lines
    and its tables' cells."""
    marks = {m.group(1) for line in document.lines if (m := NUMBERED_NOTE.match(line.text))}
    if not marks:
        return document
    lines = [replace(line, text=marks_dropped(line.text, marks),
                     segments=tuple(marks_dropped(s, marks) for s in line.segments))
             if not NUMBERED_NOTE.match(line.text) else line for line in document.lines]
    tables = [Table([[Cell(marks_dropped(c.text, marks), c.locator, c.ocr_confidence) for c in row]
                     for row in t.rows], t.name, t.page, t.top) for t in document.tables]
    return replace(document, lines=lines, tables=tables)
