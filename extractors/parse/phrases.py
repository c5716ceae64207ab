"""Phrase lists (crosswalks/*.csv), text normalisation and the patterns built from them, for parse.py."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

from extractors.crosswalk import rows
from extractors.crosswalk import values as column

FOOTNOTE = "\u2020"  # superscripts become a dagger so that NFKC cannot turn "330¹" into "3301"
THIN = "\u2009"  # non-breaking and thin spaces: a thousands separator, never a gap between two figures
SUPERSCRIPTS = frozenset("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207d\u207e")
SMALL_LIMIT = 10  # highest threshold councils use when suppressing small numbers ("<5", "<10")
# a council's own team: "our in-house Missing Children Team", "In-house (Contextual Safeguarding Team)"
TEAM = re.compile(r"(?i:in[- ]house|our|council's|authority's)(?:\s*[-(:]\s*|\s+)"
                  r"(?i:(?:our|the)\s+)?(?i:own\s+)?(?i:in[- ]house\s+)?"
                  r"((?:[A-Z][\w'&-]*\s+(?:(?:and|&|of|for)\s+)?){0,6}"
                  r"(?:Team|Service|Services|Hub|Unit|Project|Workers?|Practitioners?))\b")
ANY_TEAM = re.compile(r"\b((?:[A-Z][\w'&-]*\s+(?:(?:and|&|of|for)\s+)?){1,6}(?:Team|Hub|Unit))\b")
# an organisation named after a commissioning verb: "Commissioned - Hope Trust", "We commission Hope Trust"
ORG = re.compile(r"(?i:commissioned|commissions|commission|provided by|delivered by|carried out by|"
                 r"contracted to|contract with|from)\s*[-:]?\s*((?:The\s+)?[A-Z][\w'&.]*"
                 r"(?:\s+(?:(?:of|for|and|the|&)\s+)?[A-Z][\w'&.]*)*(?:\s*\([^)]*\))?)")
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
YEAR_CONTEXT = (r"in|during|since|from|until|till|to|by|for|year|act|regulations|fy|before|after|between|"
                r"as at|as of|end of|start of")
LABEL_WORDS = (r"q|questions?|requests?|parts?|items?|para(?:graph)?s?|tables?|appendix|annex|note|"
               r"footnote|pages?|steps?|stages?|tiers?|levels?|versions?|v|options?|columns?|rows?|sheets?|tabs?")
NUM = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:\u2009\d{3})+(?!\d)|\d+)(?:\.\d+)?(?!\d)"
LEFT = r"(?<![\w.\u00a3$\u20ac/#-])"  # a figure does not continue a word, code, decimal, amount or date
FOOT = r"(?:[*\u2020\u2021\u00a7\u00b6]+|\^\d{1,2}|\s?\(\d{1,2}\)|\s?\[\s*(?:note\s*)?\d{1,2}\s*\])"

_CHAR_MAP = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-"),
    **dict.fromkeys("\u00a0\u2007\u2009\u202f", THIN),
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
}


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Given raw text, return its normalised form and, per normalised character, its index in the raw text."""
    if text.isascii():  # no ASCII character is mapped, and NFKC keeps every one as it is
        return text, list(range(len(text) + 1))
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        rep = _CHAR_MAP.get(ch)
        if rep is None:
            # superscripts are footnote markers; they must be caught before NFKC makes them plain digits
            rep = FOOTNOTE if ch in SUPERSCRIPTS else unicodedata.normalize("NFKC", ch)
        out.append(rep)
        where.extend([i] * len(rep))
    where.append(len(text))
    return "".join(out), where


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Given raw text, return it with unicode, quotes, dashes, spaces and footnote marks made uniform."""
    return text if text.isascii() else normalise_with_offsets(text)[0]


@lru_cache(maxsize=65536)
def squash(text: str) -> str:
    """Given text, return it normalised with runs of ordinary white space made one space, trimmed."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", normalise(text)).strip()


def short(text: str, limit: int = 60) -> str:
    """Given text, return a one-line excerpt short enough to quote in a reason."""
    flat = squash(text)
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


