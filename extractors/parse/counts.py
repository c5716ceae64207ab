"""Answer text -> a count: figures, words, footnote marks, suppression, ranges, percentages, refusals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from extractors.model import Parsed
from extractors.parse.common import BARE, KINDS, NOT_ANSWERED, early_verdict, review_verdict
from extractors.parse.phrases import (
    FOOT,
    NUM,
    SMALL_LIMIT,
    THIN,
    cell_is,
    exemptions,
    is_not_held,
    is_refusal,
    normalise_with_offsets,
    numbers_in,
    phrases_re,
    refusal_sections,
    rows,
    short,
    squash,
    token_re,
    word_value,
)


@dataclass(frozen=True)
class Token:
    """One piece of prose that answers a count: where it sits in the text, its words, and what it means."""

    start: int
    end: int
    text: str
    parsed: Parsed


def _figure(digits: str, negative: bool = False, confidence: float = 1.0) -> Parsed:
    """Given a figure as written (separators allowed), return it as a reported whole number, or why not."""
    value = Decimal(digits.replace(",", "").replace(THIN, "").replace(" ", ""))
    if negative and value:
        return review_verdict(f"a negative number was given (-{digits})", 0.4)
    if value != value.to_integral_value():
        return review_verdict(f"not a whole number ({digits})", 0.4)
    return Parsed("reported", str(int(value)), confidence=confidence)


def _strip_foot(text: str) -> str:
    """Given a span, return it without footnote markers after its figures."""
    return re.sub(rf"(?<=\d){FOOT}", "", text)


def _count_refusal(text: str) -> Parsed:
    """Given count text citing an exemption, return it refused, or suppressed if only section 40 is cited."""
    sections = refusal_sections(text)
    if sections == ["40"]:
        return Parsed("suppressed", reason="small number withheld under section 40 (personal data)")
    if not sections and re.search(r"\bwithh[oe]ld", text, re.I):
        # a bare "withheld" in a count is almost always a small number kept back, not a refusal
        return Parsed("suppressed", reason=f"withheld without a section number, taken as a small number "
                                           f"('{short(text)}')", confidence=0.7)
    return Parsed("refused", reason=is_refusal(text) or f"refused ('{short(text)}')")


def _span_parsed(kind: str, raw: str) -> Parsed | None:
    """Given the kind of span found in prose and its text, return what it says (None if it is no answer)."""
    if kind == "num" and ambiguous_section(raw):
        return review_verdict(f"'{raw.strip()}' may be a figure with its footnote mark or a section of the Act")
    if kind in ("num", "cpct", "neg"):
        figure = re.search(NUM, raw)
        return _figure(figure.group(0), negative=kind == "neg") if figure else None
    if kind == "word":
        value = word_value(raw)
        return None if value is None else Parsed("reported", str(value), confidence=0.95)
    if kind == "pct":
        return review_verdict("a percentage was given without a count")
    if kind == "approx":
        return review_verdict(f"approximate figure ('{short(raw)}')")
    if kind in ("range", "comp"):
        return _bounded(kind, raw)
    if kind == "refusal":
        return _count_refusal(raw)
    if kind == "nheld":
        return Parsed("not_held", reason=f"information not held ('{short(raw)}')")
    return Parsed("suppressed", reason=f"small number suppressed ({short(raw)})")


def _bounded(kind: str, raw: str) -> Parsed | None:
    """Given a range ('1-4', '10-15') or a bound ('<5', 'fewer than 500'), return suppressed or review."""
    values = numbers_in(_strip_foot(raw))
    if kind == "comp":
        small = bool(values) and values[-1] <= SMALL_LIMIT
        return Parsed("suppressed", reason=f"small number suppressed ({short(raw)})") if small else \
            review_verdict(f"approximate figure ('{short(raw)}')")
    if len(values) < 2 or values[0] >= values[1]:
        return None  # "one-to-one" and the like: words, not a range of counts
    if values[0] <= 1 and values[1] <= SMALL_LIMIT:
        return Parsed("suppressed", reason=f"small number suppressed ({short(raw)})")
    return review_verdict(f"a range was given ({short(raw)})")


def _word_is_count(norm: str, start: int, end: int) -> bool:
    """Given a number word found in prose and where it sits, return whether it is a count, not an idiom."""
    word, before, after = norm[start:end], norm[max(0, start - 12):start].lower(), norm[end:end + 12]
    if re.match(r"-[a-z]", after, re.I) or re.search(r"[a-z]-$", before):
        return False  # one-off, one-to-one
    idiom = re.match(r"\s+(?:of|another|off)\b", after, re.I) or \
        re.search(r"\b(?:no|every|any|each|this|that|which|the|some)\s+$", before)
    if word.lower() == "one" and idiom:
        return False
    # "One Stop Centre", "Three Rivers": a capitalised number word inside a name on the same line
    named = word[:1].isupper() and word[1:2].islower() and re.match(r"[ \t]+[A-Z][a-z]", after)
    return not named or word_value(word) == 0


def _trimmed(norm: str, start: int, end: int) -> tuple[int, int]:
    """Given a span of normalised text, return it without white space at either end."""
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    return start, end


def _merge_notes(text: str, tokens: list[Token]) -> list[Token]:
    """Given tokens in order, return them with refusal or not-held notes in one sentence made one token."""
    merged: list[Token] = []
    for tok in tokens:
        prev = merged[-1] if merged else None
        gap = text[prev.end:tok.start] if prev else ""
        # "exceed the appropriate limit ... is therefore refused under section 12" is one refusal, not two
        if prev and tok.parsed.status == prev.parsed.status in ("refused", "not_held") and \
                re.search(r"[a-z]", gap, re.I) and not re.search(r"[;\n]|\.(?:\s|$)", gap):
            named = "section" in tok.parsed.reason and "section" not in prev.parsed.reason
            parsed = tok.parsed if named else prev.parsed
            merged[-1] = Token(prev.start, tok.end, text[prev.start:tok.end], parsed)
        else:
            merged.append(tok)
    return merged


def count_tokens(text: str) -> list[Token]:
    """Given prose, return each piece answering a count, in order, skipping dates, durations and labels."""
    norm, where = normalise_with_offsets(text)
    found: list[Token] = []
    for match in token_re().finditer(norm):
        kind = next(k for k in KINDS if match.group(k) is not None)
        start, end = _trimmed(norm, *match.span())
        if kind == "skip" or start == end or (kind == "word" and not _word_is_count(norm, start, end)):
            continue
        parsed = _span_parsed(kind, norm[start:end])
        if parsed is not None:
            raw_start, raw_end = where[start], where[end - 1] + 1
            found.append(Token(raw_start, raw_end, text[raw_start:raw_end], _or_fewer(parsed, text[raw_end:])))
    return _merge_notes(text, found)


GROUPS_TOGETHER = "one figure for several groups"  # a review reason others recognise ('109 - total for both')


def groups_together(text: str) -> bool:
    """Given a cell or answer, return whether it is one figure said to cover several groups ('109 - total for
    both'), for review."""
    parsed = parse_count(text)
    return parsed.status == "needs_review" and parsed.reason.startswith(GROUPS_TOGETHER)
OR_FEWER = re.compile(r"^\s*(?:or|and)\s+(?:fewer|less|under|below)\b", re.I)


def _or_fewer(parsed: Parsed, after: str) -> Parsed:
    """Given a figure and the text after it, return it as suppressed when written '5 or fewer' (a small number)."""
    if parsed.status == "reported" and OR_FEWER.match(after) and parsed.value.isdigit() and int(parsed.value) <= 10:
        return Parsed("suppressed", reason=f"small number suppressed ({parsed.value} or fewer)")
    return parsed


def _count_cell(flat: str) -> Parsed | None:
    """Given a whole count answer, return what it means when it is a one-word marker ('*', 'c', 'No')."""
    if cell_is("suppression.csv", flat, where="cell"):
        return Parsed("suppressed", reason=f"small number suppressed ({flat})")
    if cell_is("not_held.csv", flat, where="cell"):
        return Parsed("not_held", reason=f"information not held ('{flat}')")
    zero = {r["word"] for r in rows("number_words.csv") if r["kind"] in ("cell", "zero")}
    if flat.lower().rstrip(".!") in zero:
        return Parsed("reported", "0")
    return None


FIGURE_NOTE = re.compile(r"\s*(?:\(\d\)|\[\d\])?\s*\([^()]*\)\s*[.;]?\s*")


def _figure_then_note(tokens: list[Token], flat: str) -> Parsed | None:
    """Given the figures of a short answer, return the first when the answer is that figure and one note in
    brackets after it ('285 (this includes 3 cases moved in)', '85(1) (provisional; 21 to check)'); else None."""
    lead = tokens[0]
    if lead.parsed.status != "reported" or len(flat[:lead.start]) > 40 or \
            not FIGURE_NOTE.fullmatch(flat[lead.end:]):
        return None
    return lead.parsed


def _from_tokens(tokens: list[Token], flat: str) -> Parsed:
    """Given the count answers found in one short answer, return the one answer they give together."""
    if not tokens:
        if is_refusal(flat):
            return _count_refusal(flat)
        if is_not_held(flat):
            return Parsed("not_held", reason=f"information not held ('{short(flat)}')")
        return review_verdict(f"no figure found in '{short(flat)}'", 0.3)
    if len({(t.parsed.status, t.parsed.value) for t in tokens}) == 1:
        return tokens[0].parsed
    if tokens[0].start <= 2 and tokens[0].parsed.status in ("not_held", "refused"):
        return tokens[0].parsed  # 'Not held - ... by Base 51': the answer leads, the rest explains it
    if noted := _figure_then_note(tokens, flat):
        return noted
    values = list(dict.fromkeys(t.parsed.value for t in tokens if t.parsed.status == "reported"))
    if len(values) > 1:
        return review_verdict(f"more than one figure ({', '.join(values)})", 0.4)
    if values:
        return review_verdict(f"a figure and a note were both given in '{short(flat)}'", 0.4)
    for status in ("refused", "suppressed", "not_held"):
        first = next((t.parsed for t in tokens if t.parsed.status == status), None)
        if first:
            return first
    return tokens[0].parsed


def ambiguous_section(flat: str) -> bool:
    """Given an answer, return whether it is only a bare '14(1)': section 14(1) of the Act, or 14 and a footnote."""
    match = re.fullmatch(r"\s*(\d{1,2})\(\d\)\s*", flat)
    return match is not None and match.group(1) in exemptions()


@lru_cache(maxsize=65536)
def parse_count(text: str) -> Parsed:
    """Given one cell or short answer holding a count, return the count or what stands in its place."""
    flat = squash(text)
    if not flat.strip(".:;,- ") or cell_is("not_answered.csv", flat) or cell_is("unclear_markers.csv", flat) or \
            flat.startswith("needs review: "):
        return early_verdict(flat) or NOT_ANSWERED
    if (fewer := re.match(r"^\s*(\d{1,2})\s+(?:or|and)\s+(?:fewer|less|under|below)\b", flat, re.I)) and int(
            fewer.group(1)) <= 10:
        return Parsed("suppressed", reason=f"small number suppressed ({flat.strip()})")
    if ambiguous_section(flat):
        return review_verdict(f"'{flat.strip()}' may be a figure with its footnote mark or a section of the Act")
    bare = BARE.fullmatch(flat)
    if bare:
        spaced = " " in bare.group(2)  # "1 204": an ordinary space is only probably a thousands separator
        return _figure(bare.group(2), bool(bare.group(1)), 0.8 if spaced else 1.0)
    if phrases_re("combined.csv").search(flat) and re.search(r"\d", flat):
        return review_verdict(f"{GROUPS_TOGETHER} together ('{short(flat)}')")
    return _count_cell(flat) or _from_tokens(count_tokens(flat), flat)
