"""Word (.docx) -> Document: paragraphs as lines and tables as cells, read from the document's XML."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from extractors.model import Cell, Document, Line, ReadError, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def element_text(element: ElementTree.Element) -> str:
    """Given a paragraph or cell element, return its visible text (tabs and breaks as spaces)."""
    pieces = []
    for node in element.iter():
        if node.tag == f"{W}t" and node.text:
            pieces.append(node.text)
        elif node.tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            pieces.append(" ")
    return " ".join("".join(pieces).split())


def table_from_element(element: ElementTree.Element, index: int, position: float) -> Table:
    """Given a w:tbl element, return a Table with `table1 r2c3` locators."""
    rows = []
    for r, row in enumerate(element.findall(f"{W}tr"), 1):
        cells = [Cell(element_text(cell), f"table{index} r{r}c{c}") for c, cell in enumerate(row.findall(f"{W}tc"), 1)]
        rows.append(cells)
    return Table(rows, f"table{index}", page=1, top=position)


def read_word(path: Path) -> Document:
    """Given a .docx file, return its paragraphs and tables in reading order (one 'page': Word has no pages)."""
    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError) as exc:
        raise ReadError("the Word document is truncated or corrupt") from exc
    body = root.find(f"{W}body")
    document = Document(pages=1)
    if body is None:
        return document
    for position, child in enumerate(body):
        if child.tag == f"{W}p" and (text := element_text(child)):
            document.lines.append(Line(text, 1, float(position)))
        elif child.tag == f"{W}tbl":
            document.tables.append(table_from_element(child, len(document.tables) + 1, float(position)))
    if not document.lines and not document.tables:
        raise ReadError("the Word document has no text")
    return document
