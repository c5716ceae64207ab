"""Letter text -> question blocks: each restated question with the answer text and tables under it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import takewhile

from rapidfuzz import fuzz

from extractors.crosswalk import column
from extractors.extract.matching import (
    GroupPhrases,
    answer_label_pattern,
    answers_heading_pattern,
    best_question,
    question_by_number,
    question_refs,
    strip_ref,
    tokens,
)
from extractors.extract.page_furniture import edge_lines, footnote_lines, furniture_lines
from extractors.extract.parts import names_one_group
from extractors.extract.question_mark import (
    ANSWER_START,
    LEADING_YEAR,
    answer_after_question_end,
    answer_after_question_mark,
    answer_from_tail,
    compact_answer,
    heading_carries_answer,
)
from extractors.model import Document, Line, Table
from extractors.survey import Question, Survey

PAGE_FURNITURE = re.compile(
    r"^\s*(?:page\s*\d+(?:\s*of\s*\d+)?|-\s*\d+\s*-|\d{1,3}|classification:.*|official(?:\s*-.*)?)\s*$", re.I
)
def closing_pattern() -> re.Pattern[str]:
    """Return the pattern of a letter's closing lines (review rights, sign-off), where answers end."""
    phrases = sorted(column("closing.csv", "phrase"), key=len, reverse=True)
    return re.compile(r"^\s*(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)


# A heading line whose remainder starts like an answer ('1. Yes, all children ...') carries the answer itself.
# 'Q1 – Yes. Q2 – Yes.' and '1) Yes. 2) Yes.': several answers on one line are split at each reference.
INLINE_REF = re.compile(r"(?<=[.;!?])\s+(?=(?:q|question|request)\s*\.?\s*\d{1,2}\b|\d{1,2}[.)]\s)", re.I)


def split_inline(lines: list[Line]) -> list[Line]:
    """Given lines, return them with any line holding several numbered answers split at each number."""
    split: list[Line] = []
    for line in lines:
        pieces = INLINE_REF.split(line.text)
        if len(pieces) == 1 or len(question_refs(line.text)) == 0:
            split.append(line)
            continue
        split += [Line(piece, line.page, line.top + i * 0.01, cell=line.cell)
                  for i, piece in enumerate(pieces) if piece.strip()]
    return split


def numbering_style(text: str) -> str:
    """Given a heading, return how it is numbered ('question', 'q', '' for a bare number, plus its mark)."""
    match = re.match(r"^\s*([a-z]*)\s*\.?\s*\d{1,2}\s*([.):–-]?)", text, re.I)
    return f"{match.group(1).lower()}{match.group(2)}" if match else "?"


HEADING_WORD = re.compile(r"^\s*(?:q|qu|question|request|item)\s*\.?\s*\d", re.I)


@dataclass
class Block:
    """One question as the letter restates it, with the answer lines and tables that follow it."""

    question: Question
    part: str
    heading: Line
    question_lines: list[Line] = field(default_factory=list)
    answer_lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    inferred: bool = False  # the heading was matched to its question by order, not by number or wording
    listed: bool = False  # the heading is an item of a bare list of answers ('8. Acme Ltd')
    others: list[Question] = field(default_factory=list)  # 'Questions 1 and 2: ...' answers these too
    next_top: float | None = None  # where the next line on the block's last page starts (a lost line leaves a gap)

    @property
    def answer_text(self) -> str:
        """Given a block, return its answer as one string with the answer label removed."""
        heading = answers_heading_pattern()
        text = "\n".join(line.text for line in self.answer_lines if not heading.match(line.text))
        text = answer_label_pattern().sub("", text, count=1).strip()
        # 'A: Yes' after 'Q1.': an answer label, unless a part (b) follows and makes it part (a) ('A: ... (a) 757
        # ... (b) 351' marks its own part a)
        rest = text[2:].strip()
        label = re.match(r"A:(?:\s|$)", text) and (not re.search(r"(?:^|\s)\(?b[).:]", text) or
                                              re.search(r"(?:^|\s)\(a\)", rest) or LEADING_YEAR.match(rest))
        return rest if label else text

    @property
    def locator(self) -> str:
        """Given a block, return where its answer starts."""
        first = self.answer_lines[0] if self.answer_lines else self.heading
        return first.locator


def body_lines(document: Document) -> list[Line]:
    """Given a document, return its lines without page numbers, headers and footers."""
    repeated = furniture_lines(document.lines) | footnote_lines(document.lines)
    # A lone number is a page number only at the top or foot of a page, and only when it could number a page of
    # this document: mid-page, or '83' at the top of page 2, it is an answer run over the page break.
    edges = {id(line) for tagged in edge_lines(document.lines, 1).values() for _, line in tagged}
    pages = max((line.page for line in document.lines), default=1)
    return split_inline([
        line for line in document.lines
        if id(line) not in repeated and not (PAGE_FURNITURE.match(line.text) and (
            not (lone := re.fullmatch(r"\s*(\d{1,3})\s*", line.text)) or
            id(line) in edges and int(lone.group(1)) <= pages + 2))
    ])


def heading_question(line: Line, following: str, survey: Survey) -> tuple[Question | None, str]:
    """Given a line and the text after it, return the question it heads (and part letter), if it is a heading."""
    refs = question_refs(line.text)
    if not refs:
        return None, ""
    question = question_by_number(survey, refs[0].number)
    if question is None:
        return None, ""
    restated = f"{strip_ref(line.text)} {following}"[: len(question.text) + 40]
    similar = max(fuzz.partial_ratio(question.text.lower(), restated.lower()),
                  fuzz.token_set_ratio(question.text.lower(), restated.lower())) >= 60
    if HEADING_WORD.match(line.text) or similar:
        return question, refs[0].part
    if compact_answer(line, question, refs[0].part):
        return question, refs[0].part
    if refs[0].part and not strip_ref(line.text) and any(k.part == refs[0].part for k in question.keys):
        return question, refs[0].part  # '5a' alone on its line heads that part's answer below it
    return None, ""


def restated_heading(line: Line, following: str, survey: Survey) -> Question | None:
    """Given an unnumbered line and the text after it, return the question it restates, if clearly one."""
    if len(line.text) < 25:
        return None
    text = f"{line.text} {following}".lower()
    scored = sorted(
        ((fuzz.ratio(q.text.lower(), text[: len(q.text)]), q) for q in survey.questions),
        key=lambda pair: -pair[0],
    )
    if scored and scored[0][0] >= 85 and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 5):
        return scored[0][1]
    question, confidence = best_question(line.text, survey)
    return question if question is not None and confidence >= 0.85 and line.text.rstrip().endswith("?") else None


