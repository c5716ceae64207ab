"""Answer text -> a percentage, a sum of money (pounds) or a length of time in the question's unit."""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.model import Parsed
from extractors.parse.common import early_verdict, late_verdict, review_verdict
from extractors.parse.phrases import column, phrase_pattern, squash, word_value

APPROX = re.compile(phrase_pattern(column("approximate.csv", "phrase", position="before")), re.I)
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
PERCENT = re.compile(rf"(?<![\w.])({NUMBER})\s*(%|per\s?cent\b|percent\b)?", re.I)
MONEY = re.compile(rf"(£|gbp\s*)?\s*({NUMBER})\s*(k\b|m\b|bn\b|million\b|billion\b|thousand\b)?", re.I)
YEAR = re.compile(r"(?:19|20)\d\d")
# a year range ('FY 2023/24', '2024-25') or a dated day ('31/03/2025'): dates, never sums or shares
DATES = re.compile(r"\b(?:fy\s*)?(?:19|20)\d\d\s*[-/\u2013]\s*(?:19|20)?\d\d\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b",
                   re.I)
SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
WORD_NUMBER = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty|thirty|\d+(?:\.\d+)?"
DURATION = re.compile(rf"\b({WORD_NUMBER})\s*(?:\(\s*\d+\s*\)\s*)?[- ]?(days?|weeks?|months?|years?|yrs?)\b", re.I)
IN_DAYS = {"day": 1, "week": 7, "month": 365.25 / 12, "year": 365.25, "yr": 365.25}
PER_UNIT = {"days": 1, "weeks": 7, "months": 365.25 / 12, "years": 365.25}


def plain_number(value: float) -> str:
    """Given a number, return it as published: whole numbers without a decimal point, else up to 2 places."""
    rounded = round(value, 2)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.2f}".rstrip("0")


def _figure(text: str) -> float:
    """Given digits as written ('1,204.5'), return the number."""
    return float(text.replace(",", ""))


FIGURE_THEN_NOTE = re.compile(r"(?P<head>[£$]?\s*\d[^()]*?)\s*(?:\(\d\)|\[\d\])?\s*\([^()]*\)\s*[.;]?")


def without_note(flat: str) -> str:
    """Given a short answer, return it without a note in brackets after its figure ('£1,612,701 (includes £222,694
    of one-off costs)' -> '£1,612,701'): the note explains the figure, its numbers are no answer."""
    lead, _, rest = flat.strip().partition(": ")  # ('April 2023 to March 2024: £13.8m (gross, before ...)')
    lead, rest = ("", flat.strip()) if not rest or "(" in lead else (f"{lead}: ", rest)
    match = FIGURE_THEN_NOTE.fullmatch(rest)
    return lead + match["head"] if match and re.search(r"\d", match["head"]) else flat


def one_value(values: list[float], flat: str, what: str) -> Parsed:
    """Given the distinct values found, return the one reported, or review when there are none or several."""
    distinct = list(dict.fromkeys(values))
    if APPROX.search(flat) and distinct:
        return review_verdict(f"an approximate {what} ('{flat[:60]}')")
    if len(distinct) == 1:
        return Parsed("reported", plain_number(distinct[0]))
    if distinct:
        return review_verdict(f"several {what} figures given ({', '.join(plain_number(v) for v in distinct)})")
    return late_verdict(flat, f"no {what} found in '{flat[:60]}'")


@lru_cache(maxsize=65536)
def parse_percent(text: str) -> Parsed:
    """Given an answer to a percentage question, return the percentage (12.5, not 0.125) or why not."""
    flat = squash(text)
    early = early_verdict(flat)
    if early:
        return early
    found = [(m.group(1), m.group(2)) for m in PERCENT.finditer(DATES.sub(" ", without_note(flat)))
             if m.group(2) or not YEAR.fullmatch(m.group(1))]
    marked = [_figure(n) for n, sign in found if sign]
    values = marked or ([_figure(found[0][0])] if len(found) == 1 else [_figure(n) for n, _ in found])
    if any(v > 100 for v in values):
        return review_verdict(f"a percentage over 100 ('{flat[:60]}')")
    if not marked and len(values) == 1 and 0 < values[0] < 1:
        return review_verdict(f"'{flat[:60]}' may be a fraction (0.32 for 32%) or a percentage below one")
    return one_value(values, flat, "percentage")


@lru_cache(maxsize=65536)
def parse_money(text: str) -> Parsed:
    """Given an answer to a money question, return the amount in pounds ('£1.2m' -> 1200000) or why not."""
    flat = squash(text)
    early = early_verdict(flat)
    if early:
        return early
    # a bare year ('... to March 2025') is a date, not a sum
    found = [m for m in MONEY.finditer(DATES.sub(" ", without_note(flat)))
             if m.group(2) and (m.group(1) or m.group(3) or not YEAR.fullmatch(m.group(2)))]
    pounds = [m for m in found if m.group(1) or m.group(3)] or found
    if not any(m.group(1) for m in found) and re.search(r"%|per\s?cent", flat, re.I):
        return review_verdict(f"a percentage where a sum of money was asked ('{flat[:60]}')")
    values = [_figure(m.group(2)) * SCALE.get((m.group(3) or "").lower(), 1) for m in pounds]
    if len(pounds) > 1 and not [m for m in found if m.group(1)]:
        return review_verdict(f"several figures and none marked as pounds ('{flat[:60]}')")
    return one_value(values, flat, "amount")


def parse_duration(text: str, unit: str) -> Parsed:
    """Given an answer to a length-of-time question and its unit, return the length in that unit or why not."""
    flat = squash(text)
    early = early_verdict(flat)
    if early:
        return early
    values = []
    for match in DURATION.finditer(flat):
        count = word_value(match.group(1)) if match.group(1)[0].isalpha() else float(match.group(1))
        name = match.group(2).lower().rstrip("s")
        if count is not None:
            values.append(round(count * IN_DAYS[name] / PER_UNIT[unit], 2))
    if len(values) > 1 and re.search(r"\b(?:extend|extension|option|optional|plus|further)\b", flat, re.I):
        return review_verdict(f"a length with an extension or option ('{flat[:60]}'): which length is meant")
    return one_value(values, flat, f"length in {unit}")
