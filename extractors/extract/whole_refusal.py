"""A letter refusing the request as a whole ('Section 12(1) of the Act therefore applies ...') -> refused for every key.

The figures in such a letter are cost estimates, hours of work and record counts: never answers.
"""

from __future__ import annotations

import re

from extractors.model import Candidate, Document
from extractors.survey import Survey

WHOLE_REFUSAL = re.compile(
    r"\b(?:refus\w*|exempt\w*|not obliged to (?:comply|provide)|will not be complying|declin\w*)\b[^.]{0,160}"
    r"\b(?:section|s\.?)\s*(?:12|14)\b"
    r"|\b(?:section|s\.?)\s*(?:12|14)\b[^.]{0,200}(?:\b(?:whole|all) of (?:your|the|this) request|"
    r"\b(?:the|your|this) (?:whole|entire) request|\bevery part of your request|"
    r"\b(?:unable|not able) to (?:provide|comply))"
    r"|\bexceed\w* the (?:appropriate|cost) limit\b[^.]{0,120}\b(?:section|s\.?)\s*12\b",
    re.I,
)


def refuses_whole_request(document: Document, found: list[Candidate]) -> bool:
    """Given a document and what was read from it, return whether it refuses the request as a whole.

    A letter that refuses the request (not named questions) and gives at most one value of its own is a refusal:
    the figures in it are cost estimates and record counts, never answers.
    """
    if not [c for c in found if c.status not in ("not_answered",)]:
        return True
    text = " ".join(document.text.split())
    match = WHOLE_REFUSAL.search(text)
    sentence = text[text.rfind(".", 0, match.start()) + 1:match.end()] if match else ""
    if not match or re.search(r"\bquestions?\s*\d|\b(?:this|that|these) (?:part|question)s?\b|\bpart of your request",
                              sentence, re.I):
        return False
    if not re.search(r"\b(?:request|requests|questions|whole|all|every|entire|cost limit|comply\w*)\b", sentence, re.I):
        return False  # 'This information is exempt under section 12': one answer's refusal, in its own place
    return sum(c.status == "reported" for c in found) <= 1


def whole_request_refused(document: Document, survey: Survey) -> list[Candidate]:
    """Given a document with no answers, return 'refused' for every key when it refuses the whole request."""
    match = WHOLE_REFUSAL.search(" ".join(document.text.split()))
    if not match:
        return []
    section = re.search(r"(12|14)", match.group(0)).group(1)
    reason = f"the whole request was refused under section {section}"
    locator = next((line.locator for line in document.lines if re.search(r"section\s*" + section, line.text)), "p1")
    return [Candidate(k.key, "refused", "", match.group(0)[:200], locator, "whole-letter refusal", 0.9, reason)
            for k in survey.keys]


def refused_throughout(found: list[Candidate], survey: Survey) -> list[Candidate]:
    """Given what a reply gives, return it with the keys it leaves out refused too, when all it gives is one
    whole-request refusal (section 12, the cost limit, or 14) answering most keys one by one: a return refused
    cell by cell, some of whose labels were read as another question's."""
    sections = {m.group(1) if (m := re.search(r"section (\d+)", c.reason or "")) else "" for c in found}
    keys = [k.key for k in survey.keys]
    given = {c.key for c in found}
    if not found or any(c.status != "refused" for c in found) or len(sections) != 1 or \
            sections.pop() not in ("12", "14") or len(given) * 2 < len(keys):
        return found
    first = found[0]
    reason = f"{first.reason}: every answer the reply gives is this refusal, so the whole request was refused"
    return found + [Candidate(k, "refused", "", first.raw, first.locator, "refusal throughout", 0.8, reason)
                    for k in keys if k not in given]
