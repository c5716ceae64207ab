"""One answer text for a question in parts -> the text or figure for each part: by part letters or group words."""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.crosswalk import pairs
from extractors.extract.footnotes import footnote_marks_dropped
from extractors.extract.matching import GroupPhrases
from extractors.model import Parsed
from extractors.parse.values import count_tokens, parse_count
from extractors.survey import AnswerKey

PART_MARKER = re.compile(r"(?:(?<=\s)|^)(?:q?\d{1,2})?\(?([a-h])\)\s*", re.M | re.I)
# a part letter opening a line ('a. 32', 'b: 263'), after an 'A:' answer label if there is one
LINE_PART = re.compile(r"^[ \t]*(?:(?:a|answer)[ \t]*:[ \t]*)?\(?([a-h])(?:[.):]|,(?=[ \t]+\d))(?:[ \t]+(?=\S)|(?=\d))",
                       re.M | re.I)  # 'a, 293': a scan's 'a.' read with a comma; 'b.77', its space lost

# a part letter with a full stop inside a line, after a colon or semicolon and before its figure ('2023-24: b. 776;')
# or after the previous part's figure or sentence, in a cell whose lines were joined ('b. 772 a. 205*', '... not
# hold this information. b. 14')
# a part letter right after a period and its colon opens that part's answer, words or figures ('2023-24: a. This
# information is exempt ...')
YEAR_PART = re.compile(r"(?<=\d\d:)\s*\(?([a-h])[.)]\s+(?=\S)", re.I)
INLINE_PART = re.compile(r"(?:(?<=[;:,/])|(?<=[\d*%).]\s)|^)\s*\(?([a-h])[.)]\s+(?=[\d<*£]|(?:nil|none|zero|not|"
                         r"approx\w*|about|around|circa|fewer|less|under|over|exempt|withheld|suppressed)\b)", re.I)


def marked_parts(text: str, parts: list[str]) -> set[str]:
    """Given prose, return which of the parts' letters mark a piece of it ('88 / a) 55' marks a)."""
    found = (*PART_MARKER.finditer(text), *LINE_PART.finditer(text), *INLINE_PART.finditer(text))
    return {m.group(1).lower() for m in found} & set(parts)


def split_by_part_markers(text: str, parts: list[str], some: bool = False) -> dict[str, str]:
    """Given prose with '(a) ... (b) ...' markers, or lines starting 'a.' / 'b:', return the text after each.

    With `some`, markers for only some of the parts will do, when nothing but punctuation comes before the first.
    """
    found = {m.start(1): m for m in (*PART_MARKER.finditer(text), *LINE_PART.finditer(text),
                                     *INLINE_PART.finditer(text), *YEAR_PART.finditer(text))}
    marks = [found[k] for k in sorted(found) if found[k].group(1).lower() in parts]
    letters = [m.group(1).lower() for m in marks]
    if len(set(letters)) != len(letters) or not letters:
        return {}
    lead = YEAR_HEAD.sub("", text[:marks[0].start()])  # ('2024-2025: b) 610': the period the answer is for)
    if sorted(letters) != sorted(parts) and not (some and not re.search(r"\w", lead)):
        return {}
    ends = [m.start() for m in marks[1:]] + [len(text)]
    found = {m.group(1).lower(): text[m.end():end] for m, end in zip(marks, ends, strict=True)}
    # another part's letter before a figure inside this part's text ('(b) children missing a. 28'): the letters
    # read were the question's own, and which figure is whose cannot be told
    for letter, piece in found.items():
        if any(m.group(1).lower() != letter for m in STRAY_PART.finditer(piece) if m.group(1).lower() in parts):
            return {}
        if "?" in piece and re.search(r"\d", piece.split("?", 1)[1]):
            return {}  # '(b) the second group? The figures are 68 ...': the question's own letters
    return found


YEAR_HEAD = re.compile(r"\b(?:fy\s*)?(?:19|20)\d\d\s*[-/\u2013]\s*(?:19|20)?\d\d\s*:|"
                       r"\b[a-z]{3,9}\s+(?:19|20)\d\d\s+(?:to|-|\u2013)\s+[a-z]{3,9}\s+(?:19|20)\d\d\s*:", re.I)
# ('April 2023 to March 2024: a. 354': a period named by its months heads the part too)
STRAY_PART = re.compile(r"(?<![\w(])([a-h])[.)]\s*(?=[\d<*])", re.I)


