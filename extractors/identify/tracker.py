"""The request log (tracker.csv): who was asked, with what reference, and when they were due to reply.

Researchers keep this file by hand, so its column names, encoding, delimiter and date formats vary; the
reader maps all of them to one shape and reports what it could not read in plain English.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import holidays
import openpyxl

from extractors import crosswalk
from extractors.identify.register import Register
from extractors.parse.dates import parse_date_text
from extractors.read.delimited import bytes_to_text, sniff_delimiter

FOI_WORKING_DAYS = 20
WEEKDAYS = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+"


@dataclass(frozen=True)
class TrackerRow:
    """One row per council asked, as logged in the request log (dates as written, parsed)."""

    council_name: str  # as the researcher wrote it
    council_code: str  # GSS code of a surveyed council, or "" when it could not be matched (see match_note)
    reference: str
    sent: dt.date | None
    due: dt.date | None  # as logged; see expected_due() for the statutory date
    replied: dt.date | None
    status_logged: str
    notes: str
    row_number: int  # spreadsheet row: the header is row 1, so the first council is row 2
    match_note: str = ""  # how the council name was matched, or why it was not


def header_key(text: str) -> str:
    """Given a column heading, return it lower-cased with punctuation and spacing tidied for lookup."""
    text = text.replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s_\-.:/()#]+", " ", text).strip()


@lru_cache(maxsize=1)
def column_variants() -> dict[str, str]:
    """Given the crosswalk file, return tidied column heading -> canonical column."""
    return {header_key(r["variant"]): r["canonical"] for r in crosswalk.rows("tracker_columns.csv")}


def column_for(heading: str, variants: dict[str, str]) -> str | None:
    """Given a tidied heading, return its canonical column: an exact variant, else the longest inside it."""
    if heading in variants:
        return variants[heading]
    # "Date sent (dd/mm/yyyy)" is still the sent column; two-letter variants such as "la" are too loose.
    inside = [v for v in variants if len(v) > 2 and re.search(rf"(?<!\w){re.escape(v)}(?!\w)", heading)]
    return variants[max(inside, key=len)] if inside else None


def map_columns(headers: list[str], name: str) -> tuple[dict[str, int], list[str]]:
    """Given a tracker's headings, return canonical column -> position and problems with the headings."""
    variants = column_variants()
    mapping: dict[str, int] = {}
    problems: list[str] = []
    for position, heading in enumerate(headers):
        canonical = column_for(header_key(heading), variants)
        if canonical and canonical in mapping:
            problems.append(f"{name}: columns '{headers[mapping[canonical]]}' and '{heading}' both look like "
                            f"the {canonical} column; using the first.")
        elif canonical:
            mapping[canonical] = position
    if "council" not in mapping:
        known = sorted(k for k, v in variants.items() if v == "council")
        problems.append(f"{name}: no council column found (headings: {', '.join(headers)}); "
                        f"name it one of: {', '.join(known)}.")
    return mapping, problems


def parse_date(text: str) -> dt.date | None:
    """Given a date as researchers write it (UK day-first), return it; None if blank; ValueError if unread."""
    raw = text.strip()
    value = re.sub(r"^" + WEEKDAYS, "", raw.lower()).strip()
    value = re.sub(r"\s+\d{1,2}:\d{2}(:\d{2})?(\.\d+)?$", "", value)  # a time of day adds nothing
    if not value or value in {"-", "n/a", "na", "none", "tbc", "pending"}:
        return None
    if (m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})", value)) and int(m[2]) > 12 >= int(m[1]):
        raise ValueError(f"'{raw}' looks month-first (US style); write it day-first, e.g. 04/05/2026")
    if re.fullmatch(r"\d{5}(\.0+)?", value) and 36526 <= float(value) <= 73051:
        # A spreadsheet serial number that leaked through a CSV export (days since 30 Dec 1899).
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(float(value)))
    found = parse_date_text(value)
    if found is None:
        raise ValueError(f"'{raw}' is not a date this reader understands (use e.g. 04/05/2026 or 4 May 2026)")
    return found


