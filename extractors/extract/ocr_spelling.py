"""OCR'd words -> the survey's own spelling: 'ehildran' read as 'children' before labels are matched.

Tesseract misreads a letter or two in long words ('accomimoaation'); labels and restated questions then miss
the survey's words. On OCR'd pages only, a long word that the survey and the crosswalks never use, and that is
one or two letters away from a word they do use, is read as that word. Figures are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from extractors.crosswalk import FOLDER, rows
from extractors.model import Cell, Document, Line, Table
from extractors.survey import Survey

WORD = re.compile(r"[A-Za-z]{6,}")
MIN_RATIO = 80  # one or two letters wrong in a word of six or more


def survey_texts(survey: Survey) -> list[str]:
    """Given a survey, return every piece of its own wording: questions, labels, options and vocabulary."""
    texts = [survey.title]
    for question in survey.questions:
        texts += [question.text, *question.aliases, *(t for pair in question.terms for t in pair)]
        for key in question.keys:
            texts += [key.text, key.part_label, *key.aliases, *key.providers]
            texts += [t for option in key.options for t in (option[1], *option[2])]
    vocabulary = survey.vocabulary
    texts += [t for group in vocabulary.groups for t in (group.label, *group.words)]
    texts += [t for term, words in vocabulary.terms for t in (term, *words)]
    return texts + list(vocabulary.providers) + list(vocabulary.people)


@lru_cache(maxsize=8)
def lexicon(survey: Survey) -> frozenset[str]:
    """Given a survey, return the long words it and the crosswalks use, lower-cased (made once per survey)."""
    own = survey_texts(survey)
    texts = own + [value for path in sorted(FOLDER.glob("*.csv")) for row in rows(path.name) for value in row.values()]
    words = {w.lower() for text in texts for w in WORD.findall(text or "")}
    # (and the survey's own two-word phrases opened by a joining word, 'in post', kept with their space: OCR may
    # lose the space, and 'inpost' is then read back as the phrase)
    pairs = {f"{a} {b}" for text in own for a, b in word_pairs(text or "") if a in JOINERS}
    return frozenset(words | pairs)


def word_pairs(text: str) -> list[tuple[str, str]]:
    """Given text, return each two words that stand side by side in it, lower-cased."""
    found = re.findall(r"[a-z]+", text.lower())
    return list(zip(found, found[1:], strict=False))


def respelled(word: str, words: frozenset[str], ordered: tuple[str, ...]) -> str:
    """Given an OCR'd word and the lexicon, return the lexicon's word it misreads, or the word unchanged."""
    low = word.lower()
    if low in words:
        return word
    if (split := joined_words_split(word, words)) != word:
        return split
    best = process.extractOne(low, ordered, scorer=fuzz.ratio, score_cutoff=MIN_RATIO)
    if best is None or abs(len(best[0]) - len(low)) > 2 or best[0] in low or low in best[0]:
        return word  # 'unknown' is not 'known' misread, nor 'placements' 'placement'
    fixed = best[0]
    return fixed.capitalize() if word[:1].isupper() else fixed


# a question number OCR read with a letter for its digit ('Ql Yes', 'QI:', 'Q l0b'): l, I and | stand for 1, O for 0
QUESTION_DIGITS = re.compile(r"^(\s*(?:q|question)\s*)([0-9lIi|O]{1,2})(\]?)(?=[a-h]?(?:[\s.:)]|$))", re.I)
# a list number '1' OCR read as a letter, before a part letter or a second digit: 'la - FY 2023/24: 345', 'l0. Yes'
LEADING_ONE = re.compile(r"^(\s*)[lI|](?=\d[.)]\s|\d?[a-h]\s*[-\u2013.)]\s)")


def question_number_read(text: str) -> str:
    """Given a line OCR read, return it with the question number that opens it written in digits ('Ql]' too:
    the bracket is a speck beside the number)."""
    text = LEADING_ONE.sub(r"\g<1>1", text, count=1)
    match = QUESTION_DIGITS.match(text)
    if not match or match.group(2).isdigit() and not match.group(3) or \
            "i" in match.group(2) and match.group(2) != "i":
        return text  # ('Qi.' is 'Q1.'; 'Q1i' is question 1, part i)
    digits = match.group(2).translate(str.maketrans("lIi|O", "11110"))
    return f"{match.group(1)}{digits}{text[match.end():]}"


JOINERS = frozenset("in of on at to by for per and the over with from".split())


def joined_words_split(word: str, words: frozenset[str]) -> str:
    """Given an OCR'd word the lexicon lacks and the lexicon, return it as two words when OCR lost the space
    between a survey word and a short joining word ('placedin' is 'placed in'), else unchanged."""
    low = word.lower()
    for cut in range(2, len(low) - 1):
        left, right = low[:cut], low[cut:]
        # ('independent' is not 'in dependent': a joining word first only where the survey says the phrase)
        if left in words and right in JOINERS or f"{left} {right}" in words:
            return f"{word[:cut]} {word[cut:]}"
    return word


OCR_SPAN = re.compile(r"\b((?:19|20)\d\d)-(\d{5})\b")


def year_spans_read(text: str) -> str:
    """Given text OCR read, return it with a year span read with one digit too many put right ('2024-20285' is
    '2024-2025': dropping one digit of the second year gives the year after the first)."""
    def mend(match: re.Match[str]) -> str:
        """One span: the next year when dropping one digit gives it, else as read."""
        first, second = match.group(1), match.group(2)
        after = str(int(first) + 1)
        fits = any(second[:i] + second[i + 1:] == after for i in range(5))
        return f"{first}-{after}" if fits else match.group(0)
    return OCR_SPAN.sub(mend, text)


# a footnote under a dagger (or two or three) OCR read as '+' or 't' ('tt Provisional: ...')
DAGGER_NOTE = re.compile(r"\s*[+t\u2020]{1,3}\s+[A-Z][a-z]+\b")
DAGGER_AFTER_FIGURE = re.compile(r"(?<=\d)[t+]{1,3}(?=$|[\s.,;)])")  # '309t' for '309' and its dagger


def daggers_read(lines: list[Line], pages: set[int]) -> list[Line]:
    """Given a document's lines and its OCR'd pages, return them with a dagger OCR read as 't' or '+' after a
    figure restored ('309t' to '309\u2020'), where a footnote under such a mark says the reply uses daggers."""
    if not any(line.page in pages and DAGGER_NOTE.match(line.text) for line in lines):
        return lines

    def fix(text: str) -> str:
        """One piece of text with its daggers restored."""
        return text if DAGGER_NOTE.match(text) else DAGGER_AFTER_FIGURE.sub(lambda m: "\u2020" * len(m.group(0)), text)
    return [replace(line, text=fix(line.text), segments=tuple(fix(s) for s in line.segments))
            if line.page in pages else line for line in lines]


def text_respelled(text: str, words: frozenset[str], ordered: tuple[str, ...]) -> str:
    """Given OCR'd text and the lexicon, return it with misread long words put right."""
    return WORD.sub(lambda m: respelled(m.group(0), words, ordered), text)


