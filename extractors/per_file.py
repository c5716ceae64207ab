"""One received file -> FileResult: read, identified, answers extracted; or set aside with a plain reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from extractors.extract.answers import document_to_found
from extractors.extract.joint import document_for_council
from extractors.extract.ocr_flags import flag_low_confidence
from extractors.extract.unruled import with_layout_tables
from extractors.identify.register import Register
from extractors.identify.sender import identify_file
from extractors.identify.tracker import TrackerRow
from extractors.ingest.containers import CONTAINER_KINDS
from extractors.ingest.inventory import InventoryItem
from extractors.limits import Limits
from extractors.model import Candidate, Document, ReadError
from extractors.parse.dates import text_to_date
from extractors.read import file_to_document
from extractors.survey import Survey

# Bump when reading or extraction changes what a file yields, so cached results are recomputed.
EXTRACTOR_VERSION = "2026.12.05-225"

CORRECTION = re.compile(
    r"\b(?:replaces?|supersedes?|in place of|correct(?:s|ed|ion)? (?:to |of )?(?:our|the) (?:earlier|previous|original)"
    r"|(?:amended|revised|corrected) (?:response|reply|figures|version))\b",
    re.I,
)
DATE_LINE = re.compile(r"^\s*(?:date(?:d)?|date of response|response date)\s*[:\-]?\s*(.+)$", re.I | re.M)


@dataclass
class FileResult:
    """One row per file received: who it is about, what it says, and what became of it."""

    item: InventoryItem
    state: str = "loaded"
    reason: str = ""
    codes: tuple[str, ...] = ()
    identified_by: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    addressed: set[str] = field(default_factory=set)
    unplaced: int = 0  # figures in the reply that no question took: absence of an answer is then not established
    reply_date: str = ""
    corrects_earlier: bool = False
    pages: int = 0
    snippets: dict[str, str] = field(default_factory=dict)
    ocr_pages: int = 0  # pages whose text OCR made (this run or, from the OCR cache, an earlier one)
    ocr_seconds: float = 0.0  # seconds OCR took in this run: 0 when the OCR cache had the file
    by_council: dict[str, list[Candidate]] = field(default_factory=dict)  # a joint reply's answers, per council


def letter_date(document: Document) -> str:
    """Given a document, return the ISO date written on its 'Date:' line, or ''."""
    match = DATE_LINE.search(document.first_page_text())
    found = text_to_date(match.group(1)) if match else None
    return found.isoformat() if found else ""


def identification_text(document: Document) -> str:
    """Given a document, return the text identification reads: its lines, or its table cells."""
    if document.lines:
        return document.text
    return "\n".join(" | ".join(c.text for c in row) for t in document.tables for row in t.rows)


def tracker_reply_date(codes: tuple[str, ...], tracker: list[TrackerRow]) -> str:
    """Given council codes, return the reply date the request log gives for the first of them."""
    for row in tracker:
        if row.council_code in codes and row.replied:
            return row.replied.isoformat()
    return ""


def scanned_reason(document: Document) -> str:
    """Given a document whose every page is an image without text, return why it goes to review."""
    failed = next((p for p in document.problems if p.startswith("OCR failed")), "")
    if failed:
        return f"scanned, {failed}"
    if document.ocr_pages:
        return "scanned, OCR found no text on any page"
    return "scanned, OCR unavailable: the PDF has no text layer"


def set_aside(result: FileResult, reason: str, tracker: list[TrackerRow], register: Register,
              surveyed: set[str], state: str = "quarantined") -> FileResult:
    """Given a file that cannot be read and why, return it set aside, with the council judged from its name."""
    result.state, result.reason = state, reason
    # Who sent it still matters (their reply counts as received): judge from the file name and request log.
    who = identify_file(Path(result.item.source_file).name, "", tracker, register, surveyed)
    result.codes, result.identified_by = tuple(who.codes), who.method
    result.reply_date = tracker_reply_date(result.codes, tracker)
    return result


def file_to_result(
    item: InventoryItem, stored: Path, survey: Survey, tracker: list[TrackerRow], register: Register,
    surveyed: set[str], *, ocr_cache: Path | None = None, limits: Limits | None = None,
) -> FileResult:
    """Given one stored file, return what it says and which council it speaks for.

    With `ocr_cache` (the survey's `.foi/ocr/`), scanned PDFs are read through OCR and numbers OCR read with
    low confidence go to review; without it, scanned PDFs go to review unread.
    """
    result = FileResult(item)
    try:
        if item.problem:  # a refused link, a pipe, a bomb's member: listed, never opened
            raise ReadError(item.problem)
        document = file_to_document(stored, item.kind, ocr_cache, item.sha256, limits)
    except ReadError as exc:
        return set_aside(result, str(exc), tracker, register, surveyed)
    result.pages, result.ocr_pages, result.ocr_seconds = document.pages, document.ocr_pages, document.ocr_seconds
    text = identification_text(document)
    who = identify_file(Path(item.source_file).name, text, tracker, register, surveyed)
    result.codes, result.identified_by = tuple(who.codes), who.method
    if document.image_pages and len(document.image_pages) == document.pages:
        # Said before "not identified": a scan cannot be identified from text it does not have.
        result.state, result.reason = "needs_review", scanned_reason(document)
        return result
    found = document_to_found(document, survey)
    if not who.codes:  # read anyway: a companion file named after an identified one may still be placed
        result.state, result.reason, result.candidates = "needs_review", who.reason, found.candidates
        result.addressed, result.unplaced = found.addressed | {c.key for c in found.candidates}, found.unplaced
        return result
    result.candidates = flag_low_confidence(found.candidates, document)
    result.addressed = found.addressed | {c.key for c in result.candidates}
    result.unplaced = found.unplaced
    if len(result.codes) > 1:
        split_joint_reply(result, document, survey, register)
    result.reply_date = letter_date(document) or tracker_reply_date(result.codes, tracker)
    result.corrects_earlier = bool(CORRECTION.search(" ".join(document.first_page_text().split())))
    result.snippets = {c.key: c.raw[:200] for c in result.candidates}
    if not result.candidates:
        result.state, result.reason = "needs_review", "no answers to the survey's questions were found in the file"
    return result


NUMERIC_TYPES_TABLE = re.compile(r"table|layout|![A-Z]+\d|^[A-Z]{1,3}\d+$")


def columns_per_council(document: Document, councils: list) -> bool:
    """Given a joint reply and its councils, return whether a table row names two of them (a column each)."""
    names = [{n for n in (c.nice_name.lower(), c.name.lower()) if n} for c in councils]
    # a heading line over the table naming two of them ('Dorset: full-time  Derbyshire: full-time'), or a table row
    if any(sum(any(n in line.text.lower() for n in group) for group in names) >= 2 and len(line.segments) >= 2
           for line in document.lines):
        return True
    for table in document.tables:
        for row in table.rows[:6]:
            # two cells of one row, each naming a different council: the councils' columns
            naming = [{i for i, group in enumerate(names) if any(n in cell.text.lower() for n in group)}
                      for cell in row]
            if len({next(iter(found)) for found in naming if len(found) == 1}) >= 2:
                return True
    return False


def split_joint_reply(result: FileResult, document: Document, survey: Survey, register: Register) -> None:
    """Given a reply for several councils, give each council the answers of its own columns; figures of tables
    whose columns are not told apart by council go to review."""
    councils = {code: register.by_code(code) for code in result.codes}
    if columns_per_council(document, list(councils.values())):
        result.by_council = council_candidates(document, survey, councils)
        result.candidates = joint_table_figures_to_review(result.candidates)


def council_candidates(document: Document, survey: Survey, councils: dict) -> dict[str, list[Candidate]]:
    """Given a joint reply and its councils by code, return each council's answers read from its own columns;
    none at all when some council has no column headed with its name (its figures cannot be told apart)."""
    laid = with_layout_tables(document)
    names = {code: [n for n in (c.nice_name.lower(), c.name.lower()) if n] for code, c in councils.items()}
    found = {}
    for code, own in names.items():
        view = document_for_council(laid, own, [n for other, n in names.items() if other != code])
        if view is None:
            return {}
        found[code] = flag_low_confidence(document_to_found(view, survey).candidates, document)
    return found


def joint_table_figures_to_review(candidates: list[Candidate]) -> list[Candidate]:
    """Given what a reply for several councils gives, return it with figures read from table cells sent to review:
    a joint reply's tables give each council its own columns, which are not told apart yet."""
    return [replace(c, status="needs_review", value="", confidence=0.4,
                    reason="a reply for several councils: this figure's table may give each council its own column")
            if c.status == "reported" and re.search(r"\d", c.value) and NUMERIC_TYPES_TABLE.search(c.locator) else c
            for c in candidates]


def container_result(item: InventoryItem, inventory: list[InventoryItem]) -> FileResult:
    """Given an archive or e-mail, return its result: loaded when it held files, quarantined (with why) if not."""
    members = [i for i in inventory if i.parent == item.source_file]
    if item.problem:
        return FileResult(item, state="quarantined", reason=item.problem)
    if not members:
        what = {"zip": "archive", "tnef": "winmail.dat"}.get(item.kind, "e-mail")
        return FileResult(item, state="quarantined", reason=f"the {what} holds no attached files to read")
    if all(m.problem for m in members):
        name, why = members[0].source_file.rsplit("/", 1)[-1], members[0].problem
        return FileResult(item, state="quarantined", reason=f"nothing inside could be taken out: {name} is {why}")
    return FileResult(item, state="loaded", reason=f"unpacked: {len(members)} file(s) inside, listed separately")


def with_container_codes(results: list[FileResult]) -> list[FileResult]:
    """Given all results, return them with each container given the councils its members speak for."""
    by_parent: dict[str, set[str]] = {}
    for result in results:
        if result.item.parent:
            by_parent.setdefault(result.item.parent, set()).update(result.codes)
    filled = []
    for result in results:
        if result.item.kind in CONTAINER_KINDS and not result.codes:
            codes = tuple(sorted(by_parent.get(result.item.source_file, ())))
            result = replace(result, codes=codes, identified_by="members" if codes else "")
        filled.append(result)
    return filled


def companion_of(result: FileResult, identified: list[FileResult]) -> FileResult | None:
    """Given an unidentified file and the identified ones, return the one it is named after ('Reply 412.pdf' for
    'Reply 412 figures.csv', in the same folder), when exactly one is the longest such name."""
    path = PurePosixPath(result.item.source_file)
    matches = []
    for other in identified:
        stem, there = PurePosixPath(other.item.source_file).stem, PurePosixPath(other.item.source_file).parent
        rest = path.stem[len(stem):]
        if there == path.parent and path.stem.startswith(stem) and re.match(r"^[\s_-]+\(?[A-Za-z]", rest):
            matches.append((len(stem), other))
    best = [m for m in matches if m[0] == max((n for n, _ in matches), default=0)]
    return best[0][1] if len(best) == 1 else None


def with_companion_codes(results: list[FileResult]) -> list[FileResult]:
    """Given all results, return them with files that name no council given the council of the file they are
    named after, so an attachment sent with a letter is read with it."""
    identified = [r for r in results if r.codes and r.state == "loaded" and not r.item.parent]
    filled = []
    for result in results:
        letter = None if result.codes or result.state != "needs_review" else companion_of(result, identified)
        if letter is not None:
            name = PurePosixPath(letter.item.source_file).name
            state, reason = ("loaded", "") if result.candidates else (
                "needs_review", "no answers to the survey's questions were found in the file")
            result = replace(result, codes=letter.codes, identified_by="companion_file", state=state,
                             reason=reason or f"sent with {name}", reply_date=result.reply_date or letter.reply_date)
        filled.append(result)
    return filled
