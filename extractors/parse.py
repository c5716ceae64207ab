"""Answer text -> Parsed: counts, yes/no/partial policies, who does interviews, and timescales in hours."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extractors.model import Parsed
from extractors.phrases import (
    ANY_TEAM,
    FOOT,
    NUM,
    ORG,
    SMALL_LIMIT,
    TEAM,
    THIN,
    cell_is,
    durations,
    is_not_held,
    is_refusal,
    normalise_with_offsets,
    numbers_in,
    phrases_re,
    provider_kinds,
    providers_named,
    refusal_sections,
    rows,
    short,
    squash,
    starts_with,
    token_re,
    word_value,
)

__all__ = ["Token", "combine_providers", "count_tokens", "is_not_held", "is_refusal", "parse_answer",
           "parse_count", "parse_hours", "parse_policy", "parse_provider"]

NOT_ANSWERED = Parsed("not_answered", reason="no answer given")
BARE = re.compile(rf"(-)?\s*({NUM}|\d{{1,3}}(?: \d{{3}})+)\s*{FOOT}*\s*[.,;:]?")
KINDS = ("skip", "cpct", "pct", "range", "comp", "approx", "refusal", "nheld", "supp", "star", "neg", "num",
         "word")
# a not-held phrase decides a policy, provider or timescale answer only in an answer this short
SHORT_ANSWER_WORDS = 6
CLAUSE_BREAK = re.compile(r"[,;.]\s|\band\b|\bbut\b|\bwhereas\b|\bwhile\b", re.I)
TIMESCALE_LEAD = re.compile(r"\b(?:within|in|inside|by|no later than|up to)\s*$", re.I)


@dataclass(frozen=True)
class Token:
    """One piece of prose that answers a count: where it sits in the text, its words, and what it means."""

    start: int
    end: int
    text: str
    parsed: Parsed


def _review(reason: str, confidence: float = 0.5) -> Parsed:
    """Given why no value can be recorded, return a needs_review answer."""
    return Parsed("needs_review", reason=reason, confidence=confidence)


def _figure(digits: str, negative: bool = False, confidence: float = 1.0) -> Parsed:
    """Given a figure as written (separators allowed), return it as a reported whole number, or why not."""
    value = Decimal(digits.replace(",", "").replace(THIN, "").replace(" ", ""))
    if negative and value:
        return _review(f"a negative number was given (-{digits})", 0.4)
    if value != value.to_integral_value():
        return _review(f"not a whole number ({digits})", 0.4)
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
    if kind in ("num", "cpct", "neg"):
        figure = re.search(NUM, raw)
        return _figure(figure.group(0), negative=kind == "neg") if figure else None
    if kind == "word":
        value = word_value(raw)
        return None if value is None else Parsed("reported", str(value), confidence=0.95)
    if kind == "pct":
        return _review("a percentage was given without a count")
    if kind == "approx":
        return _review(f"approximate figure ('{short(raw)}')")
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
            _review(f"approximate figure ('{short(raw)}')")
    if len(values) < 2 or values[0] >= values[1]:
        return None  # "one-to-one" and the like: words, not a range of counts
    if values[0] <= 1 and values[1] <= SMALL_LIMIT:
        return Parsed("suppressed", reason=f"small number suppressed ({short(raw)})")
    return _review(f"a range was given ({short(raw)})")


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


def _from_tokens(tokens: list[Token], flat: str) -> Parsed:
    """Given the count answers found in one short answer, return the one answer they give together."""
    if not tokens:
        if is_refusal(flat):
            return _count_refusal(flat)
        if is_not_held(flat):
            return Parsed("not_held", reason=f"information not held ('{short(flat)}')")
        return _review(f"no figure found in '{short(flat)}'", 0.3)
    if len({(t.parsed.status, t.parsed.value) for t in tokens}) == 1:
        return tokens[0].parsed
    if tokens[0].start <= 2 and tokens[0].parsed.status in ("not_held", "refused"):
        return tokens[0].parsed  # 'Not held - ... by Base 51': the answer leads, the rest explains it
    values = list(dict.fromkeys(t.parsed.value for t in tokens if t.parsed.status == "reported"))
    if len(values) > 1:
        return _review(f"more than one figure ({', '.join(values)})", 0.4)
    if values:
        return _review(f"a figure and a note were both given in '{short(flat)}'", 0.4)
    for status in ("refused", "suppressed", "not_held"):
        first = next((t.parsed for t in tokens if t.parsed.status == status), None)
        if first:
            return first
    return tokens[0].parsed


def parse_count(text: str) -> Parsed:
    """Given one cell or short answer holding a count, return the count or what stands in its place."""
    flat = squash(text)
    if not flat.strip(".:;,- ") or cell_is("not_answered.csv", flat):
        return NOT_ANSWERED
    if (fewer := re.match(r"^\s*(\d{1,2})\s+(?:or|and)\s+(?:fewer|less|under|below)\b", flat, re.I)) and int(
            fewer.group(1)) <= 10:
        return Parsed("suppressed", reason=f"small number suppressed ({flat.strip()})")
    bare = BARE.fullmatch(flat)
    if bare:
        spaced = " " in bare.group(2)  # "1 204": an ordinary space is only probably a thousands separator
        return _figure(bare.group(2), bool(bare.group(1)), 0.8 if spaced else 1.0)
    return _count_cell(flat) or _from_tokens(count_tokens(flat), flat)


def _early(flat: str) -> Parsed | None:
    """Given a policy, provider or timescale answer, return it if blank, refused by section, or not held."""
    if not flat.strip(".:;,- ") or cell_is("not_answered.csv", flat):
        return NOT_ANSWERED
    if refusal_sections(flat):
        return Parsed("refused", reason=is_refusal(flat))
    if is_not_held(flat) and len(flat.split()) <= SHORT_ANSWER_WORDS:
        return Parsed("not_held", reason=f"information not held ('{short(flat)}')")
    return None


def _late(flat: str, reason: str) -> Parsed:
    """Given an answer in which no value was found, return it refused, not held, or needing review."""
    refusal = is_refusal(flat)
    if refusal:
        return Parsed("refused", reason=refusal)
    if is_not_held(flat):
        return Parsed("not_held", reason=f"information not held ('{short(flat)}')")
    return _review(reason, 0.3)


def parse_policy(text: str) -> Parsed:
    """Given whether every child in a group is offered an interview, return yes, no or partial."""
    flat = squash(text)
    early = _early(flat)
    if early:
        return early
    if phrases_re("policy_phrases.csv", where="text", value="partial").search(flat):
        return Parsed("reported", "partial")  # before yes/no: "not in every case" contains "every case"
    for value in ("yes", "no"):
        if starts_with("policy_phrases.csv", flat, where="lead", value=value) or \
                cell_is("policy_phrases.csv", flat, where="cell", value=value):
            return Parsed("reported", value)
    hits = [v for v in ("yes", "no") if phrases_re("policy_phrases.csv", where="text", value=v).search(flat)]
    if len(hits) == 1:
        return Parsed("reported", hits[0], confidence=0.8)
    if hits:
        return _review(f"both yes and no wording in '{short(flat)}'", 0.3)
    return _late(flat, f"no yes, no or partial answer found in '{short(flat)}'")


def _named_org(flat: str, names: list[str]) -> str:
    """Given a commissioning answer, return the external providers named, known or not."""
    if names:
        return "; ".join(names)
    for match in ORG.finditer(flat):
        org = match.group(1).strip(" .")
        if not re.match(r"(?:the\s+)?(?:council|local authority|authority)\b", org, re.I):
            return org
    return ""


# Denials ("we do not commission an external provider") name a kind only to rule it out.
NEGATED_PROVIDER = re.compile(
    r"\b(?:do|does|did|have|has|had|is|are|was|were)\s*(?:not|n't)\s+(?:\w+\s+){0,3}?"
    r"(?:commission\w*|outsourc\w*|contract\w*|use\s+(?:an?\s+|any\s+)?(?:external|outside|independent)\w*"
    r"|deliver\w*\s+(?:\w+\s+){0,3}?in[- ]?house|(?:carried|carry)\s+out\s+in[- ]?house)[^.;]*"
    r"|\bno\s+(?:external|outside|commissioned|independent)\s+(?:provider|organisation|organization|service|agency)s?"
    r"|\bnot\s+(?:commissioned|outsourced|contracted\s+out)\b|\bnever\s+commission\w*[^.;]*",
    re.I,
)


def parse_provider(text: str) -> Parsed:
    """Given who carries out interviews, return in_house, commissioned or mixed, with the provider's name."""
    flat = squash(text)
    early = _early(flat)
    if early:
        return early
    flat = NEGATED_PROVIDER.sub(" ", flat)
    names, kinds = providers_named(flat), provider_kinds(flat)
    outside = bool(names) or "commissioned" in kinds
    team = TEAM.search(flat) or ANY_TEAM.search(flat)
    if "mixed" in kinds or ("in_house" in kinds and outside):
        value = "mixed"
    elif outside:
        value = "commissioned"
    elif kinds or team:
        value = "in_house"
    else:
        return _late(flat, f"no in-house team or commissioned provider found in '{short(flat)}'")
    detail = _named_org(flat, names) if value != "in_house" else ""
    detail = detail or (team.group(1) if team else "")
    sure = bool(names) or value == "in_house" and bool(kinds)
    return Parsed("reported", value, confidence=1.0 if sure else 0.8, detail=detail)


