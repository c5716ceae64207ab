"""Labels -> answer keys: question references, part groups and word overlap with the survey's questions."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.crosswalk import column, pairs
from extractors.extract.words import (
    GroupPhrases,
    normalise_words,
    phrase_stems_covered,
    spaced_phrases,
    stem,
)
from extractors.survey import AnswerKey, Question, Survey

STOPWORDS = frozenset(
    "a an the of for to in on at by and or is are was were be been how many much what which who whom whose "
    "your you our we this that these those there their with within from per any all each every please "
    "did do does number total period during it its as if not no".split()
)
# "Q5", "Q1/Q2", "Question 5", "Request 5:", "Qu. 5", "5.", "5a)", "5(a)" at the start of a label.
REF_PREFIX = re.compile(
    r"^\s*(?:(?:q|qu|questions?|requests?|items?|part)\s*\.?\s*(\d{1,2})|(\d{1,2})(?=[a-z]?\s*[.):](?!\d)|\([a-z]\)|[a-h]\s*[-–]\s|[a-h]\s*$))"
    r"\s*(?:\(?([a-h])\)|([a-h])(?![a-z]))?",
    re.I,
)
MORE_REFS = re.compile(
    r"^\s*([/&,]|and\b|to\b|[-–](?=\d|\s*(?:q|question|request)))\s*(?:and\s*)?(?:q|question|request)?\s*\.?\s*"
    r"(\d{1,2})\b(?![.,]\d)", re.I)  # '5-7', 'Q5 - Q7'; but '6a - 94' is an answer
PART_ONLY = re.compile(r"^\s*\(?([a-h])\)?\s*$|^\s*\(?([a-h])\)\s+|^\s*([a-h])\)\s*", re.I)


@dataclass(frozen=True)
class Ref:
    """A reference to a question (and maybe a part) written in a label, e.g. 'Q5a' -> (5, 'a')."""

    number: int
    part: str = ""


NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                "seventeen eighteen nineteen twenty").split()
WORDED_REF = re.compile(r"^(\s*(?:questions?|requests?|q)\s*\.?\s*)(" + "|".join(NUMBER_WORDS) + r")\b", re.I)


def digits_for_words(label: str) -> str:
    """Given a label such as 'Question five', return it as 'Question 5'."""
    return WORDED_REF.sub(lambda m: f"{m.group(1)}{NUMBER_WORDS.index(m.group(2).lower()) + 1}", label)


def question_refs(label: str) -> list[Ref]:
    """Given a label such as 'Q1/Q2 Policy' or '5a) Episodes', return the question references it starts with."""
    return list(refs_of(label))


@lru_cache(maxsize=65536)
def refs_of(label: str) -> tuple[Ref, ...]:
    """Given a label, return question_refs' answer, worked out (remembered: a sheet repeats its labels)."""
    label = digits_for_words(label)
    match = REF_PREFIX.match(label)
    if not match:
        return ()
    number = int(match.group(1) or match.group(2))
    refs = [Ref(number, (match.group(3) or match.group(4) or "").lower())]
    rest = label[match.end():]
    while more := MORE_REFS.match(rest):
        last, number = refs[-1].number, int(more.group(2))
        if more.group(1).lower() in ("to", "-", "–") and last < number <= last + 20:
            refs += [Ref(n) for n in range(last + 1, number + 1)]  # 'Questions 5 to 9'
        else:
            refs.append(Ref(number))
        rest = rest[more.end():]
    return tuple(refs)


@lru_cache(maxsize=65536)
def strip_ref(label: str) -> str:
    """Given a label, return it without its leading question reference."""
    label = digits_for_words(label)
    match = REF_PREFIX.match(label)
    if not match:
        return label.strip()
    rest = label[match.end():]
    while more := MORE_REFS.match(rest):
        rest = rest[more.end():]
    return re.sub(r"^[\s.:)\-–]+", "", rest).rstrip(" .:-–")  # keep the ')' that closes '139 (55%)'


def part_letter(label: str) -> str:
    """Given a cell such as 'a', '(b)' or 'b) Staff on leave', return the part letter it names, or ''."""
    match = PART_ONLY.match(label)
    if not match:
        return ""
    return (match.group(1) or match.group(2) or match.group(3)).lower()




