"""Nothing lost: every broken or unsupported file is kept with a plain reason; archives and e-mails unpacked."""

from __future__ import annotations

import shutil
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.ingest.containers import MAX_MEMBERS, safe_member_name
from extractors.merge import frames as assemble
from extractors.merge.answers import merge_states
from flows.pipeline import ingest, process_files, results_to_tables, survey_to_context

from .conftest import EXAMPLE

REPLIES = EXAMPLE / "replies"
STATES = {"loaded", "superseded", "duplicate", "quarantined", "needs_review"}


def fresh_survey(tmp_path: Path, files: dict[str, bytes]) -> Path:
    """A survey folder with the example's survey.yaml and tracker, and only the given replies."""
    folder = tmp_path / "survey"
    (folder / "replies").mkdir(parents=True)
    shutil.copy(EXAMPLE / "survey.yaml", folder / "survey.yaml")
    shutil.copy(EXAMPLE / "tracker.csv", folder / "tracker.csv")
    for name, data in files.items():
        target = folder / "replies" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder


def run_files(folder: Path) -> dict[str, object]:
    """Every file's result after the plain stages, by source file."""
    context = survey_to_context(folder)
    results = merge_states(process_files(context, ingest(context)))
    return {r.item.source_file: r for r in results}


def encrypted_pdf() -> bytes:
    """A real password-protected PDF (made with pypdf or pikepdf if present)."""
    pikepdf = pytest.importorskip("pikepdf")
    import io

    with pikepdf.open(REPLIES / "Wirral_3649.pdf") as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="secret", R=4))
        return out.getvalue()


