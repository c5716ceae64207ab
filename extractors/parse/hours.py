"""Answer text -> a timescale in hours (days count 24 hours each; the time to offer, not a later target)."""

from __future__ import annotations

import re

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


def _offer_hours(flat: str, found: list[tuple[float | None, int, bool]]) -> list[float]:
    """Given a timescale answer and its durations, return the distinct hours given for the offer itself."""
    cuts = [0] + [m.end() for m in CLAUSE_BREAK.finditer(flat)] + [len(flat) + 1]
    clauses = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if re.search(r"\boffer", flat[a:b], re.I)]
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


def parse_hours(text: str) -> Parsed:
    """Given within what time an interview is offered, return it in hours (a day counts as 24 hours)."""
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
    offer = _offer_hours(flat, found)
    if len(offer) == 1:
        return _hours(offer[0], 0.85, "the time for the offer, where later targets were also given")
    listed = ", ".join(f"{h:g}" for h in hours)
    return review_verdict(f"several timescales given ({listed} hours) and no way to tell which is the offer")
