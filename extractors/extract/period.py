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
from functools import lru_cache

from extractors.extract.matching import tokens
from extractors.model import Table
from extractors.parse.phrases import MONTH, column, phrases_re, squash
from extractors.survey import Survey

DASH = "[-\u2010-\u2015\u2212]"
YEAR = r"(?:19|20)\d{2}"
NOT_FY = r"(?!\s*/\s*\d)"  # "2025" that is not the first half of "2025/26" (a dash is checked by fy_half)
FY_TAIL = re.compile(rf"\s*{DASH}\s*(\d{{2}}|\d{{4}})(?!\d)")
MONTHS = {name: i for i, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
# Statements that name a whole period on their own.
YEAR_TO = re.compile(rf"\b(?:the\s+)?(?:year|twelve\s+months|12\s+months)\s+(?:to|ending|ended|up\s+to)\s+"
                     rf"(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<m>{MONTH})\.?\s+(?P<y>{YEAR})\b", re.I)
CALENDAR = re.compile(rf"\bcalendar\s+year\s+(?:of\s+)?(?P<y>{YEAR}){NOT_FY}", re.I)
# (a reference's digits, 'FOI2026-2027', are no year: a letter other than FY's may not run into the year)
FINANCIAL = re.compile(rf"(?:\b(?P<w>financial|fiscal|academic)\s+year\s+|\bfy\s*)?(?<![\d/.])(?<!(?<![Ff])[A-Za-z])"
                       rf"(?P<y1>{YEAR})\s*"
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
# a sentence ends at its full stop, at a blank line, or where a line opens with a question number ("Q5", "Request 5")
SENTENCE_END = re.compile(r"[.?!](?=\s|$)|\n\s*\n|\n(?=\s*(?:q|qu|question|request)\s*\.?\s*\d)", re.I)
CLAUSE_END = re.compile(r"[.;:!?](?=\s|$)|\n\s*\n|,\s*(?=(?:so|but|and|as|because|although|while)\b)|"
                        r"\b(?:but|whereas|however|therefore|instead|although)\b", re.I)
QUESTION_OVERLAP = 0.6  # a sentence this much made of one question's words, and holding this much of
QUESTION_COVERED = 0.75  # the question's words, is the question restated
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


def fy_half(text: str, at: int, year: int) -> bool:
    """Given text, where a year ends in it and the year, return whether the year opens a financial year written
    with a dash ('2025-26', '2025 - 2026'), not a year and a figure after it ('March 2025 - 356', '2024 - 42')."""
    tail = FY_TAIL.match(text, at)
    return tail is not None and int(tail.group(1)) in ((year + 1) % 100, year + 1)


def _dates(text: str) -> list[_Date]:
    """Given text, return the dates written in it, earliest first, none inside another."""
    found = []
    for kind, pattern in DATES:
        for match in pattern.finditer(text):
            month = month_number(match["m"])
            if not 1 <= month <= 12:
                continue
            day = int(match["d"]) if match.groupdict().get("d") else None
            year = _year(match["y"]) if match["y"] else None
            end = match.end()
            if kind in ("day", "month") and year is not None and fy_half(text, match.end("y"), year):
                year, end = None, match.end("m")  # 'March 2025-26': the month, then a financial year
            found.append(_Date(match.start(), end, day, month, year))
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
    opening = re.search(r"\bbetween\s*$", text[:first.start], re.I) if link.strip().lower() == "and" else None
    begin = opening.start() if opening else first.start
    return Period(start, end, text[begin:last.end], begin) if start < end else None


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
    """Given a period, return whether it is the survey's own: the same last day, and the same first day or one
    a few days into the same month ('2 April 2023 to March 2024': a question's number read as the day)."""
    start, end = survey.period_start, survey.period_end
    return period.end == end and (period.start == start or period.start.replace(day=1) == start and
                                  0 < (period.start - start).days <= 7)


def is_whole_year(period: Period) -> bool:
    """Given a period, return whether it covers about a year (a label for a year, not a quarter or month)."""
    return WHOLE_YEAR_DAYS[0] <= period.days <= WHOLE_YEAR_DAYS[1]


def _filler() -> frozenset[str]:
    """Return the words that may stand beside a period in a label without changing what it names."""
    return frozenset(column("period_labels.csv", "phrase", kind="filler"))


def is_total_words(words: list[str]) -> bool:
    """Given a label's words other than its period and filler, return whether they say 'total for the year'."""
    return " ".join(words) in {p.lower() for p in column("period_labels.csv", "phrase", kind="total")}


def label_words(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Given a label and the spans already read from it, return its other words, filler dropped."""
    rest = list(text.lower())
    for start, end in spans:
        rest[start:end] = " " * (end - start)
    return [w for w in re.findall(r"[a-z]+", "".join(rest)) if w not in _filler()]


@lru_cache(maxsize=65536)
def year_label(text: str) -> Period | None:
    """Given a header cell, return the whole year it names ('2024/25', 'Financial year 2025/26', 'Total 2025-26')."""
    periods = stated_periods(text)
    if not periods or len({(p.start, p.end) for p in periods}) != 1 or not is_whole_year(periods[0]):
        return None
    words = label_words(text, [(p.position, p.position + len(p.text)) for p in periods])
    qualifiers = {w.lower() for kind in ("actual", "forecast")
                  for w in column("period_labels.csv", "phrase", kind=kind)}
    return periods[0] if not words or is_total_words(words) or set(words) <= qualifiers else None


def is_forecast(text: str) -> bool:
    """Given a year label ('2025-26 estimate'), return whether its figures are not yet recorded."""
    said = set(re.findall(r"[a-z]+", text.lower()))
    return bool(said & {w.lower() for w in column("period_labels.csv", "phrase", kind="forecast")})


def filled_cells(cells: list) -> list:
    """Given a row, return its non-blank cells."""
    return [c for c in cells if c.text.strip()]


def _fill_right(rows: list, r: int, labels: dict[int, Period]) -> dict[int, Period]:
    """Given a header row's year labels, return them carried right over blank (merged) cells that head data."""
    width = max(len(row) for row in rows)
    filled = dict(labels)
    for c, period in labels.items():
        for nxt in range(c + 1, width):
            blank = nxt >= len(rows[r]) or not rows[r][nxt].text.strip()
            data_below = any(nxt < len(row) and row[nxt].text.strip() for row in rows[r + 1:])
            if nxt in labels or not blank or not data_below:
                break
            filled[nxt] = period
    return filled


def year_columns(table: Table, survey: Survey) -> dict[int, bool]:
    """Given a table, return for each column under a year label whether that year is the survey's period."""
    for r, row in enumerate(table.rows[:HEADER_ROWS]):
        # column 0 holds row labels or a caption ("2025/26" in the corner), never a column's year
        labels = {c: p for c, cell in enumerate(row) if c > 0 and (p := year_label(cell.text))}
        if labels and len(filled_cells(row)) >= 2:
            return {c: matches_survey(p, survey) and not is_forecast(row[c].text if c < len(row) else "")
                    for c, p in _fill_right(table.rows, r, labels).items()}
    return {}


def year_rows(table: Table, survey: Survey) -> dict[int, bool]:
    """Given a table, return for each row labelled with a year, or under a year heading, whether it is the survey's."""
    found: dict[int, bool] = {}
    section: bool | None = None
    for r, row in enumerate(table.rows):
        filled = filled_cells(row)
        if not filled:
            section = None
            continue
        label = year_label(filled[0].text)
        if label and not any(year_label(c.text) for c in filled[1:]):
            found[r] = matches_survey(label, survey)
            section = found[r] if len(filled) == 1 else section  # a year heading over the rows below it
        elif section is not None:
            found[r] = section
    return found


def filter_other_years(table: Table, survey: Survey) -> Table:
    """Given a table, return it without the columns or rows for years other than the survey's period.

    Nothing is removed unless the survey's own year is there too: a table only for another year is left whole,
    and `period_mismatch` names that year instead.
    """
    columns, rows = year_columns(table, survey), year_rows(table, survey)
    drop_columns = {c for c, ok in columns.items() if not ok} if any(columns.values()) else set()
    drop_rows = {r for r, ok in rows.items() if not ok} if any(rows.values()) else set()
    if not drop_columns and not drop_rows:
        return table
    kept = [[cell for c, cell in enumerate(row) if c not in drop_columns]
            for r, row in enumerate(table.rows) if r not in drop_rows]
    return Table(kept, table.name, table.page, table.top)


def _around(text: str, position: int, boundary: re.Pattern[str]) -> tuple[int, int]:
    """Given text, a position and a boundary pattern, return the span of the piece that holds the position."""
    start = max((m.end() for m in boundary.finditer(text, 0, position)), default=0)
    end = next((m.start() for m in boundary.finditer(text, position)), len(text))
    return start, end


def _is_question(sentence: str, survey: Survey) -> bool:
    """Given a sentence (its periods taken out), return whether it mostly restates one of the survey's questions."""
    words = {w for w in tokens(sentence, survey.vocabulary.term_pairs) if not re.search(r"\d", w)}
    if len(words) < 3:
        return False
    for question in survey.questions:
        own = tokens(question.text, question.terms)
        shared = len(words & own)
        # both ways: a title such as "Library visits, 2025" shares words with a question but is not one
        if shared / len(words) >= QUESTION_OVERLAP and shared / max(len(own), 1) >= QUESTION_COVERED:
            return True
    return False


def _nearest(found: list[Period], start: int, end: int) -> Period:
    """Given periods and the span of a cue word, return the period nearest the cue."""
    return min(found, key=lambda p: max(p.position - end, start - (p.position + len(p.text)), 0))


def _cue_marks(text: str, found: list[Period]) -> dict[int, str]:
    """Given text and its periods, return position -> 'negated', 'comparison' or 'not_data' from cues nearby."""
    marks: dict[int, str] = {}
    for kind in ("not_data", "comparison", "negated"):
        for cue in phrases_re("period_cues.csv", kind=kind).finditer(text):
            clause = _around(text, cue.start(), CLAUSE_END)
            near = [p for p in found if clause[0] <= p.position < clause[1]]
            if near:
                marks[_nearest(near, cue.start(), cue.end()).position] = kind
    return marks


def data_statements(text: str, survey: Survey) -> list[tuple[Period, bool]]:
    """Given a reply's own text, return (period, explicit) for each statement of the period its figures cover.

    Left out: short spans and deadlines, periods after the request was sent, restated questions, and periods the
    reply says it cannot give, gives only for comparison, or that are about a contract or policy. `explicit` says
    the sentence talks about the figures or data, or the period heads its own figure ('2023/24: 106').
    """
    found = [p for p in stated_periods(text) if p.days >= MIN_DATA_DAYS and not (survey.sent and p.start > survey.sent)]
    marks = _cue_marks(text, found)
    data_cue = phrases_re("period_cues.csv", kind="data")
    kept = []
    for period in found:
        start, end = _around(text, period.position, SENTENCE_END)
        sentence = text[start:end]
        plain = sentence
        for other in (p for p in found if start <= p.position < end):
            plain = plain.replace(other.text, " ")
        if period.position in marks or _is_question(plain, survey):
            continue
        heads_figure = HEADS_FIGURE.match(text, period.position + len(period.text)) is not None
        kept.append((period, heads_figure or bool(data_cue.search(sentence))))
    return kept


HEADS_FIGURE = re.compile(r"\s*[:=\u2013-]\s*\u00a3?\d")  # 'FY 2023/24: 106' states that year's figure itself


def other_years_only(table: Table, survey: Survey) -> str:
    """Given a table, return the year its labels name when every year label in it is another than the survey's
    (a table carried onto a page of earlier years), or ''."""
    years = year_columns(table, survey) or year_rows(table, survey)
    if not years or any(years.values()):
        return ""
    label = next((p for row in table.rows for cell in row if (p := year_label(cell.text))), None)
    return squash(label.text) if label else "another year"