def test_each_broken_file_is_quarantined_with_a_reason(tmp_path: Path):
    good = (REPLIES / "Wirral_3649.pdf").read_bytes()
    files = {
        "empty.pdf": b"",
        "truncated.pdf": good[: len(good) // 3],
        "corrupt.xlsx": (REPLIES / "EIR_FOI_15998_Final.xlsx").read_bytes()[:900],
        "photo.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        "letter.rtf": b"{\\rtf1\\ansi Return home interviews}",
        "mystery.bin": b"\x00\x01\x02\x03" * 20,
    }
    found = run_files(fresh_survey(tmp_path, files))
    reasons = {name: (r.state, r.reason) for name, r in found.items()}
    assert reasons["empty.pdf"] == ("quarantined", "the file is empty (0 bytes or only blank space)")
    assert reasons["truncated.pdf"][0] == "quarantined" and "corrupt" in reasons["truncated.pdf"][1]
    assert reasons["corrupt.xlsx"][0] == "quarantined" and "corrupt" in reasons["corrupt.xlsx"][1]
    assert reasons["photo.png"] == ("quarantined", "an image: not a format the survey asked for")
    assert "rich-text" in reasons["letter.rtf"][1]
    assert reasons["mystery.bin"][0] == "quarantined"


def test_password_protected_pdf_is_quarantined(tmp_path: Path):
    found = run_files(fresh_survey(tmp_path, {"locked.pdf": encrypted_pdf()}))
    assert found["locked.pdf"].state == "quarantined"
    assert "password" in found["locked.pdf"].reason


def test_unidentifiable_file_goes_to_review_with_candidates(tmp_path: Path):
    text = b"Question,Response\nQ5a,120\nQ5b,300\n"
    found = run_files(fresh_survey(tmp_path, {"reply.csv": text}))
    assert found["reply.csv"].state == "needs_review"
    assert "council" in found["reply.csv"].reason.lower()


def test_zip_of_replies_is_unpacked_and_members_read(tmp_path: Path):
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.write(REPLIES / "Wirral_3649.pdf", "week1/Wirral_3649.pdf")
        bundle.write(REPLIES / "Plymouth - RHI FOI 0372.csv", "../../escape/Plymouth - RHI FOI 0372.csv")
    found = run_files(fresh_survey(tmp_path, {"batch.zip": archive.read_bytes()}))
    assert found["batch.zip"].state == "loaded"
    assert found["batch.zip/week1/Wirral_3649.pdf"].codes == ("E08000015",)
    assert found["batch.zip/escape/Plymouth - RHI FOI 0372.csv"].state == "loaded"
    assert set(found["batch.zip"].codes) == {"E08000015", "E06000026"}
    assert not (tmp_path / "escape").exists()


def test_zip_limits_and_names():
    assert safe_member_name("../../etc/passwd", 0) == "etc/passwd"
    assert safe_member_name("/abs/x.pdf", 0) == "abs/x.pdf"
    assert safe_member_name("", 3) == "member-3"


def test_zip_with_too_many_members_is_quarantined(tmp_path: Path):
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for i in range(MAX_MEMBERS + 1):
            bundle.writestr(f"f{i}.csv", "a,b\n")
    found = run_files(fresh_survey(tmp_path, {"many.zip": archive.read_bytes()}))
    assert found["many.zip"].state == "quarantined" and "limit" in found["many.zip"].reason
    assert len(found) == 1


def test_eml_attachments_are_treated_as_replies(tmp_path: Path):
    message = EmailMessage()
    message["From"] = "foi@wirral.gov.uk"
    message["To"] = "research@example.org"
    message["Subject"] = "FOI response"
    message.set_content("Please find our response attached.")
    message.add_attachment((REPLIES / "Wirral_3649.pdf").read_bytes(), maintype="application", subtype="pdf",
                           filename="Wirral_3649.pdf")
    empty = EmailMessage()
    empty["From"] = "foi@kent.gov.uk"
    empty.set_content("We will reply soon.")
    found = run_files(fresh_survey(tmp_path, {"reply.eml": message.as_bytes(), "holding.eml": empty.as_bytes()}))
    assert found["reply.eml"].state == "loaded"
    assert found["reply.eml/Wirral_3649.pdf"].codes == ("E08000015",)
    assert found["holding.eml"].state == "quarantined" and "no attached files" in found["holding.eml"].reason


def test_duplicate_bytes_counted_once(tmp_path: Path):
    data = (REPLIES / "Wirral_3649.pdf").read_bytes()
    found = run_files(fresh_survey(tmp_path, {"a.pdf": data, "resent/a copy.pdf": data}))
    assert found["a.pdf"].state == "loaded"
    assert found["resent/a copy.pdf"].state == "duplicate" and "a.pdf" in found["resent/a copy.pdf"].reason


FILE_CHOICES = {
    "wirral": (REPLIES / "Wirral_3649.pdf").read_bytes(),
    "camden": (REPLIES / "FOI EIR-FOI-7573 Camden.csv").read_bytes(),
    "york": (REPLIES / "FOIR-24851 - Final Response.xlsx").read_bytes(),
    "empty": b"",
    "garbage": b"\x00garbage\x01" * 10,
    "nameless": b"Question,Response\nQ1,Yes\n",
}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(sorted(FILE_CHOICES)), min_size=1, max_size=6))
def test_every_file_ends_in_exactly_one_state(tmp_path_factory, picks: list[str]):
    folder = fresh_survey(tmp_path_factory.mktemp("prop"), {f"{i}-{p}.bin": FILE_CHOICES[p] for i, p in
                                                             enumerate(picks)})
    context = survey_to_context(folder)
    results = process_files(context, ingest(context))
    files = assemble.files_frame(results)
    assert sorted(files["source_file"]) == sorted(f"{i}-{p}.bin" for i, p in enumerate(picks))
    assert set(files["state"]) <= STATES
    assert files["source_file"].is_unique
    assert (files[files["state"] != "loaded"]["reason"].str.len() > 0).all()


def test_validation_failures_become_review_items(tmp_path: Path, monkeypatch):
    from extractors.merge import answers as merge

    folder = fresh_survey(tmp_path, {"Wirral_3649.pdf": (REPLIES / "Wirral_3649.pdf").read_bytes()})
    context = survey_to_context(folder)
    results = process_files(context, ingest(context))
    real = merge.results_to_answers

    def with_a_bad_status(found, survey):
        answers = real(found, survey)
        return [answers[0].__class__(**{**answers[0].__dict__, "status": "maybe"}), *answers[1:]]

    monkeypatch.setattr("flows.pipeline.results_to_answers", with_a_bad_status)
    tables, failures = results_to_tables(context, results)
    assert failures and any("maybe" in f for f in failures)
    review = tables["review"]
    assert (review["source_file"] == "(validation)").any()
    held = tables["answers"].iloc[0]
    assert (held["status"], held["value"]) == ("needs_review", "") and "failed validation" in held["reason"]
    assert review["reason"].str.contains("maybe").any()
