"""Unruled table lines -> the pieces of a row label wrapped over several lines above and below the row's figures.

A narrow label column wraps a long label ('Q5 staff' / 'placed on' / '122 110 86' / 'leave in the' /
'year'), set in the middle of its row: the pieces stand at the label column, each close under the last, and
a table row is reached within a few of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractors.model import Line

STEP = 22.0  # points: the most between two lines of one wrapped label
REACH = 4  # lines: the most a piece stands from its row
NEW_LABEL = re.compile(r"\s*[A-Z][a-z]")  # 'Staff trained' starts a label; 'on leave', 'FTE' carry one on
NUMBERED = re.compile(r"\s*(?:q(?:uestion)?\s*\d|\d{1,2}[.)](?:\s|$))", re.I)


def label_line(line: Line) -> bool:
    """Given a line, return whether it could be one piece of a wrapped row label: one short piece of words, not a
    sentence and not a figure."""
    text = line.text.strip()
    return len(line.segments) == 1 and bool(line.segment_x) and 0 < len(text) <= 30 and \
        not text.endswith((".", ":")) and re.search(r"[A-Za-z]{2}", text) is not None and \
        not re.fullmatch(r"[\d,.\s%\u00a3*<>()-]+", text)


def label_block_piece(lines: list[Line], i: int, is_row: Callable[[Line], bool]) -> bool:
    """Given lines, an index and the test for a table row, return whether the line is a piece of a row label
    wrapped round its row: label lines at one x lead from it to a row within a few lines, the row's figures to
    the right of the pieces or its own label piece at their x."""
    line = lines[i]
    if not label_line(line):
        return False
    x = line.segment_x[0]
    for step in (1, -1):
        if step < 0 and (NUMBERED.match(line.text) or NEW_LABEL.match(line.text)):
            break  # a question number or a capital starts a row's label: it leads down to its row, never back up
        j, last = i + step, line
        while 0 <= j < len(lines) and abs(j - i) <= REACH and lines[j].page == line.page and \
                abs(lines[j].top - last.top) <= STEP:
            other = lines[j]
            if is_row(other) and other.segment_x:
                # (a row below that opens its own label, 'Q8 visits made 70 84', is not this piece's row: the piece
                # may carry on the row above, or be a row of its own)
                if step > 0 and abs(other.segment_x[0] - x) <= 8 and (NUMBERED.match(other.text) or
                                                                      NEW_LABEL.match(other.text)):
                    break
                return x < other.segment_x[0] - 30 or abs(other.segment_x[0] - x) <= 8
            if not label_line(other) or abs(other.segment_x[0] - x) > 8 or NUMBERED.match(other.text) or \
                    step < 0 and NEW_LABEL.match(other.text):
                break
            last, j = other, j + step
    return False