def split_question_and_answer(block: Block, lines: list[Line], phrases: GroupPhrases = ()) -> None:
    """Given a block and its following lines, fill in which lines restate the question and which answer it."""
    label = answer_label_pattern()
    labelled = next((i for i, line in enumerate(lines) if label.match(line.text) or
                     i and re.match(r"A:\s", line.text)), None)  # 'A: ...' under the question's wrapped lines
    if labelled is None and label.search(block.heading.text):
        block.answer_lines = [Line(label.split(block.heading.text, 1)[-1], block.heading.page, block.heading.top,
                                  cell=block.heading.cell)]
        block.answer_lines += lines
        return
    if labelled is not None:
        block.question_lines, block.answer_lines = lines[:labelled], lines[labelled:]
        return
    rest = strip_ref(block.heading.text)
    tail = answer_after_question_mark(block.heading.text, block.question.text, lines[0].text if lines else "")
    asked = fuzz.partial_ratio(block.question.text.lower(), rest.rsplit("?", 1)[0].lower()) >= 80 if tail else False
    # ('Question 6: 141 staff on leave and ...')
    if heading_carries_answer(block.question.text, block.listed, rest) and not asked:
        block.answer_lines = [Line(rest, block.heading.page, block.heading.top, cell=block.heading.cell), *lines]
        return
    if tail:  # ('6. How many ... (b) part-time? a. 333 / b. 196': the question, then its answer)
        block.answer_lines = answer_from_tail(tail, block.heading, lines)
        return
    ends = restated_length(block, lines, phrases)
    block.question_lines, block.answer_lines = lines[:ends], lines[ends:]
    for i, line in enumerate(block.question_lines):
        following = lines[i + 1].text if i + 1 < len(lines) else ""
        tail = answer_after_question_mark(line.text, block.question.text, following) or \
            answer_after_question_end(line.text, block.question.text)
        if tail:
            block.question_lines, block.answer_lines = lines[:i + 1], answer_from_tail(tail, line, lines[i + 1:])
            return