def read_date(cells: list[str], mapping: dict[str, int], column: str, where: str,
              problems: list[str]) -> dt.date | None:
    """Given a row's cells and a date column, return the parsed date, adding a problem if it is unreadable."""
    text = cell(cells, mapping, column)
    try:
        return parse_date(text)
    except ValueError as exc:
        problems.append(f"{where}: {column} date {exc}.")
        return None


def cell(cells: list[str], mapping: dict[str, int], column: str) -> str:
    """Given a row's cells, return the stripped text of a canonical column, or "" if absent."""
    position = mapping.get(column)
    return cells[position].strip() if position is not None and position < len(cells) else ""


def match_council(name: str, register: Register, surveyed_codes: set[str]) -> tuple[str, str]:
    """Given a council name as logged, return its surveyed GSS code (or "") and how it matched or why not."""
    found = register.match(name)
    if not found.codes:
        closest = ", ".join(f"{_label(register, c)} ({s:.0f})" for c, s in found.candidates[:3])
        why = "could be more than one council" if found.method == "ambiguous" else "not recognised"
        return "", f"council '{name}' {why}" + (f"; closest: {closest}" if closest else "")
    current = register.current_keys(found.codes)
    wanted = {c for c in current if not surveyed_codes or c in surveyed_codes}
    notes = [register.resolve(c)[1] for c in found.codes if not register.by_code(c).current]
    if len(wanted) != 1:
        names = " and ".join(_label(register, c) for c in sorted(current)) or "no current council"
        detail = "; ".join(n for n in notes if n) or f"'{name}' is {names}, not one of the surveyed councils"
        return "", f"council '{name}' cannot be placed: {detail}"
    code = wanted.pop()
    note = next((n for n in notes if n), "") if not (set(found.codes) & current) else ""
    if found.method == "fuzzy":
        official = register.by_code(code).name
        note = f"'{name}' read as {official} by approximate spelling ({found.score:.0f}); check"
    return code, note


def _label(register: Register, code_list: str) -> str:
    """Given one or more comma-separated council keys, return their names for a message."""
    return " / ".join(register.by_code(c).nice_name for c in code_list.split(","))


def read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """Given a tracker file (delimited text in any encoding, or a workbook), return its non-blank rows."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheet = book.worksheets[0].iter_rows(values_only=True)
        raw = [["" if v is None else str(v) for v in r] for r in sheet]
        book.close()
    else:
        text = bytes_to_text(path.read_bytes())
        raw = list(csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text)))
    return [(n, r) for n, r in enumerate(raw, start=1) if any(c.strip() for c in r)]


def find_header(rows: list[tuple[int, list[str]]], name: str) -> tuple[int, dict[str, int], list[str]]:
    """Given a tracker's rows, return where its heading row is, its column mapping and heading problems."""
    # A title line above the headings ("Survey log 2026") is common; the headings name a council column.
    for position, (_, cells) in enumerate(rows[:10]):
        mapping, problems = map_columns(cells, name)
        if "council" in mapping:
            return position, mapping, problems
    return 0, *map_columns(rows[0][1], name)


def read_tracker(path: Path, register: Register,
                 surveyed_codes: set[str]) -> tuple[list[TrackerRow], list[str]]:
    """Given a tracker file, return one TrackerRow per council logged and plain-English problems found."""
    path = Path(path)
    raw_rows = read_rows(path)
    if not raw_rows:
        return [], [f"{path.name} is empty."]
    start, mapping, problems = find_header(raw_rows, path.name)
    if "council" not in mapping:
        return [], problems
    rows = []
    for number, cells in raw_rows[start + 1:]:
        council = cell(cells, mapping, "council")
        where = f"{path.name} row {number}"
        if not council:
            problems.append(f"{where}: no council name; row skipped.")
            continue
        code, note = match_council(council, register, surveyed_codes)
        if note:
            problems.append(f"{where}: {note}.")
        dates = {c: read_date(cells, mapping, c, where, problems) for c in ("sent", "due", "replied")}
        text = {c: cell(cells, mapping, c) for c in ("reference", "status", "notes")}
        rows.append(TrackerRow(council, code, text["reference"], dates["sent"], dates["due"],
                               dates["replied"], text["status"], text["notes"], number, note))
    return rows, problems + duplicate_problems(rows, path.name)


