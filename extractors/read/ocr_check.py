"""Numbers OCR read with doubt -> a second reading of each, digits only, from a tight crop at a finer resolution.

Tesseract's confidence alone does not separate right from wrong digits: on these scans some correct numbers
score 70 and some misreads 80. Reading the number again on its own (no neighbouring rule or letter, 300 dpi,
only digits allowed) catches a misread when the two readings disagree; when they agree the number is trusted.
All the doubtful words of a file go to one Tesseract process, so its model loads once.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

CHECK_DPI = 300
CHECK_BELOW = 95.0  # Tesseract's word confidence tops out at 96: below this a number is read a second time
MARGIN = 24  # white pixels around a crop: with less, Tesseract misreads more lone digits (a "1" as "4")
WHITELIST = "0123456789,.:;/()<>%-"
TIMEOUT = 300

Box = tuple[float, float, float, float]


def digits(text: str) -> str:
    """Given a word, return its digits."""
    return "".join(ch for ch in text if ch.isdigit())


def fuse(confidence: float, first: str, second: str | None) -> float:
    """Given Tesseract's confidence in a word and a second reading of it, return the confidence to act on.

    Agreement halves the doubt; disagreement halves the confidence, so a disputed number is never trusted.
    """
    if second is None:
        return confidence
    if digits(first) and digits(first) == digits(second):
        return confidence + (100.0 - confidence) / 2
    return confidence / 2


def crop_word(page: Image.Image, box: Box, scale: float) -> Image.Image:
    """Given a page rendered at scale pixels per point and a word's box in points, return the word on white."""
    x0, top, x1, bottom = (round(v * scale) for v in box)
    word = page.crop((max(x0 - 1, 0), max(top - 1, 0), x1 + 2, bottom + 2))
    framed = Image.new("L", (word.width + 2 * MARGIN, word.height + 2 * MARGIN), 255)
    framed.paste(word, (MARGIN, MARGIN))
    return framed


def write_crops(pdf: Path, doubtful: list[tuple[int, Box]], folder: Path) -> list[Path]:
    """Given the OCR'd PDF and (page, box) of doubtful words, save each word's crop and return the files."""
    scale = CHECK_DPI / 72
    document = pdfium.PdfDocument(pdf)
    try:
        rendered: dict[int, Image.Image] = {}
        files = []
        for i, (page, box) in enumerate(doubtful):
            if page not in rendered:
                rendered[page] = document[page - 1].render(scale=scale, grayscale=True).to_pil().convert("L")
            path = folder / f"{i:05d}.png"
            crop_word(rendered[page], box, scale).save(path, dpi=(CHECK_DPI, CHECK_DPI))
            files.append(path)
        return files
    finally:
        document.close()


def read_crops(files: list[Path], folder: Path) -> list[str]:
    """Given crop images, return Tesseract's digits-only reading of each, in order ('' when it read nothing)."""
    listing = folder / "crops.txt"
    listing.write_text("".join(f"{path}\n" for path in files), encoding="utf-8")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(["tesseract", str(listing), "-", "--psm", "7", "-c", f"tessedit_char_whitelist={WHITELIST}"],
                          capture_output=True, text=True, env=env, timeout=TIMEOUT)
    pages = done.stdout.split("\f")
    if done.returncode != 0 or len(pages) < len(files):
        return [""] * len(files)  # no second reading: every doubtful number stays disputed
    return [text.strip() for text in pages[:len(files)]]


def second_readings(pdf: Path, doubtful: list[tuple[int, Box]]) -> list[str]:
    """Given the OCR'd PDF and (page, box) of words read with doubt, return a second reading of each."""
    if not doubtful:
        return []
    with tempfile.TemporaryDirectory(prefix="ocr-check-") as work:
        return read_crops(write_crops(pdf, doubtful, Path(work)), Path(work))
