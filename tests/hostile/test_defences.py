"""One test per defence of issue 14, on files made by the hostile corpus's own builders (no mocks)."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from extractors.fingerprint import files_fingerprint
from extractors.ingest.containers import container_members, zip_problem
from extractors.ingest.inventory import survey_to_inventory
from extractors.limits import Limits, env_to_limits
from extractors.model import ReadError
from extractors.read import file_to_document
from extractors.read.case_level import case_level_reason
from extractors.read.delimited import bytes_to_text
from schemas.tables import answer_model_for, validate
from tests.conftest import EXAMPLE
from tests.hostile import containers as c
from tests.hostile import documents as d
from tests.hostile.tnef import tnef_bytes
from warehouse.review import ReviewFileError, decision_problem, read_decisions

SMALL_BOMB = 64 << 20


def survey_with(tmp_path: Path) -> Path:
    """A survey folder with the example's survey.yaml and an empty replies/."""
    folder = tmp_path / "survey"
    (folder / "replies").mkdir(parents=True)
    shutil.copy(EXAMPLE / "survey.yaml", folder / "survey.yaml")
    return folder


def test_limits_come_from_the_environment_and_are_validated():
    assert env_to_limits({"FOI_MAX_ROWS": "50", "FOI_FILE_SECONDS": "2.5"}) == Limits(rows=50, seconds=2.5)
    with pytest.raises(ValueError, match="FOI_MAX_PAGES"):
        env_to_limits({"FOI_MAX_PAGES": "0"})
    with pytest.raises(ValueError, match="FOI_MAX_RATIO must be a number"):
        env_to_limits({"FOI_MAX_RATIO": "lots"})


def test_links_are_followed_only_inside_replies_and_pipes_never_opened(tmp_path: Path):
    folder = survey_with(tmp_path)
    replies = folder / "replies"
    (tmp_path / "secret.csv").write_text("Question,Response\nQ1,secret\n")
    (replies / "real.csv").write_text("Question,Response\nQ1,Yes\n")
    os.symlink(tmp_path / "secret.csv", replies / "out.csv")
    os.symlink("real.csv", replies / "alias.csv")
    os.symlink(tmp_path, replies / "folder")
    os.mkfifo(replies / "pipe.csv")
    found = {i.source_file: i for i in survey_to_inventory(folder, folder / ".foi" / "store")}
    assert "outside replies/" in found["out.csv"].problem and found["out.csv"].size == 0
    assert found["alias.csv"].sha256 == found["real.csv"].sha256 and not found["alias.csv"].problem
    assert "not followed" in found["folder"].problem
    assert "named pipe" in found["pipe.csv"].problem
    stored = b"".join(p.read_bytes() for p in (folder / ".foi" / "store").rglob("*") if p.is_file())
    assert b"secret" not in stored


def test_a_zip_bomb_is_refused_from_its_declared_sizes_and_its_member_still_listed(tmp_path: Path):
    bomb = c.zip_bomb(tmp_path / "bomb.zip", SMALL_BOMB)
    members = container_members(bomb, "zip", Limits(expanded_bytes=10 << 20))
    assert [m.name for m in members] == ["extract.csv"] and members[0].data == b""
    assert "would expand to 67.1 MB (ratio 1:10" in members[0].problem
    assert "ratio" in zip_problem(c.xlsx_bomb(tmp_path / "b.xlsx", SMALL_BOMB), Limits(), "a spreadsheet")


def test_a_spreadsheet_bomb_is_not_opened(tmp_path: Path):
    with pytest.raises(ReadError, match="a spreadsheet that would expand to .* not opened"):
        file_to_document(c.xlsx_bomb(tmp_path / "b.xlsx", SMALL_BOMB), "xlsx", limits=Limits())


def test_a_lying_member_is_read_no_further_than_declared(tmp_path: Path):
    members = container_members(c.lying_zip_bomb(tmp_path / "lie.zip", 32 << 20), "zip", Limits())
    assert members[0].data == b"" and "corrupt" in members[0].problem


def test_symlink_and_encrypted_members_are_listed_not_taken_out(tmp_path: Path):
    archive = c.symlink_zip(tmp_path / "l.zip", {"passwd": "/etc/passwd"}, {"ok.csv": b"a,b\n"})
    links = {m.name: m for m in container_members(archive, "zip")}
    assert "symbolic link" in links["passwd"].problem and links["ok.csv"].data == b"a,b\n"
    locked = container_members(c.encrypted_member_zip(tmp_path / "e.zip", "x.csv", b"a,b\n"), "zip")
    assert "password" in locked[0].problem


def test_traversal_names_stay_inside(tmp_path: Path):
    archive = c.traversal_zip(tmp_path / "t.zip", {"../../etc/x.csv": b"a\n", "/abs/y.csv": b"b\n"})
    assert [m.name for m in container_members(archive, "zip")] == ["etc/x.csv", "abs/y.csv"]


