"""What every answer parser shares: blank, refused and not-held answers, and the review verdict."""

from __future__ import annotations

import re

from extractors.model import Parsed
from extractors.parse.phrases import (
    FOOT,
    NUM,
    cell_is,
    is_not_held,
    is_refusal,
    refusal_sections,
    short,
)

NOT_ANSWERED = Parsed("not_answered", reason="no answer given")
BARE = re.compile(rf"(-)?\s*({NUM}|\d{{1,3}}(?: \d{{3}})+)\s*{FOOT}*\s*[.,;:]?")
KINDS = ("skip", "cpct", "pct", "range", "comp", "approx", "refusal", "nheld", "supp", "star", "neg", "num",
         "word")
# a not-held phrase decides a policy, provider or timescale answer only in an answer this short
SHORT_ANSWER_WORDS = 6
CLAUSE_BREAK = re.compile(r"[,;.]\s|\band\b|\bbut\b|\bwhereas\b|\bwhile\b", re.I)
TIMESCALE_LEAD = re.compile(r"\b(?:within|in|inside|by|no later than|up to)\s*$", re.I)



def review_verdict(reason: str, confidence: float = 0.5) -> Parsed:
    """Given why no value can be recorded, return a needs_review answer."""
    return Parsed("needs_review", reason=reason, confidence=confidence)


def early_verdict(flat: str) -> Parsed | None:
    """Given a policy, provider or timescale answer, return it if blank, refused by section, or not held."""
    if not flat.strip(".:;,- ") or cell_is("not_answered.csv", flat):
        return NOT_ANSWERED
    if cell_is("unclear_markers.csv", flat):  # 'N/A': not applicable, or not available? a person decides
        return review_verdict(f"'{flat.strip()}' does not say whether the answer is not applicable, not known "
                              "or not held")
    if flat.startswith("needs review: "):  # the reader's own mark where it could not place a figure
        return Parsed("needs_review", reason=flat[len("needs review: "):], confidence=0.5)
    if refusal_sections(flat):
        return Parsed("refused", reason=is_refusal(flat))
    if is_not_held(flat) and len(flat.split()) <= SHORT_ANSWER_WORDS:
        return Parsed("not_held", reason=f"information not held ('{short(flat)}')")
    return None


def late_verdict(flat: str, reason: str) -> Parsed:
    """Given an answer in which no value was found, return it refused, not held, or needing review."""
    refusal = is_refusal(flat)
    if refusal:
        return Parsed("refused", reason=refusal)
    if is_not_held(flat):
        return Parsed("not_held", reason=f"information not held ('{short(flat)}')")
    return review_verdict(reason, 0.3)