# a note after the answer ('Figures between 1 and 4 have been replaced ...', 'Note: ...', '* ...')
NOTE_START = re.compile(r"^\s*(?:[*\u00b9\u00b2\u00b3\u2020]|[(\[]\d[)\]]\s+[A-Z]|notes?\b|figures\b|numbers\b|data\b|"
                        r"this figure\b|"
                        r"these figures\b|source\b|to avoid\b|small numbers\b|please note\b|"
                        r"where\b[^.]{0,40}\b(?:below|under|fewer|less)\b)", re.I)


FOOTNOTE_LINE = re.compile(r"^\s*(?:[*\u00b9\u00b2\u00b3\u2020]\s*[A-Za-z]|[(\[]\d[)\]]\s+[A-Z]|notes?\b|please note\b|"
                           r"source\b|to avoid\b|"
                           r"small numbers\b)", re.I)  # ('To avoid identifying individuals, small numbers are ...')


def without_footnote_lines(text: str) -> str:
    """Given an answer over several lines, return it without the footnotes after its first line ('* Counted at
    the date the record was closed.'): a footnote's mark is not a suppressed figure."""
    lines = footnote_marks_dropped(text).split("\n")
    return "\n".join(line for i, line in enumerate(lines) if not (i and FOOTNOTE_LINE.match(line)))


def left_out_part(reason: str, scanned: bool) -> Parsed:
    """Given why a part is taken as left out and whether the page was scanned, return not answered, or review on
    a scan: OCR loses lines, so a part missing there is no evidence that the reply skipped it."""
    if scanned:
        return Parsed("needs_review", reason=f"{reason}, but the reply is scanned and OCR may have lost it",
                      confidence=0.5)
    return Parsed("not_answered", reason=reason)


def part_to_parsed(segment: str) -> Parsed:
    """Given the text after one part's marker, return what it says for that part (a note after it left out)."""
    lines = footnote_marks_dropped(segment).split("\n")
    noted = next((i for i, line in enumerate(lines) if i and NOTE_START.match(line)), None)
    segment = "\n".join(lines[:noted]) if noted else segment
    found = count_tokens(segment)
    if len(found) == 1:
        return found[0].parsed
    if not found:
        return parse_count(segment)
    unbracketed = count_tokens(re.sub(r"\([^)]*\)", " ", segment))
    if len(unbracketed) == 1 and unbracketed[0].parsed.status == "reported" and \
            segment.find(unbracketed[0].text) < segment.find("("):
        return unbracketed[0].parsed  # '261 (85 of these were ...)': the note in brackets is no answer
    statuses = {t.parsed.status for t in found}
    if "refused" in statuses and statuses <= {"refused", "not_held", "needs_review"} and \
            (whole := parse_count(segment)).status == "refused":
        return whole  # 'We do not hold this ... about 242 records ... refused under section 12': the cost is no answer
    if len({t.parsed.status for t in found}) == 1 and found[0].parsed.status in ("refused", "not_held", "suppressed"):
        # '... exceed the appropriate limit ... refused under section 12', '<5 (small number)': one answer
        return found[0].parsed
    return Parsed("needs_review", reason=f"more than one figure for this part: '{segment.strip()[:60]}'",
                  confidence=0.3)


NEGATED_BEFORE = re.compile(r"\b(?:non|not|no|without)[\s-]*$")


@lru_cache(maxsize=64)
def phrase_patterns(phrases: GroupPhrases) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """Given the survey's group phrases, return (group, phrase, compiled pattern) longest phrase first (made once)."""
    spoken = [(concept, variant) for concept, phrase in phrases for variant in informal_forms(phrase.lower())]
    return tuple((concept, phrase, re.compile(rf"(?<=[\s(]){re.escape(phrase)}(?=[\s).,:;?!])"))
                 for concept, phrase in sorted(spoken, key=lambda p: -len(p[1])))


def informal_forms(phrase: str) -> list[str]:
    """Given a group phrase, return it and its forms in informal words ('our children' and 'our kids', from
    plain_words.csv), so that a reply's own words find the group where they stand."""
    variants: dict[str, list[str]] = {}
    for variant, word in pairs("plain_words.csv", "variant", "word"):
        variants.setdefault(word, []).append(variant)
    forms = [phrase]
    for word, informal in variants.items():
        forms += [re.sub(rf"\b{re.escape(word)}\b", v, f) for f in list(forms) if re.search(rf"\b{word}\b", f)
                  for v in informal]
    return forms


def group_mentions(text: str, phrases: GroupPhrases) -> list[tuple[int, str]]:
    """Given prose and the survey's group phrases, return (position, group) for each one named, longest first."""
    return list(cached_mentions(text, phrases))