@lru_cache(maxsize=16384)
def concept_of(text: str, phrases: GroupPhrases = ()) -> str:
    """Given a header or label and the survey's group phrases, return the group it names, 'total', or ''.

    The longest phrase found wins, so that 'not in work' is not read as 'in work'.
    """
    words = f" {normalise_words(text)} "
    found = [(len(p), g) for g, p, spaced in spaced_phrases(phrases) if spaced in words and
             named_not_negated(words, spaced)]
    if found:
        return max(found)[1]
    return "total" if is_total(text) else phrase_stems_covered(words, phrases)


NEGATING = ("non", "not", "no", "without")


def named_not_negated(words: str, phrase: str) -> bool:
    """Given normalised text (spaces around) and a phrase (spaces around), return whether the text names the
    phrase other than as 'non-', 'not' or 'without' it ('non-resident staff' is not 'resident staff')."""
    start = words.find(phrase)
    while start >= 0:
        if words[:start + 1].split()[-1:] not in ([w] for w in NEGATING):
            return True
        start = words.find(phrase, start + 1)
    return False


@lru_cache(maxsize=65536)
def is_total(text: str) -> bool:
    """Given a header or label, return whether it names a total across groups ('Total', 'Overall')."""
    words = f" {normalise_words(text)} "
    # 'All staff' heads a total row; 'paid to all staff working part-time' names every one of a group
    opening = " " + re.sub(r"^(?:\s+(?:q?\d+[a-z]?|[a-z]))*(?=\s)", "", words).lstrip()
    return any(opening.startswith(phrase) or words.endswith(phrase) if phrase.startswith((" all ", " both "))
               else phrase in words for phrase in total_phrases())


@lru_cache(maxsize=1)
def total_phrases() -> tuple[str, ...]:
    """Given nothing, return the phrases that name a total, normalised with spaces around (made once)."""
    return tuple(f" {normalise_words(p).strip()} " for p in column("totals.csv", "phrase"))





MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
YEAR_SPAN = re.compile(r"(?:fy\s*)?(?:19|20)\d\d\s*[-/\u2013]\s*(?:19|20)?\d\d", re.I)  # '2025/26', 'FY 2024-25'
DATE_WORDS = re.compile(rf"(?<=\s)(?:fy\s+)?(?:19|20)\d\d(?:\s+(?:19|20)?\d\d)?(?=\s)|"
                        rf"(?<=\s)\d{{1,2}}\s+{MONTHS}(?=\s)|(?<=\s){MONTHS}(?=\s+(?:19|20)\d\d\s)")


DAYS = re.compile(r"(?<!working )\b(\d{1,2}) days? ")


