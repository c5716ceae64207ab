"""Periods: which period a reply's figures are for, and which table columns or rows are for another year.

A council may answer for a different period than the survey asked (a calendar year, last year's figures) or give
several years side by side. `stated_periods` finds period statements in text, `period_mismatch` says whether the
reply's own statements name another period, and `year_columns` / `filter_other_years` keep only the survey's year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from extractors.matching import tokens
from extractors.model import Document, Table
from extractors.phrases import MONTH, column, phrases_re, squash
from extractors.survey import Survey

DASH = "[-\u2010-\u2015\u2212]"
YEAR = r"(?:19|20)\d{2}"
NOT_FY = rf"(?!\s*{DASH}\s*\d|\s*/\s*\d)"  # "2025" that is not the first half of "2025-26"
MONTHS = {name: i for i, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
# Statements that name a whole period on their own.
YEAR_TO = re.compile(rf"\b(?:the\s+)?(?:year|twelve\s+months|12\s+months)\s+(?:to|ending|ended|up\s+to)\s+"
                     rf"(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<m>{MONTH})\.?\s+(?P<y>{YEAR})\b", re.I)
CALENDAR = re.compile(rf"\bcalendar\s+year\s+(?:of\s+)?(?P<y>{YEAR}){NOT_FY}", re.I)
FINANCIAL = re.compile(rf"(?:\b(?P<w>financial|fiscal|academic)\s+year\s+|\bfy\s*)?(?<![\d/.])(?P<y1>{YEAR})\s*"
                       rf"(?:{DASH}|/)\s*(?P<y2>{YEAR}|\d{{2}})(?![\d/]|{DASH})", re.I)
FY_SHORT = re.compile(rf"\bfy\s*'?(?P<y1>\d{{2}})\s*(?:{DASH}|/)\s*(?P<y2>\d{{2}})(?![\d/])", re.I)
# Dates that may open or close a range ("1 April 2025 to 31 March 2026", "Apr-Jun 2025").
DATES = (
    ("day", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH})\b\.?"
                       rf"(?:,?\s+(?P<y>{YEAR}){NOT_FY})?", re.I)),
    ("num", re.compile(r"(?<![\d/])(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>(?:19|20)\d{2}|\d{2})(?![\d/])")),
    ("iso", re.compile(rf"(?<![\d-])(?P<y>{YEAR})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?![\d-])")),
    ("month", re.compile(rf"\b(?P<m>{MONTH})\b\.?(?:\s*(?:'|{DASH})?\s*(?P<y>{YEAR}){NOT_FY})?", re.I)),
)
CONNECTOR = re.compile(rf"\s*(?:{DASH}|to|until|till|through|and)\s*", re.I)
SENTENCE_END = re.compile(r"[.?!](?=\s|$)|\n\s*\n")
CLAUSE_END = re.compile(r"[.;:!?](?=\s|$)|\n\s*\n|,\s*(?=(?:so|but|and|as|because|although|while)\b)|"
                        r"\b(?:but|whereas|however|therefore|instead|although)\b", re.I)
QUESTION_OVERLAP = 0.6  # a sentence this much made of one question's words is the question restated
MIN_DATA_DAYS = 100  # shorter spans are quarters, months or deadlines, not the period of a whole reply
WHOLE_YEAR_DAYS = (360, 370)
HEADER_ROWS = 12


@dataclass(frozen=True)
class Period:
    """A period named in text: first and last day, the words that name it and where they start."""

    start: dt.date
    end: dt.date
    text: str
    position: int

    @property
    def days(self) -> int:
        """Given a period, return how many days it covers."""
        return (self.end - self.start).days + 1


def month_number(name: str) -> int:
    """Given a month name or number as written ('Apr', 'april', '4'), return its number."""
    return int(name) if name.isdigit() else MONTHS[name[:3].lower()]


def _year(text: str) -> int:
    """Given a year as written ('2025' or '25'), return it in full."""
    return int(text) if len(text) == 4 else 2000 + int(text)


def financial_year(first: int, second: str, kind: str = "") -> tuple[dt.date, dt.date] | None:
    """Given '2025' and '26' (or '2026'), return the financial year (academic: Sep-Aug), or None if not consecutive."""
    if _year(second) % 100 != (first + 1) % 100 or (len(second) == 4 and _year(second) != first + 1):
        return None
    month = 9 if kind.lower() == "academic" else 4
    return dt.date(first, month, 1), dt.date(first + 1, month, 1) - dt.timedelta(days=1)


def _month_end(year: int, month: int) -> dt.date:
    """Given a year and month, return the month's last day."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _whole_periods(text: str) -> list[Period]:
    """Given text, return the financial years, calendar years and 'year to March 2025' it names."""
    found = []
    for match in YEAR_TO.finditer(text):
        year, month = int(match["y"]), month_number(match["m"])
        end = dt.date(year, month, int(match["d"])) if match["d"] else _month_end(year, month)
        start = (end + dt.timedelta(days=1)).replace(year=end.year - 1) if match["d"] else \
            (_month_end(year - 1, month) + dt.timedelta(days=1))
        found.append(Period(start, end, match.group(0), match.start()))
    for match in CALENDAR.finditer(text):
        year = int(match["y"])
        found.append(Period(dt.date(year, 1, 1), dt.date(year, 12, 31), match.group(0), match.start()))
    for pattern in (FINANCIAL, FY_SHORT):
        for match in pattern.finditer(text):
            span = financial_year(_year(match["y1"]), match["y2"], match.groupdict().get("w") or "")
            if span:
                found.append(Period(*span, match.group(0), match.start()))
    return _without_overlaps(found)


