"""An answer's figures -> whether their order alone says which part of the question each answers.

'51 / 71' under a question asked for two groups gives them in the question's order; a row of a table laid out in
columns, or figures beside words naming no group of the survey, do not.
"""

from __future__ import annotations

import re

from extractors.extract.letters import Block
from extractors.extract.matching import YEAR_SPAN


def bare_figures(text: str, found: list) -> bool:
    """Given an answer and its figures, return whether it is nothing but them (periods and 'and' aside): only then
    does their order say which part is which ('Single people: 156 (13 still open)' names no part of the survey)."""
    rest = text
    for token in sorted(found, key=lambda t: -t.start):
        rest = f"{rest[:token.start]} {rest[token.end:]}"
    rest = YEAR_SPAN.sub(" ", rest)
    # (one figure not exact, 'about 350; 282', leaves the order of the others in doubt too)
    words = re.findall(r"[A-Za-z]{2,}", rest)
    return all(t.parsed.status == "reported" for t in found) and "(" not in rest and \
        all(w.lower() in ("and", "fy") for w in words)


def tabular(block: Block) -> bool:
    """Given a block, return whether its answer lines are table rows laid out in columns: their order of figures
    follows column headings the letter does not repeat, so it says nothing about which part is which."""
    return any(len(line.segments) >= 2 for line in block.answer_lines) or len(block.heading.segments) >= 3
