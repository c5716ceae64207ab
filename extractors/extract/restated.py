"""An answer and its question -> the answer without the sentences that only restate the question.

A reply often repeats the end of a wrapped question, or an instruction the question gives ('Please name
it.'), at the top of its answer; those sentences carry no answer and their figures are the
question's own.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from extractors.extract.matching import GroupPhrases
from extractors.extract.parts import names_one_group
from extractors.survey import AnswerKey


def restates(piece: str, asked: set[str]) -> bool:
    """Given a sentence and the question's words, return whether the sentence only restates the question."""
    words = re.findall(r"[a-z0-9']+", piece.lower())
    if not words or re.match(r"^\s*\(?[a-h][).:](?:\s|$)", piece) and not piece.rstrip().endswith("?"):
        return False  # 'a) 32' answers a part; '(b) staff on leave?' ends the question
    if re.search(r"\d", piece) and not piece.rstrip().endswith("?"):
        return False
    return sum(w in asked for w in words) >= max(1, 0.8 * len(words)) and (len(words) > 2 or set(words) <= asked)


def mid_question_phrase(piece: str, question: str) -> bool:
    """Given a short sentence and its question, return whether it is a few of the question's words from inside
    it, not its wrapped end ('In-house team' under '... (an in-house team, a commissioned provider ...)?'): one
    of the options the question lists, given as the answer."""
    words = re.findall(r"[a-z0-9']+", piece.lower())
    said = " ".join(re.findall(r"[a-z0-9']+", question.lower()))
    return 0 < len(words) <= 4 and not said.endswith(" ".join(words)) and not piece.rstrip().endswith("?")


def carried_on(pieces: list[str]) -> bool:
    """Given an answer's sentences, return whether the first runs on into a label of the next ('Staff working' /
    'part-time: 436'): a label in the question's words, not the question restated."""
    return len(pieces) > 1 and not re.search(r"[.?!:;]\s*$", pieces[0]) and \
        re.match(r"^[a-z][\w\s'-]{0,40}:\s*\S", pieces[1]) is not None


def sentences_of(text: str) -> list[str]:
    """Given an answer, return its sentences and lines; a part letter ('b. 393') does not end a sentence."""
    pieces, start = [], 0
    for match in re.finditer(r"(?<=[.?])\s+|\n", text):
        before = text[start:match.start()].split()
        if match.group(0) != "\n" and before and re.fullmatch(r"\(?[A-Za-z][.?]", before[-1]):
            continue
        pieces.append(text[start:match.start()])
        start = match.end()
    return [*pieces, text[start:]]


def garbled_end(piece: str, question: str) -> bool:
    """Given a sentence and its question, return whether it is the question's wrapped end as OCR misread it
    ('vrgamisatlon's name.' under '... Please give the organisation's name.'): its last word the question's
    last, the rest close to the question's end letter by letter."""
    said, asked = " ".join(piece.lower().split()), " ".join(question.lower().split())
    words = said.split()
    return len(words) >= 2 and not re.search(r"\d", said) and asked.endswith(words[-1]) and \
        fuzz.ratio(said, asked[-len(said):]) >= 80


def without_restated_question(text: str, question: str, keys: list[AnswerKey] = (),
                              phrases: GroupPhrases = ()) -> str:
    """Given an answer and its question, return the answer without leading sentences that only restate the
    question (the wrapped end of a question, an instruction such as 'Please name it.')."""
    asked = set(re.findall(r"[a-z0-9']+", question.lower()))
    pieces = sentences_of(text)
    kept = list(pieces)
    while kept and (garbled_end(kept[0], question) or restates(kept[0], asked) and
                    not names_one_group(kept[0], keys, phrases) and not mid_question_phrase(kept[0], question) and
                    fuzz.partial_ratio(" ".join(kept[0].lower().split()), question.lower()) >= 85 and
                    not carried_on(kept)):
        # the words in the question's own order: an answer naming one of the options it lists uses its words only
        kept = kept[1:]
    return "\n".join(kept).strip() if len(kept) < len(pieces) else text
