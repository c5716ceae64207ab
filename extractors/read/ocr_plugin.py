"""An OCRmyPDF plugin: Tesseract reads pages with their table rules painted out, and each page's hOCR is kept.

The hOCR holds every word's confidence, so keeping it lets confidences outlive OCRmyPDF's work folder. Rules are
painted out of the image Tesseract reads only (the PDF keeps the page as scanned): beside a number, Tesseract
reads a rule as "|", "[" or "1". OCRmyPDF loads this module by name (`--plugin extractors.read.ocr_plugin`)
in the `ocrmypdf` process that `extractors.read.ocr` starts; the pipeline itself never imports it. The folder
to keep the hOCR in comes from that process's environment, so concurrent runs never share state.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
from ocrmypdf import hookimpl
from ocrmypdf.builtin_plugins import tesseract_ocr
from ocrmypdf.builtin_plugins.tesseract_ocr import TesseractOcrEngine
from PIL import Image

from extractors.read.ocr import KEEP_HOCR_ENV
from extractors.read.rulings import erase_rules


class HocrKeepingEngine(TesseractOcrEngine):
    """Tesseract as OCRmyPDF runs it, plus a copy of each page's hOCR (`000001_ocr_hocr.hocr`)."""

    @staticmethod
    def generate_hocr(input_file, output_hocr, output_text, options):
        """Given a page image, write hOCR and text as OCRmyPDF does, and keep the hOCR."""
        TesseractOcrEngine.generate_hocr(input_file, output_hocr, output_text, options)
        keep = os.environ.get(KEEP_HOCR_ENV)
        if keep and Path(output_hocr).is_file():
            shutil.copyfile(output_hocr, Path(keep) / Path(output_hocr).name)


@hookimpl
def get_ocr_engine(options):
    """Given OCRmyPDF's options, return the hOCR-keeping Tesseract unless another engine was chosen."""
    if options is not None and getattr(options, "ocr_engine", "auto") not in ("auto", "tesseract"):
        return None
    return HocrKeepingEngine()


@hookimpl
def filter_ocr_image(page, image: Image.Image) -> Image.Image:
    """Given the page image Tesseract is about to read, return it with table rules painted out."""
    dpi = image.info.get("dpi", (200, 200))
    clean = Image.fromarray(erase_rules(np.asarray(image.convert("L")), float(dpi[0])), "L")
    clean.info["dpi"] = dpi
    # The built-in filter still runs after ours: it shrinks pages too large for Tesseract.
    return tesseract_ocr.filter_ocr_image(page, clean)