def combine_providers(values: list[Parsed]) -> Parsed:
    """Given a provider answer per group (e.g. care and home columns), return the one answer they give."""
    answered = [v for v in values if v.status != "not_answered"]
    if not answered:
        return NOT_ANSWERED
    review = [v for v in answered if v.status == "needs_review"]
    if review:
        return _review("; ".join(dict.fromkeys(v.reason for v in review)), min(v.confidence for v in review))
    reported = [v for v in answered if v.status == "reported"]
    if not reported:
        return answered[0]
    types = {v.value for v in reported}
    value = types.pop() if len(types) == 1 else "mixed"
    # as for one answer: name the external providers, or the in-house team when there is none
    outside = [v.detail for v in reported if v.value != "in_house"]
    details = [d for d in dict.fromkeys("; ".join(outside or [v.detail for v in reported]).split("; ")) if d]
    partial = len(reported) < len(answered)
    return Parsed("reported", value, reason="provider not given for every group" if partial else "",
                  confidence=min(v.confidence for v in reported) * (0.8 if partial else 1.0),
                  detail="; ".join(details))


def _offer_hours(flat: str, found: list[tuple[float | None, int, bool]]) -> list[float]:
    """Given a timescale answer and its durations, return the distinct hours given for the offer itself."""
    cuts = [0] + [m.end() for m in CLAUSE_BREAK.finditer(flat)] + [len(flat) + 1]
    clauses = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if re.search(r"\boffer", flat[a:b], re.I)]
    chosen = [f for f in found if any(a <= f[1] < b for a, b in clauses)] or found
    hours = list(dict.fromkeys(f[0] for f in chosen if f[0] is not None))
    if len(hours) > 1:
        # "missing for more than 24 hours ... offered within 72 hours": the timescale is the "within" one
        leads = [f[0] for f in chosen if f[0] is not None and TIMESCALE_LEAD.search(flat[: f[1]])]
        hours = list(dict.fromkeys(leads))
    return hours