def phrase_pattern(phrases: Iterable[str]) -> str:
    """Given phrases, return a regex matching any of them as whole words, longest first, spaces flexible."""
    return _phrase_pattern(tuple(phrases))


@lru_cache(maxsize=4096)
def _phrase_pattern(phrases: tuple[str, ...]) -> str:
    """Given phrases as a tuple, return phrase_pattern's regex for them (built once per list of phrases)."""
    parts = []
    for phrase in sorted({normalise(p).lower() for p in phrases if p}, key=len, reverse=True):
        body = r"\s+".join(re.escape(word) for word in phrase.split())
        left = r"\b" if phrase[0].isalnum() else ""
        right = r"\b" if phrase[-1].isalnum() else ""
        parts.append(left + body + right)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


@cache
def phrases_re(name: str, col: str = "phrase", **where: str) -> re.Pattern[str]:
    """Given a crosswalk, a column and filters, return a compiled, case-blind pattern for those phrases."""
    return re.compile(phrase_pattern(column(name, col, **where)), re.I)


def cell_is(name: str, text: str, **where: str) -> bool:
    """Given a crosswalk and a whole answer, return whether the answer is exactly one of its phrases."""
    flat = squash(text).lower().rstrip(".:;, ")
    return flat in _cell_phrases(name, tuple(sorted(where.items())))


