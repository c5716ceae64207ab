"""A scanned question block -> whether a part it leaves out is established as left out, not lost by OCR.

OCR may garble a line ('b. 223*' read as 'bs223*') or drop it; then a part missing from the answer is no evidence
that the reply skipped it. A block is read as whole when every answer line is one a reader recognises (a part's
marker, a group's name, a period, a note) and no gap between its lines, or before the line after it, is wide
enough to have held a lost line.
"""

from __future__ import annotations

import re

from extractors.extract.letters import Block
from extractors.extract.matching import GroupPhrases
from extractors.extract.parts import group_mentions

# a line a reader recognises: a part's marker ('(b) 355', 'A: a. 28'), a period ('2024-25 752'), a note ('(1) ...')
KNOWN_LINE = re.compile(r"^\s*(?:a\s*:\s*)?(?:\(?[a-h][.):]\s|(?:fy\s*)?(?:19|20)\d\d\b|[a-z]{3,9}\s+(?:19|20)\d\d\b|"
                        r"\(\d\)\s|[*\u2020\u2021]|notes?\b)", re.I)
LOST_LINE_GAP = 2.2  # a gap this many times the block's closest lines could hold a line OCR dropped


def lines_recognised(block: Block, phrases: GroupPhrases) -> bool:
    """Given a block and the survey's group phrases, return whether each of its answer lines opens in a way a
    reader knows, or names a group."""
    return all(KNOWN_LINE.match(ln.text) or group_mentions(ln.text, phrases)
               for ln in block.answer_lines if ln.text.strip())


def no_line_lost(block: Block) -> bool:
    """Given a block, return whether its lines (and the line after it) follow one another with no gap wide enough
    for a lost line."""
    page = block.heading.page
    tops = sorted(ln.top for ln in [block.heading, *block.question_lines, *block.answer_lines] if ln.page == page)
    if block.next_top is not None:
        tops.append(block.next_top)
    gaps = [b - a for a, b in zip(tops, tops[1:], strict=False) if b - a > 4]
    return len(gaps) >= 2 and max(gaps) <= LOST_LINE_GAP * min(gaps)


def scanned(block: Block) -> bool:
    """Given a block, return whether its page was read by OCR."""
    return block.heading.ocr_confidence is not None


def absence_unsure(block: Block, phrases: GroupPhrases) -> bool:
    """Given a block and the survey's group phrases, return whether a part it leaves out may have been lost by
    OCR: the block is on a scanned page and not whole (or runs over a page break, where lines are often lost)."""
    if not scanned(block):
        return False
    pages = {ln.page for ln in [block.heading, *block.question_lines, *block.answer_lines]}
    return len(pages) > 1 or not (lines_recognised(block, phrases) and no_line_lost(block))
