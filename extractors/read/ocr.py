"""Scanned PDF -> a text-layered copy made by OCRmyPDF with Tesseract, cached by file hash, with word confidences.

OCRmyPDF runs in its own process (so a crash or a hang cannot take the pipeline with it, and Tesseract's thread
limit is set in that process only) on a copy of the file: the stored original is never written to. A small
OCRmyPDF plugin (`ocr_plugin.py`) keeps each page's hOCR, from which the confidence of every word holding a digit
is kept beside the OCR'd copy, so a nightly re-run reads both from the cache instead of running Tesseract again.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import pypdfium2 as pdfium

from extractors.model import Document
from extractors.read.ocr_check import CHECK_BELOW, fuse, second_readings

KEEP_HOCR_ENV = "FOI_OCR_KEEP_HOCR"  # tells the plugin, in the OCRmyPDF process, where to keep hOCR
# one block of text, line by line: Tesseract's automatic layout drops a question number alone on its line ('2.')
PAGE_SEGMENTATION = "6"
CACHE_VERSION = 3  # bump when the OCR options or the words file change, so cached copies are made again
JOBS = 2  # pages OCR'd at once; Tesseract itself gets one thread each (it is slower when its threads compete)
TIMEOUT = 900  # seconds for one file; a reply of a few dozen pages takes well under this
GARBAGE_SHARE = 0.3  # a page's text is garbage when more of its characters than this are not text
TEXT_CHARS = re.compile(r"[\w\s.,;:!?'\"()\[\]{}<>/\\|@#%&*+=~^$£€§°•·–—‘’“”…-]")
CID = re.compile(r"\(cid:\d+\)")
WORD = re.compile(r"<span class=['\"]ocrx_word['\"][^>]*title=['\"]bbox (\d+) (\d+) (\d+) (\d+); x_wconf (\d+)"
                  r"['\"][^>]*>(.*?)</span>", re.S)
PAGE_BOX = re.compile(r"class=['\"]ocr_page['\"][^>]*bbox 0 0 (\d+) (\d+)")


class OcrError(Exception):
    """OCRmyPDF could not make a text layer; the message says why in plain words."""


@dataclass(frozen=True)
class OcrWord:
    """One word Tesseract read that holds a digit, with its box in PDF points and how far to trust it.

    `read_confidence` is Tesseract's (0-100); `second` is a second, digits-only reading of a doubtful word (None
    when the first was sure enough); `confidence` is what to act on, the two combined (see `ocr_check.fuse`).
    """

    page: int
    text: str
    read_confidence: float
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    second: str | None = None

    @property
    def confidence(self) -> float:
        """Given a word, return the confidence to act on: Tesseract's, raised or lowered by a second reading."""
        return fuse(self.read_confidence, self.text, self.second)


@dataclass
class OcrResult:
    """One OCR'd file: the text-layered copy, the pages OCR'd, the seconds this call spent, and numeric words."""

    path: Path
    pages: list[int]
    seconds: float
    cached: bool
    words: dict[int, list[OcrWord]] = field(default_factory=dict)

    def low_confidence(self, threshold: float) -> dict[int, list[OcrWord]]:
        """Given a threshold, return per page the numeric words read with less confidence than it."""
        return {p: low for p, found in self.words.items() if (low := [w for w in found if w.confidence < threshold])}


@functools.cache
def ocr_available() -> bool:
    """Given nothing, return whether OCRmyPDF and Tesseract with English are installed here."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import ocrmypdf  # noqa: F401
    except ImportError:
        return False
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return "eng" in listed.stdout.split()


def garbage_text(text: str) -> bool:
    """Given a page's extracted text, return whether it is clearly not text (unmapped glyphs, symbol soup)."""
    if len(CID.findall(text)) >= 3:
        return True
    chars = "".join(text.split())
    if len(chars) < 20:
        return False
    odd = len(TEXT_CHARS.sub("", chars))
    return odd / len(chars) > GARBAGE_SHARE


def pages_needing_ocr(document: Document) -> tuple[list[int], bool]:
    """Given a PDF's Document, return the pages to OCR and whether any has a text layer to be replaced.

    Those are its scanned pages (no text, or a stamp of text on a page-sized image) and pages of garbage text.
    """
    text: dict[int, list[str]] = {}
    for line in document.lines:
        text.setdefault(line.page, []).append(line.text)
    for table in document.tables:
        text.setdefault(table.page, []).extend(c.text for row in table.rows for c in row)
    garbage = [p for p, found in text.items() if garbage_text("\n".join(found))]
    pages = sorted(set(document.image_pages) | set(garbage))
    return pages, any(p in text for p in pages)


def cache_paths(cache_dir: Path, sha256: str) -> tuple[Path, Path]:
    """Given the OCR cache folder and a file's hash, return where its OCR'd copy and its words file live."""
    return cache_dir / f"{sha256}.pdf", cache_dir / f"{sha256}.words.json"


def words_to_json(result: OcrResult, seconds: float) -> str:
    """Given an OCR result and the seconds OCR took, return the words file's text."""
    pages = {str(p): [[w.text, w.read_confidence, *w.bbox, w.second] for w in found]
             for p, found in result.words.items()}
    return json.dumps({"version": CACHE_VERSION, "pages": result.pages, "seconds": round(seconds, 3),
                       "words": pages})


