"""Answer text -> yes or no, one or several of a question's declared options, a date, or free text."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from extractors.model import Parsed
from extractors.parse.categorical import boxes_unread, checklist_to_text
from extractors.parse.common import early_verdict, late_verdict, review_verdict
from extractors.parse.dates import IN_TEXT, parse_date_text
from extractors.parse.phrases import is_not_held, is_refusal, squash

YES = re.compile(r"^\W*(?:yes|y|we do|we have|we are|it does|it is|correct|true)\b", re.I)
NO = re.compile(r"^\W*(?:no|n|none|we do not|we don't|we have not|we haven't|we are not|it does not|"
                r"it is not|false|not at present|not currently)\b", re.I)
NEGATION = re.compile(r"\b(?:not|no|never|nor|neither|don't|doesn't|without)\b[^.;,]{0,30}$", re.I)
ANSWER_LABEL = re.compile(r"^\s*(?:answer|response|reply|ans|a)\s*[:\-]\s*", re.I)


@lru_cache(maxsize=65536)
def parse_yes_no(text: str) -> Parsed:
    """Given an answer to a yes/no question, return yes or no, or review when it says both or neither."""
    flat = ANSWER_LABEL.sub("", squash(text))
    early = early_verdict(flat)
    if early:
        return early
    if re.match(r"\W*no\s+(?:data|information|records?|figures?)\b", flat, re.I) and is_not_held(flat):
        return Parsed("not_held", reason=f"information not held ('{flat[:60]}')")  # 'No data available - ...'
    yes, no = bool(YES.search(flat)), bool(NO.search(flat))
    if yes != no:
        return Parsed("reported", "yes" if yes else "no")
    return late_verdict(flat, f"neither a clear yes nor a clear no ('{flat[:60]}')")


def option_mentions(flat: str, options: tuple[tuple[str, str, tuple[str, ...]], ...]) -> dict[str, bool]:
    """Given an answer and the options, return each option named, with whether a negation stands just before it."""
    found: dict[str, bool] = {}
    for oid, label, words in options:
        for phrase in sorted({label, *words, oid.replace("_", " ")}, key=len, reverse=True):
            match = re.search(rf"(?<![\w]){re.escape(phrase)}(?![\w])", flat, re.I)
            if match:
                found[oid] = bool(NEGATION.search(flat[max(0, match.start() - 40):match.start()]))
                break
    return found


def options_misspelt(flat: str, options: tuple[tuple[str, str, tuple[str, ...]], ...]) -> tuple[set[str], str]:
    """Given an answer and the options, return the options spelt with a letter or two wrong in the pieces left
    once those named are taken out ('Privat sector leasing' on a scan), and a piece that only nearly spells
    one ('Priv/ate secfkjor'), or ''."""
    named = [(oid, p) for oid, label, words in options for p in (label, *words, oid.replace("_", " "))]
    named.sort(key=lambda pair: len(pair[1]), reverse=True)
    rest = flat
    for _, phrase in named:
        rest = re.sub(rf"(?<![\w]){re.escape(phrase)}(?![\w])", ",", rest, flags=re.I)
    spelt: set[str] = set()
    long = [(oid, p.lower()) for oid, p in named if len(p) >= 8]
    for piece in re.split(r"[,;\n]", rest) if long else []:
        piece = re.sub(r"^\W*(?:and|or)\b|\b(?:and|or)\W*$", "", piece.strip(), flags=re.I).strip(" ./&")
        if len(piece) < 6:
            continue
        ratio, oid = max((fuzz.ratio(p, piece.lower()), oid) for oid, p in long)
        if ratio >= 90:
            spelt.add(oid)
        elif any(fuzz.partial_ratio(p, piece.lower()) >= 80 for _, p in long):
            return spelt, piece
    return spelt, ""


def parse_choice(text: str, options: tuple[tuple[str, str, tuple[str, ...]], ...], multiple: bool) -> Parsed:
    """Given an answer and the question's options, return the option id (or ids, ';'-joined) it chooses."""
    flat = ANSWER_LABEL.sub("", squash(text))
    early = early_verdict(flat)
    if early:
        return early
    if boxes_unread(text):
        return review_verdict(f"the checklist's boxes could not be read ('{flat[:60]}')")
    named = option_mentions(squash(checklist_to_text(text)), options)
    if any(named.values()):
        return review_verdict(f"an option is named with a negation ('{flat[:60]}')")
    spelt, misread = options_misspelt(squash(checklist_to_text(text)), options)
    if misread:
        return review_verdict(f"an option may be misread ('{misread[:60]}')")
    chosen = sorted(set(named) | spelt)
    if not chosen:
        return late_verdict(flat, f"none of the listed options is named ('{flat[:60]}')")
    if len(chosen) > 1 and not multiple:
        return review_verdict(f"several options named where one was asked for ({', '.join(chosen)})")
    return Parsed("reported", ";".join(chosen), confidence=0.9)


# a date the reply's own business carries ('report run on ...', 'Date request received ...'), never an answer
ADMIN_DATE = re.compile(r"(?:\brun on|\bas (?:recorded )?at|\bextracted on|\breceived(?: on)?|\bdate of \w+|"
                        r"\bdated|\bsent|\bresponse(?: date)?|"
                        # ('Figures were extracted from the case management system on 21 July 2026')
                        r"\b(?:extracted|taken|run|produced|compiled|correct)\b[^.;\n]{0,60}\b(?:on|at|as at))"
                        r"\s*:?\s*$",
                        re.I)


@lru_cache(maxsize=65536)
def parse_date_answer(text: str) -> Parsed:
    """Given an answer to a date question, return the date in ISO form, or review for none or several."""
    flat = squash(text)
    early = early_verdict(flat)
    if early:
        return early
    dates = list(dict.fromkeys(d for m in IN_TEXT.finditer(flat) if not ADMIN_DATE.search(flat[:m.start()])
                               and (d := parse_date_text(m.group(0)))))
    first = text.strip().splitlines()[0] if text.strip() else ""
    if len(dates) > 1 and first != text.strip() and (alone := parse_date_answer(first)).status == "reported":
        return alone  # '31/07/2027' on its own line, then the reply's reference block with its dates
    if len(dates) == 1:
        return Parsed("reported", dates[0].isoformat())
    if dates:
        return review_verdict(f"several dates given ({', '.join(d.isoformat() for d in dates)})")
    return late_verdict(flat, f"no complete date found in '{flat[:60]}'")


def parse_text(text: str) -> Parsed:
    """Given an answer to a free-text question, return its text with spacing collapsed."""
    flat = ANSWER_LABEL.sub("", squash(text)).strip(" .;:")
    early = early_verdict(flat)
    if early:
        return early
    if is_refusal(flat) or is_not_held(flat):
        return late_verdict(flat, "")  # a sentence saying the information is withheld or not held is no name
    if NOISY_TEXT.search(flat):  # a name mixed with a question's words, a row number or a scan's stray marks
        return review_verdict(f"the answer's words are mixed with other text ('{flat[:60]}')")
    return Parsed("reported", flat, confidence=0.9)


NOISY_TEXT = re.compile(r"\?|[-~=+:|_]{3,}|^\d{1,3}\s+[A-Z]|\bpage\s*[|l1]?\s*$", re.I)
