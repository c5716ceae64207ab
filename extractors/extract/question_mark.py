"""A restated question's line -> what follows its question mark, when that is where the answer starts."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from extractors.extract.matching import MONTHS, strip_ref
from extractors.model import Line
from extractors.parse.phrases import phrases_re
from extractors.parse.values import parse_count
from extractors.survey import Question

ANSWER_START = re.compile(r"^\W*(?:yes|no|not|none|nil|only|partial|partly|within|in[- ]house|commissioned|all\b|\d|"
                          r"we\b|our\b|there\s+(?:were|was|are|is|have)\b)", re.I)  # '? We do' / 'not hold this ...'

MONTH_WORD = rf"{MONTHS}\.?\s+"
# a period the answer line opens with: '2023-24: ', 'FY 2023/24 - ', 'April 2023 to March 2024: '
LEADING_YEAR = re.compile(rf"^(?:fy\s*)?(?:{MONTH_WORD})?(?:19|20)\d\d\s*(?:[-/\u2013]|to)\s*(?:{MONTH_WORD})?"
                          r"(?:19|20)?\d\d\s*[:\-\u2013]\s*", re.I)


def heading_carries_answer(question: str, listed: bool, rest: str) -> bool:
    """Given a question, whether its heading is an item of a bare list of answers, and the heading without the
    question number, return whether the heading line is the answer."""
    # (a digit inside a word is OCR's misreading of a letter, '2ccommodation', '2\u00a2coTMTModation', not a figure)
    new_numbers = set(re.findall(r"(?<![^\s(\u00a3$])\d[\d,.]*(?![^\s.,;:)%])", rest)) - \
        set(re.findall(r"\d+", question))
    asked = set(re.findall(r"[a-z']+", question.lower()))
    # a short list item is answered when its words are not the question's ('8. Mears'): a ratio says little there
    words = set(re.findall(r"[a-z']{3,}", rest.lower()))
    short_new = bool(words) and len(rest.split()) <= 3 and not words & asked
    # in a list of answers, a short line with no question mark is the answer ('Q3 NYAS (commissioned service)')
    answers_at_once = ANSWER_START.match(LEADING_YEAR.sub("", rest)) is not None or short_new or bool(rest) and \
        listed and (fuzz.partial_ratio(question.lower(), rest.lower()) < 70 or
                    "?" not in rest and len(rest) < 0.4 * len(question) and
                    fuzz.partial_ratio(rest.lower(), question.lower()) < 90)  # not its first line
    return answers_at_once or len(rest) > 15 and (
        fuzz.partial_ratio(question.lower(), rest.lower()) < 70 or bool(new_numbers))


def answer_from_tail(tail: str, line: Line, after: list[Line]) -> list[Line]:
    """Given the answer's start after a question mark, its line and the lines after, return the answer lines; a
    lone part letter ('? a.') is joined to the line it marks."""
    if re.fullmatch(r"\(?[a-h][.)]", tail) and after:
        return [Line(f"{tail} {after[0].text}", after[0].page, after[0].top, ocr_confidence=after[0].ocr_confidence,
                     cell=after[0].cell),
                *after[1:]]
    return [Line(tail, line.page, line.top, ocr_confidence=line.ocr_confidence, cell=line.cell), *after]


def answer_after_question_mark(text: str, question: str = "", following: str = "") -> str:
    """Given a line of a restated question (and the line after it), return what follows its question mark when that
    starts the answer ('... of staff? b) 34 / a) 46'); an instruction after the mark ('? Please name it.') is not
    one, but what follows the question's own instruction is ('? Please name it. Acme Ltd'), and neither is a label
    the next line carries on to its figure ('? Staff working' / 'part-time: 436')."""
    if "?" not in text:
        return ""
    tail = text.rsplit("?", 1)[1].strip()
    if tail[:1].isupper() and re.match(r"^[a-z][\w\s'-]{0,40}:\s*\S", following) and ":" not in tail:
        return tail
    said = " ".join(question.lower().split())
    while said and (cut := re.match(r"^([^.]{4,}\.)\s+(\S.*)$", tail)) and cut.group(1).lower() in said:
        tail = cut.group(2)
        if not re.match(r"^\W*(?:please|if|where|for each|e\.g)\b", tail, re.I):
            return tail
    if not tail or re.match(r"^\W*(?:please|if|where|for each|and|or|e\.g)\b", tail, re.I):
        return ""
    if re.search(r"\d", tail) or ANSWER_START.match(tail) or re.match(r"^\(?[a-h][.)]", tail):
        return tail
    # words the question does not have ('? Acme Housing and', '? Private sector leased accommodation') start the
    # answer too: few of them are the question's own
    words = re.findall(r"[a-z]{4,}", tail.lower())
    new_words = [w for w in words if w not in said]
    return tail if said and len(tail) >= 3 and (fuzz.partial_ratio(tail.lower(), said) < 60 or
                                                len(words) >= 2 and len(new_words) >= 0.6 * len(words)) else ""


def answer_after_question_end(text: str, question: str) -> str:
    """Given a wrapped line of a restated question without its question mark, return what follows the question's
    last words when the line goes on after them ("organisation's name. Mears" under '... Please give the')."""
    said = " ".join(question.lower().split()).rstrip()
    flat = " ".join(text.split())
    for end in re.finditer(r"[.?!:](?=\s+\S)", flat):
        head, tail = flat[:end.end()], flat[end.end():].strip()
        if len(head) >= 8 and said.endswith(head.lower()):
            return "" if re.match(r"^\W*(?:please|if|where|for each|e\.g)\b", tail, re.I) else tail
    return ""


def compact_answer(line: Line, question: Question, part: str) -> bool:
    """Given a line starting with a question and part reference, return whether it is a compact answer line
    ('8(a) 201', 'Q5 b) 1,038', '6a - 24', '9(a) approximately 80'): the reference and a short answer."""
    rest = LEADING_YEAR.sub("", strip_ref(line.text).strip(" :-\u2013"))  # '1a - FY 2023/24: 544'
    if part and not any(k.part == part for k in question.keys) or not part and len(question.keys) > 1:
        return False
    if 40 < len(rest) <= 160 and fuzz.partial_ratio(question.text.lower(), rest.lower()) < 60:
        # '1(a) 2023-24: This is not something we collect, so the information is not held.' ('... 582 covers
        # both groups; it cannot be broken down': one figure for the parts together, said in the part's place)
        return parse_count(rest).status in ("not_held", "refused") or bool(phrases_re("combined.csv").search(rest))
    if not 0 < len(rest) <= 40:
        return False
    return ANSWER_START.match(rest) is not None or bool(re.match(r"^\W*(?:approx|about|around|c\.)", rest, re.I)) \
        or parse_count(rest).status in ("suppressed", "not_held", "refused")  # '1a - 2024/25: less than five'
