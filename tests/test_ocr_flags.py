"""The OCR pieces that need no OCR engine: garbage text, hOCR words, second readings, table rules, flagging."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from extractors.extract.ocr_flags import flag_low_confidence
from extractors.model import Candidate, Cell, Document, Line, Table
from extractors.read.ocr import (
    OcrResult,
    OcrWord,
    garbage_text,
    hocr_to_words,
    json_to_words,
    pages_needing_ocr,
    words_to_json,
)
from extractors.read.ocr_check import fuse
from extractors.read.rulings import erase_rules, find_rules

HOCR = """<div class='ocr_page' id='page_1' title='image "x.png"; bbox 0 0 1000 2000; ppageno 0'>
<span class='ocrx_word' id='word_1_1' title='bbox 100 200 180 230; x_wconf 96'>Episodes</span>
<span class='ocrx_word' id='word_1_2' title='bbox 200 200 260 230; x_wconf 71'>1,2O7</span>
<span class='ocrx_word' id='word_1_3' title='bbox 300 200 340 230; x_wconf 90'><strong>&lt;5</strong></span>
</div>"""


def test_garbage_text_is_told_from_text() -> None:
    """Unmapped glyphs and symbol soup are garbage; a letter's text, with its punctuation, is not."""
    assert garbage_text("(cid:12)(cid:7)(cid:44) (cid:3)")
    soup = "\u2593\u2592\u2591\ue001\ue002 \u25a0\u25a1\u25aa\u25ab Return \u2580\u2584\u2588\u258c\u2590"
    assert garbage_text(soup * 2)
    assert not garbage_text("Q5 In the period 1 April 2025 to 31 March 2026: (a) 1,156 (b) 2,043 – 91% of them.")
    assert not garbage_text("")


def test_pages_needing_ocr_are_image_pages_and_garbage_pages() -> None:
    """Image-only pages are OCR'd; a page of garbage text too, replacing its text layer."""
    document = Document(lines=[Line("Dear Ms Adeyemi, thank you for your request of 4 May.", 1, 10.0),
                               Line("(cid:1)(cid:2)(cid:3)(cid:4)(cid:5)", 2, 10.0)], pages=3, image_pages=[3])
    assert pages_needing_ocr(document) == ([2, 3], True)
    assert pages_needing_ocr(Document(pages=2, image_pages=[1, 2])) == ([1, 2], False)


def test_hocr_words_keep_numbers_with_their_confidence_and_box_in_points() -> None:
    """Only words holding a digit are kept (markup and entities undone); boxes scale from pixels to points."""
    words = hocr_to_words(HOCR, 1, (500.0, 1000.0))
    assert [(w.text, w.read_confidence) for w in words] == [("1,2O7", 71.0), ("<5", 90.0)]
    assert words[0].bbox == (100.0, 100.0, 130.0, 115.0)


def test_words_file_round_trips() -> None:
    """The words file written to the OCR cache reads back the same words and pages."""
    word = OcrWord(2, "183", 80.0, (1.0, 2.0, 3.0, 4.0), "189")
    text = words_to_json(OcrResult(None, [1, 2], 3.5, False, {1: [], 2: [word]}), 3.5)
    assert json_to_words(text) == ([1, 2], {1: [], 2: [word]})


def test_a_second_reading_raises_or_lowers_confidence() -> None:
    """Two readings that agree halve the doubt; two that disagree halve the confidence."""
    assert fuse(70.0, "102", "102") == 85.0
    assert fuse(80.0, "183", "189") == 40.0
    assert fuse(90.0, "1,227", "1227") == 95.0
    assert fuse(96.0, "358", None) == 96.0


def grid_image() -> np.ndarray:
    """Given nothing, return a 200 dpi page with a two-row, three-column ruled table and a line of text."""
    image = Image.new("L", (1600, 800), 255)
    draw = ImageDraw.Draw(image)
    for y in (200, 260, 320):
        draw.line([(100, y), (1500, y + 3)], fill=0, width=2)  # a little skew left after deskew
    for x in (100, 600, 1000, 1500):
        draw.line([(x, 200), (x, 322)], fill=0, width=2)
    draw.text((650, 280), "1,462", fill=0)
    draw.text((100, 500), "Episodes of missing children in the period", fill=0)
    return np.asarray(image)


def test_table_rules_are_found_and_erased_but_text_is_kept() -> None:
    """Three horizontal and four vertical rules are found; erasing them leaves the text's ink alone."""
    gray = grid_image()
    across, upright = find_rules(gray < 170, 200)
    assert len(across) == 3 and len(upright) == 4
    assert all(r.end - r.start > 1300 for r in across)
    clean = erase_rules(gray, 200)
    assert (clean[195:330, 95:1505] < 170).sum() == (gray[270:300, 640:720] < 170).sum()
    assert (clean[490:520] < 170).sum() == (gray[490:520] < 170).sum()


def scanned_document() -> Document:
    """Given nothing, return an OCR'd document with one table and one prose line."""
    cells = [[Cell("Missing episodes", "p1 table1 r2c1", 100.0), Cell("183", "p1 table1 r2c2", 40.0),
              Cell("1,462", "p1 table1 r2c3", 96.0)]]
    lines = [Line("Answer: (a) 1O5 (b) 86", 1, 300.0, ocr_confidence=96.0),
             Line("Reply: 72 hours", 2, 100.0, ocr_confidence=95.0)]
    return Document(lines=lines, tables=[Table(cells, "p1 table1", 1, 200.0)], pages=2, ocr_pages=2)


def reported(key: str, value: str, raw: str, locator: str) -> Candidate:
    """Given a key, value, raw text and locator, return a reported candidate."""
    return Candidate(key, "reported", value, raw, locator, "test", 0.9)


def test_low_confidence_numbers_go_to_review_and_sure_ones_stay() -> None:
    """A doubtful cell and a number with a letter in it go to review; sure numbers and words stay reported."""
    found = [reported("episodes_care", "183", "183", "p1 table1 r2c2"),
             reported("episodes_home", "1462", "1,462", "p1 table1 r2c3"),
             reported("children_home", "86", "(b) 86", "p1"),
             reported("timescale_hours", "72", "72 hours", "p2"),
             reported("policy_care", "yes", "Yes.", "p1"),
             reported("children_care", "105", "(a) 105", "p3")]
    flagged = flag_low_confidence(found, scanned_document())
    assert [c.status for c in flagged] == ["needs_review", "reported", "needs_review", "reported", "reported",
                                           "needs_review"]
    assert flagged[0].reason == "OCR low confidence (40) in '183'" and flagged[0].value == ""
    assert flagged[2].reason == "OCR low confidence (96) in 'Answer: (a) 1O5 (b) 86'"
    assert flagged[5].reason.startswith("OCR low confidence (?)")  # not found on any OCR'd line


def test_documents_not_read_by_ocr_are_left_alone() -> None:
    """A text PDF's candidates pass through unchanged, whatever their text looks like."""
    found = [reported("episodes_care", "183", "183", "p1 table1 r2c2")]
    document = scanned_document()
    document.ocr_pages = 0
    assert flag_low_confidence(found, document) == found
