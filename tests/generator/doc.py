"""A small document model (paragraphs, tables, page breaks) that both PDF producers can draw."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Para:
    """A paragraph of text."""

    text: str
    bold: bool = False
    size: float = 0.0      # points added to the body size
    indent: float = 0.0    # mm
    gap: float = 2.0       # mm before


@dataclass
class Table:
    """A table; header rows repeat on each page."""

    header: list[list[str]]
    rows: list[list[str]]
    style: str = "ruled"   # ruled | unruled | zebra | lines
    widths: list[float] | None = None  # relative widths
    bold_rows: list[int] = field(default_factory=list)


@dataclass
class PageBreak:
    """Start a new page."""


@dataclass
class Doc:
    """A letter: letterhead, blocks, page furniture."""

    blocks: list
    letterhead: list[str] = field(default_factory=list)
    align_head: str = "L"
    marking: str | None = None
    page_numbers: str | None = "Page {n} of {N}"
    font: str = "sans"     # sans | serif | condensed | helvetica | times
    size: float = 10.5
    page: str = "A4"
    margin: float = 20.0
    title: str = "Response"

    @property
    def unicode_ok(self) -> bool:
        """Whether the font draws any Unicode text (core fonts are latin-1 only)."""
        return self.font not in ("helvetica", "times")


def auto_widths(t: Table, avail_chars: float) -> tuple[list[float], float]:
    """Column widths (in characters) so no single word, a number above all, is split; and a font scale (<= 1)."""
    ncol = max(len(r) for r in t.header + t.rows)
    word, full = [], []
    for c in range(ncol):
        cells = [r[c] for r in t.header + t.rows if c < len(r) and r[c]]
        word.append(max((len(w) for s in cells for w in s.split()), default=3) + 2)
        full.append(max((len(s) for s in cells), default=3) + 2)
    if ncol == 3 and max(full[1:]) > 40:  # number, question, response: text columns share the width
        rest = max(word[0], min(full[0], 6))
        side = max(max(word[1:]), (avail_chars - rest) / 2)
        widths = [float(rest), side, side]
        return widths, min(1.0, avail_chars / sum(widths))
    rest = [max(word[c], min(full[c], 16)) for c in range(1, ncol)]
    label = max(word[0], min(full[0], avail_chars - sum(rest)))
    widths = [float(label)] + [float(w) for w in rest]
    scale = min(1.0, avail_chars / sum(widths))
    return widths, scale
