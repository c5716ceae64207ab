"""Document + survey -> candidate answers, one per answer key, each with its method, confidence and locator."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extractors.extract.figure_order import bare_figures, tabular
from extractors.extract.footnotes import document_marks_dropped
from extractors.extract.in_file import apply_threshold, merge_in_file
from extractors.extract.letters import Block, document_to_blocks
from extractors.extract.matching import GroupPhrases
from extractors.extract.measures import own_figures_only
from extractors.extract.ocr_absence import absence_unsure, scanned
from extractors.extract.ocr_flags import value_pattern
from extractors.extract.ocr_spelling import document_respelled
from extractors.extract.other_periods import period_review, without_other_year_lines
from extractors.extract.parts import (
    NOTE_START,
    each_group_refused,
    group_order,
    group_segments,
    left_out_part,
    marked_parts,
    part_to_parsed,
    split_by_part_markers,
    without_footnote_lines,
)
from extractors.extract.period import filter_other_years
from extractors.extract.period_views import document_for_period, one_figure_for_periods
from extractors.extract.references import as_above, pointed_block
from extractors.extract.restated import sentences_of, without_restated_question
from extractors.extract.sheet_letters import sheet_letters_read
from extractors.extract.skipped import own_answer, skipped_keys
from extractors.extract.tables import rows_name_another, table_to_candidates
from extractors.extract.unplaced import unplaced_figures
from extractors.extract.unruled import with_layout_tables
from extractors.extract.whole_refusal import refused_throughout, refuses_whole_request, whole_request_refused
from extractors.model import Candidate, Document, Parsed
from extractors.parse.counts import Token
from extractors.parse.phrases import is_not_held, is_refusal, phrases_re
from extractors.parse.values import count_tokens, parse_answer, parse_count
from extractors.survey import AnswerKey, Survey

REFERS_ELSEWHERE = re.compile(r"\b(?:see|refer to|shown in|set out in|provided in)\b.{0,30}\b"
                              r"(?:table|below|above|attached|spreadsheet|enclosed|appendix)\b|\bas above\b|"
                              r"\b(?:given|set out|shown|provided|listed|detailed|included|are)\s+(?:below|overleaf)\b|"
                              r"\bas follows\s*[:.]?\s*$", re.I)
def candidate(key: AnswerKey, parsed: Parsed, raw: str, locator: str, method: str, weight: float,
              inferred: bool = False) -> Candidate:
    """Given a key and a parsed answer, return a Candidate with its provenance and confidence."""
    if inferred:  # heading matched by its place in the letter: a little less sure
        method, weight = f"{method} (heading matched by order)", weight * 0.9
    return Candidate(key=key.key, status=parsed.status, value=parsed.value, raw=raw.strip()[:300],
                     locator=locator, method=method, confidence=round(parsed.confidence * weight, 3),
                     reason=parsed.reason, detail=parsed.detail)


def locator_of(block: Block, snippet: str) -> str:
    """Given a block and a piece of its answer, return the locator of the line that holds it."""
    wanted = " ".join(snippet.split())[:40]
    line = next((ln for ln in block.answer_lines if wanted and wanted in " ".join(ln.text.split())), None)
    return line.locator if line else block.locator


def leading_sentences(text: str, wanted: int) -> tuple[str, list] | None:
    """Given prose with more figures than parts, return its first sentences if they hold exactly one per part.

    'Of the interviews offered, 902 were completed ... and 1,211 ... Interviews declined after three attempts
    are not counted.': the later sentence explains, it does not answer.
    """
    sentences = re.split(r"(?<=[.;])\s+(?=[A-Z])", " ".join(text.split()))
    for end in range(1, len(sentences)):
        head = " ".join(sentences[:end])
        tokens = count_tokens(head)
        if len(tokens) == wanted:
            return head, tokens
        if len(tokens) > wanted:
            return None
    return None


def parts_with_notes(text: str, keys: list[AnswerKey], phrases: GroupPhrases) -> list[tuple[AnswerKey, Parsed]]:
    """Given an answer naming each part's group once, return each part's one figure when the other figures are
    in brackets ('Full-time: 97 (provisional; 19 records still open)'); none otherwise."""
    pieces = group_segments(" ".join(text.split()), keys, phrases)
    # each piece a label and its figure ('CLA: 97 (...)'): in running prose a group is named after its figure
    if not pieces or not all(re.match(r"^[^\d:=]{1,60}[:=]\s*(?:about|around|approx\w*\.?|c\.|circa|roughly)?\s*"
                                      r"[<>\u00a3]?\d", piece) for piece in pieces.values()):
        return []
    tokens = {key: count_tokens(re.sub(r"\([^)]*\)", " ", piece)) for key, piece in pieces.items()}
    if any(len(found) != 1 for found in tokens.values()):
        return []
    return [(k, tokens[k.key][0].parsed) for k in keys]


def general_refusal(text: str, keys: list[AnswerKey], phrases: GroupPhrases, found: list) -> Parsed | None:
    """Given an answer in parts and its figures, return the one refusal or not-held statement it gives for all
    parts: its only figure, or the statement it opens with when that names no part ('This information is exempt
    under section 21 ... (table A8, 2025 release)' leaves no figure to read)."""
    if len(found) == 1 and found[0].parsed.status in ("refused", "not_held"):
        return found[0].parsed
    if any(t.parsed.status == "reported" for t in found):
        return None  # a figure given beside the refusal answers some part: the refusal is not for all of them
    # ('withheld under' / 'section 22 ...': the bare 'withheld' is the same refusal, its section on the next line)
    said = [t for t in found if not (t.text.strip().lower() == "withheld" and any(
        u.parsed.status == "refused" for u in found))]
    kinds = {t.parsed.status for t in said}
    if len(kinds) == 1 and kinds <= {"refused", "not_held"} and not group_order(text, keys, phrases):
        return said[-1].parsed  # the refusal said twice over ('... the 18-hour appropriate limit ... refused')
    first = sentences_of(text)[0]
    head = parse_count(first)
    return head if head.status in ("refused", "not_held") and not group_order(first, keys, phrases) else None


def marked_candidates(block: Block, keys: list[AnswerKey], phrases: GroupPhrases, text: str,
                      parts: dict[str, str]) -> list[Candidate]:
    """Given a block in parts and its answer split by part markers, return a candidate per marked part, and
    not answered for a part the answer never marks nor names while it gives the others."""
    named = marked_parts(text, [k.part for k in keys]) | {k.part for k in group_order(text, keys, phrases)}
    given = {part: part_to_parsed(piece) for part, piece in parts.items()}
    # (on a scan, a part given in a muddle, 'b. 19/8a. 112', may hide the part that seems left out)
    muddled = scanned(block) and any(p.status == "needs_review" for p in given.values())
    left_out = left_out_part("the answer gives the other parts and leaves this one out",
                             muddled or absence_unsure(block, phrases))
    return [candidate(k, given[k.part], parts[k.part], locator_of(block, parts[k.part]),
                      "prose by part marker", 0.95, block.inferred) if k.part in parts else
            candidate(k, left_out, text, block.locator, "prose by part marker", 0.9) for k in keys
            if k.part in parts or k.part not in named]


def one_part_named(named: AnswerKey, figure: Token, keys: list[AnswerKey], text: str, block: Block,
                   phrases: GroupPhrases = ()) -> list[Candidate]:
    """Given the one part an answer names with its one figure, return that part's candidate, and not answered for
    the parts the answer neither names nor marks ('CLA: 51' alone under a question asked for two groups)."""
    where = block.locator
    left_out = left_out_part("the answer gives another part and leaves this one out",
                             absence_unsure(block, phrases))
    return [candidate(named, figure.parsed, figure.text, where, "prose, the one part named", 0.85),
            *(candidate(k, left_out, text, where, "prose, the one part named", 0.85) for k in keys if k is not named)]


def prose_parts(block: Block, keys: list[AnswerKey], phrases: GroupPhrases = (), text: str = "") -> list[Candidate]:
    """Given a block answering a question in parts (and its answer text), return a candidate per part.

    Figures go to parts in the order the prose names the parts' groups, or in the question's order when the
    answer is nothing but the figures; anything else cannot be told apart and goes to review.
    """
    text, where = without_footnote_lines(text or block.answer_text), block.locator
    parts = split_by_part_markers(text, [k.part for k in keys])
    parts = parts or split_by_part_markers(text, [k.part for k in keys], some=True)  # '(a) 164', (b) left out
    if parts:
        return marked_candidates(block, keys, phrases, text, parts)
    if phrases_re("combined.csv").search(" ".join(text.split())):
        reason = "one figure given for all parts together"
        return [candidate(k, Parsed("needs_review", reason=reason, confidence=0.5), text, where, "prose", 1.0)
                for k in keys]
    if named_parts := each_group_refused(text, keys, phrases) or parts_with_notes(text, keys, phrases):
        return [candidate(k, parsed, text, where, "prose by group named", 0.85, block.inferred)
                for k, parsed in named_parts]
    found = count_tokens(text)
    if len(found) > len(keys):
        text, found = leading_sentences(text, len(keys)) or (text, found)
    if head := general_refusal(text, keys, phrases, found):
        return [candidate(k, head, text, where, "prose, one answer for all parts", 0.9, block.inferred) for k in keys]
    named = group_order(text, keys, phrases)
    # '88 / a) 55': the order is not the parts'; a '?' left in means the question's words run through the answer
    unmarked = not marked_parts(text, [k.part for k in keys]) and "?" not in text
    if len(found) == len(keys) and (len(named) == len(keys) and "?" not in text or
                                    not named and unmarked and not tabular(block) and bare_figures(text, found)):
        ordered = named or keys
        return [candidate(k, t.parsed, t.text, where, "prose in order of the parts", 0.85, block.inferred)
                for k, t in zip(ordered, found, strict=True)]
    if len(found) == 1 and len(named) == 1 and unmarked:  # one group named, one figure: that part's alone
        return one_part_named(named[0], found[0], keys, text, block, phrases)
    if not found and not is_not_held(text) and not is_refusal(text):
        return []  # no figure and no reason for none ('Our response is below'): this block answers nothing
    reason = ("one figure given for all parts together" if len(found) == 1 else
              f"{len(found)} figures for {len(keys)} parts: cannot tell which is which")
    return [candidate(k, Parsed("needs_review", reason=reason, confidence=0.5), text, where, "prose", 1.0)
            for k in keys]


def block_keys(block: Block) -> set[str]:
    """Given a question block, return the keys of its question."""
    return {k.key for k in block.question.keys}


def block_table_candidates(block: Block, survey: Survey) -> list[Candidate]:
    """Given one question block, return candidates from the tables under it."""
    found: list[Candidate] = []
    for table in block.tables:
        own = table_to_candidates(table, survey)
        # a small table (one row for the year asked, under its header) answers the question it sits under, for
        # the keys its labels leave open
        small = len(filter_other_years(table, survey).rows) <= 3 and not rows_name_another(table, block.question,
                                                                                          survey)
        if small and not {c.key for c in own} - block_keys(block):
            have = {c.key for c in own}
            own += [c for c in table_to_candidates(table, survey, block.question) if c.key not in have]
        elif small and all(c.method.endswith("label wording") for c in own if c.key not in block_keys(block)):
            # ('Information not held' in a group's column is the heading's question's answer, not another
            # question's that shares the column's words)
            under = table_to_candidates(table, survey, block.question)
            # (only when the heading's question reads every such cell: a table of counts after the last heading,
            # a date question, is no answer to it)
            if {c.locator for c in under} >= {c.locator for c in own} and \
                    not any(c.status == "needs_review" for c in under):
                own = under
        found += own
    return found


def block_to_candidates(block: Block, survey: Survey, measured: bool = False) -> list[Candidate]:
    """Given one question block, return candidates from its tables and its answer text (with `measured`, from
    another question's answer, only the figures counting this question's measure)."""
    found = block_table_candidates(block, survey)
    text = without_restated_question(block.answer_text, block.question.text, block.question.keys,
                                     survey.vocabulary.group_phrases)
    if REFERS_ELSEWHERE.search(text) and not count_tokens(text):
        # 'within a day. Please see the attached file for the data.': the pointer goes, its answer stays
        text = "\n".join(p for p in sentences_of(text) if not REFERS_ELSEWHERE.search(p)).strip()
    own = own_figures_only(text, block.question, survey)
    if measured and own is None:
        return []  # the answer pointed at says nothing this question's measure can be told by
    text = own or text
    if not text:
        return found
    keys = list(block.question.keys)
    if not keys:
        return found  # a question this reading's period does not ask
    if block.part:
        keys = [k for k in keys if k.part == block.part] or keys
    if {k.key for k in keys} <= {c.key for c in found if c.status != "not_answered"}:
        return found  # the table under the heading answered; the prose around it is notes
    # One answer given for several questions at once ('Questions 1 and 2: every child ...'): each single-key
    # question gets it; questions in parts are left to the tables under the heading.
    shared = [q.keys[0] for q in block.others if len(q.keys) == 1]
    for key in shared if len(keys) == 1 else []:
        found.append(candidate(key, parse_answer(text, key), text, block.locator,
                               "prose under a heading naming several questions", 0.9, block.inferred))
    if len(keys) == 1:
        text = before_pointer(without_footnote_lines(text), keys[0])
        parsed = parse_answer(text, keys[0])
        found.append(candidate(keys[0], parsed, text, block.locator, "prose under question heading", 0.95,
                               block.inferred))
    else:
        found += prose_parts(block, keys, survey.vocabulary.group_phrases, text)
    return found


def before_pointer(text: str, key: AnswerKey) -> str:
    """Given a one-key answer and its key, return the part before 'Please see the table below.' when that part
    answers on its own: what follows the pointer belongs to the table, not to this answer."""
    pieces = sentences_of(text)
    at = next((i for i, piece in enumerate(pieces) if REFERS_ELSEWHERE.search(piece) or NOTE_START.match(piece)), None)
    if not at:
        return text
    head = "\n".join(pieces[:at]).strip()
    if NOTE_START.match(pieces[at]) and parse_answer(text, key).status == "reported":
        return text  # the note does not change the answer: keep it whole
    return head if parse_answer(head, key).status == "reported" else text


BOTH_QUESTIONS = re.compile(r"\b(?:both (?:of )?(?:these|the) (?:two )?questions|these two questions)\b", re.I)


def shared_with_previous(block: Block, earlier: list[tuple[Block, list[Candidate]]], survey: Survey) -> list[Candidate]:
    """Given a block answering 'In response to both of these questions, ...' and the blocks before it, return
    that answer read for the question just before, when that one was left with no answer of its own."""
    if not earlier or not BOTH_QUESTIONS.search(block.answer_text):
        return []
    previous = earlier[-1][0]
    # (a period list is no answer, nor the restated question's own words: '4. Within what time ...?' alone)
    if re.sub(r"\([^)]*\)", "", own_answer(previous)).strip() or previous.tables:
        return []
    return block_to_candidates(replace(previous, answer_lines=block.answer_lines), survey)


@dataclass
class Found:
    """What one document gives: at most one candidate per key, the keys it restates, and the figures no key took."""

    candidates: list[Candidate]
    addressed: set[str]
    unplaced: int = 0
    answer_text: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # key -> locator of a restated question left unanswered


def document_to_answers(document: Document, survey: Survey) -> tuple[list[Candidate], set[str]]:
    """Given a read document, return at most one candidate per key and the keys its letter restates."""
    found = document_to_found(document, survey)
    return found.candidates, found.addressed


def document_to_found(document: Document, survey: Survey) -> Found:
    """Given a read document, return what it gives for the survey's keys, and the figures no key took.

    A request for several periods is read once per period, as if it asked for that period alone: figures for
    the other periods are then "another year" to that reading, and each reading's keys are its period's keys.
    """
    # before any period's reading: a heading's years are its columns'
    document = with_layout_tables(document_marks_dropped(document_respelled(sheet_letters_read(document), survey)))
    if not survey.several_periods:
        found = period_answers(document, survey)
    else:
        found = Found([], set())
        for period in survey.periods:
            view = survey.view(period)
            one = period_answers(document_for_period(document, period.id, survey.periods), view)
            found.candidates += [replace(c, key=survey.key_in_period(c.key, period.id)) for c in one.candidates]
            found.addressed |= {survey.key_in_period(k, period.id) for k in one.addressed}
            found.answer_text += one.answer_text
            found.skipped |= {survey.key_in_period(k, period.id): where for k, where in one.skipped.items()}
        found.candidates = one_figure_for_periods(found.candidates)
    found.unplaced = unplaced_figures(document, found.candidates, "\n".join(found.answer_text), survey)
    return with_skipped(found)


def with_skipped(found: Found) -> Found:
    """Given what a document gives, return it with restated questions left unanswered read as not answered,
    when no figure of the reply is left over (one could be their answer in a shape not read)."""
    if found.unplaced:
        return found
    have = {c.key for c in found.candidates}
    reason = "the reply restates this question and leaves it unanswered"
    found.candidates += [Candidate(k, "not_answered", "", "", where, "question heading", 0.9, reason)
                         for k, where in found.skipped.items() if k not in have]
    return found


def period_answers(document: Document, survey: Survey) -> Found:
    """Given a read document and a one-period survey, return at most one candidate per key and the keys restated.

    The letter is split into question blocks once; both results come from the same blocks.
    """
    # tables first (a row per year is a table row, a heading's periods are its columns'), then the loose lines
    # giving other years are left out
    document = with_layout_tables(document)
    blocks, loose = document_to_blocks(without_other_year_lines(document, survey), survey)
    found: list[Candidate] = []
    for table in loose:
        found += table_to_candidates(table, survey)
    earlier: list[tuple[Block, list[Candidate]]] = []
    for block in blocks:
        pointed = pointed_block(block, earlier)
        own = as_above(block, earlier) or block_to_candidates(pointed or block, survey, measured=pointed is not None)
        found += shared_with_previous(block, earlier, survey)
        earlier.append((block, own))
        found += own
    if refuses_whole_request(document, found):
        found = whole_request_refused(document, survey) or found
    found = refused_throughout(found, survey)
    by_key: dict[str, list[Candidate]] = {}
    for item in found:
        by_key.setdefault(item.key, []).append(item)
    order = {k.key: i for i, k in enumerate(survey.keys)}
    merged = [apply_threshold(merge_in_file(k, v)) for k, v in sorted(by_key.items(), key=lambda kv: order[kv[0]])]
    addressed = {k.key for b in blocks for k in b.question.keys if not b.part or k.part == b.part}
    return Found(period_review(one_figure_for_parts(merged, survey), document, survey), addressed,
                 answer_text=[b.answer_text for b in blocks], skipped=skipped_keys(blocks))


def one_figure_for_parts(found: list[Candidate], survey: Survey) -> list[Candidate]:
    """Given a file's candidates, return them with parts of one question read from the very same place (one
    figure covering every group) sent to review: such a figure answers no part."""
    shared: dict[tuple[str, str, str], list[str]] = {}
    keys = {k.key: k for k in survey.keys}
    parts_of = {q.id: [k.part for k in q.keys] for q in survey.questions}
    for c in found:
        key = keys.get(c.key)
        if key is not None and key.part and c.status == "reported" and c.locator and "part marker" not in c.method:
            # the same place, or the same row of a table ('1,727 (both groups combined)' under each group)
            # (two cells each holding a bare figure are two answers, even when the figures are equal: 0 and 0; so
            # are two figures each after its own part marker, '(a) 649' / '(b) 649')
            parts = parts_of.get(key.question_id, [])
            if len(split_by_part_markers(c.raw or "", parts)) > 1 or \
                    len(value_pattern(c.value).findall(c.raw or "")) >= len(parts):
                continue  # each part's own figure, marked or stated once per part ('Staff: 17 / Visitors: 17')
            bare = re.fullmatch(r"\s*[<>]?[\d,.]+\s*", c.raw or "") is not None
            place = re.sub(r"c\d+$", "", c.locator) if re.search(r"r\d+c\d+$", c.locator) and not bare else c.locator
            shared.setdefault((key.question_id, place, c.value), []).append(c.key)
    combined = {k for names in shared.values() if len(names) > 1 for k in names}
    return [replace(c, status="needs_review", value="", confidence=0.5,
                    reason=f"one figure ({c.value}) given for several parts together at {c.locator}")
            if c.key in combined else c for c in found]


def document_to_candidates(document: Document, survey: Survey) -> list[Candidate]:
    """Given a read document, return at most one candidate per answer key."""
    return document_to_answers(document, survey)[0]