RULE_MARK = re.compile(r"^\s*\|(?:\s+|$)|\s+\|\s*$")  # a table's ruled edge OCR read as a bar beside a cell's words
# (or a rule under a short cell read as underscores or a long dash after its words: 'Q__', '1 __', '6 —')
TRAILING_RULE = re.compile(r"(?<=[\w.])\s*(?:_+|\u2014+)\s*$")


def rule_dropped(text: str) -> str:
    """Given a cell or segment OCR read, return it without a bar its ruled edge left ('| Mears')."""
    return TRAILING_RULE.sub("", RULE_MARK.sub("", text))


def line_fixed(line: Line, fix: Callable[[str], str]) -> Line:
    """Given an OCR'd line and a text fix, return the line with its text and segments fixed, and a segment that
    was only a ruled edge ('|') dropped with its place across the page."""
    segments = [fix(rule_dropped(s)) for s in line.segments]
    if len(line.segment_x) != len(segments) or all(s.strip() for s in segments):
        return replace(line, text=fix(line.text), segments=tuple(segments))
    kept = [(s, x) for s, x in zip(segments, line.segment_x, strict=True) if s.strip()]
    return replace(line, text=" ".join(s for s, _ in kept), segments=tuple(s for s, _ in kept),
                   segment_x=tuple(x for _, x in kept))


def ocr_pages(document: Document) -> set[int]:
    """Given a document, return the pages whose text OCR made (their lines carry a confidence)."""
    return {line.page for line in document.lines if line.ocr_confidence is not None} | {
        table.page for table in document.tables if any(c.ocr_confidence is not None for r in table.rows for c in r)}


