"""Figures and the measure each one counts: '285 missing episodes relating to 186 individual children'.

A sentence often states figures for two questions at once. The words right after a figure name what it counts;
a question's own measure words are those of its text that few other count questions share (its groups' words
left out). When a reply's figures name the measures of two questions, each question keeps its own figures only.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.extract.matching import normalise_words, spaced_phrases, tokens
from extractors.survey import Question, Survey

# a figure may carry a footnote mark ('194¹ episodes', '55(1) children', '89* episodes')
FIGURE_WORDS = re.compile(r"(?<![\w.,£])(\d{1,3}(?:,\d{3})+|\d+)(?![\w.,]\d)"
                          r"(?P<mark>[\u00b9\u00b2\u00b3\u2070-\u2079]+|\(\d\)|\*{1,3}|[\u2020\u2021]{1,3})?((?:\s+[A-Za-z][\w'-]*){1,3})")
COUNT_TYPES = ("count",)


@lru_cache(maxsize=8)
def measure_words(survey: Survey) -> dict[str, frozenset[str]]:
    """Given a survey, return each count question's measure words: stems of its text, its groups' phrases left
    out, that fewer than half of the count questions use (made once per survey)."""
    questions = [q for q in survey.questions if q.type in COUNT_TYPES]
    phrases = [spaced for _, _, spaced in spaced_phrases(survey.vocabulary.declared_phrases)]
    own: dict[str, frozenset[str]] = {}
    for question in questions:
        words = f" {normalise_words(question.text)} "
        for phrase in sorted(phrases, key=len, reverse=True):
            words = words.replace(phrase, " ")
        own[question.id] = tokens(words, question.terms)
    shared = {w for w in set().union(*own.values()) if sum(w in s for s in own.values()) * 2 >= len(own)}
    return {qid: words - shared for qid, words in own.items()}


TIME_UNIT = re.compile(r"\s*(?:hours?|hrs?|days?|weeks?|months?|minutes?|mins?|years?)\b", re.I)


@lru_cache(maxsize=8)
def group_words(survey: Survey) -> frozenset[str]:
    """Given a survey, return the words of its groups' phrases, as tokens (made once per survey)."""
    return frozenset().union(*(tokens(spaced) for _, _, spaced in spaced_phrases(survey.vocabulary.declared_phrases)))


def figures_named(text: str, survey: Survey) -> list[tuple[int, int, set[str]]]:
    """Given answer text, return each figure's span and the ids of the count questions whose measure the words
    after it name ('186 individual children' names the question about children)."""
    measures = measure_words(survey)
    groups = group_words(survey)
    found = []
    for match in FIGURE_WORDS.finditer(text):
        if TIME_UNIT.match(match.group(3)):
            continue  # 'within 72 hours' is a time, no count of anything
        after = tokens(match.group(3)) - groups  # ('21 for children missing ...': whose figure, not what it counts)
        overlap = {qid: len(after & words) for qid, words in measures.items()}
        best = max(overlap.values(), default=0)  # '285 missing episodes' counts episodes more than it counts anything
        end = match.end("mark") if match.group("mark") else match.end(1)  # the figure with its footnote mark
        found.append((match.start(1), end, {q for q, n in overlap.items() if best and n == best}))
    return found


def own_figures_only(text: str, question: Question, survey: Survey) -> str | None:
    """Given answer text and its question, return the text with figures that count another question's measure
    blanked, when its figures name both this question's measure and another's; None when they do not."""
    if question.type not in COUNT_TYPES:
        return None
    found = figures_named(text, survey)
    mine = [f for f in found if f[2] == {question.id}]
    others = [f for f in found if f[2] and question.id not in f[2]]
    if not mine or not others:
        return None
    for start, end, _ in sorted(others, reverse=True):
        text = text[:start] + text[end:]
    return text
