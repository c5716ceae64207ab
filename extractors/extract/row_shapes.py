"""Text lines -> what each looks like in an unruled table: a figure, a row of figures, a row of headings.

Shared by the run finder (unruled.py) and the rules for runs of one row (short_runs.py).
"""

from __future__ import annotations

import re

from extractors.model import Line
from extractors.parse.counts import groups_together
from extractors.parse.values import parse_count


def figure_like(text: str) -> bool:
    """Given a segment, return whether it is a figure or a marker that stands in for one."""
    stripped = text.strip()
    if stripped in ("-", "–", "*", "c", "x", "n/a") or re.fullmatch(r"£\s?\d[\d,]*(?:\.\d+)?|\d+(?:\.\d+)?%", stripped):
        return True  # a sum of money or a share stands where a figure would
    parsed = parse_count(stripped)
    status = parsed.status
    if status in ("suppressed", "not_held", "refused") and len(stripped) <= 25:
        return True  # 'Not held', 'Exempt (s.12)' stand where a figure would
    if groups_together(stripped) and len(stripped) <= 45:
        return True  # '109 - total for both' stands in its column; the cell itself goes to review
    if status == "needs_review" and parsed.reason.startswith("approximate") and len(stripped) <= 20 or \
            re.fullmatch(r"(?:approx\w*\.?|about|around|roughly|c\.|circa)\s*£\s?\d[\d,.]*\s*(?:m|k|bn|million)?",
                         stripped, re.I):
        return True  # 'about 300' stands in its column; the cell itself goes to review
    return status == "reported" and any(ch.isdigit() for ch in stripped) or stripped.lower() in ("nil", "none", "zero")


def data_row(line: Line) -> bool:
    """Given a line, return whether it reads as a table row: a label then figures in separate columns."""
    return len(line.segments) >= 2 and figure_like(line.segments[-1]) and len(line.segment_x) == len(line.segments)


def header_row(line: Line) -> bool:
    """Given a line, return whether it could head table columns: several short segments, no sentence."""
    return len(line.segments) >= 2 and all(len(s) <= 40 for s in line.segments) and not data_row(line)