def test_tnef_attachments_are_members(tmp_path: Path):
    path = tmp_path / "winmail.dat"
    path.write_bytes(tnef_bytes("FOI", [("reply.csv", b"Question,Response\n"), ("../../up.csv", b"x")]))
    members = container_members(path, "tnef")
    assert [(m.name, m.data) for m in members] == [("reply.csv", b"Question,Response\n"), ("up.csv", b"x")]


def test_mixed_encodings_and_nuls_are_read_line_by_line():
    text = bytes_to_text(d.mixed_encoding_csv(1))
    assert "café £5" in text and "\x00" not in text and "\ufffd" not in text


def test_case_level_extracts_are_recognised_in_bounded_time(tmp_path: Path):
    path = d.case_level_csv(tmp_path / "extract.csv", 300_000)
    with pytest.raises(ReadError, match="case-level extract \\(300,000 rows"):
        file_to_document(path, "csv", limits=Limits())
    rows = [["Child ID", "Episode"]] + [[f"C{i}", "1"] for i in range(40)]
    assert "case-level" in case_level_reason(rows)
    assert case_level_reason([["Question", "Response"]] + [[f"Q{i}", "1"] for i in range(40)]) == ""


def test_a_pdf_past_the_page_limit_is_not_read(tmp_path: Path):
    path = tmp_path / "long.pdf"
    path.write_bytes(d.letter_pdf("Tameside Council", ["Date: 1/6/2026"], pages=12))
    with pytest.raises(ReadError, match="12 pages, more than the 10"):
        file_to_document(path, "pdf", limits=Limits(pages=10))


def test_a_file_past_its_time_budget_goes_to_review_and_the_run_goes_on(tmp_path: Path, monkeypatch):
    from flows.pipeline import ingest, process_files, survey_to_context

    folder = survey_with(tmp_path)
    (folder / "replies" / "Wigan Council maze.pdf").write_bytes(d.ruled_maze_pdf(150))
    shutil.copy(EXAMPLE / "replies" / "Wirral_3649.pdf", folder / "replies")
    monkeypatch.setenv("FOI_FILE_SECONDS", "2")
    context = survey_to_context(folder)
    found = {r.item.source_file: r for r in process_files(context, ingest(context), workers=1)}
    maze = found["Wigan Council maze.pdf"]
    assert maze.state == "needs_review" and "longer than the 2 s" in maze.reason and maze.codes == ("E08000010",)
    assert found["Wirral_3649.pdf"].state == "loaded"


def test_review_decisions_must_fit_the_question_type(tmp_path: Path):
    row = pd.Series({"decided_status": "reported", "decided_value": "maybe", "reviewer": "Ann",
                     "question_key": "timescale_hours"})
    problem = decision_problem(row, 7, {"timescale_hours": "hours"})
    assert problem.startswith("row 7:") and "whole number of hours" in problem
    assert decision_problem(row.replace("maybe", "72"), 7, {"timescale_hours": "hours"}) == ""


def test_a_review_file_of_another_survey_is_refused(tmp_path: Path):
    path = tmp_path / "queue.csv"
    path.write_text("survey_id,sha256,question_key,decided_status,decided_value,reviewer,decision_reason\n"
                    "other-2025,abc,policy_care,reported,yes,Ann,\n", encoding="utf-8")
    with pytest.raises(ReviewFileError, match="survey other-2025, not rhi-2026"):
        read_decisions(path, "rhi-2026")


def test_the_answer_schema_checks_every_value_against_its_type():
    frame = pd.DataFrame([{"council_code": code, "question_key": "timescale_hours", "value": value,
                           "status": "reported", "source_file": "a.pdf", "source_locator": "p1"}
                          for code, value in (("E08000015", "72"), ("E08000016", "maybe"))])
    _, failures = validate(answer_model_for({"timescale_hours": "hours"}), frame)
    assert failures and all("value_fits_question_type" in f and "row 1)" in f for f in failures)


def test_the_code_fingerprint_changes_with_any_module_or_table(tmp_path: Path):
    (tmp_path / "crosswalks").mkdir()
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "crosswalks" / "t.csv").write_text("phrase\nnot held\n")
    before = files_fingerprint(tmp_path, ("**/*.py", "crosswalks/*.csv"))
    (tmp_path / "crosswalks" / "t.csv").write_text("phrase\nnot held\nnot recorded\n")
    assert files_fingerprint(tmp_path, ("**/*.py", "crosswalks/*.csv")) != before


def test_zip_problem_leaves_ordinary_workbooks_alone():
    assert zip_problem(EXAMPLE / "replies" / "Gateshead Council - return home interviews.xlsx", Limits(), "x") == ""
    with zipfile.ZipFile(EXAMPLE / "replies" / "Gateshead Council - return home interviews.xlsx") as book:
        assert book.namelist()
