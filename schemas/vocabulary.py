"""The one definition of each vocabulary: answer statuses, council response statuses and file states.

Schemas, code and the data dictionary all read these; each value carries the sentence that explains it.
"""

from __future__ import annotations

import re

ANSWER_STATUS_MEANINGS = {
    "reported": "the reply gives one exact value",
    "suppressed": "a small-number marker stands where the number would be (such as '<5' or '*')",
    "not_held": "the council says it does not hold or record the information",
    "refused": "an exemption is cited (section 12 cost limit, 21, 22 and so on)",
    "not_answered": "the reply does not address this question (skipped, or the cell is blank)",
    "needs_review": "the reply addresses the question but no single exact value could be recorded; see the reason",
}
RESPONSE_STATUS_MEANINGS = {
    "replied": "every question addressed",
    "partial": "some questions refused, not held or not answered",
    "refused": "the whole request refused",
    "no_reply": "nothing received",
}
FILE_STATE_MEANINGS = {
    "loaded": "read; its answers count",
    "superseded": "replaced by a later correcting reply; kept, not counted",
    "duplicate": "the same bytes as a file already received",
    "quarantined": "could not be read; the reason says why",
    "needs_review": "read, but a person must look at it; the reason says why",
}

STATUSES: tuple[str, ...] = tuple(ANSWER_STATUS_MEANINGS)
RESPONSE_STATUSES: tuple[str, ...] = tuple(RESPONSE_STATUS_MEANINGS)
FILE_STATES: tuple[str, ...] = tuple(FILE_STATE_MEANINGS)
# Statuses that settle a key: a file that says one of these outranks one that needs review.
DEFINITE_STATUSES: tuple[str, ...] = ("reported", "suppressed", "not_held", "refused")


def meanings_sentence(meanings: dict[str, str]) -> str:
    """Given a vocabulary's meanings, return them as one sentence for a data dictionary."""
    return "; ".join(f"{value}: {meaning}" for value, meaning in meanings.items()) + "."

# What a reported value looks like for each question type: the one rule for extraction, review and the schema.
NUMBER = r"\d+(?:\.\d+)?"
VALUE_RULES = {
    "count": (r"\d+", "a whole number (a count)"),
    "hours": (r"\d+", "a whole number of hours"),
    "policy": (r"yes|no|partial", "one of yes, no, partial"),
    "provider": (r"in_house|commissioned|mixed", "one of in_house, commissioned, mixed"),
    "yes_no": (r"yes|no", "yes or no"),
    "percent": (NUMBER, "a number (the percentage, without %)"),
    "money": (NUMBER, "an amount in pounds, digits only (such as 4149909.32)"),
    "duration": (NUMBER, "a number of the question's unit"),
    "date": (r"\d{4}-\d{2}-\d{2}", "a date written YYYY-MM-DD"),
    "choice": (r"[\w-]+(?:;[\w-]+)*", "the id of one of the question's options (several separated by ;)"),
}


def value_fits(value: str, question_type: str) -> bool:
    """Given a reported value and its question's type, return whether the value is of that type."""
    rule = VALUE_RULES.get(question_type)
    return rule is None or re.fullmatch(rule[0], value or "") is not None


def value_rule(question_type: str) -> str:
    """Given a question type, return in words what a reported value of it must be."""
    return VALUE_RULES.get(question_type, ("", "any text"))[1]
