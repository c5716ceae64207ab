"""Draw a Doc with fpdf2."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from .doc import Doc, PageBreak, Para, Table, auto_widths
from .phrases import unicode_safe

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FAMILIES = {"sans": "DejaVuSans", "serif": "DejaVuSerif", "condensed": "DejaVuSansCondensed"}
FIXED_DATE = dt.datetime(2026, 6, 1, 9, 0, 0, tzinfo=dt.UTC)


class _Pdf(FPDF):
    doc: Doc

    def header(self) -> None:
        if self.doc.marking:
            self.set_font(self.fam, "", 8)
            self.set_y(7)
            self.cell(0, 4, self.doc.marking, align="C")
            self.set_y(self.t_margin)

    def footer(self) -> None:
        if self.doc.page_numbers:
            self.set_y(-13)
            self.set_font(self.fam, "", 8)
            self.cell(0, 5, self.doc.page_numbers.format(n=self.page_no(), N="{nb}"), align="R")


def _fonts(pdf: _Pdf, font: str) -> str:
    if font in FAMILIES and (DEJAVU / f"{FAMILIES[font]}.ttf").exists():
        base = FAMILIES[font]
        pdf.add_font(base, "", str(DEJAVU / f"{base}.ttf"))
        pdf.add_font(base, "B", str(DEJAVU / f"{base}-Bold.ttf"))
        return base
    return "Helvetica" if font in ("helvetica", "sans", "condensed") else "Times"


def render(doc: Doc, path: Path) -> None:
    """Write doc as a PDF at path."""
    pdf = _Pdf(format=doc.page.upper() if doc.page != "Letter" else "letter")
    pdf.doc = doc
    pdf.set_margins(doc.margin, doc.margin * 0.9, doc.margin)
    pdf.set_auto_page_break(True, 18)
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(doc.title)
    pdf.set_producer("fpdf2")
    pdf.fam = _fonts(pdf, doc.font)
    uni = pdf.fam.startswith("DejaVu")
    t = (lambda s: s) if uni else (lambda s: unicode_safe(s, False))
    pdf.alias_nb_pages("{nb}")
    pdf.add_page()
    lh = doc.size * 0.5
    if doc.letterhead:
        for i, line in enumerate(doc.letterhead):
            pdf.set_font(pdf.fam, "B" if i == 0 else "", doc.size + (5 if i == 0 else -1))
            pdf.multi_cell(0, lh + (2 if i == 0 else 0), t(line), align=doc.align_head, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    for b in doc.blocks:
        if isinstance(b, PageBreak):
            pdf.add_page()
        elif isinstance(b, Para):
            pdf.ln(b.gap)
            pdf.set_font(pdf.fam, "B" if b.bold else "", doc.size + b.size)
            pdf.set_x(pdf.l_margin + b.indent)
            pdf.multi_cell(0, lh, t(b.text), new_x="LMARGIN", new_y="NEXT")
        elif isinstance(b, Table):
            _table(pdf, b, doc, t)
    pdf.output(str(path))


def _table(pdf: _Pdf, b: Table, doc: Doc, t) -> None:
    pdf.ln(3)
    size = doc.size - 0.5
    ncol = max(len(r) for r in b.header + b.rows)
    widths, scale = auto_widths(b, pdf.epw / (size * 0.25))
    size *= scale
    pdf.set_font(pdf.fam, "", size)
    layout = {"ruled": "ALL", "unruled": "NONE", "zebra": "HORIZONTAL_LINES", "lines": "HORIZONTAL_LINES"}[b.style]
    kw = {}
    if b.style == "zebra":
        kw = {"cell_fill_color": (225, 232, 242), "cell_fill_mode": "ROWS"}
    head_style = FontFace(emphasis="BOLD", fill_color=(210, 210, 210) if b.style == "ruled" else None)
    with pdf.table(borders_layout=layout, col_widths=tuple(widths[:ncol]), text_align="LEFT",
                   num_heading_rows=len(b.header), headings_style=head_style, repeat_headings=1,
                   line_height=size * 0.55, padding=1.2 if b.style != "unruled" else 0.8, **kw) as table:
        for r in b.header + b.rows:
            row = table.row()
            for c in list(r) + [""] * (ncol - len(r)):
                row.cell(t(c))
    pdf.ln(2)
