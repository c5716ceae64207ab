"""`foi init` then `foi run` on a survey written from scratch, and the survey loader's errors for the new fields."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from extractors.survey import SurveyError, load_survey, survey_from_mapping
from flows.pipeline import run_survey
from tests.generator.generate import generate

ROOT = Path(__file__).resolve().parent.parent


def test_init_then_run_on_a_survey_written_from_scratch(tmp_path: Path):
    folder = tmp_path / "new-survey"
    done = subprocess.run([sys.executable, "-m", "flows.cli", "init", str(folder)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    survey = load_survey(folder)
    request = (folder / "request.md").read_text(encoding="utf-8")
    for question in survey.questions:
        assert f"**{question.id}.** {question.text}" in request  # numbered as the pipeline looks for it
    with (folder / "tracker.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == len(survey_bodies(folder))
    generate(folder / "survey.yaml", 3, 6, tmp_path / "draw", kinds=["pdf", "csv", "xlsx"])
    drawn = tmp_path / "draw" / "replies"
    copied = 0
    for reply in drawn.rglob("*"):
        if reply.is_file():
            target = folder / "replies" / reply.relative_to(drawn)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(reply.read_bytes())
            copied += 1
    summary = run_survey(folder, f"sqlite:///{tmp_path / 'w.sqlite'}", folder / "out", workers=1)
    assert copied >= 5 and summary.files_received == copied
    with (folder / "out" / "answers.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["question_key"] for r in rows} == {k.key for k in survey.keys}
    assert any(r["status"] == "reported" for r in rows)


def survey_bodies(folder: Path) -> list[str]:
    """Given a survey folder, return the codes of the bodies it asks."""
    from flows.context import survey_to_context

    return [c.code for c in survey_to_context(folder).councils]


def test_init_keeps_a_survey_and_a_log_the_researcher_already_has(tmp_path: Path):
    folder = tmp_path / "s"
    subprocess.run([sys.executable, "-m", "flows.cli", "init", str(folder)], check=True, cwd=ROOT, timeout=120,
                   capture_output=True)
    (folder / "tracker.csv").write_text("council,request_ref\nAdur,FOI 1\n", encoding="utf-8")
    text = (folder / "survey.yaml").read_text(encoding="utf-8").replace("my-survey", "edited-survey")
    (folder / "survey.yaml").write_text(text, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "flows.cli", "init", str(folder)], check=True, cwd=ROOT, timeout=120,
                   capture_output=True)
    assert "edited-survey" in (folder / "survey.yaml").read_text(encoding="utf-8")
    assert (folder / "tracker.csv").read_text(encoding="utf-8") == "council,request_ref\nAdur,FOI 1\n"


def template() -> dict:
    """Return the survey template as a mapping, to break one field at a time."""
    return yaml.safe_load((ROOT / "extractors" / "survey" / "template.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["questions"][3].pop("options"), "needs 'options'"),
    (lambda d: d["questions"][1].update(type="duration"), "needs 'unit'"),
    (lambda d: d["questions"][1].update(period="1999-00"), "has period '1999-00'"),
    (lambda d: d["periods"].append(dict(d["periods"][0])), "same id"),
    (lambda d: d["questions"][0].update(type="colour"), "has type 'colour'"),
    (lambda d: d.update(checks=["spend <= placed_children"]), "not an answer key"),
    (lambda d: d["vocabulary"].update(groups=[{"part": "a"}]), "needs a 'label'"),
    (lambda d: (d.pop("councils"), d.update(bodies="missing.csv")), "bodies file missing.csv"),
])
def test_the_loader_says_what_to_fix(tmp_path: Path, change, message: str):
    data = template()
    change(data)
    with pytest.raises(SurveyError, match=message):
        survey_from_mapping(data, tmp_path)


def test_bodies_outside_the_register_are_asked_and_identified(tmp_path: Path):
    data = template()
    data.pop("councils")
    data["bodies"] = "bodies.csv"
    (tmp_path / "bodies.csv").write_text("code,name,aliases,email_domain\nPF01,Northshire Police,NP;Northshire "
                                         "Constabulary,northshire.police.uk\nPF02,Southvale Police,,\n",
                                         encoding="utf-8")
    (tmp_path / "survey.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    from flows.context import survey_to_context

    context = survey_to_context(tmp_path)
    assert [c.code for c in context.councils] == ["PF01", "PF02"]
    assert context.register.match("Northshire Constabulary").codes == ("PF01",)
    assert "PF01" in context.register.codes_for_domain("foi.northshire.police.uk")
