"""One band of a striped table -> its cells: the row's label and its figures, read from the band's text.

pdfplumber gives each shaded band as one cell ('Interviews offered 25 98'); the band's words are cut here into
the label and the figures it ends in, with labels wrapped round their figures or broken mid-word put back.
"""

from __future__ import annotations

import re

MONTH_NAME = r"\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# a month and its year: 'April 2025', 'Apr-2025', or with a short year after a mark ('Apr-25', "Apr '25")
MONTH_YEAR = (r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:[\s-]+(?:19|20)\d\d|"
              r"\s?[-/'\u2019]\s?\d\d)(?!\d)")
# one figure: a suppression range, a share ('47%') where a count was asked, a sum of money, a count with its share
# ('24 (56%)') or footnote ('152(1)'),
# a refusal in its place ('s.12 cost limit'), a marker
# ('c. £5m', an approximate sum, is one figure too: reading it is the parser's business; 's.21 - published
# elsewhere' is a refusal in words)
# (a figure with a note in words: '478 (not split by group)', '478 - total for both')
SECTION_IN_WORDS = r"(?:s\.?|section)\s?\d+(?:\(\d\))?\s+[-\u2013]\s+[a-z]+"  # 's.21 - published ...'
ONE_FIGURE = (r"(?:refused|exempt(?:\s+under)?|withheld(?:\s+under)?)\s*(?:[-\u2013:]\s*)?\(?(?:s\.?|section)\s?\d+"
              r"(?:\(\d\))?\)?|"  # ('Refused - section 12', 'Exempt under s12': a refusal in a figure's place)
              r"\d[\d,]*\s*\([a-z][a-z ,'-]{2,40}\)|\d[\d,]*\s+[-\u2013]\s+[a-z](?:[a-z ]{1,30}[a-z])|"
              r"(?:c\.|circa|approx(?:imately|\.)?|about|around|roughly|nearly)\s*\u00a3?\d[\d,.]*"
              r"(?:\s*(?:m|k|bn|million)\b)?|"
              r"\u00a3\d[\d,]*(?:\.\d+)?\s*(?:m|k|bn|million)\b|"
              r"(?!(?:19|20)\d\d\s?-\s?\d\d\b)\d+\s?-\s?\d+\b|\d+(?:\.\d+)?\s?%|\u00a3?\d[\d,]*(?:\.\d+)?(?:\s*\(\d+(?:\.\d+)?%\))?(?:\(\d\)|[\u00b9\u00b2\u00b3\u2020\u2021]|\*{1,3}(?!\S))?|"
              r"[<>]\s\d+|[<>]?\d+(?:\s*\((?:s\.?|section)\s*\d+\))?|\*|-|n/a|none|nil|"
              + SECTION_IN_WORDS + r"(?:\s+[a-z]+){0,3}|"
              r"(?:refused\s*)?\(?(?:s\.?|section)\s?\d+(?:\(\d\))?\)?(?:\s+cost\s+limit)?|refused|"
              r"(?:(?:data|information|figures?)\s+)?not (?:held|recorded|known|available|collected)|unknown|withheld|"
              r"redacted|"
              r"exempt(?:\s*\(s\.?\s*\d+\))?")
# a label ends in a word, or is a year ('2024-25 97 219') or a month and year ('April 2024 - March 2025 ...'), or
# ends in a year ('financial year 2020-21 300 447': a year span is no range of figures)
FIGURES_AT_END = re.compile(
    r"^(?P<label>(?:0?[1-9]|1[0-2])/(?:19|20)\d\d|(?:fy\s*)?(?:19|20)\d\d\s*[-/\u2013]\s*(?:19|20)?\d\d|"
    r"fy\s*\d\d\s*[-/\u2013]\s*\d\d(?=\s)|"  # ('FY25/26 173 360': a financial year in two-digit years)
    r"[A-Za-z].*?\b(?:19|20)\d\d\s*[-/\u2013]\s*(?:19|20)?\d\d(?=\s)|.*?" +
    MONTH_YEAR + r"|.*?[^\d\s,.%<>])\s+"
    r"(?P<figures>(?:(?:" + ONE_FIGURE + r")\s*)++)$", re.I)  # possessive: a failed match must not backtrack