def duplicate_problems(rows: list[TrackerRow], name: str) -> list[str]:
    """Given tracker rows, return a problem for each council or reference logged on more than one row."""
    problems = []
    for field in ("council_code", "reference"):
        seen: dict[str, list[int]] = defaultdict(list)
        for row in rows:
            value = getattr(row, field)
            if value:
                seen[value].append(row.row_number)
        for value, numbers in seen.items():
            if len(numbers) > 1:
                what = "council" if field == "council_code" else "reference"
                listed = ", ".join(str(n) for n in numbers)
                problems.append(f"{name} rows {listed}: the same {what} ({value}) is on more than one row.")
    return problems


def is_year(run: str) -> bool:
    """Given a run of digits, return whether it reads as a year (references often carry one)."""
    return len(run) == 4 and 1990 <= int(run) <= 2039


def significant_run(reference: str) -> str:
    """Given a reference, return the digit run that identifies it: its longest 4+ digit non-year run."""
    runs = [r for r in re.findall(r"\d+", reference) if len(r) >= 4]
    pool = [r for r in runs if not is_year(r)] or runs
    return max(pool, key=len) if pool else ""


def rows_for_reference(found: str, tracker: list[TrackerRow]) -> list[TrackerRow]:
    """Given a reference found in a file, return the tracker rows whose reference it matches."""
    runs = set(re.findall(r"\d+", found))
    compact = re.sub(r"[^A-Z0-9]", "", found.upper())
    hits = []
    for row in tracker:
        key = significant_run(row.reference)
        # Whole digit runs only: "0372" must not match inside "10372"; refs too short to key on match whole.
        if (key and key in runs) or (not key and row.reference
                                     and re.sub(r"[^A-Z0-9]", "", row.reference.upper()) == compact):
            hits.append(row)
    if len({r.council_code for r in hits}) > 1:
        # Two requests share the key digits: only a row whose every digit run is present can claim the file.
        full = [r for r in hits if set(re.findall(r"\d+", r.reference)) <= runs]
        hits = full if len({r.council_code for r in full}) == 1 else hits
    return hits


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[dt.date]:
    """Given a year, return England-and-Wales bank holidays (with substitute days) for it and the next."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=[year, year + 1]))


def is_working_day(day: dt.date) -> bool:
    """Given a date, return whether it is a working day (not a weekend or an England-and-Wales holiday)."""
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def due_date(received: dt.date) -> dt.date:
    """Given the date a request was received, return the statutory FOI deadline (20 working days)."""
    # ICO rule: the first working day after receipt is day 1, whatever day receipt fell on. So a request
    # received on Monday 4 May 2026 (the Early May bank holiday) has Tuesday 5 May as day 1 and, with the
    # Spring bank holiday on 25 May skipped, day 20 is Tuesday 2 June 2026, as the example log records.
    day, counted = received, 0
    while counted < FOI_WORKING_DAYS:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def expected_due(row: TrackerRow) -> dt.date | None:
    """Given a tracker row, return its due date: computed from the sent date, or as logged without one."""
    return due_date(row.sent) if row.sent else row.due


def overdue(rows: list[TrackerRow], today: dt.date) -> list[TrackerRow]:
    """Given tracker rows and today's date, return the requests with no reply whose due date has passed."""
    return [r for r in rows if r.replied is None and (due := expected_due(r)) is not None and due < today]


def is_late(row: TrackerRow) -> bool | None:
    """Given a tracker row, return whether the reply came after the due date; None if no reply or due date."""
    due = expected_due(row)
    if row.replied is None or due is None:
        return None
    return row.replied > due
