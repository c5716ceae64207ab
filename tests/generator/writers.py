"""Write FileOut payloads to disk: PDFs (fpdf2 or reportlab), scans, CSV, xlsx and xls."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from .common import Pct, Sheet
from .doc import Doc

FIXED = (2026, 6, 1, 9, 0, 0)


def write_pdf(doc: Doc, path: Path, producer: str) -> None:
    """A text PDF from either producer (fpdf2 when reportlab is not installed)."""
    from .render_fpdf import render

    if producer == "reportlab":
        try:
            from .render_rl import render
        except ImportError:  # reportlab not (yet) in the lock file: every PDF comes from fpdf2
            pass
    render(doc, path)


def write_scan(doc: Doc, path: Path, producer: str, rng: random.Random, max_pages: int = 2) -> bool:
    """An image-only PDF of the rendered doc: slight rotation, noise and blur. False if it runs too long."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src.pdf"
        write_pdf(doc, src, producer)
        pdf = pdfium.PdfDocument(str(src))
        if len(pdf) > max_pages:
            pdf.close()
            return False
        dpi = rng.choice([150, 170, 200])
        pages = []
        for i in range(len(pdf)):
            img = pdf[i].render(scale=dpi / 72).to_pil().convert("L")
            angle = rng.uniform(0.3, 1.5) * rng.choice([-1, 1])
            img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
            noise = Image.frombytes("L", img.size, rng.randbytes(img.size[0] * img.size[1]))
            img = Image.blend(img, noise, rng.uniform(0.03, 0.08))
            img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.7)))
            pages.append(img)
        pdf.close()
    fixed = dt.datetime(*FIXED).timetuple()  # Pillow writes struct_time dates
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=70,
                  creationDate=fixed, modDate=fixed, producer="Scanner")
    return True


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")
    return str(v)


def write_csv(sheet: Sheet, path: Path, encoding: str, delimiter: str, quote_all: bool = False) -> None:
    """A CSV in the given encoding and delimiter."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n",
                   quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    width = max((len(r) for r in sheet.rows), default=1)
    for r in sheet.rows:
        w.writerow([_text(c) for c in r] + ([""] * (width - len(r)) if r and len(r) > 1 else []))
    path.write_bytes(buf.getvalue().encode(encoding, errors="replace"))


def write_xlsx(sheets: list[Sheet], path: Path) -> None:
    """A workbook via openpyxl, with fixed timestamps so a seed gives the same bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for sh in sheets:
        ws = wb.create_sheet(sh.name[:31])
        for i, r in enumerate(sh.rows):
            ws.append([c.value / 100 if isinstance(c, Pct) else c for c in r])
            for j, c in enumerate(r, 1):
                cell = ws.cell(row=i + 1, column=j)
                if isinstance(c, Pct):
                    cell.number_format = "0.0%" if c.value != int(c.value) else "0%"
                elif isinstance(c, dt.date):
                    cell.number_format = "dd/mm/yyyy"
                elif isinstance(c, float):
                    cell.number_format = "#,##0.00"
                if i in sh.bold_rows:
                    cell.font = Font(bold=True)
        ws.column_dimensions["A"].width = 14
        ws.column_dimensions["B"].width = 40
        ws.column_dimensions["C"].width = 30
    wb.properties.created = dt.datetime(*FIXED)
    wb.properties.modified = dt.datetime(*FIXED)
    wb.properties.creator = "Council"
    wb.save(path)
    _normalise_zip(path)


def _normalise_zip(path: Path) -> None:
    """Rewrite a zip with fixed entry times and fixed core-property dates."""
    src = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2026-06-01T09:00:00Z", data)
            zi = zipfile.ZipInfo(info.filename, FIXED)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)
    path.write_bytes(out.getvalue())


def write_xls(sheets: list[Sheet], path: Path) -> None:
    """A legacy .xls via xlwt."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    bold = xlwt.easyxf("font: bold on")
    datefmt = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    pctfmt = xlwt.easyxf(num_format_str="0.0%")
    for sh in sheets:
        ws = wb.add_sheet(sh.name[:31])
        for i, r in enumerate(sh.rows):
            for j, c in enumerate(r):
                if isinstance(c, Pct):
                    ws.write(i, j, c.value / 100, pctfmt)
                elif isinstance(c, dt.date):
                    ws.write(i, j, dt.datetime(c.year, c.month, c.day), datefmt)
                elif i in sh.bold_rows:
                    ws.write(i, j, c, bold)
                else:
                    ws.write(i, j, c)
        ws.col(1).width = 256 * 40
    wb.save(str(path))
