"""Labels of parts of a year: quarters ('Q1 (Apr-Jun)', 'Quarter 1', 'Apr-Jun 2025'), months ('Apr-25', 'May') and
year totals ('Total', 'Total 2025-26', 'Full year'), read into the months they cover.

"Q1" alone is also how councils number question 1, so a bare "Q1" is marked `bare` and is read as a quarter only
where its table makes that clear (see breakdowns.bare_are_quarters).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from extractors.extract.period import (
    DASH,
    financial_year,
    is_total_words,
    is_whole_year,
    label_words,
    month_number,
    stated_periods,
)
from extractors.parse.phrases import MONTH, column, squash
from extractors.survey import Survey

MONTH_RANGE = re.compile(rf"\b(?P<a>{MONTH})\b\.?\s*(?:{DASH}|to|/)\s*(?P<b>{MONTH})\b\.?", re.I)
ONE_MONTH = re.compile(rf"\b(?P<m>{MONTH})\b\.?(?:\s*(?:'|{DASH})?\s*(?P<y>(?:19|20)\d{{2}}|\d{{2}})(?![\d/]))?", re.I)
BARE_YEAR = re.compile(r"(?<![\d/])(?:19|20)\d{2}(?![\d/])")
FIGURE_ONLY = re.compile(r"[0-9,]*\.?[0-9,]*")
SHORT_FY = re.compile(r"(?<![\d/])(?P<a>\d{2})\s*/\s*(?P<b>\d{2})(?![\d/])")
NUMERIC_MONTH = re.compile(r"(?<![\d/])(?P<m>0?[1-9]|1[0-2])/(?P<y>(?:19|20)\d\d)(?![\d/])")  # '04/2025'
NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

Month = tuple[int | None, int]  # (year if known, month)


@dataclass(frozen=True)
class PeriodLabel:
    """What a row or column label says about its period.

    kind: 'part' (a quarter or month), 'total' (the year's total), 'year' (a year named alone, as '2025-26') or
    'bare_year' ('2025', only ever half of a two-row label). `months` are a part's months where the label names
    them; `quarter` is its quarter number; `year` is the whole year named (a total's, or the one a part sits in).
    """

    kind: str
    text: str
    months: tuple[Month, ...] = ()
    quarter: int = 0
    bare: bool = False
    year: tuple[dt.date, dt.date] | None = None
    subtotal: bool = False


@cache
def quarter_re() -> re.Pattern[str]:
    """Return the pattern for a quarter number with a quarter word ('Q1', 'Qtr 2', 'Quarter 3', '4th quarter')."""
    names = sorted(column("period_labels.csv", "phrase", kind="quarter"), key=len, reverse=True)
    words = "(?:" + "|".join(re.escape(n.lower()) for n in names) + ")"
    # no word boundary after the word: "Q1" runs the letter into the figure
    return re.compile(rf"\b(?P<w>{words})\s*\.?\s*(?P<n>[1-4])\b|\b(?P<n2>[1-4])(?:st|nd|rd|th)\s+{words}\b", re.I)


def month_run(first: int, last: int) -> list[int]:
    """Given the first and last month of a run (possibly across the new year), return its months in order."""
    return [(first - 1 + i) % 12 + 1 for i in range((last - first) % 12 + 1)]


def _in_year(months: list[int], year: tuple[dt.date, dt.date]) -> tuple[Month, ...]:
    """Given months and the year they sit in (e.g. April to March), return each with its calendar year."""
    start = year[0]
    return tuple((start.year if m >= start.month else start.year + 1, m) for m in months)


def _with_year(months: list[int], year: int | None) -> tuple[Month, ...]:
    """Given a run of months and the year written after it, return each month with its year (None if unknown)."""
    if year is None:
        return tuple((None, m) for m in months)
    wraps = [i for i in range(1, len(months)) if months[i] < months[i - 1]]
    cut = wraps[0] if wraps else 0  # "Nov-Jan 2026": Nov and Dec are 2025
    return tuple((year - 1 if i < cut else year, m) for i, m in enumerate(months))


def _read(flat: str) -> tuple[dict, list[tuple[int, int]]]:
    """Given a lower-cased label, return what it names (periods, quarter, months, years) and the spans read."""
    found: dict = {"periods": stated_periods(flat)}
    spans = [(p.position, p.position + len(p.text)) for p in found["periods"]]
    masked = list(flat)

    def take(match: re.Match) -> re.Match:
        """Given a label found, mask it so that later patterns skip it."""
        spans.append(match.span())
        masked[match.start():match.end()] = " " * (match.end() - match.start())
        return match

    for start, end in spans:
        masked[start:end] = " " * (end - start)
    if quarter := quarter_re().search("".join(masked)):
        found["quarter"] = take(quarter)
    if months := MONTH_RANGE.search("".join(masked)):
        found["range"] = take(months)
    elif month := ONE_MONTH.search("".join(masked)):
        found["month"] = take(month)
    if fy := SHORT_FY.search("".join(masked)):
        found["short_fy"] = take(fy)
    found["years"] = [int(take(m).group(0)) for m in list(BARE_YEAR.finditer("".join(masked)))]
    return found, spans


def _months(found: dict, year: tuple[dt.date, dt.date] | None) -> tuple[Month, ...]:
    """Given what a label names, return the months it covers (years None where the label gives none)."""
    short = [p for p in found["periods"] if not is_whole_year(p)]
    if short:
        first, last = short[0].start, short[0].end
        count = (last.year - first.year) * 12 + last.month - first.month + 1
        return tuple(((first.year * 12 + first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1)
                     for i in range(count))
    if "range" in found or "month" in found:
        match = found.get("range") or found["month"]
        runs = month_run(month_number(match["a"]), month_number(match["b"])) if "range" in found else \
            [month_number(match["m"])]
        written = found["month"]["y"] if "month" in found and found["month"]["y"] else None
        if year and not written:
            return _in_year(runs, year)
        given = int(written) if written and len(written) == 4 else (2000 + int(written) if written else None)
        return _with_year(runs, given or (found["years"][-1] if found["years"] else None))
    if "quarter" in found and (year or found["years"]):
        q = int(found["quarter"]["n"] or found["quarter"]["n2"])
        if year:
            return _in_year(month_run(year[0].month + 3 * (q - 1), year[0].month + 3 * q - 1), year)
        return _with_year(month_run(3 * q - 2, 3 * q), found["years"][0])
    return ()


# a note on how final a period's figure is ('Jul-Sep 2024 (provisional)'): the period all the same
STATE_NOTE = re.compile(r"\s*\(?\b(?:provisional|revised|final|validated|unvalidated|draft|actuals?)\b\)?\s*$", re.I)
PERIOD_CUE = re.compile(r"\d|\b(?:q|qtr|quarter|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)


@lru_cache(maxsize=65536)
def parse_label(text: str) -> PeriodLabel | None:
    """Given a row or column label, return the period it names (a quarter, month, total or year), or None."""
    if not re.search(r"[A-Za-z]|(?:19|20)\d\d|\d\d?\s*[-/]\s*\d\d", text):
        return None  # a figure ('123', '45%') names no period: most cells of a sheet, read quickly
    flat = NUMERIC_MONTH.sub(lambda m: f"{NAMES[int(m['m']) - 1].lower()} {m['y']}", squash(text).lower())
    flat = STATE_NOTE.sub("", flat) if STATE_NOTE.search(flat) and PERIOD_CUE.search(flat) else flat
    if not flat or len(flat) > 60:
        return None
    if FIGURE_ONLY.fullmatch(flat) and not BARE_YEAR.search(flat):
        return None  # a bare figure: every pattern but the bare year's needs a letter, a dash, a slash or two dots
    if not PERIOD_CUE.search(flat):  # no figure, month or quarter: a total's words ('Full year') or no period
        return PeriodLabel("total", text) if (words := label_words(flat, [])) and is_total_words(words) else None
    found, spans = _read(flat)
    words = label_words(flat, spans)
    total = bool(words) and is_total_words(words)
    if words and not total:
        return None
    whole = [p for p in found["periods"] if is_whole_year(p)]
    year = (whole[0].start, whole[0].end) if whole else None
    if "short_fy" in found:
        year = year or financial_year(2000 + int(found["short_fy"]["a"]), found["short_fy"]["b"])
    quarter = found.get("quarter")
    number = int(quarter["n"] or quarter["n2"]) if quarter else 0
    months = _months(found, year)
    if months or number:
        bare = bool(quarter) and quarter["w"] is not None and quarter["w"].lower() == "q" and not (
            months or year or found["years"])
        return PeriodLabel("part", text, months, number, bare, year, subtotal=total)
    if total:
        return PeriodLabel("total", text, year=year)
    if year:
        return PeriodLabel("year", text, year=year)
    return PeriodLabel("bare_year", text) if found["years"] else None


def survey_months(survey: Survey) -> list[tuple[int, int]]:
    """Given a survey, return the (year, month) pairs its period covers, in order."""
    first = survey.period_start.year * 12 + survey.period_start.month - 1
    last = survey.period_end.year * 12 + survey.period_end.month - 1
    return [(i // 12, i % 12 + 1) for i in range(first, last + 1)]


def part_months(label: PeriodLabel, survey: Survey) -> tuple[tuple[int, int], ...]:
    """Given a part's label, return its (year, month) pairs: unknown years taken from the survey's period.

    A quarter written without months or a year ('Q2', 'Quarter 2') is the survey period's own second quarter.
    """
    wanted = survey_months(survey)
    if not label.months and label.quarter:
        return tuple(wanted[3 * (label.quarter - 1):3 * label.quarter])
    by_month = {m: (y, m) for y, m in reversed(wanted)}  # the first such month in the period
    return tuple((y, m) if y is not None else by_month.get(m, (survey.period_start.year - 1, m))
                 for y, m in label.months)


def month_names(months: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    """Given months, return them as short names with runs joined ('Apr-Jun, Sep'), no figures in the text."""
    ordered = sorted(set(months))
    runs: list[list[tuple[int, int]]] = []
    for ym in ordered:
        if runs and ym[0] * 12 + ym[1] == runs[-1][-1][0] * 12 + runs[-1][-1][1] + 1:
            runs[-1].append(ym)
        else:
            runs.append([ym])
    return ", ".join(NAMES[r[0][1] - 1] + (f"-{NAMES[r[-1][1] - 1]}" if len(r) > 1 else "") for r in runs)