@lru_cache(maxsize=64)
def replacements(terms: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Given the survey's (synonym, term) pairs, return (synonym, term) with spaces around, the general synonyms
    of the crosswalk after them, normalised once."""
    return tuple((f" {normalise_words(variant).strip()} ", f" {canonical} ")
                 for variant, canonical in (*terms, *pairs("terms.csv", "variant", "canonical")))


@lru_cache(maxsize=65536)
def tokens(text: str, terms: tuple[tuple[str, str], ...] = ()) -> frozenset[str]:
    """Given text and the survey's (synonym, term) pairs, return its content-word stems, synonyms read as terms."""
    # dates say when, not what: a year ('2024-25'), a day and month ('31 March') match no question's topic
    words = DATE_WORDS.sub(" ", f" {normalise_words(text)} ")
    # '3 days' and '72 hours' are one span of time (working days are not: they skip weekends)
    words = DAYS.sub(lambda m: f"{int(m.group(1)) * 24} hours ", words)
    for variant, canonical in replacements(terms):
        if variant in words:
            words = words.replace(variant, canonical)
    return frozenset(stem(w.strip("'")) for w in words.split() if w.strip("'") not in STOPWORDS and len(w) > 1)


def question_words(question: Question) -> frozenset[str]:
    """Given a question, return the stems of its text and aliases."""
    return tokens(" ".join((question.text, *question.aliases)), question.terms)


def idf_weights(questions: tuple[Question, ...]) -> dict[str, float]:
    """Given the questions a label may answer, return each word's weight: rarer across them counts more."""
    counts: dict[str, int] = {}
    for question in questions:
        for word in question_words(question):
            counts[word] = counts.get(word, 0) + 1
    return {w: math.log(1 + len(questions) / n) for w, n in counts.items()}


@dataclass
class Scoring:
    """The questions one set of answer types allows, as label matching weighs them: worked out once per survey."""

    questions: tuple[Question, ...]
    words: tuple[frozenset[str], ...]  # each question's own word stems
    weights: dict[str, float]
    totals: tuple[float, ...]  # each question's own words' weight
    scores: dict[str, list[tuple[float, float, Question]]]  # label -> match_scores, filled as labels come
    by_group: dict[str, Question | None] = field(default_factory=dict)  # label -> question_of_group


SCORINGS: dict[tuple[int, tuple[str, ...]], tuple[Survey, Scoring]] = {}
SURVEYS_KEPT, LABELS_KEPT = 32, 20000  # bounds on what is kept: surveys (with their period views), labels each


def scoring(survey: Survey, types: tuple[str, ...] = ()) -> Scoring:
    """Given a survey and answer types, return its Scoring, made on first use and kept while the survey is."""
    held = SCORINGS.get((id(survey), types))
    if held is not None and held[0] is survey:
        return held[1]
    if len(SCORINGS) >= SURVEYS_KEPT:
        SCORINGS.clear()
    candidates = tuple(q for q in survey.questions if not types or q.type in types)
    weights = idf_weights(candidates)
    words = tuple(question_words(q) for q in candidates)
    made = Scoring(candidates, words, weights, tuple(sum(weights[w] for w in own) for own in words), {})
    SCORINGS[(id(survey), types)] = (survey, made)  # the survey is held, so its id is not reused meanwhile
    return made


def match_scores(label: str, survey: Survey, types: tuple[str, ...] = ()) -> list[tuple[float, float, Question]]:
    """Given a free-text label, return (label coverage, question coverage, question), best first."""
    # Only the questions this answer could belong to set the weights: words found in none of them are ignored.
    found = scoring(survey, types)
    if label not in found.scores:
        if len(found.scores) >= LABELS_KEPT:
            found.scores.clear()
        found.scores[label] = label_scores(label, survey, found)
    return list(found.scores[label])


def label_scores(label: str, survey: Survey, found: Scoring) -> list[tuple[float, float, Question]]:
    """Given a label, its survey and the survey's Scoring, return match_scores for the label, worked out."""
    weights = found.weights
    words = {w for w in tokens(label, survey.vocabulary.term_pairs) if w in weights}
    if not words:
        return []
    denominator = sum(weights[w] for w in words)
    scored = []
    for question, own, total in zip(found.questions, found.words, found.totals, strict=True):
        shared = sum(weights[w] for w in words & own)
        scored.append((shared / denominator, shared / total, question))
    return sorted(scored, key=lambda item: (-item[0], -item[1], item[2].number))


def best_question(label: str, survey: Survey, types: tuple[str, ...] = ()) -> tuple[Question | None, float]:
    """Given a label, return the question it clearly describes and a confidence, or (None, 0).

    The label's words must mostly belong to one question; when two questions contain all of them, the one
    with fewer words of its own left unmatched wins, if clearly.
    """
    scored = match_scores(label, survey, types)
    if not scored or scored[0][0] < 0.5:
        return None, 0.0
    top, cover, question = scored[0]
    runner_up, runner_cover = (scored[1][0], scored[1][1]) if len(scored) > 1 else (0.0, 0.0)
    if top - runner_up >= 0.15:
        return question, min(0.95, 0.6 + (top - runner_up) / 2)
    if top - runner_up < 0.01 and cover - runner_cover >= 0.1 and distinctive(label, survey, types):
        return question, 0.75
    return None, 0.0


def distinctive(label: str, survey: Survey, types: tuple[str, ...] = ()) -> bool:
    """Given a label, return whether any of its words sets some of the candidate questions apart from the rest.

    'Staff on leave' shares only 'staff' with every count question: it names none of them.
    """
    own = scoring(survey, types).words
    words = tokens(label, survey.vocabulary.term_pairs)
    return any(0 < sum(w in mine for mine in own) < len(own) for w in words)


def question_by_number(survey: Survey, number: int) -> Question | None:
    """Given a question number as councils quote it, return that question."""
    return next((q for q in survey.questions if q.number == number), None)


def key_for_part(question: Question, part: str) -> AnswerKey | None:
    """Given a question and a part letter, return that part's answer key."""
    return next((k for k in question.keys if k.part == part), None)


def key_for_concept(question: Question, concept: str) -> AnswerKey | None:
    """Given a question with parts and a group concept like 'care', return the part's key that names it."""
    if not concept or concept == "total":
        return None
    matches = [k for k in question.keys if k.part and k.group == concept]
    return matches[0] if len(matches) == 1 else None


def key_by_name(question: Question, label: str, phrases: GroupPhrases = ()) -> AnswerKey | None:
    """Given a question with parts, a label and the survey's group phrases, return the part the label names."""
    letter = part_letter(label)
    if letter and (key := key_for_part(question, letter)):
        return key
    return key_for_concept(question, concept_of(label, phrases))


def key_by_words(question: Question, label: str) -> AnswerKey | None:
    """Given a question with parts and a label, return the part whose own words the label shares most."""
    # plain words only: a term's expansion (a short synonym read as the whole term's words) names no part; nor
    # does a word the question uses for every part ('missing episodes' for both groups)
    shared = question.text.lower()
    for k in question.keys:
        shared = shared.replace(k.part_label.lower(), " ") if k.part_label else shared
    label_words = tokens(label, ()) - tokens(shared, ())
    overlaps = [(len(label_words & tokens(k.part_label, ())), k) for k in question.keys if k.part_label]
    overlaps.sort(key=lambda pair: -pair[0])
    if overlaps and overlaps[0][0] > 0 and (len(overlaps) == 1 or overlaps[0][0] > overlaps[1][0]):
        return overlaps[0][1]
    return None


def key_for_label(question: Question, label: str, phrases: GroupPhrases = ()) -> AnswerKey | None:
    """Given a question with parts and a column or row label, return the part it names, if any."""
    return key_by_name(question, label, phrases) or key_by_words(question, label)


def tied_questions(label: str, survey: Survey, types: tuple[str, ...] = ()) -> list[Question]:
    """Given a label, return the questions that all contain its words equally (e.g. the care and home forms)."""
    scored = match_scores(label, survey, types)
    if not scored or scored[0][0] < 0.75:
        return []
    return [q for score, _, q in scored if scored[0][0] - score < 0.01]


def question_for_concept(questions: list[Question], concept: str) -> Question | None:
    """Given questions named together (e.g. 'Q1/Q2') and a column's group, return the one about that group."""
    if not concept:
        return None
    matches = [q for q in questions if q.group == concept]
    return matches[0] if len(matches) == 1 else None


@lru_cache(maxsize=1)
def answer_labels() -> str:
    """Return the answer labels ('Response', 'Our answer') as one regex alternation, longest first."""
    return "|".join(sorted(column("answer_labels.csv", "phrase"), key=len, reverse=True))


@lru_cache(maxsize=1)
def answers_heading_pattern() -> re.Pattern[str]:
    """Return the pattern of a line that only heads the answers to come ('Answers', 'Our responses:', 'Response to
    your request'): no answer itself."""
    return re.compile(r"^\s*(?:" + answer_labels() + r")s?(?:\s+to\s+(?:your|the)\s+(?:questions?|request))?"
                      r"\s*[:\-–]?\s*$", re.I)


@lru_cache(maxsize=1)
def answer_label_pattern() -> re.Pattern[str]:
    """Return the pattern that finds an answer label such as 'Response:' at the start of a line."""
    return re.compile(r"^\s*(?:" + answer_labels() + r")\s*[:\-–]\s*", re.I)


def question_of_group(label: str, survey: Survey) -> Question | None:
    """Given a label naming one of the survey's groups ('Staff in post - part-time workers'), return the
    one question asked in parts for that group, when no other question shares more of the label's words."""
    held = scoring(survey).by_group
    if label not in held:
        if len(held) >= LABELS_KEPT:
            held.clear()
        held[label] = group_question(label, survey)
    return held[label]


def group_question(label: str, survey: Survey) -> Question | None:
    """Given a label and the survey, return question_of_group's answer, worked out."""
    concept = concept_of(label, survey.vocabulary.group_phrases)
    owners = [q for q in survey.questions if len(q.keys) >= 2 and any(k.group == concept for k in q.keys)]
    if not concept or concept == "total" or len(owners) != 1:
        return None
    words = tokens(label, survey.vocabulary.term_pairs)
    overlap = {q.id: len(words & question_words(q)) for q in survey.questions}
    best = owners[0]
    # (the group the label names is the owner's own word too: 'Q placements - the second group' may share as many
    # words with a question of placements elsewhere, but only the owner asks for that group)
    return best if overlap[best.id] and overlap[best.id] + 1 >= max(overlap.values()) else None