def restated_length(block: Block, lines: list[Line], phrases: GroupPhrases = ()) -> int:
    """Given a block's lines, return how many of the first ones continue restating the question."""
    if block.heading.text.rstrip().endswith("?"):
        return 0
    question = block.question.text.lower()
    count = 0
    for line in lines[:6]:
        text = line.text.lower().strip()
        if len(text) < 12 or fuzz.partial_ratio(text, question) < 85 or \
                names_one_group(text, block.question.keys, phrases):
            break
        count += 1
        if text.endswith("?"):
            break
    if count:
        return count
    ends = next((i + 1 for i, line in enumerate(lines[:6]) if line.text.rstrip().endswith("?")), 0)
    return ends


def heading_like(line: Line, survey: Survey) -> bool:
    """Given a line, return whether it reads as a short heading in the survey's subject words."""
    text = line.text.strip()
    if not 8 <= len(text) <= 90 or text.endswith((".", ",", ";")) or not text[0].isupper():
        return False
    if len(re.findall(r"\d+", text)) > 1 or answer_label_pattern().match(text) or ANSWER_START.match(text):
        return False
    words = tokens(text, survey.vocabulary.term_pairs)
    needed = 1 if len(text.split()) <= 3 else 2  # 'Timescale' alone is a heading; a longer line must say more
    return any(len(words & tokens(q.text, q.terms)) >= needed for q in survey.questions)


def unnumbered_headings(lines: list[Line], survey: Survey) -> dict[int, Question]:
    """Given a letter with no numbered questions, return heading lines mapped to questions in survey order.

    Used only when the letter has exactly one heading-like line per question and no heading clearly names a
    different question than its place in the order says.
    """
    closing = closing_pattern()
    end = next((i for i, line in enumerate(lines) if closing.match(line.text)), len(lines))
    start = next((i + 1 for i, line in enumerate(lines[:end]) if re.match(r"^\s*dear\b", line.text, re.I)), 0)
    found = [i for i in range(start, end) if heading_like(lines[i], survey)]
    if len(found) != len(survey.questions):
        return {}
    mapping = dict(zip(found, survey.questions, strict=True))
    for index, question in mapping.items():
        named, confidence = best_question(lines[index].text, survey)
        if named is not None and named is not question and confidence >= 0.75:
            return {}
    return mapping


def document_to_blocks(document: Document, survey: Survey) -> tuple[list[Block], list[Table]]:
    """Given a document (its unruled tables already laid out), return its question blocks and the tables that sit
    under no question."""
    blocks, loose = numbered_blocks(document, survey)
    if blocks:
        return blocks, loose
    lines = body_lines(document)
    mapping = unnumbered_headings(lines, survey)
    if not mapping:
        return blocks, loose
    blocks = []
    indexes = sorted(mapping)
    for position, index in enumerate(indexes):
        stop = indexes[position + 1] if position + 1 < len(indexes) else len(lines)
        block = Block(mapping[index], "", lines[index], inferred=True)
        block.answer_lines = list(takewhile(lambda ln: not closing_pattern().match(ln.text), lines[index + 1:stop]))
        blocks.append(block)
    return blocks, document.tables