def json_to_words(text: str) -> tuple[list[int], dict[int, list[OcrWord]]] | None:
    """Given a words file's text, return its OCR'd pages and words, or None when it is from another version."""
    data = json.loads(text)
    if data.get("version") != CACHE_VERSION:
        return None
    words = {int(p): [OcrWord(int(p), t, c, (x0, top, x1, bottom), second)
                      for t, c, x0, top, x1, bottom, second in found]
             for p, found in data["words"].items()}
    return [int(p) for p in data["pages"]], words


def cached_result(cache_dir: Path, sha256: str) -> OcrResult | None:
    """Given the cache folder and a hash, return the cached OCR of that file, or None when there is none."""
    pdf, words = cache_paths(cache_dir, sha256)
    if not (pdf.is_file() and words.is_file()):
        return None
    try:
        found = json_to_words(words.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError):
        return None  # a torn or foreign words file: OCR again rather than trust it
    if found is None:
        return None
    return OcrResult(pdf, found[0], 0.0, True, found[1])


def ocrmypdf_command(src: Path, out: Path, pages: list[int], replace_text: bool) -> list[str]:
    """Given input and output paths and the pages to OCR, return the OCRmyPDF command line."""
    command = [sys.executable, "-m", "ocrmypdf", "--plugin", "extractors.read.ocr_plugin", "--language", "eng",
               "--jobs", str(JOBS), "--tesseract-pagesegmode", PAGE_SEGMENTATION,
               "--deskew", "--rotate-pages", "--rasterizer", "pypdfium",
               "--output-type", "pdf", "--optimize", "0", "--quiet",
               "--mode", "force" if replace_text else "skip"]
    if pages:
        command += ["--pages", ",".join(str(p) for p in pages)]
    return command + [str(src), str(out)]


def run_ocrmypdf(src: Path, out: Path, hocr_dir: Path, pages: list[int], replace_text: bool) -> None:
    """Given a copy of a PDF, write its text-layered version to out and each OCR'd page's hOCR to hocr_dir."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", KEEP_HOCR_ENV: str(hocr_dir)}
    try:
        done = subprocess.run(ocrmypdf_command(src, out, pages, replace_text), env=env, capture_output=True,
                              text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise OcrError(f"OCR took longer than {TIMEOUT} s and was stopped") from exc
    if done.returncode != 0 or not out.is_file():
        tail = " ".join((done.stderr or done.stdout).split())[-200:]
        raise OcrError(f"OCRmyPDF failed (exit {done.returncode}): {tail}")


def hocr_to_words(text: str, page: int, size: tuple[float, float]) -> list[OcrWord]:
    """Given one page's hOCR and the page's size in points, return its words that hold a digit."""
    box = PAGE_BOX.search(text)
    if not box:
        return []
    sx, sy = size[0] / int(box.group(1)), size[1] / int(box.group(2))
    words = []
    for x0, top, x1, bottom, conf, inner in WORD.findall(text):
        word = html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
        if any(ch.isdigit() for ch in word):
            words.append(OcrWord(page, word, float(conf),
                                 (int(x0) * sx, int(top) * sy, int(x1) * sx, int(bottom) * sy)))
    return words


def hocr_folder_to_words(hocr_dir: Path, pdf: Path) -> dict[int, list[OcrWord]]:
    """Given the kept hOCR files and the OCR'd PDF, return each OCR'd page's numeric words."""
    document = pdfium.PdfDocument(pdf)
    try:
        words = {}
        for path in sorted(hocr_dir.glob("*_ocr_hocr.hocr")):
            page = int(path.name.split("_", 1)[0])
            if 1 <= page <= len(document):
                words[page] = hocr_to_words(path.read_text(encoding="utf-8"), page, document[page - 1].get_size())
        return words
    finally:
        document.close()


def check_doubtful(pdf: Path, words: dict[int, list[OcrWord]]) -> dict[int, list[OcrWord]]:
    """Given the OCR'd PDF and its numeric words, return them with a second reading of each doubtful one."""
    doubtful = [w for found in words.values() for w in found if w.read_confidence < CHECK_BELOW]
    seconds = dict(zip(doubtful, second_readings(pdf, [(w.page, w.bbox) for w in doubtful]), strict=True))
    return {page: [replace(w, second=seconds[w]) if w in seconds else w for w in found]
            for page, found in words.items()}


def ocr_pdf(src: Path, cache_dir: Path, sha256: str, pages: list[int] | None = None,
            replace_text: bool = False) -> OcrResult:
    """Given a PDF and its hash, return its OCR'd copy from the cache, making it (from a copy) when missing.

    `pages` limits OCR to those 1-based pages (None: every page without text); `replace_text` re-OCRs pages
    whose text layer is garbage instead of skipping them.
    """
    if found := cached_result(cache_dir, sha256):
        return found
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ocr-", dir=cache_dir) as work:
        copy, out, hocr = Path(work) / "input.pdf", Path(work) / "output.pdf", Path(work) / "hocr"
        shutil.copyfile(src, copy)
        hocr.mkdir()
        start = time.perf_counter()
        run_ocrmypdf(copy, out, hocr, pages or [], replace_text)
        words = check_doubtful(out, hocr_folder_to_words(hocr, out))
        seconds = time.perf_counter() - start
        target, words_file = cache_paths(cache_dir, sha256)
        result = OcrResult(target, sorted(words), seconds, False, words)
        # The words file is written last: a cache entry counts only when both halves are there.
        os.replace(out, target)
        (Path(work) / "words.json").write_text(words_to_json(result, seconds), encoding="utf-8")
        os.replace(Path(work) / "words.json", words_file)
    return result
