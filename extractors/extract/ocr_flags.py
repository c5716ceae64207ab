"""Candidates read from OCR'd pages -> the same candidates, with numbers OCR may have misread sent to review.

OCR is where digits go wrong: a "1" read as "l" or "7", a lost digit in a table cell. A flagged answer costs a
reviewer a minute; a wrong published figure costs the story, so doubt goes to review.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.model import Candidate, Cell, Document, Line

OCR_THRESHOLD = 80.0  # confidence (0-100, after a second reading) below which a number is not published unseen
# Letters OCR puts for digits (l, I for 1; O, o for 0; S for 5; B for 8; Z for 2; G for 6) inside a number.
LOOKALIKE = re.compile(r"(?<![A-Za-z])(?=[\dlIOoSBZG,.]*\d)(?=[\dlIOoSBZG,.]*[lIOoSBZG])[\dlIOoSBZG][\dlIOoSBZG,.]*"
                       r"(?![A-Za-z])")
PAGE = re.compile(r"^p(\d+)$")


def flat(text: str) -> str:
    """Given text, return it with runs of white space made single spaces."""
    return " ".join(text.split())


def value_pattern(value: str) -> re.Pattern[str]:
    """Given a reported number, return a pattern for it as letters write it (thousands separators allowed)."""
    digits = r",?".join(re.escape(ch) for ch in value)
    return re.compile(rf"(?<![\d,.]){digits}(?![\d]|[,.]\d)")


def cells_by_locator(document: Document) -> dict[str, Cell]:
    """Given a document, return its table cells by locator."""
    return {cell.locator: cell for table in document.tables for row in table.rows for cell in row}


def holding(found: Candidate, lines: list[Line]) -> list[Line]:
    """Given a candidate and lines, return those its raw text came from (those showing its value, if any do)."""
    raw = [flat(part) for part in found.raw.splitlines() if part.strip()]
    held = [ln for ln in lines if any(flat(ln.text) in part or part in flat(ln.text) for part in raw)]
    pattern = value_pattern(found.value)
    if not held and found.value:  # a period's pieces of a line joined anew ('... 340 in FY 2023/24 .'): the
        # line showing the value with most of the answer's words
        words = set(re.findall(r"[a-z]{3,}", found.raw.lower()))
        held = [ln for ln in lines if pattern.search(ln.text) and words and
                len(words & set(re.findall(r"[a-z]{3,}", ln.text.lower()))) >= 0.6 * len(words)]
    return [ln for ln in held if pattern.search(ln.text)] or held


def source_lines(found: Candidate, document: Document) -> list[Line]:
    """Given a prose candidate (locator `pN`), return the lines its answer was read from.

    An answer that runs over a page break keeps the locator of the page it starts on, so other pages follow.
    """
    page = PAGE.match(found.locator)
    on_page = [ln for ln in document.lines if page and ln.page == int(page.group(1))]
    return holding(found, on_page) or holding(found, document.lines)


def source_confidence(found: Candidate, document: Document) -> tuple[float | None, str, bool]:
    """Given a candidate, return OCR's least confidence in the numbers where it was read, that text, and
    whether the source was found at all."""
    cell = cells_by_locator(document).get(found.locator)
    if cell is not None:
        return cell.ocr_confidence, cell.text, True
    lines = source_lines(found, document)
    if not lines:
        return None, found.raw, False
    known = [ln for ln in lines if ln.ocr_confidence is not None]
    if not known:
        return None, lines[0].text, True
    worst = min(known, key=lambda ln: value_confidence(ln, found.value))
    return value_confidence(worst, found.value), worst.text, True


def value_confidence(line: Line, value: str) -> float:
    """Given an OCR'd line and a value read from it, return OCR's least confidence in the words that show the
    value ('341' in '7a - 341'), or in every number of the line when no word shows it alone."""
    pattern = value_pattern(value)
    showing = [confidence for word, confidence in line.numbers if pattern.fullmatch(word.strip(".,;:()*¹²³"))]
    return min(showing) if showing else line.ocr_confidence or 0.0


def needs_digits(found: Candidate) -> bool:
    """Given a candidate, return whether its value is a number OCR may have read (counts, hours)."""
    return found.status == "reported" and found.value.isdigit()


def flagged(found: Candidate, confidence: float | None, text: str) -> Candidate:
    """Given a candidate and why OCR is doubted, return it as needs_review with the reason."""
    shown = "?" if confidence is None else f"{confidence:.0f}"
    return replace(found, status="needs_review", value="",
                   reason=f"OCR low confidence ({shown}) in '{flat(text)[:80]}'")


BARE_NOTE = re.compile(r"^\s*([1-9])\s+[A-Z][a-z]+\b.{12,}")  # '1 Figure taken from the case management system'
SHOWN_MARK = re.compile(r"[\u00b9\u00b2\u00b3]|[(\[]\d[)\]]")


def glued_note_marks(document: Document) -> set[str]:
    """Given an OCR'd document, return the numbers of its footnotes when no mark of theirs shows anywhere: a
    superscript mark read by OCR as one more digit of its figure ('524' and its note 1 read as '5241')."""
    numbers = [m.group(1) for ln in document.lines if ln.ocr_confidence is not None and (m := BARE_NOTE.match(ln.text))]
    if not numbers or sorted(numbers) != [str(n) for n in range(1, len(numbers) + 1)] or len(numbers) > 4:
        return set()  # (a run of numbered rows, '1 Does ...' to '10 On what ...', is no footnotes)
    shown = any(SHOWN_MARK.search(ln.text) for ln in document.lines) or \
        any(SHOWN_MARK.search(c.text) for t in document.tables for row in t.rows for c in row)
    return set() if shown else set(numbers)


def flag_one(found: Candidate, document: Document, threshold: float, marks: frozenset[str] = frozenset()) -> Candidate:
    """Given one candidate from an OCR'd document (and the footnote marks that may be glued to figures), return
    it flagged when OCR may have misread its number."""
    if not needs_digits(found):
        return found
    if len(found.value) >= 2 and found.value[-1] in marks and not re.search(  # ('72 hours' takes no mark)
            rf"{re.escape(found.value)}\s*(?:hours?|hrs?|days?|weeks?|months?|years?|%)", found.raw, re.I):
        return replace(found, status="needs_review", value="", reason=f"the figure {found.value} may end in "
                       f"footnote mark {found.value[-1]}, which OCR reads as one more digit")
    confidence, text, located = source_confidence(found, document)
    if not located:
        return flagged(found, None, text)  # cannot tell which OCR'd words it rests on: do not trust it unseen
    if confidence is None:
        return found  # read from a page with its own text layer, not from OCR
    if LOOKALIKE.search(text) or confidence < threshold:
        return flagged(found, confidence, text)
    return found


def flag_low_confidence(candidates: list[Candidate], document: Document,
                        threshold: float = OCR_THRESHOLD) -> list[Candidate]:
    """Given a document's candidates, return them with numbers OCR read doubtfully changed to needs_review."""
    if not document.ocr_pages:
        return candidates
    marks = frozenset(glued_note_marks(document))
    return [flag_one(found, document, threshold, marks) for found in candidates]