@cache
def _cell_phrases(name: str, where: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """Given a crosswalk and its filters as pairs, return its phrases normalised and lower-cased (made once)."""
    return frozenset(normalise(p).lower() for p in column(name, "phrase", **dict(where)))


def starts_with(name: str, text: str, **where: str) -> bool:
    """Given a crosswalk and an answer, return whether the answer opens with one of its phrases."""
    return bool(phrases_re(name, **where).match(squash(text).lower().lstrip("\"'(-*: ")))


@cache
def number_words() -> dict[str, tuple[int, str]]:
    """Given nothing, return each number word with its value and kind (unit, teen, tens, zero, scale...)."""
    return {r["word"].lower(): (int(r["value"]), r["kind"]) for r in rows("number_words.csv")}


def _words_of(kind: str) -> str:
    """Given a kind of number word, return an alternation of those words."""
    return "(?:" + "|".join(sorted((w for w, (_, k) in number_words().items() if k == kind), key=len,
                                   reverse=True)) + ")"


@cache
def wordnum() -> str:
    """Given nothing, return a pattern for a count in words, from 'nil' to 'nine hundred and ninety'."""
    units, teens, tens, scale = _words_of("unit"), _words_of("teen"), _words_of("tens"), _words_of("scale")
    below = rf"(?:{tens}(?:[-\s]+{units})?|{teens}|{units})"
    return rf"\b(?:(?:{units}|a)\s+{scale}(?:\s+(?:and\s+)?{below})?|{below}|{_words_of('zero')})\b"


def word_value(text: str) -> int | None:
    """Given a count in words ('twenty-one', 'one hundred and five', 'nil'), return its value or None."""
    total, table = 0, number_words()
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in ("and", "a"):
            total = total if word == "and" else total + 1
            continue
        value, kind = table.get(word, (-1, ""))
        if value < 0:
            return None
        total = max(total, 1) * value if kind == "scale" else total + value
    return total


def numw(left: bool = True) -> str:
    """Given whether a figure may not continue other text, return a pattern for a count in figures/words."""
    return rf"(?:{LEFT if left else ''}{NUM}|{wordnum()})"


@cache
def unit_hours() -> dict[str, float | None]:
    """Given nothing, return each time unit or phrase with its length in hours (None if not convertible)."""
    return {r["term"].lower(): (float(r["hours"]) if r["hours"] else None) for r in rows("time_units.csv")
            if r["kind"] != "qualifier"}


def _alternation(kind: str) -> str:
    """Given a kind of time term (unit, qualifier), return an alternation of those terms, longest first."""
    words = sorted(column("time_units.csv", "term", kind=kind), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


def _units() -> tuple[str, str]:
    """Given nothing, return alternations for time units and qualifiers, to follow a figure spaced or not."""
    # no word boundary before a unit: "48hrs" and "72h" are written without a space
    return _alternation("unit"), _alternation("qualifier")


@cache
def duration() -> str:
    """Given nothing, return a pattern for a length of time: '72 hours', '3 working days', '48hrs'."""
    unit, qual = _units()
    return (rf"(?:{numw()}|\ban?\b)(?:\s*(?:-|to|or|and)\s*{numw(False)})?\s*-?\s*(?:{qual}[\s-]+)?"
            rf"(?P<unit>{unit})(?!\w)")


@cache
def unit_ahead() -> str:
    """Given nothing, return a lookahead refusing a figure that is followed by a unit of time."""
    unit, qual = _units()
    return rf"(?!\s*-?\s*(?:{qual}[\s-]+)?{unit}(?!\w))"


@cache
def exemptions() -> dict[str, str]:
    """Given nothing, return each FOI exemption section number with its plain-English name."""
    return {r["section"]: r["name"] for r in rows("exemptions.csv")}


@cache
def section_ref() -> str:
    """Given nothing, return a pattern for a section reference: 's.12', 'section 40(2)', 'exempt under 40(2)'."""
    known = "|".join(sorted(exemptions(), key=len, reverse=True))
    sub = r"(?:\s*\(\s*[\da-z]{1,3}\s*\))"
    # a bare '14(1)' is a section only after words that cite one ('refused - 14(1)'): alone it is a figure and
    # its footnote mark ('2023-2024 - 14(1)')
    cites = r"(?:under|exempt(?:ions?)?|refused|withheld|appl(?:y|ies|ied)|cit(?:e|es|ed|ing)|engag(?:ed|es|ing)|foia)"
    return (rf"(?:(?<!')\b(?:sections?|sec|s|regulations?|reg)\.?\s*\d+{sub}*"
            rf"(?:\s*(?:,|and|&|or)\s*\d+{sub}*)*|\b{cites}\W{{0,3}}(?:{known})\(\d\)(?:\([a-z]\))?)")


def refusal_sections(text: str) -> list[str]:
    """Given answer text, return the FOI exemption sections it cites, in order, without repeats."""
    low = squash(text).lower()
    found: list[str] = []
    for match in re.finditer(section_ref(), low):
        found += re.findall(r"(?<![(\d])\d+", match.group(0))
    found += [section for pattern, section in _section_phrases() if pattern.search(low)]
    return [s for s in dict.fromkeys(found) if s in exemptions()]


@cache
def _section_phrases() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Given nothing, return each refusal phrase that names a section, compiled, with its section (made once)."""
    return tuple((re.compile(phrase_pattern([row["phrase"]])), row["section"]) for row in rows("refusal.csv")
                 if row["section"])


def is_refusal(text: str) -> str:
    """Given answer text, return why it is a refusal ('refused under section 12 (cost limit)') or ''."""
    sections = refusal_sections(text)
    if sections:
        named = [f"section {s} ({exemptions()[s]})" for s in sections]
        return "refused under " + " and ".join(named)
    if phrases_re("refusal.csv", where="text").search(squash(text)) or starts_with("refusal.csv", text,
                                                                                   where="start"):
        return "refused: an exemption was cited without a section number"
    return ""


def is_not_held(text: str) -> bool:
    """Given answer text, return whether it says the information is not held, recorded or collected."""
    return cell_is("not_held.csv", text, where="cell") or bool(
        phrases_re("not_held.csv", where="text").search(squash(text)))


def _skips() -> list[str]:
    """Given nothing, return patterns for figures that are not counts: dates, durations, money, labels."""
    return [
        r"\b(?:our|your)\s+ref(?:erence)?\b[^\n]*",
        r"\b(?:foi|foir|eir|cas|req|ref(?:erence)?)\b[\s/:-]*[a-z/-]*\d[\w/-]*",
        r"\b(?:tel|telephone|phone)\b\.?:?\s*\+?[\d() ]{6,}\d|\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b",
        # page furniture: "OFFICIAL 2" and "www.example.gov.uk 1" footers carry page numbers
        r"\bofficial(?:[- ]sensitive)?[ \t]+\d{1,3}(?=[ \t]*$)|(?:\bwww\.|https?://)\S+[ \t]+\d{1,3}(?=[ \t]*$)",
        # a day of the month, on the month's own line ('84' / 'April 2025' is a figure and a month)
        rf"\b(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?{MONTH}\b\.?(?:,?\s+\d{{4}})?",
        rf"\b{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b{MONTH}\.?\s+\d{{4}}\b",
        r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/(?:19|20)\d{2}\b",
        r"\b(?:19|20)\d{2}\s*(?:-|/|to)\s*(?:19|20)?\d{2}\b",
        rf"\b(?:{YEAR_CONTEXT})\s+(?:19|20)\d{{2}}\b",
        r"(?:(?<=(?:19|20)\d\d)|(?<=[/-]\d\d))\s*(?:and|or|to|&|,)\s*(?:19|20)\d{2}\b(?![,.]\d)",
        section_ref(),
        rf"\b(?:{LABEL_WORDS})\.?\s*\d+[a-z]?(?:\s*(?:-|to|/|of)\s*(?:q\s*)?\d+[a-z]?|\s*(?:,|and|&)\s*q\s*\d+)*",
        r"^[ \t]*\(?\d{1,2}[.)](?=[ \t]+[^\d\s])",
        r"\baged?\s+(?:(?:under|over|between|from)\s+)?\d+(?:\s*(?:-|to|and|or)\s*\d+)?"
        r"(?:\s*(?:and|or)\s*(?:over|above|under|below|older|younger))?(?:\s*\+)?",
        r"\b\d+(?:\s*(?:-|to|and|or)\s*\d+)?\s*-?\s*years?\s*-?\s*olds?\b|\b(?:under|over)[- ]?\d+s\b",
        r"\b(?:over|under|above|below)\s+the\s+age\s+of\s+\d+",
        r"[\u00a3$\u20ac]\s*\d[\d,]*(?:\.\d+)?(?:\s*(?:k|m|bn|million|billion)\b)?",
        r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?|\b\d{1,2}(?:\.\d{2})?\s*[ap]\.?m\b\.?",
        r"\b\d+(?:st|nd|rd|th)\b",
        duration(),
        r"(?<!\S)-\s?\d{1,3}\s?-(?=[ \t]*$)",
    ]


@cache
def token_re() -> re.Pattern[str]:
    """Given nothing, return the one pattern that finds count answers, and the figures to skip, in prose."""
    n, n0, w, ua = numw(), numw(False), wordnum(), unit_ahead()
    approx_before = phrase_pattern(column("approximate.csv", "phrase", position="before"))
    approx_after = phrase_pattern(column("approximate.csv", "phrase", position="after"))
    comparator = phrase_pattern(column("suppression.csv", "phrase", where="comparator"))
    refusal = phrase_pattern(column("refusal.csv", "phrase", where="text"))
    refusal_start = phrase_pattern(column("refusal.csv", "phrase", where="start"))
    pct = r"(?:%|per\s?cent\b|percent\b|pc\b)"
    bare = rf"\b(?:{'|'.join(sorted(exemptions(), key=len, reverse=True))})\(\d\)(?:\([a-z]\))?"  # after 'exempt under'
    alternatives = {
        "skip": "|".join(_skips()),
        "cpct": rf"{LEFT}{NUM}{FOOT}?\s*\(\s*{NUM}\s*{pct}\s*\)",
        "pct": rf"{LEFT}{NUM}\s*{pct}",
        "range": rf"\bbetween\s+{n0}\s*(?:-|to|and)\s*{n0}{ua}"
                 rf"|{LEFT}{NUM}[ \t]*(?:-|to)[ \t]*{n0}{FOOT}?{ua}(?!\s*%)|{w}\s+to\s+{n0}{ua}",  # one line: a
        # dash opening the next line is its bullet ('... 80' / '- 2025-2026 ...')
        "comp": rf"{comparator}\s*{n0}{FOOT}?{ua}",
        "approx": rf"{approx_before}\s*{n0}{FOOT}?{ua}|{n}{FOOT}?\s*{approx_after}",
        "refusal": rf"(?:{refusal}|(?:^|(?<=:))[ \t]*{refusal_start}"
                   rf"|{refusal_start}(?=\W{{0,3}}{section_ref()}))(?:[^\n.;\d]{{0,40}}?(?:{section_ref()}|{bare})\)?)?",
        "nheld": phrase_pattern(column("not_held.csv", "phrase", where="text")),
        "supp": phrase_pattern(column("suppression.csv", "phrase", where="text")),
        "star": r"(?<![\w*)\]\u2020])\*+(?![\w*])",
        "neg": rf"(?<![\w)\]-])-{NUM}(?![\w%])",
        "num": rf"{LEFT}{NUM}{FOOT}?(?![\w%])",
        "word": rf"{w}{ua}",
    }
    return re.compile("|".join(f"(?P<{k}>{v})" for k, v in alternatives.items()), re.I | re.M)


def numbers_in(text: str) -> list[float]:
    """Given a short span, return the counts in it, in figures or words, in order."""
    found = []
    for match in re.finditer(numw(False), text, re.I):
        digits = match.group(0).replace(",", "").replace(THIN, "")
        value = word_value(digits) if digits[:1].isalpha() else float(digits)
        if value is not None:
            found.append(float(value))
    return found


def provider_pattern(name: str) -> re.Pattern[str]:
    """Given a provider's name ('Group22', "St Mary's Trust", 'ACT (Advice and Care Trust)'), return a
    pattern finding it whatever the case, spacing, hyphens, apostrophes or a leading 'The'; a bracketed name
    is another name for the same provider."""
    names = [n.strip() for n in re.split(r"[()]", name) if n.strip()]
    bodies = []
    for one in names:
        core = re.sub(r"^the\s+", "", normalise(one).lower().replace("\u2019", "'"))
        runs = re.findall(r"[a-z]+|\d+|'", core)
        body = ""
        for run in runs:
            body += "'?" if run == "'" else (r"[\s-]*" if body and not body.endswith("'?") else "") + re.escape(run)
        bodies.append(body)
    return re.compile(rf"(?<![\w])(?:the\s+)?(?:{'|'.join(bodies)})(?![\w])", re.I)


def providers_named(flat: str, providers: tuple[str, ...] = ()) -> list[str]:
    """Given an answer and the survey's known providers, return those it names, in order of mention."""
    found: list[tuple[int, str]] = []
    for name in providers:
        match = _provider_re(name).search(flat.replace("\u2019", "'"))
        if match:
            found.append((match.start(), name))
    return list(dict.fromkeys(name for _, name in sorted(found)))


@cache
def _provider_re(name: str) -> re.Pattern[str]:
    """Given a provider's name, return its compiled pattern (made once)."""
    return provider_pattern(name)


def provider_kinds(flat: str) -> set[str]:
    """Given an answer, return the kinds of provider its wording points to (in_house, commissioned, mixed)."""
    kinds = {k for k in ("in_house", "commissioned", "mixed")
             if phrases_re("provider_phrases.csv", kind=k, where="text").search(flat)}
    if starts_with("provider_phrases.csv", flat, kind="mixed", where="lead"):
        kinds.add("mixed")
    if TEAM.search(flat):
        kinds.add("in_house")
    return kinds


def durations(flat: str) -> list[tuple[float | None, int, bool]]:
    """Given a timescale answer, return each length of time in it: hours (None if not hours), start, range."""
    found = []
    for match in re.finditer(duration(), flat, re.I):
        per = unit_hours()[re.sub(r"\s+", " ", match.group("unit").lower())]
        counts = numbers_in(match.group(0)[: match.start("unit") - match.start()]) or [1.0]
        found.append((None if per is None else counts[0] * per, match.start(), len(counts) > 1))
    for match in phrases_re("time_units.csv", "term", kind="phrase").finditer(flat):
        found.append((unit_hours()[re.sub(r"\s+", " ", match.group(0).lower())], match.start(), False))
    return sorted(found, key=lambda item: item[1])
