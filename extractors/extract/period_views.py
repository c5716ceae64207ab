"""A reply to a request for several periods -> the reply as it reads for one of them.

Lines are cut where they name a survey period ('2023/24: 121  2024/25: 111') and only the pieces about the
period wanted are kept; table rows and columns labelled with another of the survey's periods are dropped.
Text that names no period is kept for every period, so a figure given once is read once per period and the
checks downstream decide whether it may stand.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from extractors.extract.matching import question_refs, strip_ref
from extractors.extract.subperiods import parse_label
from extractors.extract.table_periods import (
    mention_pattern,
    period_mentions,
    period_pattern_removed,
    table_period,
)
from extractors.model import Candidate, Cell, Document, Line, Table
from extractors.parse.phrases import is_not_held, is_refusal
from extractors.survey import Period

TRAILING = re.compile(r"\d[\d,.]*[^\d\n]{0,60}?\b(?:in|for|during|over)\s+(?:the\s+)?(?:year\s+|fy\s*)?$", re.I)
LEADING = re.compile(r"^\s*[)\]]?\s*(?:[:\u2013-]|=)", re.I)


def mention_side(text: str, start: int, end: int) -> str:
    """Given a line and one period mention in it, return 'after' when the mention follows its figure ('222 in
    2023/24'), 'before' when it heads it ('2023/24: 252'), or '' when the words do not say."""
    if TRAILING.search(text[:start]):
        return "after"
    if LEADING.match(text[end:]) or not text[:start].strip(" (;,.•·–-") or \
            text[:start].rstrip().endswith((";", ".", "?", ":")):
        return "before"
    return ""


def without_period_lists(text: str, periods: tuple[Period, ...]) -> str:
    """Given text, return it with bracketed lists of periods ('(2023-24 and 2024-25)') blanked: they restate
    what was asked and place no figure."""
    pattern = mention_pattern(periods)[0]
    return re.sub(r"\(([^()]*)\)", lambda m: " " * len(m.group(0)) if not re.sub(
        r"\b(?:and|to|or|&)\b|[,\s]", "", pattern.sub("", m.group(1))) else m.group(0), text)


def note_spans(text: str) -> list[tuple[int, int]]:
    """Given a line, return the spans of its notes in brackets after a figure ('849 (figure checked against the
    2024-25 return)'): a period named there says where the figure was checked, not whose figure it is."""
    return [(m.start(), m.end()) for m in re.finditer(r"(?<=\d)\s*\((?=[^()]*[A-Za-z]{3})[^()]*\)", text)]


def pieces_of(text: str, periods: tuple[Period, ...], carried: str = "") -> list[tuple[str, str]] | None:
    """Given a line naming survey periods, return (period id or '', piece) in order, or None when the line's
    figures cannot be told apart by period (a piece without a period holds the words common to all)."""
    text = without_period_lists(text, periods)
    pattern, owner = mention_pattern(periods)
    notes = note_spans(text)
    found = [(m.start(), m.end(), owner[m.group(1).lower()]) for m in pattern.finditer(text)
             if not any(a < m.start() < b for a, b in notes)]
    sides = {mention_side(text, s, e) for s, e, _ in found}
    if sides == {"after"}:
        cuts = [0] + [e for _, e, _ in found]
        pieces = [(pid, text[a:b]) for (_, _, pid), a, b in zip(found, cuts, cuts[1:], strict=False)]
        label = re.match(r"^[^\d\u00a3$]*", pieces[0][1]).group(0)  # 'TA gross spend:' before the first figure
        pieces = [(pieces[0][0], pieces[0][1][len(label):])] + pieces[1:]
        tail = text[cuts[-1]:]
        return [("", label)] + pieces + ([("?", tail)] if re.search(r"\d", tail) else [("", tail)])
    if sides == {"before"}:
        cuts = [s for s, _, _ in found] + [len(text)]
        head = text[:cuts[0]]
        # a question's number before the period ('1(a) 2024-25: 181') heads every piece; other figures do not
        return [((carried or "?") if re.search(r"\d", strip_ref(head)) else "", head)] + \
            [(pid, text[a:b]) for (a, _, pid), b in zip(found, cuts[1:], strict=True)]
    return None


def text_for_period(text: str, wanted: str, periods: tuple[Period, ...], carried: str = "") -> str:
    """Given a line, return the pieces about the wanted period: all of it when it names no survey period, and
    none of its figures when the line does not say which period they are for."""
    notes = note_spans(text)
    mentions = [(at, p) for at, p in period_mentions(text, periods) if not any(a < at < b for a, b in notes)]
    if not mentions or ({p for _, p in mentions} == {wanted} and carried in ("", wanted)):
        return text
    pieces = pieces_of(text, periods, carried)
    if pieces is None:
        # a line that only names periods ('for 2023-24 and 2024-25') places no figure and is kept for every one
        return "" if re.search(r"\d", period_pattern_removed(text, periods)) else text
    kept = " ".join(piece.strip() for pid, piece in pieces if pid in ("", wanted)).strip()
    # '2.' left of '2. 2023-24: 82' heads nothing in another period, nor does the bullet of '- 2023-24 - 178'
    return kept if re.search(r"\w", strip_ref(kept)) else ""


def open_period(text: str, periods: tuple[Period, ...]) -> str:
    """Given a line, return the period its last piece heads when that piece still waits for its figure."""
    named = {pid for _, pid in period_mentions(text, periods)}
    if not named or not period_mentions(without_period_lists(text, periods), periods):
        return ""  # '(2023/24 and 2024/25)' restates what was asked and heads no figure
    last = period_mentions(text, periods)[-1][0]
    if text.rstrip().endswith("?") or "?" in text[last:]:  # a question naming its one period (its answer begun
        # after the mark or on the next line) is answered for that period
        return named.pop() if len(named) == 1 else "?"
    pieces = pieces_of(text, periods)
    if pieces is None:
        return "?"  # the next figure on its own line could be for any period
    pid, piece = pieces[-1]
    body = period_pattern_removed(piece, periods)
    if is_not_held(body) or is_refusal(body):
        return ""  # '2023-24: (b) Our system does not capture this, so ...': answered in words, waits for nothing
    return pid if pid not in ("", "?") and not re.search(r"\d", body) and mention_side(text, 0, 0) != "after" else ""


def line_for_period(line: Line, wanted: str, periods: tuple[Period, ...], carried: str = "") -> Line | None:
    """Given a line (and the period an open piece of the line before hands on), return it as it reads for the
    wanted period, or None when it is about other periods only."""
    if carried and not period_mentions(line.text, periods):
        # a question heading ('5. What ...') starts afresh: its number is not a figure for the period above
        heading = bool(question_refs(line.text)) and "?" in line.text  # '6. As at 31 March 2025, was ...? Yes'
        return line if carried == wanted or heading or not re.search(r"\d", strip_ref(line.text)) else None
    text = text_for_period(line.text, wanted, periods, carried)
    mentions = period_mentions(line.text, periods)
    if not text and mentions and question_refs(line.text) and "?" in line.text[mentions[-1][0]:]:
        return line  # '5. What percentage ... in 2024-25?': the question names its period; its heading stays
    if not text and mentions and question_refs(line.text) and "?" in line.text[:mentions[0][0]]:
        text = line.text[:mentions[0][0]].strip()  # a question heading stays, its other period's answer goes
    if not text:
        return None
    return line if text == line.text else replace(line, text=text, segments=(text,), segment_x=())


def cell_period(cell: Cell, periods: tuple[Period, ...]) -> str:
    """Given a label cell, return the one survey period it names, or ''."""
    named = {p for _, p in period_mentions(cell.text, periods)}
    return named.pop() if len(named) == 1 else ""


def row_period(row: list[Cell], periods: tuple[Period, ...]) -> str:
    """Given a table row, return the one survey period its words name (a label or a 'Period' cell), or ''."""
    words = [c.text for c in row if not re.fullmatch(r"[\d,.\s%\u00a3]*", c.text)]
    named = {p for text in words for _, p in period_mentions(text, periods)}
    return named.pop() if len(named) == 1 else ""


def months_period(table: Table, periods: tuple[Period, ...]) -> str:
    """Given a table, return the one survey period its month or quarter rows (or columns) all fall in, or ''."""
    found = set()
    cells = [row[0] for row in table.rows if row] + [c for row in table.rows[:2] for c in row[1:]]
    for cell in cells:
        label = parse_label(cell.text)
        for year, month in (label.months if label is not None and label.kind == "part" else ()):
            if year is None:
                continue  # ('April - June' says no year: its table's heading or total column does)
            first = date(year, month, 1)
            found |= {p.id for p in periods if p.start <= first <= p.end} or {"?"}
    return found.pop() if len(found) == 1 else ""


def table_for_period(table: Table, wanted: str, periods: tuple[Period, ...]) -> Table:
    """Given a table, return it without the rows and columns labelled with another of the survey's periods; a
    table of another period's months (its year heading left on the page before) keeps nothing, its total neither."""
    if months_period(table, periods) not in ("", wanted):
        return replace(table, rows=table.rows[:1])
    heads = header_periods(table, periods)
    drop_columns = {i for i, p in heads.get("columns", {}).items() if p and p != wanted}
    rows = []
    for r, row in enumerate(table.rows):
        header = r in heads.get("rows", ())
        if not header and (p := row_period(row, periods)) and p != wanted:
            continue
        rows.append([cell_for_period(c, wanted, periods) if not header else c
                     for i, c in enumerate(row) if i not in drop_columns])
    return replace(table, rows=rows)


def header_periods(table: Table, periods: tuple[Period, ...]) -> dict:
    """Given a table, return its header rows and the period each column heads ({'rows': (0,), 'columns': {1: id}})
    when a row names two periods or more, or the first two rows do read together ('April 2023 to March' /
    '2024'); {} when none does."""
    for r, row in enumerate(table.rows):
        named = {i: cell_period(c, periods) for i, c in enumerate(row)}
        if sum(bool(p) for p in named.values()) >= 2:
            return {"rows": (r,), "columns": named}
    if len(table.rows) >= 2:
        first, second = table.rows[0], table.rows[1]
        named = {i: cell_period(Cell(f"{c.text} {second[i].text}" if i < len(second) else c.text, c.locator), periods)
                 for i, c in enumerate(first)}
        if sum(bool(p) for p in named.values()) >= 2:
            return {"rows": (0, 1), "columns": named}
    return {}


def cell_for_period(cell: Cell, wanted: str, periods: tuple[Period, ...]) -> Cell:
    """Given a cell answering for several periods ('2023-24: 18' / '2024-25: 40'), return it as it reads for the
    wanted one, line by line as a letter is read; a cell naming one period or none is left as it is."""
    if len({p for _, p in period_mentions(cell.text, periods)}) < 2:
        return cell
    kept, carried = [], ""
    for text in cell.text.splitlines():
        if carried and not period_mentions(text, periods):
            kept += [text] if carried == wanted or not re.search(r"\d", text) else []
            continue
        kept.append(text_for_period(text, wanted, periods, carried))
        carried = open_period(text, periods)
    return replace(cell, text="\n".join(k for k in kept if k.strip()))


MONTH_AT_END = re.compile(r"\s(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$|"
                          r"\s(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d\s*"
                          r"(?:(?:to|-|\u2013)\s*)?$", re.I)  # '... April', '... April 2024 (to)' waiting for the rest
RANGE_END_START = re.compile(r"^\s*(?:to|-|\u2013)\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
                             r"(?:19|20)\d\d\b", re.I)  # 'to March 2024: a) 2,132' under '... April 2023'



YEAR_START = re.compile(r"^\s*(?:19|20)\d\d\b")
MONTH_YEAR_START = re.compile(r"^\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d\b",
                              re.I)


def months_kept_with_years(lines: list[Line]) -> list[Line]:
    """Given lines, return them with a month at a line's end moved onto the next line when that line starts with
    its year ('...; April' / '2024 to March 2025: 94'): a period is read whole, on one line."""
    out = list(lines)
    for i in range(len(out) - 1):
        match = MONTH_AT_END.search(out[i].text)
        # a month waits for its year; a month and year ending in 'to' wait for the range's other end
        rest = YEAR_START if not match or not re.search(r"\d", match.group(0)) else \
            MONTH_YEAR_START if re.search(r"(?:to|-|\u2013)\s*$", match.group(0)) else RANGE_END_START
        if match and rest.match(out[i + 1].text):
            month = match.group(0).strip()
            out[i] = replace(out[i], text=out[i].text[:match.start()], segments=(out[i].text[:match.start()],),
                             segment_x=())
            out[i + 1] = replace(out[i + 1], text=f"{month} {out[i + 1].text}",
                                 segments=(f"{month} {out[i + 1].text}",), segment_x=())
    return out


def wraps_on(text: str, following: str) -> bool:
    """Given a line and the next, return whether the next carries on the line's sentence: the line is long and
    ends mid-sentence, and the next starts in lower case or gives the year the line's end waits for."""
    if len(text) >= 50 and text.count("(") > text.count(")") and not question_refs(following):
        return True  # '... children? (2023-24' / 'and 2024-25) 2023-24: a) 350': a bracket left open
    if re.search(r"\b[a-z][).]\s*$", text) and re.match(r"\s*[\d£]", following):
        return True  # '... / 2024-25: b)' (or 'b.') / '145': a part's marker waits for its figure
    if len(text) >= 50 and MONTH_AT_END.search(text) and YEAR_START.match(following):
        return True  # '...; April 2023 to March' / '2024: Part-time staff: 291': a period cut at its year
    if len(text) < 50 or re.search(r"[.?!:;]\s*$", text) or question_refs(following) or "?" in text:
        return False
    if re.match(r"^\s*\(?[a-h][.)]\s", following):
        return False  # 'a. April 2024 to ...': a part's marker opens a line of its own
    return bool(re.match(r"^\s*\(?[a-z]", following)) or bool(  # ('... section 21' / '(information ...')
        re.search(r"\b(?:in|for|during|fy|to|and)\s*$", text, re.I) and re.match(r"\s*(?:19|20)\d\d", following))


def wrapped_prose_joined(lines: list[Line]) -> list[Line]:
    """Given lines, return them with a sentence wrapped over several lines made one line ('... 217 in FY' /
    '2024/25.'): the periods and figures it states are then read together."""
    out: list[Line] = []
    for line in lines:
        last = out[-1] if out else None
        if last is not None and last.page == line.page and wraps_on(last.text, line.text):
            text = f"{last.text} {line.text.strip()}"
            out[-1] = replace(last, text=text, segments=(text,), segment_x=())
        else:
            out.append(line)
    return out


LIST_NUMBER = re.compile(r"^\s*(?:q(?:uestion)?\s*)?\d{1,2}[a-h]?[.):]\s", re.I)


def document_for_period(document: Document, wanted: str, periods: tuple[Period, ...]) -> Document:
    """Given a document and one of the survey's periods, return the document as it reads for that period."""
    lines, carried, number = [], "", None
    for line in months_kept_with_years(wrapped_prose_joined(document.lines)):
        kept = line_for_period(line, wanted, periods, carried)
        opening = period_mentions(kept.text, periods)[:1] if kept is not None else []
        if kept is not None and number is not None and not question_refs(kept.text) and opening and \
                opening[0][0] <= 3:
            lines.append(number)  # '1. 2023/24: ... ;' over '2024/25: 791': the number heads this line too
        number = None
        if kept is None and (ref := LIST_NUMBER.match(line.text)):
            number = replace(line, text=ref.group(0).strip(), segments=(ref.group(0).strip(),), segment_x=())
        if kept is not None:
            lines.append(kept)
        if period_mentions(line.text, periods):
            carried = open_period(line.text, periods)
        elif re.search(r"\d", line.text):
            carried = ""
    tables = [replace(t, rows=t.rows[:1]) if table_period(t, document.lines, periods, document.tables)
              not in ("", wanted) else table_for_period(t, wanted, periods) for t in document.tables]
    return replace(document, lines=lines, tables=tables)


def one_figure_for_periods(found: list[Candidate]) -> list[Candidate]:
    """Given a file's candidates for several periods, return them with a figure read from one and the same place
    for two periods (a table under a year heading the reading did not see) sent to review: it answers one at most."""
    def place(c: Candidate) -> tuple[str, str, str]:
        """The cell a candidate was read from, and its key without the period."""
        return c.locator, " ".join(c.raw.split()), c.key.split("@")[0]
    places: dict[tuple[str, str, str], int] = {}
    for c in found:  # a cell read for two periods, whatever each reading made of it
        if c.status != "not_answered" and any(mark in c.locator for mark in ("table", "layout", "qa", "!")):
            places[place(c)] = places.get(place(c), 0) + 1
    reason = "the same figure was read for two periods: which one it is for is not clear"
    return [replace(c, status="needs_review", value="", confidence=0.5, reason=reason)
            if c.status == "reported" and places.get(place(c), 0) > 1 else c for c in found]
