"""Published text made safe: formula-like cells neutralised, personal data in free text redacted."""

from __future__ import annotations

import re

import pandas as pd

# A spreadsheet runs a cell starting with any of these as a formula (tab and CR are DDE tricks).
RISKY_START = ("=", "+", "-", "@", "\t", "\r")
EMAIL = re.compile(r"[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# UK numbers: +44 or a leading 0, then 9-10 more digits in groups; the digit count is checked after matching.
PHONE = re.compile(r"(?<![\w.,/])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,5}\)?(?:[\s-]?\d{2,4}){1,3}(?![\w/])")
TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+)"
NAME = rf"{TITLE}?[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){{0,3}}"
# Names follow a greeting, a sign-off or a contact line; the trigger words keep their own case.
NAMED = re.compile(rf"((?i:\bdear|\byours[ \t]+(?:sincerely|faithfully)|\bcontact(?:[ \t]+name)?)[ \t]*[:,]?\s*)"
                   rf"(?!\[)({NAME})")
EMAIL_MARK = "[email removed]"
PHONE_MARK = "[phone removed]"
NAME_MARK = "[name removed]"
# Words that show a sign-off or greeting names a team or a role, not a person.
NOT_A_PERSON = re.compile(r"\b(?:Sir|Madam|Team|Unit|Service|Services|Council|Officer|Governance|Department|"
                          r"Requester|Applicant|Colleague|Colleagues|All)\b")


def safe_cell(value: object) -> object:
    """Given a cell, return it neutralised so a spreadsheet will not run it as a formula."""
    if isinstance(value, str) and value.startswith(RISKY_START):
        return "'" + value
    return value


def _phone_or_same(match: re.Match) -> str:
    """Given a phone-like match, return the mark when it has a UK phone number's digit count."""
    digits = re.sub(r"\D", "", match.group(0).replace("(0)", ""))
    digits = "0" + digits[2:] if digits.startswith("44") else digits
    return PHONE_MARK if digits.startswith("0") and len(digits) in (10, 11) else match.group(0)


def _name_or_same(match: re.Match) -> str:
    """Given a greeting, sign-off or contact line and the words after it, return it with a person's name removed."""
    if NOT_A_PERSON.search(match.group(2)):
        return match.group(0)
    return match.group(1) + NAME_MARK


def redact(text: object) -> object:
    """Given free text from a council, return it with e-mail addresses, phone numbers and names removed."""
    if not isinstance(text, str) or not text:
        return text
    text = EMAIL.sub(EMAIL_MARK, text)
    text = PHONE.sub(_phone_or_same, text)
    return NAMED.sub(_name_or_same, text)


def redact_frame(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Given a frame and its free-text columns, return a copy with personal data redacted in those columns."""
    safe = frame.copy()
    for column in columns:
        if column in safe.columns:
            safe[column] = safe[column].map(redact)
    return safe


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Given a frame, return a copy whose text cells cannot run as spreadsheet formulas."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(safe_cell)
    return safe
