"""Ingest: kinds sniffed from bytes, files stored once by hash, a re-run sees the same inventory."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from extractors.ingest.inventory import sniff_kind, store_path, survey_to_inventory

from .conftest import EXAMPLE

REPLIES = EXAMPLE / "replies"


def test_kind_comes_from_bytes_not_extension(tmp_path: Path):
    pdf_named_csv = tmp_path / "reply.csv"
    shutil.copy(REPLIES / "Wirral_3649.pdf", pdf_named_csv)
    xlsx_named_pdf = tmp_path / "reply.pdf"
    shutil.copy(REPLIES / "EIR_FOI_15998_Final.xlsx", xlsx_named_pdf)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    docx = tmp_path / "letter.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    eml = tmp_path / "reply.eml"
    eml.write_text("From: foi@wigan.gov.uk\nMIME-Version: 1.0\nContent-Type: multipart/mixed\n\nHi\n")
    assert sniff_kind(pdf_named_csv) == "pdf"
    assert sniff_kind(xlsx_named_pdf) == "xlsx"
    assert sniff_kind(empty) == "empty"
    assert sniff_kind(docx) == "docx"
    assert sniff_kind(eml) == "eml"
    assert sniff_kind(REPLIES / "Plymouth - RHI FOI 0372.csv") == "csv"


def test_inventory_stores_each_file_once_read_only(survey_copy: Path):
    store = survey_copy / ".foi" / "store"
    first = survey_to_inventory(survey_copy, store)
    assert len(first) == 25
    assert [i.source_file for i in first] == sorted(i.source_file for i in first)
    stored = store_path(store, first[0].sha256)
    assert stored.read_bytes() == (survey_copy / "replies" / first[0].source_file).read_bytes()
    assert not stored.stat().st_mode & 0o222
    before = stored.stat().st_mtime_ns
    second = survey_to_inventory(survey_copy, store)
    assert [(i.source_file, i.sha256) for i in second] == [(i.source_file, i.sha256) for i in first]
    assert stored.stat().st_mtime_ns == before


def test_subfolders_and_hidden_files(survey_copy: Path):
    sub = survey_copy / "replies" / "week 2"
    sub.mkdir()
    shutil.copy(REPLIES / "Wirral_3649.pdf", sub / "copy.pdf")
    (survey_copy / "replies" / ".DS_Store").write_bytes(b"junk")
    names = [i.source_file for i in survey_to_inventory(survey_copy, survey_copy / ".foi" / "store")]
    assert "week 2/copy.pdf" in names
    assert ".DS_Store" not in names