@lru_cache(maxsize=50_000)
def cached_mentions(text: str, phrases: GroupPhrases) -> tuple[tuple[int, str], ...]:
    """group_mentions, remembered: a sheet repeats its labels in every row and column (bounded cache)."""
    flat = " " + " ".join(text.lower().split()) + " "
    taken: list[tuple[int, int]] = []
    found = []
    for concept, phrase, pattern in phrase_patterns(phrases):
        if phrase not in flat:
            continue  # (a plain search first: most labels name no group)
        for match in pattern.finditer(flat):
            if NEGATED_BEFORE.search(flat[:match.start()]):
                continue  # 'non-resident staff' names the other group
            span = (match.start(), match.end())
            if not any(a < span[1] and span[0] < b for a, b in taken):
                taken.append(span)
                found.append((match.start(), concept))
    return tuple(sorted(found))


def group_order(text: str, keys: list[AnswerKey], phrases: GroupPhrases) -> list[AnswerKey]:
    """Given prose, return the parts in the order the prose first names their groups."""
    first: dict[str, int] = {}
    for position, concept in group_mentions(text, phrases):
        first.setdefault(concept, position)
    order = [(first[k.group], k) for k in keys if k.group and k.group in first]
    return [key for _, key in sorted(order, key=lambda pair: pair[0])]


def names_one_group(text: str, keys: list[AnswerKey], phrases: GroupPhrases) -> bool:
    """Given a short line and a question's parts, return whether it names one part's group and asks nothing:
    'Part-time staff' over that part's figures is a sub-heading, not the question restated."""
    if len(keys) < 2 or text.rstrip().endswith("?") or len(text.split()) > 8:
        return False
    named = {group for _, group in group_mentions(text, phrases)}
    return len(named) == 1 and named <= {k.group for k in keys}


def group_segments(text: str, keys: list[AnswerKey], phrases: GroupPhrases) -> dict[str, str]:
    """Given text naming each part's group once ('Full-time: 362 Part-time: 904'), return each key's piece."""
    text = " ".join(text.split())
    # group_mentions counts positions in the text with a space put before it
    mentions = [(pos - 1, group) for pos, group in group_mentions(text, phrases)]
    groups = [g for _, g in mentions]
    wanted = {k.group for k in keys}
    if sorted(groups) != sorted(wanted) or len(groups) != len(keys) or "" in wanted:
        return {}
    cuts = [pos for pos, _ in mentions] + [len(text)]
    by_group = {g: text[a:b] for (a, g), b in zip(mentions, cuts[1:], strict=True)}
    return {k.key: by_group[k.group] for k in keys}


def text_to_parts(text: str, keys: list[AnswerKey], phrases: GroupPhrases) -> dict[str, Parsed]:
    """Given one text answering a question in parts, return each part's answer when the text says which is which."""
    marked = split_by_part_markers(text, [k.part for k in keys])
    if marked:
        return {k.key: part_to_parsed(marked[k.part]) for k in keys}
    some = split_by_part_markers(text, [k.part for k in keys], some=True)  # 'b. 9': part (a) left unanswered
    if some:
        return {k.key: part_to_parsed(some[k.part]) for k in keys if k.part in some}
    pieces = group_segments(" ".join(text.split()), keys, phrases)
    # a year heading the next group's figure ('... 184 FY 2024/25: Households without ...') is no figure
    pieces = {key: YEAR_HEAD.sub(" ", piece) for key, piece in pieces.items()}
    if pieces and all(len(count_tokens(piece)) == 1 for piece in pieces.values()):
        return {key: part_to_parsed(piece) for key, piece in pieces.items()}
    parsed = {key: part_to_parsed(piece) for key, piece in pieces.items()}
    if pieces and all(p.status in ("refused", "not_held", "suppressed") for p in parsed.values()):
        return parsed  # each group's own refusal ('... exceed the 18-hour limit ... refused under section 12')
    return {}


def each_group_refused(text: str, keys: list[AnswerKey], phrases: GroupPhrases) -> list[tuple[AnswerKey, Parsed]]:
    """Given an answer naming each part's group with its own refusal or not-held answer, return each part's
    ('Part-time staff: ... exceed the 18-hour limit ... refused under section 12'); [] otherwise."""
    grouped = text_to_parts(text, keys, phrases)
    if len(grouped) != len(keys) or any(p.status not in ("refused", "not_held", "suppressed")
                                        for p in grouped.values()):
        return []
    return [(k, grouped[k.key]) for k in keys]
