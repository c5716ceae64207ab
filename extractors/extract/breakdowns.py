"""Tables with figures by quarter or month -> the same tables with one figure for the survey's whole period.

RULES.md, "Breakdowns by period": a stated year total is used as it stands (even when the parts do not add up to
it); without one the parts are added up; a suppressed part with no total makes the result suppressed ("*"); a
missing or inexact part, or parts counting people (who may be counted in several quarters), make it a
"needs review: ..." text that parse_count reads as needs_review (extractors/period_cells.py has those rules).
Periods may run along a header row (quarters as columns, possibly under group headers such as "Full-time staff",
with a second header line of years) or down a label column (quarters as rows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from extractors.extract.period_cells import (
    Axis,
    Part,
    combine,
    is_figure,
    may_sum,
    plan_axis,
    read_axis,
    survey_label,
)
from extractors.extract.subperiods import parse_label
from extractors.model import Cell, Table
from extractors.parse.phrases import squash
from extractors.survey import Survey

LABEL_COLUMNS = 3  # periods down the side are labelled in one of the first columns


def _cell(rows: list[list[Cell]], r: int, c: int) -> Cell:
    """Given rows and a position, return the cell there (a blank one past a ragged row's end)."""
    return rows[r][c] if 0 <= r < len(rows) and 0 <= c < len(rows[r]) else Cell("", "")


def _filled(row: list[Cell]) -> int:
    """Given a row, return how many of its cells hold text."""
    return sum(1 for c in row if c.text.strip())


def _second_line(rows: list[list[Cell]], r: int, columns: list[int], survey: Survey) -> bool:
    """Given a row next to a header of periods, return whether it only adds years or 'total' to those labels.

    Bare years must be the survey's own, and the row's other cells at most one-word headings ('Measure'):
    a row 'Missing episodes | 1900 | 1900 | ...' is figures, not a second header line.
    """
    if r < 0 or r >= len(rows):
        return False
    texts = [_cell(rows, r, c).text for c in columns if _cell(rows, r, c).text.strip()]
    labels = [parse_label(t) for t in texts]
    if not texts or not all(lab and lab.kind in ("bare_year", "year", "total") for lab in labels):
        return False
    own_years = {str(survey.period_start.year), str(survey.period_end.year)}
    if any(lab.kind == "bare_year" and t.strip() not in own_years for t, lab in zip(texts, labels, strict=True)):
        return False
    others = [c.text for i, c in enumerate(rows[r]) if i not in columns and c.text.strip()]
    return all(len(t.split()) <= 1 for t in others)


def _group_row(rows: list[list[Cell]], r: int, columns: list[int]) -> bool:
    """Given the row above a header of periods, return whether it names groups over them ('Full-time staff')."""
    texts = [squash(_cell(rows, r, c).text) for c in columns if _cell(rows, r, c).text.strip()]
    if r < 0 or not texts or any(parse_label(t) or is_figure(t) for t in texts):
        return False
    # a title merged across the whole width is repeated over the label columns too: it names no group
    elsewhere = {squash(cell.text) for c, cell in enumerate(rows[r]) if c not in columns and cell.text.strip()}
    return len(set(texts)) > 1 or not set(texts) & elsewhere


def _scope(rows: list[list[Cell]], start: int, columns: list[int], survey: Survey) -> list[int]:
    """Given where data starts under a header of periods, return the rows it heads (to a blank or title row).

    A row holding only a label stays in while the row after it has figures under the periods: a measure left
    blank, or a heading over more rows of the same table.
    """
    found = []
    for r in range(start, len(rows)):
        if read_axis([c.text for c in rows[r]], survey, figures=False):
            break  # the header of another block
        if _filled(rows[r]) <= 1:
            nxt = any(is_figure(_cell(rows, r + 1, c).text) for c in columns)
            if not _filled(rows[r]) or not nxt:
                break
        found.append(r)
    return found


def _words_below(rows: list[list[Cell]], scope: list[int], c: int) -> bool:
    """Given the rows under a header and a column, return whether that column holds words, no figures."""
    texts = [_cell(rows, r, c).text for r in scope if _cell(rows, r, c).text.strip()]
    return bool(texts) and not any(is_figure(t) for t in texts)


def _groups(rows: list[list[Cell]], g: int | None, columns: list[int]) -> list[tuple[str, list[int]]]:
    """Given the group row (if any) and the period columns, return (group name, columns) runs, merged cells filled."""
    runs: list[tuple[str, list[int]]] = []
    name = ""
    for c in columns:
        text = squash(_cell(rows, g, c).text) if g is not None else ""
        name = text or name
        if runs and runs[-1][0] == name and runs[-1][1][-1] == columns[columns.index(c) - 1]:
            runs[-1][1].append(c)
        else:
            runs.append((name, [c]))
    return runs


@dataclass
class Block:
    """Periods along a header row: the header rows, the rows of figures under them, and each group's axis."""

    header: list[int]
    scope: list[int]
    groups: list[tuple[str, list[int], Axis]]
    labels: list[str]  # the period labels as written (both header lines)


def _find_block(rows: list[list[Cell]], p: int, survey: Survey) -> Block | None:
    """Given a row that may head quarter or month columns, return the block it heads, or None."""
    first = {c for c, _ in read_axis([c.text for c in rows[p]], survey, figures=True).items()}
    if not first:
        return None
    columns = sorted(first)
    above = p - 1 if _second_line(rows, p - 1, columns, survey) else None
    below = p + 1 if _second_line(rows, p + 1, columns, survey) else None
    lines = [r for r in (above, p, below) if r is not None]
    width = max(len(rows[r]) for r in lines)
    texts = [" ".join(t for r in lines if (t := _cell(rows, r, c).text.strip())) for c in range(width)]
    scope = _scope(rows, lines[-1] + 1, columns, survey)
    figures = any(is_figure(_cell(rows, r, c).text) for r in scope for c in columns)
    labels = read_axis(texts, survey, figures, corner=texts[0] if texts else "")
    # a label column headed "Year" holds words under it, not the year's figures
    labels = {c: lab for c, lab in labels.items() if lab.kind == "part" or not _words_below(rows, scope, c)}
    if not labels or not scope:
        return None
    columns = sorted(labels)
    g = lines[0] - 1 if _group_row(rows, lines[0] - 1, columns) else None
    groups = []
    for name, cols in _groups(rows, g, columns):
        axis = plan_axis({c: labels[c] for c in cols}, survey)
        if axis is None:
            return None
        groups.append((name, cols, axis))
    return Block(([g] if g is not None else []) + lines, scope, groups, [texts[c] for c in columns])


def _header_row(rows: list[list[Cell]], block: Block, drop: set[int], survey: Survey) -> list[Cell]:
    """Given a block, return its header rows made one: the period columns become one column per group."""
    p = block.header[-1]
    width = max(len(rows[r]) for r in block.header)
    firsts = {cols[0]: name for name, cols, _ in block.groups}
    out = []
    for c in range(width):
        if c in drop:
            continue
        cells = [_cell(rows, r, c) for r in block.header if _cell(rows, r, c).text.strip()]
        locator = (cells[0] if cells else _cell(rows, p, c)).locator
        if c in firsts:
            out.append(Cell(firsts[c] or f"Number ({survey_label(survey)})", locator))
        else:
            out.append(Cell(" ".join(dict.fromkeys(squash(x.text) for x in cells)), locator))
    return out


def _data_row(row: list[Cell], block: Block, drop: set[int], summable: Callable[[str], bool]) -> tuple[list, list]:
    """Given a row of figures in a block, return it with each group's period cells made one, and notes."""
    periods = {c for _, cols, _ in block.groups for c in cols}
    label = " ".join(c.text for i, c in enumerate(row) if i not in periods and c.text.strip())
    made: dict[int, Cell] = {}
    notes = []
    for name, cols, axis in block.groups:
        parts = [Part(_cell([row], 0, c), axis.parts[c]) for c in sorted(axis.parts)]
        total = _cell([row], 0, axis.totals[0]) if axis.totals else None
        made[cols[0]], note = combine(parts, total, f"{label} {name}".strip(), summable, axis.gap)
        if note:
            notes.append(f"{made[cols[0]].locator} ({squash(label)[:60]}): {note}")
    width = max(len(row), max(made) + 1)
    cells = [made[c] if c in made else _cell([row], 0, c) for c in range(width) if c not in drop]
    return cells, notes


def _collapse_block(rows: list[list[Cell]], block: Block, survey: Survey,
                    summable: Callable[[str], bool]) -> tuple[list[list[Cell]], list[str]]:
    """Given rows and one block of period columns, return the rows with that block collapsed, and notes."""
    firsts = {cols[0] for _, cols, _ in block.groups}
    inside = {c for _, cols, _ in block.groups for c in range(min(cols), max(cols) + 1)}
    # (a column among the periods its heading does not name, 'OFFICIAL Jul-Sep 2024', is one of them, never
    # the year's own figure: it goes with them, and the months it leaves uncovered send the year to review)
    drop = inside - firsts
    out: list[list[Cell]] = []
    notes: list[str] = []
    for r, row in enumerate(rows):
        if r == block.header[0]:
            out.append(_header_row(rows, block, drop, survey))
        elif r in block.scope:
            cells, more = _data_row(row, block, drop, summable)
            out.append(cells)
            notes += more
        elif r not in block.header:
            # rows outside the block lose only blank cells, so nothing else shifts out of its column
            blank = all(not _cell(rows, r, c).text.strip() for c in drop)
            out.append([cell for c, cell in enumerate(row) if c not in drop] if blank else row)
    return out, notes


def _describe(labels: list[str], survey: Survey, name: str, count: int) -> str:
    """Given the period labels combined, return the note saying what was done."""
    shown = ", ".join(squash(t) for t in labels[:4]) + (", ..." if len(labels) > 4 else "")
    return f"{name}: figures by period ({shown}) combined into one figure for {survey_label(survey)} in {count} places"


def collapse_columns(table: Table, survey: Survey, summable: Callable[[str], bool]) -> tuple[list, list[str]]:
    """Given a table, return its rows with every block of period columns collapsed, and notes."""
    rows, notes, p = table.rows, [], 0
    while p < len(rows):
        block = _find_block(rows, p, survey) if _filled(rows[p]) >= 2 else None
        if block is None:
            p += 1
            continue
        rows, more = _collapse_block(rows, block, survey, summable)
        notes += [_describe(block.labels, survey, table.name, len(block.scope) * len(block.groups)), *more]
        p = block.header[0] + 1 + len(block.scope)
    return rows, notes


def _run_starts(rows: list[list[Cell]], c: int) -> list[list[int]]:
    """Given rows and a label column, return runs of consecutive rows whose label there is a period."""
    runs: list[list[int]] = []
    for r in range(len(rows)):
        label = parse_label(_cell(rows, r, c).text)
        if label and label.kind != "bare_year":
            if runs and runs[-1][-1] == r - 1:
                runs[-1].append(r)
            else:
                runs.append([r])
    return [run for run in runs if len(run) >= 2]


def _split_by_measure(rows: list[list[Cell]], run: list[int], labels: list[int]) -> list[list[int]]:
    """Given a run of period rows and its other label columns, return it split where the measure named changes."""
    pieces: list[list[int]] = []
    key = None
    for r in run:
        texts = tuple(squash(_cell(rows, r, c).text) for c in labels)
        if any(texts) and texts != key and pieces:
            pieces.append([])
        key = texts if any(texts) else key  # a measure named once, its later rows left blank (merged cells)
        if not pieces:
            pieces.append([])
        pieces[-1].append(r)
    return pieces


def _heading(rows: list[list[Cell]], start: int, c: int) -> str:
    """Given a column and the first row of a run, return the words heading that column above the run."""
    texts = [_cell(rows, r, c).text.strip() for r in range(start)]
    return " ".join(t for t in texts if t and not is_figure(t))[-200:]


def _collapse_run(rows: list[list[Cell]], run: list[int], c: int, survey: Survey,
                  summable: Callable[[str], bool]) -> tuple[list[Cell], list[str]] | None:
    """Given a run of period rows labelled in column c, return the one row that replaces it, and notes."""
    width = max(len(rows[r]) for r in run)
    values = [x for x in range(width) if x != c and any(is_figure(_cell(rows, r, x).text) for r in run)]
    corner = next((t for r in range(run[0] - 1, -1, -1) if (t := _cell(rows, r, c).text.strip())), "")
    column = [_cell(rows, r, c).text for r in range(len(rows))]
    labels = read_axis([column[r] for r in run], survey, bool(values), corner, whole=column)
    axis = plan_axis(labels, survey) if labels else None
    if axis is None or not values:
        return None
    key = " ".join(squash(_cell(rows, r, x).text) for r in run[:1] for x in range(width) if x not in values and x != c)
    out, notes = [], []
    for x in range(width):
        if x == c:
            out.append(Cell(f"{survey_label(survey)} (whole year)", _cell(rows, run[0], c).locator))
        elif x in values:
            parts = [Part(_cell(rows, run[i], x), axis.parts[i]) for i in sorted(axis.parts)]
            total = _cell(rows, run[axis.totals[0]], x) if axis.totals else None
            cell, note = combine(parts, total, f"{key} {_heading(rows, run[0], x)}".strip(), summable, axis.gap)
            out.append(cell)
            notes += [f"{cell.locator}: {note}"] if note else []
        else:
            out.append(next((_cell(rows, r, x) for r in run if _cell(rows, r, x).text.strip()), _cell(rows, run[0], x)))
    return out, notes


def collapse_rows(rows: list[list[Cell]], name: str, survey: Survey,
                  summable: Callable[[str], bool]) -> tuple[list[list[Cell]], list[str]]:
    """Given rows, return them with every run of period rows (quarters down a label column) made one, and notes."""
    notes: list[str] = []
    width = max((len(r) for r in rows), default=0)
    for c in range(min(width, LABEL_COLUMNS)):
        for run in reversed(_run_starts(rows, c)):  # from the bottom, so earlier row numbers stay put
            figures = [x for x in range(width) if x != c and any(is_figure(_cell(rows, r, x).text) for r in run)]
            others = [x for x in range(width) if x != c and x not in figures]
            for piece in reversed(_split_by_measure(rows, run, others)):
                made = _collapse_run(rows, piece, c, survey, summable) if len(piece) >= 2 else None
                if made:
                    labels = [_cell(rows, r, c).text for r in piece]
                    notes[:0] = [_describe(labels, survey, name, len(figures)), *made[1]]
                    rows = rows[:piece[0]] + [made[0]] + rows[piece[-1] + 1:]
    return rows, notes


def collapse_periods(table: Table, survey: Survey,
                     summable: Callable[[str], bool] | None = None) -> tuple[Table, list[str]]:
    """Given a table as read, return it with figures by quarter or month made one figure for the survey's period.

    Everything not broken down by period is kept as it is. `summable` says from a row or column's label whether
    its figures may be added across periods (not counts of people); the notes say what was combined and how.
    """
    summable = summable or partial(may_sum, people=survey.vocabulary.people)
    rows, notes = collapse_columns(table, survey, summable)
    rows, more = collapse_rows(rows, table.name, survey, summable)
    if not notes and not more:
        return table, []
    return Table(rows, table.name, table.page, table.top), notes + more