# through every way of cutting the figures into tokens (exponential on a row of figures with words after it)
FIGURE_TOKEN = re.compile(ONE_FIGURE, re.I)
BARE_YEAR = re.compile(r"(?:19|20)\d\d")
YEAR_THEN_WORDS = re.compile(r"((?:19|20)\d\d)(?:\s+([A-Za-z].*))?$")
FIGURES_ONLY = re.compile(r"(?:(?:" + ONE_FIGURE + r")\s*)++", re.I)
YEAR_SPAN = re.compile(r"(?:fy\s*)?(?:19|20)\d\d\s*[-/\u2013]\s*(?:19|20)?\d\d", re.I)  # '2023-24' heads, not a range
TOTAL_LEAD = re.compile(r"(?:year\s+|grand\s+)?total\b|full\s+year\b", re.I)  # a total row's label, its year apart
# a label's wrapped end after the figures ('... 207 131 accommodation (2023/24)')
WRAPPED_TAIL = re.compile(r"(?<=[\d*%)])\s+((?:\d{1,2}\s+(?:weeks?|days?|hours?|months?)\b\s*)?"
                          r"[A-Za-z(][\w&£()' /-]{0,30}(?:\s*\((?:fy\s*)?(?:19|20)\d\d\s*[-/]\s*\d\d\))?)$")

def wrapped_band_cells(lines: list[str], at: int) -> list[str] | None:
    """Given a band's lines and the one holding its figures, return the label joined round them and the figures,
    a month's year wrapped under it put back after the month; None when that line does not end in figures."""
    match = FIGURES_AT_END.match(" ".join(lines[at].split()))
    if not match:
        return None
    # a wrapped line may start with the month's year and go on with the measure's words ('2025 of the group')
    after = [YEAR_THEN_WORDS.match(ln.strip()) for ln in lines[at + 1:]]
    years = [m.group(1) for m in after if m]
    rest = [(m.group(2) or "") if m else ln for m, ln in zip(after, lines[at + 1:], strict=True)]
    head = match["label"]
    span = YEAR_SPAN.match(rest[0].strip()) if rest else None
    if span and (lead := TOTAL_LEAD.match(head)):  # 'Total  Q8 ... 45' / '2025-26 after children'
        head = f"{lead.group(0).strip()} {span.group(0)}{head[lead.end():]}"
        rest = [rest[0].strip()[span.end():], *rest[1:]]
    if years and (month := re.match(MONTH_NAME + r"\b", head, re.I)):
        head = f"{month.group(0).strip()} {years[0]}{head[month.end():]}"
    elif years:
        rest = lines[at + 1:]
    label = " ".join([*lines[:at], head, *rest])
    return [" ".join(label.split()), *FIGURE_TOKEN.findall(match["figures"])]


DASH_END = re.compile(r"[A-Za-z]\s+[-\u2013]\s*$")  # a wrapped label's line ending in its dash ('... 3 days -')
CLOSINGS = re.compile(r"(?:[^()\d\s][^()\d]*\)\s*)+")


def notes_closed(lines: list[str]) -> list[str]:
    """Given a band's lines, return them with figures' notes wrapped onto the next line put back ('517 (both
    groups 517 (both groups 295' / 'combined) combined)': each closing goes before the figure after its note)."""
    if len(lines) != 2 or not CLOSINGS.fullmatch(lines[1].strip()):
        return lines
    closings = re.findall(r"[^()]*\)", lines[1])
    opened = [m.start() for m in re.finditer(r"\(", lines[0])]
    if len(opened) != len(closings) or lines[0].count(")"):
        return lines
    text = lines[0]
    for start, closing in reversed(list(zip(opened, closings, strict=True))):
        after = re.search(r"\s\d", text[start:])
        at = start + after.start() if after else len(text)
        text = f"{text[:at]} {closing.strip()}{text[at:]}"
    return [text]


REFUSAL_IN_WORDS = re.compile(SECTION_IN_WORDS + r"(?:\s+[a-z]+)*$", re.I)


