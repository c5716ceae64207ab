"""One reader per format behind one small protocol: file path -> Document."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from extractors.limits import Limits
from extractors.model import Document, ReadError
from extractors.read.delimited import read_delimited
from extractors.read.pdf import read_pdf, read_pdf_with_ocr
from extractors.read.preflight import document_problem, preflight_problem
from extractors.read.spreadsheet import read_spreadsheet
from extractors.read.word import read_word

READERS: dict[str, Callable[[Path], Document]] = {
    "pdf": read_pdf,
    "csv": read_delimited,
    "xlsx": read_spreadsheet,
    "xls": read_spreadsheet,
    "ods": read_spreadsheet,
    "docx": read_word,
}

# Why each kind that has no reader is set aside, in words for a researcher.
UNREADABLE = {
    "doc": "a Word document: not a format the survey asked for (PDF, CSV or spreadsheet)",
    "rtf": "a rich-text document: not a format the survey asked for (PDF, CSV or spreadsheet)",
    "eml": "a saved e-mail message: its attachments were not found or not readable",
    "msg": "an Outlook message: its attachments were not found or not readable",
    "png": "an image: not a format the survey asked for",
    "jpeg": "an image: not a format the survey asked for",
    "tiff": "an image: not a format the survey asked for",
    "gif": "an image: not a format the survey asked for",
    "html": "a web page: not a format the survey asked for",
    "empty": "the file is empty (0 bytes or only blank space)",
    "corrupt_zip": "the file looks like a ZIP or Office file but is truncated or corrupt",
    "zip": "a ZIP archive whose members could not be read",
    "binary": "an unrecognised binary file",
    "txt": "a plain text file with no table in it",
    "tnef": "a winmail.dat (TNEF) whose attachments could not be read",
}


def file_to_document(path: Path, kind: str, ocr_cache: Path | None = None, sha256: str = "",
                     limits: Limits | None = None) -> Document:
    """Given a stored file and its sniffed kind, return its Document or raise ReadError with the reason.

    With an OCR cache folder and the file's hash, a PDF without usable text is read through OCR (cached there).
    The limits are checked before the reader starts (declared sizes, pages, rows) and on what it read.
    """
    limits = limits or Limits()
    reader = READERS.get(kind)
    if kind == "pdf" and ocr_cache is not None and sha256:
        reader = partial(read_pdf_with_ocr, cache_dir=ocr_cache, sha256=sha256)
    if reader is None:
        raise ReadError(UNREADABLE.get(kind, f"an unsupported kind of file ({kind})"))
    if problem := preflight_problem(path, kind, limits):
        raise ReadError(problem)
    try:
        document = reader(path)
    except ReadError:
        raise
    except MemoryError as exc:
        raise ReadError(f"the {kind.upper()} needs more memory to read than a reader may use; not read") from exc
    except Exception as exc:  # a reader library's own error: say which file kind failed and why
        raise ReadError(reason_for_failure(kind, exc)) from exc
    if problem := document_problem(document, limits):
        raise ReadError(problem)
    document.kind = kind
    return document


def reason_for_failure(kind: str, exc: Exception) -> str:
    """Given a kind and the exception a reader raised, return a plain reason."""
    text = f"{exc.__class__.__name__} {exc}".lower()
    if "password" in text or "encrypt" in text:
        return f"the {kind.upper()} is password-protected: ask the council for an unprotected copy"
    return f"the {kind.upper()} could not be read (it may be truncated or corrupt): {exc.__class__.__name__}"
