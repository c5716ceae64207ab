"""Draw a Doc with reportlab."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as RLTable

from .doc import Doc, PageBreak, Para, Table, auto_widths
from .phrases import unicode_safe

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
TTF = {"sans": "DejaVuSans", "serif": "DejaVuSerif", "condensed": "DejaVuSansCondensed"}
_registered: set[str] = set()


def _font(name: str) -> tuple[str, str]:
    """(regular, bold) font names, registering DejaVu once per process."""
    if name in TTF and (DEJAVU / f"{TTF[name]}.ttf").exists():
        base = TTF[name]
        if base not in _registered:
            pdfmetrics.registerFont(TTFont(base, str(DEJAVU / f"{base}.ttf")))
            pdfmetrics.registerFont(TTFont(base + "-Bold", str(DEJAVU / f"{base}-Bold.ttf")))
            _registered.add(base)
        return base, base + "-Bold"
    return ("Times-Roman", "Times-Bold") if name == "times" else ("Helvetica", "Helvetica-Bold")


def render(doc: Doc, path: Path) -> None:
    """Write doc as a PDF at path."""
    reg, bold = _font(doc.font)
    uni = reg.startswith("DejaVu")

    def t(s: str) -> str:
        return escape(s if uni else unicode_safe(s, False)).replace("\n", "<br/>")

    size = doc.size
    body = ParagraphStyle("b", fontName=reg, fontSize=size, leading=size * 1.3)
    strong = ParagraphStyle("s", parent=body, fontName=bold)
    cellst = ParagraphStyle("c", parent=body, fontSize=size - 0.5, leading=(size - 0.5) * 1.2)
    cellb = ParagraphStyle("cb", parent=cellst, fontName=bold)
    story = []
    for i, line in enumerate(doc.letterhead):
        st = ParagraphStyle(f"h{i}", parent=strong if i == 0 else body, fontSize=size + (5 if i == 0 else -1),
                            leading=(size + (5 if i == 0 else -1)) * 1.3,
                            alignment={"L": 0, "C": 1, "R": 2}[doc.align_head])
        story.append(Paragraph(t(line), st))
    if doc.letterhead:
        story.append(Spacer(1, 5 * mm))
    for b in doc.blocks:
        if isinstance(b, PageBreak):
            story.append(RLPageBreak())
        elif isinstance(b, Para):
            st = ParagraphStyle("p", parent=strong if b.bold else body, fontSize=size + b.size,
                                leading=(size + b.size) * 1.3, leftIndent=b.indent * mm)
            story += [Spacer(1, b.gap * mm), Paragraph(t(b.text), st)]
        elif isinstance(b, Table):
            story += [Spacer(1, 3 * mm), _table(b, doc, t, cellst, cellb), Spacer(1, 2 * mm)]
    pagesize = LETTER if doc.page == "Letter" else A4

    def furniture(canvas, d) -> None:
        canvas.saveState()
        canvas.setFont(reg, 8)
        if doc.marking:
            canvas.drawCentredString(pagesize[0] / 2, pagesize[1] - 9 * mm, doc.marking)
        if doc.page_numbers:
            canvas.drawRightString(pagesize[0] - doc.margin * mm, 10 * mm,
                                   doc.page_numbers.replace(" of {N}", "").format(n=d.page))
        canvas.restoreState()

    m = doc.margin * mm
    sd = SimpleDocTemplate(str(path), pagesize=pagesize, leftMargin=m, rightMargin=m, topMargin=m * 0.9,
                           bottomMargin=m, title=doc.title, author="", creator="", invariant=1)
    sd.build(story, onFirstPage=furniture, onLaterPages=furniture)


def _table(b: Table, doc: Doc, t, cellst, cellb) -> RLTable:
    ncol = max(len(r) for r in b.header + b.rows)
    avail = (A4[0] if doc.page != "Letter" else LETTER[0]) - 2 * doc.margin * mm
    size = doc.size - 0.5
    rel, scale = auto_widths(b, avail / mm / (size * 0.25))
    widths = [avail * w / sum(rel) for w in rel]
    if scale < 1:
        cellst = ParagraphStyle("cs", parent=cellst, fontSize=size * scale, leading=size * scale * 1.2)
        cellb = ParagraphStyle("cbs", parent=cellb, fontSize=size * scale, leading=size * scale * 1.2)
    nh = len(b.header)
    data = []
    for i, r in enumerate(b.header + b.rows):
        st = cellb if i < nh or (i - nh) in b.bold_rows else cellst
        data.append([Paragraph(t(c), st) for c in list(r) + [""] * (ncol - len(r))])
    tab = RLTable(data, colWidths=widths, repeatRows=nh)
    cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if b.style == "ruled":
        cmds += [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                 ("BACKGROUND", (0, 0), (-1, nh - 1), colors.HexColor("#d9d9d9"))]
    elif b.style == "zebra":
        cmds += [("ROWBACKGROUNDS", (0, nh), (-1, -1), [colors.white, colors.HexColor("#e3eaf4")]),
                 ("LINEBELOW", (0, nh - 1), (-1, nh - 1), 0.8, colors.HexColor("#1f3b63"))]
    elif b.style == "lines":
        cmds += [("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.grey)]
    tab.setStyle(TableStyle(cmds))
    return tab
