"""One file's candidates for one key -> the one answer that file gives, and a low-confidence value sent to review.

A file may answer a key more than once (a table and the prose under it, a letter restating its table); the same
answer twice is one answer, a provider named in several places is combined, and different answers go to review.
"""

from __future__ import annotations

from extractors.model import Candidate, Parsed
from extractors.parse.values import combine_providers

CONFIDENCE_THRESHOLD = 0.7


def merge_in_file(key: str, found: list[Candidate]) -> Candidate:
    """Given every candidate one file gives for one key, return the one answer the file gives."""
    definite = [c for c in found if c.status not in ("not_answered", "needs_review")] or \
        [c for c in found if c.status == "needs_review"] or found
    if len(definite) > 1 and all(c.key == key for c in definite) and _is_provider(definite):
        parsed = combine_providers([Parsed(c.status, c.value, c.reason, c.confidence, c.detail) for c in definite])
        first = definite[0]
        return Candidate(key, parsed.status, parsed.value, " | ".join(c.raw for c in definite), first.locator,
                         first.method + " (combined)", parsed.confidence, parsed.reason, parsed.detail)
    answers = {(c.status, c.value) for c in definite}
    if len(answers) == 1:
        return max(definite, key=lambda c: c.confidence)
    listed = "; ".join(f"{c.value or c.status} at {c.locator}" for c in definite[:4])
    best = max(definite, key=lambda c: c.confidence)
    return Candidate(key, "needs_review", "", best.raw, best.locator, best.method, 0.5,
                     f"the reply gives different answers: {listed}")


def _is_provider(found: list[Candidate]) -> bool:
    """Given candidates, return whether they answer a provider question (their values are provider types)."""
    return all(c.value in ("in_house", "commissioned", "mixed") or c.status != "reported" for c in found)


def apply_threshold(found: Candidate) -> Candidate:
    """Given a candidate, return it marked needs_review when its confidence is below the threshold."""
    if found.status == "reported" and found.confidence < CONFIDENCE_THRESHOLD:
        return Candidate(found.key, "needs_review", "", found.raw, found.locator, found.method, found.confidence,
                         f"low confidence ({found.confidence:.2f}) in the value {found.value} read by {found.method}",
                         found.detail)
    return found