def document_respelled(document: Document, survey: Survey) -> Document:
    """Given a document and its survey, return it with OCR'd pages' words in the survey's spelling."""
    pages = ocr_pages(document)
    if not pages:
        return document
    words = lexicon(survey)
    ordered = tuple(sorted(w for w in words if " " not in w))

    def fix(text: str) -> str:
        """One piece of text, respelled."""
        return text_respelled(year_spans_read(question_number_read(text)), words, ordered)

    highest = max((q.number for q in survey.questions), default=0)
    lines = document.lines
    for step in (gaps_split, daggers_read, list_numbers_filled, row_numbers_filled):
        lines = step(lines, pages)
    lines = last_number_filled(lines, pages, highest)
    lines = [quarter_segments_filled(line_fixed(line, fix)) if line.page in pages else line for line in lines]
    lines = question_numbers_filled(lines, pages, highest)
    tables = [numbered_cells_filled(Table([quarter_cells_filled([Cell(fix(rule_dropped(c.text)), c.locator,
                                                                      c.ocr_confidence) for c in row])
                                           for row in t.rows], t.name, t.page, t.top)) if t.page in pages else t
              for t in document.tables]
    return replace(document, lines=lines, tables=tables)


def numbered_cells_filled(table: Table) -> Table:
    """Given an OCR'd table, return it with the one misread number of its first column put back: between rows
    numbered 6 and 8, a row whose first cell reads 'he' is row 7."""
    firsts = [row[0].text.strip() if row else "" for row in table.rows]
    rows = [list(row) for row in table.rows]
    for i in range(1, len(firsts) - 1):
        before, cell, after = firsts[i - 1], firsts[i], firsts[i + 1]
        if before.isdigit() and after.isdigit() and int(after) == int(before) + 2 and \
                re.fullmatch(r"[^\d\s]{1,3}", cell):
            rows[i][0] = Cell(str(int(before) + 1), rows[i][0].locator, rows[i][0].ocr_confidence)
    return Table(rows, table.name, table.page, table.top)



QUARTER = re.compile(r"\s*Q([1-4])\b", re.I)
MISREAD_QUARTER = re.compile(r"(\s*)Q[^\d\s]\b", re.I)  # 'QU 25/26', 'Ql 25/26' for 'Q1 25/26'


def quarters_filled(texts: list[str]) -> list[str]:
    """Given a row of OCR'd headings, return it with the one quarter heading OCR misread put right, when the row's
    other headings are the other three quarters ('QU 25/26' beside 'Q2 25/26', 'Q3 25/26', 'Q4 25/26')."""
    numbers = [m.group(1) for t in texts if (m := QUARTER.match(t))]
    odd = [i for i, t in enumerate(texts) if MISREAD_QUARTER.match(t) and not QUARTER.match(t)]
    if len(odd) != 1 or len(numbers) != 3 or len(set(numbers)) != 3:
        return texts
    missing = ({"1", "2", "3", "4"} - set(numbers)).pop()
    fixed = MISREAD_QUARTER.sub(lambda m: f"{m.group(1)}Q{missing}", texts[odd[0]], count=1)
    return [*texts[:odd[0]], fixed, *texts[odd[0] + 1:]]


def quarter_cells_filled(row: list[Cell]) -> list[Cell]:
    """quarters_filled, for a row of table cells."""
    texts = quarters_filled([c.text for c in row])
    return [Cell(t, c.locator, c.ocr_confidence) for t, c in zip(texts, row, strict=True)]


def quarter_segments_filled(line: Line) -> Line:
    """quarters_filled, for a line's segments (its text rebuilt from them)."""
    segments = tuple(quarters_filled(list(line.segments)))
    return line if segments == line.segments else replace(line, text=" ".join(segments), segments=segments)


LIST_NUMBER = re.compile(r"\s*(\d{1,2})[.)](?:\s|$)")
MISREAD_NUMBER = re.compile(r"\s*[0-9A-Za-z|]{1,2}[.,:%]?\s*")  # '1S' or '3%' for '7.'; a part letter 'a.' is not
# '5.42%', '9.1 year': list number 5 and its answer 42%, 9 and 1 year
SHORT_WORDS = frozenset("yes nil all any one two six ten see tbc tba n/a none".split())


def misread_word(text: str) -> bool:
    """Given a line, return whether it is three characters no reply writes alone ('aks' for '1.')."""
    flat = text.strip().rstrip(".,:").lower()
    return re.fullmatch(r"[0-9a-z|]{3}", flat) is not None and flat not in SHORT_WORDS


JOINED_PERCENT = re.compile(r"\s*(\d{1,2})\.(\d[\d.]*\s*(?:%|[a-z]+\b.*))\s*", re.I)


