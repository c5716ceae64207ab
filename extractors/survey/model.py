"""The shapes of a survey as sent: answer keys, questions, periods, the survey's own words, rates and checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property

QUESTION_TYPES = ("count", "policy", "provider", "hours", "text", "choice", "yes_no", "percent", "money",
                  "duration", "date")
DURATION_UNITS = ("days", "weeks", "months", "years")


@dataclass(frozen=True)
class Period:
    """One period the request asks about: its id (as in answer keys), first and last day, and how it reads."""

    id: str
    start: dt.date
    end: dt.date
    label: str


@dataclass(frozen=True)
class Group:
    """A cohort that questions or their parts are about (e.g. full-time staff), with the words replies use."""

    id: str
    part: str
    label: str
    words: tuple[str, ...]
    asked: tuple[str, ...] = ()  # how the questions' own parts name it ('(b) households without ...')


@dataclass(frozen=True)
class Vocabulary:
    """The survey's own words: its cohorts, its topic's terms and synonyms, known providers, people counted."""

    groups: tuple[Group, ...] = ()
    terms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    providers: tuple[str, ...] = ()
    people: tuple[str, ...] = ()

    @cached_property  # asked for per cell: made once per vocabulary
    def term_pairs(self) -> tuple[tuple[str, str], ...]:
        """Given the vocabulary, return (variant, canonical) for every synonym of every term, lower-cased."""
        return tuple((v.lower(), term.lower()) for term, variants in self.terms for v in variants if v)

    @cached_property
    def group_phrases(self) -> tuple[tuple[str, str], ...]:
        """Given the vocabulary, return (group id, phrase) for every word of every group, and how parts name it."""
        return tuple((g.id, w) for g in self.groups for w in (g.label, *g.words, *g.asked) if w)

    @cached_property
    def declared_phrases(self) -> tuple[tuple[str, str], ...]:
        """Given the vocabulary, return (group id, phrase) for the words survey.yaml gives each group."""
        return tuple((g.id, w) for g in self.groups for w in (g.label, *g.words) if w)


@dataclass(frozen=True)
class AnswerKey:
    """One answer a council is asked to give: a whole question, or one part (a), (b) of it, for one period."""

    key: str
    question_id: str
    number: int
    type: str
    text: str
    part: str = ""
    part_label: str = ""
    aliases: tuple[str, ...] = ()
    group: str = ""  # the cohort this key is about (vocabulary.groups), or ''
    period: str = ""  # the period id this key is for
    base: str = ""  # the key as survey.yaml names it (without '@period'); '' when the same as key
    options: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # choice: (id, label, words)
    multiple: bool = False
    unit: str = ""
    providers: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Given a key, return the words that describe what it asks for."""
        return f"{self.text} {self.part_label}".strip()

    @property
    def name(self) -> str:
        """Given a key, return its name as survey.yaml writes it (without the period)."""
        return self.base or self.key


@dataclass(frozen=True)
class Question:
    """One question as sent, with its answer keys."""

    id: str
    number: int
    text: str
    type: str
    keys: tuple[AnswerKey, ...]
    aliases: tuple[str, ...] = ()
    group: str = ""  # the cohort the question's own text names, when it names exactly one
    periods: tuple[str, ...] = ()  # ids of the periods this question is asked for
    terms: tuple[tuple[str, str], ...] = ()  # the survey's (synonym, term) pairs, to read labels as the question
    as_at: str = ""  # ISO date of a figure asked for one day, or ''


@dataclass(frozen=True)
class Rate:
    """A derived rate published beside the answers: numerator key over denominator key."""

    name: str
    numerator: str
    denominator: str
    label: str = ""


@dataclass(frozen=True)
class Check:
    """A cross-question check: `left op factor * right`, optionally only when a condition holds."""

    left: str
    op: str
    right: str
    factor: float = 1.0
    when: tuple[str, str] | None = None  # (key, value) that must hold for the check to apply
    text: str = ""


@dataclass(frozen=True)
class Body:
    """A body asked that is outside the council register (police force, NHS trust): from bodies.csv."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    email_domain: str = ""


@dataclass(frozen=True)
class Survey:
    """The request: its questions, periods, its own words and who was asked."""

    id: str
    title: str
    period_start: dt.date
    period_end: dt.date
    period_label: str
    register: str
    questions: tuple[Question, ...]
    statuses: tuple[str, ...]
    sent: dt.date | None = None
    council_codes: tuple[str, ...] = field(default=())
    rates: tuple[Rate, ...] = field(default=())
    checks: tuple[Check, ...] = field(default=())
    periods: tuple[Period, ...] = field(default=())
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    register_filter: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())  # (column, allowed values)
    bodies: tuple[Body, ...] = field(default=())

    @property
    def keys(self) -> list[AnswerKey]:
        """Given a survey, return every answer key in question order."""
        return [k for q in self.questions for k in q.keys]

    def key(self, name: str) -> AnswerKey:
        """Given a key name, return its AnswerKey."""
        return next(k for k in self.keys if k.key == name)

    @property
    def several_periods(self) -> bool:
        """Given a survey, return whether any question is asked for more than one period."""
        return any(len(q.periods) > 1 for q in self.questions)

    def view(self, period: Period) -> Survey:
        """Given one of the survey's periods, return the survey as if it asked for that period alone.

        Keys keep the names survey.yaml gives them, so the extractors read a one-period request; `for_period`
        maps what they find back to the period's own keys.
        """
        questions = []
        for question in self.questions:
            # a question about another period stays, without keys: its heading still ends the answer before it
            keys = tuple(replace(k, key=k.name, base="") for k in question.keys if k.period == period.id)
            questions.append(replace(question, keys=keys))
        return replace(self, questions=tuple(questions), period_start=period.start, period_end=period.end,
                       period_label=period.label, periods=(period,))

    def key_in_period(self, name: str, period: str) -> str:
        """Given a key as survey.yaml names it and a period id, return that period's answer key."""
        return next(k.key for k in self.keys if k.name == name and k.period == period)