def listed_answers(lines: list[Line], survey: Survey) -> set[int]:
    """Given lines, return the ids of numbered lists 1, 2, 3 ... that run through the questions in order.

    A reply may answer with a bare list ('1. Yes.', '2. Most, but not all ...') and restate nothing, or restate
    every question in one list and answer in a second list that starts again from the first number.
    """
    first = survey.questions[0].number if survey.questions else 1
    runs: list[list[int]] = [[]]
    expected, style = first, None
    for line in lines:
        refs = question_refs(line.text)
        if not refs:
            continue
        if refs[0].number <= first + 2 and expected > refs[0].number + 3:
            # the numbering starts again: a second list (its first number or two lost, as OCR drops a lone '1.')
            runs.append([])
            expected, style = refs[0].number, None
        number = refs[0].number
        if not runs[-1] and question_by_number(survey, number) is not None:
            expected = number  # a list may start later on ('5. ...' when the first four were answered above)
        # numbers rise through the questions; a question left out ('6.' then '8.') skips one
        if not expected <= number <= expected + 2 or question_by_number(survey, number) is None or \
                (number != expected and not runs[-1]):
            continue
        if style is not None and numbering_style(line.text) != style:
            continue
        style = numbering_style(line.text)
        runs[-1].append(id(line))
        expected = number + 1
    return {i for run in runs if len(run) >= 3 for i in run}


def line_heading(item: Line, following: str, survey: Survey, blocks: list[Block], pending: list[Line],
                 listed: set[int]) -> tuple[Question | None, str]:
    """Given a line, the text after it and the blocks so far, return the question (and part) it heads, if any."""
    question, part = heading_question(item, following, survey)
    if question is None and id(item) in listed:
        question, part = question_by_number(survey, question_refs(item.text)[0].number), ""
    if question is None and blocks and (refs := question_refs(item.text)):
        # The next number in the same numbering as the last heading: a heading even when it restates nothing.
        nxt = question_by_number(survey, refs[0].number)
        previous = blocks[-1]
        if nxt and refs[0].number == previous.question.number + 1 and \
                numbering_style(item.text) == numbering_style(previous.heading.text):
            question, part = nxt, refs[0].part
    if question is not None and part and blocks and blocks[-1].question is question and not blocks[-1].part:
        question = None  # '5a)' under 'Q5' marks a part of the answer, not a new question
    if question is None and not question_refs(item.text) and (not blocks or pending):
        question = restated_heading(item, following, survey)
    return question, part


def numbered_blocks(document: Document, survey: Survey) -> tuple[list[Block], list[Table]]:
    """Given a document, return blocks under numbered (or restated) question headings, and loose tables."""
    lines = body_lines(document)
    listed = listed_answers(lines, survey)
    items: list[tuple[int, float, int, object]] = [(ln.page, ln.top, 1, ln) for ln in lines]
    items += [(t.page, t.top, 0, t) for t in document.tables]
    items.sort(key=lambda item: (item[0], item[1], item[2]))
    blocks: list[Block] = []
    loose: list[Table] = []
    pending: list[Line] = []
    closed = False
    closing = closing_pattern()
    stream = [item[3] for item in items]
    for index, item in enumerate(stream):
        if isinstance(item, Table):
            (blocks[-1].tables if blocks and not closed else loose).append(item)
            continue
        closed = closed or bool(closing.match(item.text))
        following = " ".join(x.text for x in stream[index + 1:index + 4] if isinstance(x, Line))
        question, part = line_heading(item, following, survey, blocks, pending, listed)
        if question is not None:
            if blocks:
                split_question_and_answer(blocks[-1], pending, survey.vocabulary.group_phrases)
            block = Block(question, part, item, listed=id(item) in listed)
            block.others = [q for ref in question_refs(item.text)[1:]
                            if (q := question_by_number(survey, ref.number)) and q is not question]
            blocks.append(block)
            pending, closed = [], False
        elif blocks and not closed:
            pending.append(item)
    if blocks:
        split_question_and_answer(blocks[-1], pending, survey.vocabulary.group_phrases)
    return with_next_tops(blocks, lines), loose


def with_next_tops(blocks: list[Block], lines: list[Line]) -> list[Block]:
    """Given a letter's blocks and its body lines, return the blocks with where the line after each one's last
    line starts, on the same page."""
    for block in blocks:
        last = max([block.heading, *block.question_lines, *block.answer_lines], key=lambda ln: (ln.page, ln.top))
        block.next_top = next((ln.top for ln in lines if ln.page == last.page and ln.top > last.top + 1), None)
    return blocks