def _hours(value: float, confidence: float = 1.0, reason: str = "") -> Parsed:
    """Given a number of hours, return it reported as a whole number where it is one."""
    text = str(int(value)) if value == int(value) else f"{value:g}"
    return Parsed("reported", text, reason=reason, confidence=confidence)


def parse_hours(text: str) -> Parsed:
    """Given within what time an interview is offered, return it in hours (a day counts as 24 hours)."""
    flat = squash(text)
    early = _early(flat)
    if early:
        return early
    found = durations(flat)
    if not found:
        bare = re.fullmatch(rf"(?:within\s+)?({NUM})\.?", flat, re.I)
        if bare and float(bare.group(1).replace(",", "")) >= 12:
            return _hours(float(bare.group(1).replace(",", "")), 0.7, "no unit given; read as hours")
        if bare:
            return _review(f"a number without a unit ('{flat}')", 0.3)
        return _late(flat, "a timescale without a number of hours or days")
    if any(is_range for _, _, is_range in found):
        return _review(f"a range of timescales was given ('{short(flat)}')")
    hours = list(dict.fromkeys(h for h, _, _ in found if h is not None))
    if not hours:
        return _review(f"a timescale that cannot be put in hours ('{short(flat)}')")
    if len(hours) == 1:
        return _hours(hours[0], 1.0 if len(found) == len([f for f in found if f[0] is not None]) else 0.8)
    offer = _offer_hours(flat, found)
    if len(offer) == 1:
        return _hours(offer[0], 0.85, "the time for the offer, where later targets were also given")
    listed = ", ".join(f"{h:g}" for h in hours)
    return _review(f"several timescales given ({listed} hours) and no way to tell which is the offer")


PARSERS = {"count": parse_count, "policy": parse_policy, "provider": parse_provider, "hours": parse_hours}


def parse_answer(text: str, qtype: str) -> Parsed:
    """Given answer text and its question type (count, policy, provider, hours), return what it says."""
    if qtype not in PARSERS:
        raise ValueError(f"unknown question type {qtype!r}; expected one of {', '.join(PARSERS)}")
    return PARSERS[qtype](text)
