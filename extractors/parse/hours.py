"""Answer text -> a timescale in hours (days count 24 hours each; the time asked about, not a later target)."""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.model import Parsed
from extractors.parse.common import (
    CLAUSE_BREAK,
    TIMESCALE_LEAD,
    early_verdict,
    late_verdict,
    review_verdict,
)
from extractors.parse.phrases import (
    NUM,
    durations,
    short,
    squash,
)

# stems every timescale sentence has, which say nothing about which clause answers the question
TIME_WORDS = {"withi", "hours", "days", "worki", "weeks", "time", "what", "which", "with", "from",
              "after", "their", "there", "this", "that", "shoul", "will", "must"}


def word_stems(text: str) -> set[str]:
    """Given text, return the five-letter stems of its longer words, less those every timescale uses."""
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower())} - TIME_WORDS


def _asked_hours(flat: str, found: list[tuple[float | None, int, bool]], question: str) -> list[float]:
    """Given a timescale answer, its durations and the question, return the distinct hours of the clause that
    answers the question (the one sharing most of its words), ignoring later targets."""
    cuts = [0] + [m.end() for m in CLAUSE_BREAK.finditer(flat)] + [len(flat) + 1]
    spans = list(zip(cuts, cuts[1:], strict=False))
    asked = word_stems(question)
    # the question's own verb ('... is an interview offered?') says most about which clause answers it
    verbs = {w[:5] for w in re.findall(r"[a-z]{3,}ed\b", question.lower())}
    overlap = {span: sum(3 if w in verbs else 1 for w in word_stems(flat[span[0]:span[1]]) & asked) for span in spans}
    best = max(overlap.values(), default=0)
    clauses = [s for s, n in overlap.items() if n == best and n > 0] if asked else []
    chosen = [f for f in found if any(a <= f[1] < b for a, b in clauses)] or found
    hours = list(dict.fromkeys(f[0] for f in chosen if f[0] is not None))
    if len(hours) > 1:
        # "missing for more than 24 hours ... offered within 72 hours": the timescale is the "within" one
        leads = [f[0] for f in chosen if f[0] is not None and TIMESCALE_LEAD.search(flat[: f[1]])]
        hours = list(dict.fromkeys(leads))
    return hours


def _hours(value: float, confidence: float = 1.0, reason: str = "") -> Parsed:
    """Given a number of hours, return it reported as a whole number where it is one."""
    text = str(int(value)) if value == int(value) else f"{value:g}"
    return Parsed("reported", text, reason=reason, confidence=confidence)


@lru_cache(maxsize=65536)
def parse_hours(text: str, question: str = "") -> Parsed:
    """Given a timescale answer (and the question asked), return it in hours (a day counts as 24 hours)."""
    flat = squash(text)
    early = early_verdict(flat)
    if early:
        return early
    found = durations(flat)
    if not found:
        bare = re.fullmatch(rf"(?:within\s+)?({NUM})\.?", flat, re.I)
        if bare and float(bare.group(1).replace(",", "")) >= 12:
            return _hours(float(bare.group(1).replace(",", "")), 0.7, "no unit given; read as hours")
        if bare:
            return review_verdict(f"a number without a unit ('{flat}')", 0.3)
        return late_verdict(flat, "a timescale without a number of hours or days")
    if any(is_range for _, _, is_range in found):
        return review_verdict(f"a range of timescales was given ('{short(flat)}')")
    hours = list(dict.fromkeys(h for h, _, _ in found if h is not None))
    if not hours:
        return review_verdict(f"a timescale that cannot be put in hours ('{short(flat)}')")
    if len(hours) == 1:
        return _hours(hours[0], 1.0 if len(found) == len([f for f in found if f[0] is not None]) else 0.8)
    asked = _asked_hours(flat, found, question)
    if len(asked) == 1:
        return _hours(asked[0], 0.85, "the time the question asks about, where later targets were also given")
    listed = ", ".join(f"{h:g}" for h in hours)
    return review_verdict(f"several timescales given ({listed} hours) and no way to tell which the question asks for")
