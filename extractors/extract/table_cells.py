"""Small tests on a table's cells and columns: question numbers down a column, section numbers, question text."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from extractors.model import Cell


def question_words(text: str, asked: list[str]) -> bool:
    """Given a cell and the survey's question texts, return whether the cell is a piece of one of them."""
    flat = " ".join(text.lower().split())
    # long enough that an answer echoing the question ("within 72 hours of the return") is not mistaken for one
    # ('35% of interviews offered ...' opens with its figure: an answer in the question's words)
    return len(flat) >= 45 and not re.match(r"[<>~\u00a3]?\d", flat) and any(fuzz.partial_ratio(flat, q) >= 95
                                                                           for q in asked)


def without_sections(text: str) -> str:
    """Given a cell, return it without the Act's section numbers ('section 12', 's.40(2)')."""
    return re.sub(r"\b(?:section|s\.?)\s*\d+(?:\(\d\))?", " ", text, flags=re.I)


def numbering_columns(rows: list[list[Cell]], span: tuple[int, int] | None, columns: list[int]) -> set[int]:
    """Given rows, return the label columns that number the rows 1, 2, 3 ... under a blank heading: question numbers."""
    body = rows[span[1] + 1:] if span is not None else rows
    found = set()
    for c in range(min((len(r) for r in body), default=0)):
        cells = [r[c].text.strip() for r in body if r[c].text.strip()]
        if c in columns or len(cells) < 3 or not all(re.fullmatch(r"\d{1,2}", t) for t in cells):
            continue
        numbers = [int(t) for t in cells]
        # 1, 2, 3 (a question left out may skip one); a return's line numbers (10, 15, 16) are not questions
        if numbers[0] == 1 and all(0 < b - a <= 2 for a, b in zip(numbers, numbers[1:], strict=False)):
            found.add(c)
    return found