def refusal_tails_joined(lines: list[str]) -> list[str]:
    """Given a band's lines, return them with a refusal in words wrapped in its cell put back on one line
    ('... s.21 - published' / 'elsewhere')."""
    out: list[str] = []
    for line in lines:
        if out and REFUSAL_IN_WORDS.search(out[-1]) and re.fullmatch(r"\s*[a-z]+(?:\s+[a-z]+){0,2}\s*", line):
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
    return out


def band_cells(text: str) -> list[str] | None:
    """Given one band's text, return its label and figures as separate cells, or None if it does not end in figures.

    A label wrapped inside its band ('Households with 563 547' / 'children') is joined round its figures."""
    lines = refusal_tails_joined(notes_closed([ln for ln in text.split("\n") if ln.strip()]))
    text = "\n".join(lines)
    # ('Total 159 322' / '2025-26': a year wrapped under the label is the label's, not a figure)
    # ('... over 70 50 61' / '6 weeks (families)': a wrapped label's words with a number are not its figures)
    # ('September ... 4' / '2025': a month's year wrapped under it goes back after the month)
    with_figures = [i for i, ln in enumerate(lines) if re.search(r"\d", ln) and not YEAR_SPAN.fullmatch(ln.strip())
                    and not (i and BARE_YEAR.fullmatch(ln.strip()))
                    and not (re.search(r"[A-Za-z]{3}", ln) and not FIGURES_AT_END.match(" ".join(ln.split())))]
    if len(with_figures) > 1:  # ('Interviews held 0 0 0' / 'within 3 days -': a label's dash is not a nil)
        with_figures = [i for i in with_figures if not DASH_END.search(lines[i])] or with_figures
    if len(lines) > 1 and len(with_figures) == 1 and (cells := wrapped_band_cells(lines, with_figures[0])):
        return cells
    flat = " ".join(text.split())
    wrapped_year = re.match(MONTH_NAME + r"(?=\s+\d{1,3}\b)", flat, re.I) and re.search(r"\s((?:19|20)\d\d)$", flat)
    if wrapped_year:  # 'September 21 55 2025': the month's year wrapped under it, read after the figures
        month = re.match(MONTH_NAME, flat, re.I).group(0)
        flat = f"{month} {wrapped_year.group(1)}{flat[len(month):wrapped_year.start()]}"
    year_tail = re.search(r"\s(" + YEAR_SPAN.pattern + r")$", flat, re.I)
    if year_tail and not YEAR_SPAN.match(flat):  # 'Total 159 322 2025-26': the label's year wrapped under it
        match = FIGURES_AT_END.match(flat[:year_tail.start()])
        if match:
            return [f"{match['label'].strip()} {year_tail.group(1)}", *FIGURE_TOKEN.findall(match["figures"])]
    match = FIGURES_AT_END.match(flat)
    if not match and (broken := broken_label_cells(flat)):
        return broken
    if not match:  # the cell's lines came joined: 'Households with 563 547 children'
        tail = WRAPPED_TAIL.search(flat)
        match = FIGURES_AT_END.match(flat[:tail.start()]) if tail else None
        if not match:
            return None
        return [f"{match['label'].strip()} {tail.group(1)}", *FIGURE_TOKEN.findall(match["figures"])]
    return [match["label"].strip(), *FIGURE_TOKEN.findall(match["figures"])]


def broken_label_cells(flat: str) -> list[str] | None:
    """Given a band's text as one line, return its cells when a one-word label too wide for its column broke
    mid-word, its last letters read after the figures ('May-2 33 41 5', 'TOTA 299 622 L'); None when not so."""
    # a label of several words wraps between words, not inside one: the label is the band's first word, and
    # a broken word leaves a piece of one or two characters
    words = flat.split()
    if len(words) < 3 or words[0][0].isdigit() or len(words[-1]) > 2:
        return None
    figures = " ".join(words[1:-1])
    if not FIGURES_ONLY.fullmatch(figures):
        return None
    return [words[0] + words[-1], *FIGURE_TOKEN.findall(figures)]
