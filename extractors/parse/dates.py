"""Dates as UK letters and request logs write them -> datetime.date, parsed by python-dateutil (day first)."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser

ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
# the shapes a date takes in running text, so that a reference number beside it is never read as part of it
IN_TEXT = re.compile(
    r"(?<!\d)(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"  # no day cut from a year ('2029 April')
    r"|\d{1,2}(?:st|nd|rd|th)?[\s-]+[a-z]{3,9}\.?,?[\s-]+\d{4}|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
    r"(?!\d)",
    re.I)
# two defaults that differ in every part: a date written without a day, month or year reads differently under each
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))


def parse_date_text(value: str) -> dt.date | None:
    """Given text that is one whole date (any common UK form), return it; None if it is not one complete date."""
    value = value.strip()
    if not value:
        return None
    try:
        if ISO.fullmatch(value):
            return parser.isoparse(value).date()
        readings = {parser.parse(value, dayfirst=True, default=d).date() for d in _DEFAULTS}
    except (ValueError, OverflowError):
        return None
    return readings.pop() if len(readings) == 1 else None


def text_to_date(text: str) -> dt.date | None:
    """Given running text ('Date: 1 June 2026 Our ref 123'), return the first complete date written in it."""
    for match in IN_TEXT.finditer(text):
        found = parse_date_text(match.group(0))
        if found:
            return found
    return None
