"""An OCRmyPDF plugin that keeps Tesseract's hOCR for each page, so word confidences outlive OCRmyPDF's work folder.

OCRmyPDF loads this module by name (`--plugin extractors.readers.ocr_plugin`) in the `ocrmypdf` process that
`extractors.readers.ocr` starts; it is never imported by the pipeline itself. The folder to keep the hOCR in
comes from that process's environment, so concurrent runs never share state.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ocrmypdf import hookimpl
from ocrmypdf.builtin_plugins.tesseract_ocr import TesseractOcrEngine

KEEP_HOCR_ENV = "FOI_OCR_KEEP_HOCR"


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