def list_numbers_filled(lines: list[Line], pages: set[int]) -> list[Line]:
    """Given a document's lines and its OCR'd pages, return them with a numbered list's misread numbers put
    back: a lone short line between '6.' and '8.' is '7.', an '8.' between '2.' and '4.' is '3.', and the lone
    short lines before a list that starts at '3.' ('LS', '2') are '1.' and '2.'."""
    lines = percents_apart(lines, pages)
    numbered = [(i, int(m.group(1))) for i, line in enumerate(lines)
                if line.page in pages and (m := LIST_NUMBER.match(line.text))]
    fixed = list(lines)
    numbered = [(-1, 99), *numbered]  # (the top of the document opens a list too: 'He' / 'ce' / '3%' / '4.')
    for k, ((start, number), (end, after)) in enumerate(zip(numbered, numbered[1:], strict=False)):
        between = [i for i in range(start + 1, end) if MISREAD_NUMBER.fullmatch(lines[i].text)
                   and not re.fullmatch(r"\s*[a-hA-H][.)]?\s*", lines[i].text) and not lines[i].text.strip().isdigit()]
        # (a bare letter may be a number OCR misread, 'a' for '2.'; a part letter keeps its mark)
        lone = [i for i in range(start + 1, end) if (MISREAD_NUMBER.fullmatch(lines[i].text) or misread_word(
                lines[i].text)) and not re.fullmatch(r"\s*[a-hA-H][.)]\s*", lines[i].text)]
        if after == number + 2 and len(between) == 1:
            fixed[between[0]] = numbered_as(lines[between[0]], number + 1)
        elif 1 < after <= number and len(lone) == after - 1 and all(  # a new list whose first numbers OCR lost
                not lines[i].text.strip().isdigit() or int(lines[i].text) == n for n, i in enumerate(lone, 1)):
            for n, i in enumerate(lone, 1):
                fixed[i] = numbered_as(lines[i], n)
        if k + 2 < len(numbered) and numbered[k + 2][1] == number + 2 and after not in (number + 1, number + 2):
            fixed[end] = numbered_as(lines[end], number + 1, LIST_NUMBER.match(lines[end].text).end())
    return fixed


Q_NUMBER = re.compile(r"\s*Q(\d{1,2})\b", re.I)
MISREAD_Q_NUMBER = re.compile(r"(\s*Q)[^\d\s.:)]{1,2}(?=[.:)]|\s|$)", re.I)  # 'Qs.' for 'Q8.'


def question_numbers_filled(lines: list[Line], pages: set[int], highest: int = 0) -> list[Line]:
    """Given a document's lines, its OCR'd pages (and the survey's last question number), return them with the
    misread numbers of a run of question headings put back: between 'Q7.' and 'Q9.', a line opening 'Qs.' is
    'Q8.'; after the last one read, 'Qs.' and 'Qg.' are the next two while the survey has questions for them."""
    numbered = [(i, int(m.group(1))) for i, line in enumerate(lines)
                if line.page in pages and (m := Q_NUMBER.match(line.text))]
    fixed = list(lines)
    ends = [*numbered[1:], (len(lines), highest + 1)]
    for (start, number), (end, after) in zip(numbered, ends, strict=False):  # (no heading read: none to follow)
        misread = [i for i in range(start + 1, end) if lines[i].page in pages and MISREAD_Q_NUMBER.match(lines[i].text)]
        fits = len(misread) == after - number - 1 if end < len(lines) else 0 < len(misread) <= after - number - 1
        for step, i in enumerate(misread if fits else [], 1):
            text = MISREAD_Q_NUMBER.sub(f"\\g<1>{number + step}", lines[i].text, count=1)
            fixed[i] = replace(lines[i], text=text, segments=(text,), segment_x=lines[i].segment_x[:1])
    return fixed


PART_LINE = re.compile(r"\s*\(?[a-hA-H][.,)]\s")  # 'a. 130 ...', 'b) 51'


def last_number_filled(lines: list[Line], pages: set[int], highest: int) -> list[Line]:
    """Given a document's lines, its OCR'd pages and the survey's last question number, return them with the
    misread number after a list's last one put back: a lone short line after '8.' with part lines under it
    ('ne' / 'a. 130 ...') is '9.'."""
    numbered = [(i, int(m.group(1))) for i, line in enumerate(lines)
                if line.page in pages and (m := LIST_NUMBER.match(line.text))]
    if not numbered or numbered[-1][1] >= highest:
        return lines
    last, number = numbered[-1]
    # (a bare figure is no misread number, but the next number with its full stop read as a digit is: '95')
    lone = [i for i in range(last + 1, len(lines)) if lines[i].page in pages and MISREAD_NUMBER.fullmatch(lines[i].text)
            and not re.fullmatch(r"\s*[a-hA-H][.)]?\s*", lines[i].text) and
            (not lines[i].text.strip().isdigit() or re.fullmatch(rf"\s*{number + 1}\d\s*", lines[i].text))]
    if len(lone) != 1 or not any(PART_LINE.match(ln.text) for ln in lines[lone[0] + 1:lone[0] + 3]):
        return lines
    return [numbered_as(line, number + 1) if i == lone[0] else line for i, line in enumerate(lines)]


