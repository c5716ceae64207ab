"""A letter's lines -> the ones that are page furniture: headers, footers and footnotes at a page's edge.

A header or footer repeats at the same edge of two or more pages, at one height; a footnote ('1 Includes ...')
stands at a page's foot. Neither is part of an answer, though an answer may run over the page break around them.
"""

from __future__ import annotations

import re

from extractors.model import Line


def edge_lines(lines: list[Line], edge: int = 2) -> dict[int, list[tuple[str, Line]]]:
    """Given a document's lines, return each page's top and foot lines tagged 'top' or 'foot'."""
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    return {page: [("top", ln) for ln in found[:edge]] + [("foot", ln) for ln in found[-edge:]]
            for page, found in by_page.items()}


ANSWER_LIKE = re.compile(r"^\s*\(?[a-h][.)]\s|(?:[:=]|\s[-\u2013])\s*\u00a3?\d[\d,.]*\s*$")  # ('2025/26 - 252' too)


def furniture_lines(lines: list[Line]) -> set[int]:
    """Given a document's lines, return the ids of header and footer lines: the same shape, same edge, 2+ pages."""
    edges = edge_lines(lines)
    if len(edges) < 2:
        return set()
    places: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for page, tagged in edges.items():
        for where, line in tagged:
            if not ANSWER_LIKE.search(line.text):  # '(a) CiC: 54' ending two pages is an answer each time
                places.setdefault((where, line_shape(line)), []).append((page, line.top))
    # (a header or footer stands at one height on every page; a group's label that happens to open two pages
    # does not)
    repeated = {key for key, found in places.items() if len({p for p, _ in found}) >= 2 and
                max(t for _, t in found) - min(t for _, t in found) <= 12}
    return {id(line) for tagged in edges.values() for where, line in tagged if (where, line_shape(line)) in repeated}


def line_shape(line: Line) -> str:
    """Given a line, return it with digits masked, so 'Page 1' and 'Page 2' share a shape."""
    return re.sub(r"\d+", "#", line.text.strip().lower())


FOOTNOTE = re.compile(r"^\s*(?:[¹²³⁴⁵⁶⁷⁸⁹*†‡]|\d{1,2})\s*[A-Z][a-z]+\b[^\d]*$")


def footnote_lines(lines: list[Line]) -> set[int]:
    """Given a document's lines, return the ids of footnotes at the foot of a page ('1 Includes late records ...').

    A footnote can fall inside an answer that runs over a page break; its marker is not one of the figures.
    """
    found = set()
    for tagged in edge_lines(lines, 3).values():
        found |= {id(line) for where, line in tagged if where == "foot" and FOOTNOTE.match(line.text)}
    return found
