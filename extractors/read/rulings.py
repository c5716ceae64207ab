"""Scanned page image -> the ruled lines of its tables: as edges for pdfplumber's table finder, or erased for OCR.

A scanned table's rules are pixels, not vector lines, so pdfplumber's own "lines" strategy sees no table. Long
straight runs of dark pixels are the rules; letters are too short and too broken to make one. Tesseract reads a
rule beside a number as "|", "[" or "1", so the image it reads has its rules painted out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium

DPI = 144  # rules survive at this resolution, and a page renders in a few hundredths of a second
DARK = 170  # grey level below which a pixel is ink (rules thinner than a pixel render grey)
MIN_RULE = 0.8  # inches: a horizontal rule spans a table; bold words whose letters touch make shorter runs
MIN_UPRIGHT = 0.22  # inches: a vertical rule spans at least one table row
STEP = 2  # pixels: runs on rows this close belong to one rule (a rule is thick, or drifts a pixel after deskew)


@dataclass(frozen=True)
class Rule:
    """One ruled line in pixels: the rows (or columns) it covers across, and where it starts and ends along."""

    first: int
    last: int
    start: int
    end: int

    @property
    def position(self) -> float:
        """Given a rule, return the middle of its thickness."""
        return (self.first + self.last) / 2


def mask_runs(mask: np.ndarray, min_len: int) -> list[tuple[int, int, int]]:
    """Given a boolean image, return (row, start, end) for every run of True at least min_len long."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    # Row-major order pairs each run's start with its end: runs alternate along a row and every row closes.
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    long = ends - starts >= min_len
    return list(zip(rows[long].tolist(), starts[long].tolist(), ends[long].tolist(), strict=True))


def runs_to_rules(runs: list[tuple[int, int, int]]) -> list[Rule]:
    """Given long runs sorted by row, return the rules they make, merging runs on neighbouring rows."""
    open_rules: list[list[int]] = []  # first row, last row, start, end
    done: list[list[int]] = []
    for row, start, end in runs:
        done += [r for r in open_rules if row - r[1] > STEP]
        open_rules = [r for r in open_rules if row - r[1] <= STEP]
        near = next((r for r in open_rules if start <= r[3] + STEP and end >= r[2] - STEP), None)
        if near is None:
            open_rules.append([row, row, start, end])
        else:
            near[1], near[2], near[3] = row, min(near[2], start), max(near[3], end)
    return [Rule(*r) for r in done + open_rules]


def steady(ink: np.ndarray) -> np.ndarray:
    """Given ink, return it thickened a pixel across each row and with two-pixel breaks along rows filled.

    A rule drifts by a pixel here and there (deskew, thresholding), which would break it into short runs.
    """
    thick = ink.copy()
    thick[1:] |= ink[:-1]
    thick[:-1] |= ink[1:]
    filled = thick.copy()
    filled[:, 1:] |= thick[:, :-1]
    filled[:, 2:] |= thick[:, :-2]
    return filled


def find_rules(ink: np.ndarray, dpi: float) -> tuple[list[Rule], list[Rule]]:
    """Given a page's ink (True where dark), return its horizontal and vertical rules in pixels."""
    across = runs_to_rules(mask_runs(steady(ink), int(MIN_RULE * dpi)))
    upright = runs_to_rules(mask_runs(steady(np.ascontiguousarray(ink.T)), int(MIN_UPRIGHT * dpi)))
    return across, upright


def erase_rules(gray: np.ndarray, dpi: float) -> np.ndarray:
    """Given a grey page image, return a copy with its ruled lines painted white (for OCR only)."""
    across, upright = find_rules(gray < DARK, dpi)
    clean = gray.copy()
    for rule in across:
        clean[max(rule.first - 1, 0):rule.last + 2, rule.start:rule.end] = 255
    for rule in upright:
        clean[rule.start:rule.end, max(rule.first - 1, 0):rule.last + 2] = 255
    return clean


def edge(orientation: str, position: float, start: float, end: float) -> dict:
    """Given a rule in points, return it as a pdfplumber edge."""
    if orientation == "h":
        return {"object_type": "scan_edge", "orientation": "h", "x0": start, "x1": end, "top": position,
                "bottom": position, "width": end - start, "height": 0.0, "doctop": position}
    return {"object_type": "scan_edge", "orientation": "v", "x0": position, "x1": position, "top": start,
            "bottom": end, "width": 0.0, "height": end - start, "doctop": start}


def page_rulings(page: pdfium.PdfPage) -> tuple[list[dict], list[dict]]:
    """Given a scanned PDF page, return its horizontal and vertical rules as pdfplumber edges in points."""
    scale = DPI / 72
    gray = np.asarray(page.render(scale=scale, grayscale=True).to_pil().convert("L"))
    across, upright = find_rules(gray < DARK, DPI)
    horizontal = [edge("h", r.position / scale, r.start / scale, r.end / scale) for r in across]
    vertical = [edge("v", r.position / scale, r.start / scale, r.end / scale) for r in upright]
    return horizontal, vertical


def table_settings(horizontal: list[dict], vertical: list[dict]) -> dict | None:
    """Given a scanned page's rules, return pdfplumber table settings that use only them, or None if too few."""
    if len(horizontal) < 2 or len(vertical) < 2:
        return None
    return {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
            "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal,
            "snap_tolerance": 4, "join_tolerance": 4, "intersection_tolerance": 4}
