"""Answer text -> Parsed, by question type: the one entry point to every answer parser."""

from __future__ import annotations

from collections.abc import Callable

from extractors.model import Parsed
from extractors.parse.amounts import parse_duration, parse_money, parse_percent
from extractors.parse.categorical import combine_providers, parse_policy, parse_provider
from extractors.parse.choices import parse_choice, parse_date_answer, parse_text, parse_yes_no
from extractors.parse.counts import Token, count_tokens, parse_count
from extractors.parse.hours import parse_hours
from extractors.parse.phrases import is_not_held, is_refusal

__all__ = ["Token", "combine_providers", "count_tokens", "is_not_held", "is_refusal", "parse_answer",
           "parse_count", "parse_hours", "parse_policy", "parse_provider"]

PARSERS: dict[str, Callable[..., Parsed]] = {
    "count": parse_count, "policy": parse_policy, "provider": parse_provider, "hours": parse_hours,
    "text": parse_text, "yes_no": parse_yes_no, "percent": parse_percent, "money": parse_money,
    "date": parse_date_answer,
}


def parse_answer(text: str, key: object) -> Parsed:
    """Given answer text and its answer key (or just a question type), return what it says."""
    qtype = key if isinstance(key, str) else key.type
    if qtype == "choice":
        return parse_choice(text, key.options, key.multiple)
    if qtype == "duration":
        return parse_duration(text, key.unit)
    if qtype == "provider" and not isinstance(key, str):
        return parse_provider(text, key.providers)
    if qtype == "hours" and not isinstance(key, str):
        return parse_hours(text, key.text)
    if qtype not in PARSERS:
        raise ValueError(f"unknown question type {qtype!r}; expected one of {', '.join(PARSERS)}")
    return PARSERS[qtype](text)
