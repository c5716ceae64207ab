"""Scanned replies read through OCR (OCRmyPDF + Tesseract): values recovered, doubtful numbers flagged, the OCR
cache used on a second run, and scans sent to review when OCR is not installed.

The scans in tests/fixtures/scanned/ are real reply letters from examples/rhi-2026/replies/ rasterised at 200 dpi,
turned 0.6-2 degrees, speckled and made black and white (tests/fixtures/scanned/make_scans.py), so their expected
answers are the original letters' rows in examples/rhi-2026/expected/answers.csv.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractors.extract.answers import document_to_candidates
from extractors.extract.ocr_flags import flag_low_confidence
from extractors.identify.register import load_register
from extractors.ingest.inventory import InventoryItem
from extractors.model import Candidate, Document
from extractors.per_file import file_to_result
from extractors.read import ocr as ocr_module
from extractors.read import pdf as pdf_module
from extractors.read.ocr import cache_paths, ocr_available
from extractors.read.pdf import read_pdf_with_ocr
from extractors.survey import load_survey

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "rhi-2026"
SCANNED = ROOT / "tests" / "fixtures" / "scanned"
SURVEY = load_survey(EXAMPLE)
NEEDS_OCR = pytest.mark.skipif(
    not ocr_available(),
    reason="OCR not installed: needs Debian's tesseract-ocr and tesseract-ocr-eng, and ocrmypdf from requirements.lock",
)


def load_scans() -> dict[str, str]:
    """Given nothing, return scanned fixture file name -> the council code of the letter it was made from."""
    spec = importlib.util.spec_from_file_location("make_scans", SCANNED / "make_scans.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {scan: code for scan, code, _ in module.SCANS.values()}


SCANS = load_scans()


def expected_answers() -> dict[str, dict[str, tuple[str, str]]]:
    """Given nothing, return council code -> key -> (status, value) from the example's expected answers."""
    with (EXAMPLE / "expected" / "answers.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for row in rows:
        found.setdefault(row["council_code"], {})[row["question_key"]] = (row["status"], row["value"])
    return found


def sha256(path: Path) -> str:
    """Given a file, return its sha256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def ocr_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An OCR cache folder shared by this module's tests, as a survey's `.foi/ocr/` is shared by its runs."""
    return tmp_path_factory.mktemp("ocr")


@pytest.fixture(scope="module")
def scanned(ocr_cache: Path) -> dict[str, Document]:
    """Every scanned fixture read through OCR once (the first run: nothing cached yet)."""
    if not ocr_available():
        pytest.skip("OCR not installed")
    documents = {name: read_pdf_with_ocr(SCANNED / name, ocr_cache, sha256(SCANNED / name)) for name in SCANS}
    pages = sum(d.ocr_pages for d in documents.values())
    seconds = sum(d.ocr_seconds for d in documents.values())
    print(f"\nOCR benchmark: {pages} pages in {seconds:.1f} s, {seconds / max(pages, 1):.2f} s per page")
    return documents


def answers(document: Document) -> list[Candidate]:
    """Given a scanned document, return its candidates after OCR flagging, as the pipeline makes them."""
    return flag_low_confidence(document_to_candidates(document, SURVEY), document)


@NEEDS_OCR
@pytest.mark.ocr
def test_scans_recover_the_reported_values(scanned: dict[str, Document]) -> None:
    """Precision >= 0.99 and recall >= 0.85 over every reported value of every scan."""
    want = expected_answers()
    published = correct = expected = 0
    for name, document in scanned.items():
        assert not document.image_pages, f"{name}: OCR left pages without text"
        assert document.ocr_pages == 2 and not document.ocr_cached
        code = want[SCANS[name]]
        reported = [c for c in answers(document) if c.status == "reported"]
        right = sum(1 for c in reported if code.get(c.key) == ("reported", c.value))
        total = sum(1 for status, _ in code.values() if status == "reported")
        print(f"{name:20} {right}/{len(reported)} right, {right}/{total} recalled, "
              f"OCR {document.ocr_seconds / document.ocr_pages:.2f} s per page")
        published, correct, expected = published + len(reported), correct + right, expected + total
    print(f"precision {correct}/{published}, recall {correct}/{expected}")
    assert correct / published >= 0.99
    assert correct / expected >= 0.85


@NEEDS_OCR
@pytest.mark.ocr
def test_no_wrong_value_is_published_unflagged(scanned: dict[str, Document]) -> None:
    """Every number OCR got wrong goes to review with the reason 'OCR low confidence', never out as reported."""
    want = expected_answers()
    wrong, caught = [], []
    for name, document in scanned.items():
        code = want[SCANS[name]]
        raw = document_to_candidates(document, SURVEY)
        for before, after in zip(raw, flag_low_confidence(raw, document), strict=True):
            if after.status == "reported" and code.get(after.key) != ("reported", after.value):
                wrong.append(f"{name} {after.key}={after.value} expected {code.get(after.key)}")
            if before.status == "reported" and code.get(before.key) != ("reported", before.value):
                caught.append(f"{name} {before.key}={before.value}: {after.reason}")
    print("\n".join(["misreads sent to review:", *caught]))
    assert not wrong
    assert all("OCR low confidence" in line for line in caught)


@NEEDS_OCR
@pytest.mark.ocr
def test_second_run_reads_the_cache_and_never_ocrs_again(
    scanned: dict[str, Document], ocr_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A nightly re-run finds each scan's OCR by its hash: no OCRmyPDF process, same text, 0 s spent."""
    def no_ocr(*args: object, **kwargs: object) -> None:
        raise AssertionError("OCRmyPDF ran again for a file already in the OCR cache")

    monkeypatch.setattr(ocr_module, "run_ocrmypdf", no_ocr)
    for name, first in scanned.items():
        pdf, words = cache_paths(ocr_cache, sha256(SCANNED / name))
        stamps = (pdf.stat().st_mtime_ns, words.stat().st_mtime_ns)
        again = read_pdf_with_ocr(SCANNED / name, ocr_cache, sha256(SCANNED / name))
        assert again.ocr_cached and again.ocr_seconds == 0.0 and again.ocr_pages == first.ocr_pages
        assert again.text == first.text
        assert (pdf.stat().st_mtime_ns, words.stat().st_mtime_ns) == stamps


@NEEDS_OCR
@pytest.mark.ocr
def test_ocr_never_writes_to_the_original(scanned: dict[str, Document]) -> None:
    """OCR works on a copy: the received file's bytes (and so its hash) are unchanged and still image-only."""
    for name in scanned:
        path = SCANNED / name
        assert pdf_module.read_pdf(path).image_pages == [1, 2]
        assert b"GlyphLessFont" not in path.read_bytes() and b"ocrmypdf" not in path.read_bytes().lower()


def scan_item(name: str) -> InventoryItem:
    """Given a scanned fixture's name, return its inventory row."""
    path = SCANNED / name
    return InventoryItem(f"replies/{name}", sha256(path), path.stat().st_size, "pdf", 0.0)


def run_file(name: str, ocr_cache: Path | None) -> object:
    """Given a scanned fixture, return the pipeline's FileResult for it."""
    register = load_register()
    surveyed = {c.code for c in register.surveyed(SURVEY.register)}
    return file_to_result(scan_item(name), SCANNED / name, SURVEY, [], register, surveyed, ocr_cache=ocr_cache)


@NEEDS_OCR
@pytest.mark.ocr
def test_the_pipeline_reads_a_scan_through_ocr(scanned: dict[str, Document], ocr_cache: Path) -> None:
    """file_to_result with the OCR cache identifies a scanned letter and extracts its answers."""
    result = run_file("essex_scan.pdf", ocr_cache)
    assert result.state == "loaded" and result.codes == (SCANS["essex_scan.pdf"],)
    assert result.ocr_pages == 2 and result.ocr_seconds == 0.0  # read from the cache the fixture filled
    assert sum(c.status == "reported" for c in result.candidates) >= 10


def test_without_ocr_a_scan_goes_to_review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With OCR not installed a scan is listed as image pages and goes to review as 'scanned, OCR unavailable'."""
    monkeypatch.setattr(pdf_module, "ocr_available", lambda: False)
    document = read_pdf_with_ocr(SCANNED / "kirklees_scan.pdf", tmp_path, sha256(SCANNED / "kirklees_scan.pdf"))
    assert document.image_pages == [1, 2] and not document.lines and document.ocr_pages == 0
    result = run_file("kirklees_scan.pdf", tmp_path)
    assert result.state == "needs_review" and result.reason.startswith("scanned, OCR unavailable")
    assert not list(tmp_path.iterdir())  # nothing was OCR'd or cached


def test_when_ocr_fails_a_scan_goes_to_review_with_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An OCR failure (a crash, a timeout) sends the scan to review with the reason; it is not quarantined."""
    def broken(*args: object, **kwargs: object) -> None:
        raise ocr_module.OcrError("OCR took longer than 900 s and was stopped")

    monkeypatch.setattr(pdf_module, "ocr_available", lambda: True)
    monkeypatch.setattr(ocr_module, "run_ocrmypdf", broken)
    result = run_file("bury_scan.pdf", tmp_path)
    assert result.state == "needs_review"
    assert result.reason == "scanned, OCR failed: OCR took longer than 900 s and was stopped"


def stamped_scan(target: Path) -> Path:
    """Given a path, write there a one-page scan that a redaction tool stamped with a line of real text."""
    from fpdf import FPDF  # installed with ocrmypdf, so only where these tests run

    image = pdfium.PdfDocument(SCANNED / "kirklees_scan.pdf")[0].render(scale=200 / 72).to_pil().convert("L")
    image.save(target.with_suffix(".png"))
    pdf = FPDF(unit="pt", format=(595.2, 841.8))
    pdf.add_page()
    pdf.image(str(target.with_suffix(".png")), x=0, y=0, w=595.2, h=841.8)
    pdf.set_font("Helvetica", size=8)
    pdf.text(250, 830, "Released under FOI")
    pdf.output(str(target))
    return target


@NEEDS_OCR
@pytest.mark.ocr
def test_a_scan_with_a_stamp_of_text_is_still_ocred(tmp_path: Path) -> None:
    """A page-sized image with a few words of real text on it is a scan: OCR replaces that text layer."""
    path = stamped_scan(tmp_path / "stamped.pdf")
    plain = pdf_module.read_pdf(path)
    assert plain.image_pages == [1] and plain.text == "Released under FOI"
    document = read_pdf_with_ocr(path, tmp_path / "ocr", sha256(path))
    assert document.ocr_pages == 1 and not document.image_pages
    assert "Kirklees" in document.text and "Children in care" in document.text