def _without_overlaps(found: list[Period]) -> list[Period]:
    """Given periods found by several patterns, return them in order, dropping any inside an earlier, longer one."""
    kept: list[Period] = []
    for period in sorted(found, key=lambda p: (p.position, -len(p.text))):
        if not any(k.position <= period.position < k.position + len(k.text) for k in kept):
            kept.append(period)
    return kept


@dataclass(frozen=True)
class _Date:
    """A date as written: day and year may be missing ('1 January', 'Apr')."""

    start: int
    end: int
    day: int | None
    month: int
    year: int | None


def _dates(text: str) -> list[_Date]:
    """Given text, return the dates written in it, earliest first, none inside another."""
    found = []
    for _, pattern in DATES:
        for match in pattern.finditer(text):
            month = month_number(match["m"])
            if not 1 <= month <= 12:
                continue
            day = int(match["d"]) if match.groupdict().get("d") else None
            year = _year(match["y"]) if match["y"] else None
            found.append(_Date(match.start(), match.end(), day, month, year))
    kept: list[_Date] = []
    for date in sorted(found, key=lambda d: (d.start, -d.end)):
        if not any(k.start <= date.start < k.end for k in kept):
            kept.append(date)
    return kept


def _range(text: str, first: _Date, last: _Date) -> Period | None:
    """Given two dates joined by 'to' or a dash, return the period they bound, or None if they do not."""
    link = text[first.end:last.start]
    if last.year is None or not CONNECTOR.fullmatch(link):
        return None
    if link.strip().lower() == "and" and not re.search(r"\bbetween\s*$", text[:first.start], re.I):
        return None
    try:
        end = dt.date(last.year, last.month, last.day) if last.day else _month_end(last.year, last.month)
        year = first.year or (end.year if (first.month, first.day or 1) <= (end.month, end.day) else end.year - 1)
        start = dt.date(year, first.month, first.day or 1)
    except ValueError:
        return None
    return Period(start, end, text[first.start:last.end], first.start) if start < end else None


def stated_periods(text: str) -> list[Period]:
    """Given running text, return each period it names (ranges, financial and calendar years), in order."""
    whole = _whole_periods(text)
    masked = list(text)
    for period in whole:
        masked[period.position:period.position + len(period.text)] = " " * len(period.text)
    dates = _dates("".join(masked))
    ranges = [p for a, b in zip(dates, dates[1:], strict=False) if (p := _range(text, a, b))]
    return _without_overlaps(whole + ranges)


def matches_survey(period: Period, survey: Survey) -> bool:
    """Given a period, return whether it is the survey's own (same first and last day)."""
    return (period.start, period.end) == (survey.period_start, survey.period_end)


def is_whole_year(period: Period) -> bool:
    """Given a period, return whether it covers about a year (a label for a year, not a quarter or month)."""
    return WHOLE_YEAR_DAYS[0] <= period.days <= WHOLE_YEAR_DAYS[1]