COMMA_NUMBER = re.compile(r"\s*(\d{1,2})[,;:]\s+([A-Z][a-z].*)")  # '4, What was ...' for '4. What was ...'


def percents_apart(lines: list[Line], pages: set[int]) -> list[Line]:
    """Given lines and the OCR'd pages, return them with a list number OCR joined to its answer ('5.42%' after
    '4.' and before '6.', '9.1 year' after '8.') set apart: '5. 42%', '9. 1 year'; and one OCR read with a comma
    ('4, What was ...' after '3.') given its full stop."""
    numbers = [(i, int(m.group(1))) for i, ln in enumerate(lines) if ln.page in pages and
               (m := LIST_NUMBER.match(ln.text))]
    fixed = list(lines)
    for i, line in enumerate(lines):
        joined = JOINED_PERCENT.fullmatch(line.text) or COMMA_NUMBER.match(line.text) if line.page in pages else None
        before = [n for j, n in numbers if j < i][-1:]
        if joined and before == [int(joined.group(1)) - 1]:
            text = f"{joined.group(1)}. {joined.group(2)}"
            fixed[i] = replace(line, text=text, segments=(text,), segment_x=line.segment_x[:1])
    return fixed


def numbered_as(line: Line, number: int, cut: int = 0) -> Line:
    """Given a line OCR read (and where its misread number ends), return it opening with list number `number`."""
    text = f"{number}. {line.text[cut:]}".rstrip() if cut else f"{number}."
    return replace(line, text=text, segments=(text,), segment_x=line.segment_x[:1])


ROW_NUMBER = re.compile(r"(\d{1,2})[.)]?")


def row_numbers_filled(lines: list[Line], pages: set[int]) -> list[Line]:
    """Given a document's lines and its OCR'd pages, return them with a numbered table's one misread row number
    put back: between rows '2)' and '4' in the number column, a row opening 'AS' is row 3."""
    numbered = [(i, int(m.group(1))) for i, line in enumerate(lines) if line.page in pages and
                len(line.segments) >= 2 and line.segment_x and (m := ROW_NUMBER.fullmatch(line.segments[0].strip()))]
    fixed = list(lines)
    for (start, number), (end, after) in zip(numbered, numbered[1:], strict=False):
        column = lines[start].segment_x[0]
        misread = [i for i in range(start + 1, end) if len(lines[i].segments) >= 2 and lines[i].segment_x and
                   abs(lines[i].segment_x[0] - column) <= 4 and abs(lines[end].segment_x[0] - column) <= 4 and
                   re.fullmatch(r"[^\d\s]{1,3}", lines[i].segments[0].strip())]
        if after == number + 2 and len(misread) == 1:
            line = lines[misread[0]]
            segments = (str(number + 1), *line.segments[1:])
            fixed[misread[0]] = replace(line, text=" ".join(segments), segments=segments)
    return fixed


GAP_MARK = re.compile(r"\s*_{2,}\s*")  # OCR reads a wide gap between two cells as a run of underscores
CHAR_POINTS = 5.5  # points: a rough width of one character, to place the piece after such a gap


def gaps_split(lines: list[Line], pages: set[int]) -> list[Line]:
    """Given a document's lines and its OCR'd pages, return them with a segment OCR joined across a gap
    ('Full time __ Total') cut in two, the second piece put at the nearest column the page's lines use."""
    starts = {page: sorted({x for ln in lines if ln.page == page for x in ln.segment_x}) for page in pages}
    out = []
    for line in lines:
        if line.page not in pages or len(line.segment_x) != len(line.segments) or \
                not any(GAP_MARK.search(s.strip()) for s in line.segments):
            out.append(line)
            continue
        segments, xs = [], []
        for text, x in zip(line.segments, line.segment_x, strict=True):
            pieces = [p for p in GAP_MARK.split(text.strip()) if p]
            at = x
            for piece in pieces:
                near = [c for c in starts[line.page] if abs(c - at) <= 80 and (not xs or c > xs[-1])]
                at = min(near, key=lambda c: abs(c - at)) if near and segments else at
                segments.append(piece)
                xs.append(at)
                at += CHAR_POINTS * (len(piece) + 3)
        out.append(replace(line, text=" ".join(segments), segments=tuple(segments), segment_x=tuple(xs)))
    return out
