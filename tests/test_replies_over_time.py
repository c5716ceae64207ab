"""Replies over weeks: a correction supersedes the earlier reply (kept, marked), a resend counts once."""

from __future__ import annotations

import shutil
from pathlib import Path

from extractors.merge import frames as assemble
from extractors.merge.answers import merge_states, results_to_answers
from flows.pipeline import ingest, process_files, survey_to_context

from .conftest import EXAMPLE

TRAFFORD = "E08000009"
ORIGINAL = "Trafford Council - return home interviews.csv"


def survey_with(tmp_path: Path, extra: dict[str, bytes]) -> Path:
    """The example survey with only Trafford's reply and the given extra files."""
    folder = tmp_path / "survey"
    (folder / "replies").mkdir(parents=True)
    for name in ("survey.yaml", "tracker.csv"):
        shutil.copy(EXAMPLE / name, folder / name)
    shutil.copy(EXAMPLE / "replies" / ORIGINAL, folder / "replies" / ORIGINAL)
    for name, data in extra.items():
        (folder / "replies" / name).write_bytes(data)
    return folder


def run(folder: Path):
    """Files and answers after the plain stages."""
    context = survey_to_context(folder)
    results = merge_states(process_files(context, ingest(context)))
    answers = {(a.council_code, a.key): a for a in results_to_answers(results, context.survey)}
    return {r.item.source_file: r for r in results}, answers, assemble.files_frame(results)


def test_a_correction_supersedes_the_earlier_reply(tmp_path: Path):
    original = (EXAMPLE / "replies" / ORIGINAL).read_text(encoding="utf-8")
    corrected = ("Corrected response - this replaces our earlier response to FOI 59739656,,,\n"
                 + original.replace("Q7,a,Number of RHIs offered - Looked after children,9",
                                    "Q7,a,Number of RHIs offered - Looked after children,19"))
    files, answers, frame = run(survey_with(tmp_path, {"Trafford - corrected.csv": corrected.encode()}))
    assert files[ORIGINAL].state == "superseded"
    assert "Trafford - corrected.csv" in files[ORIGINAL].reason
    assert files["Trafford - corrected.csv"].state == "loaded"
    assert answers[(TRAFFORD, "offered_care")].value == "19"
    assert answers[(TRAFFORD, "offered_care")].source_file == "Trafford - corrected.csv"
    assert set(frame["state"]) == {"superseded", "loaded"}


def test_two_replies_that_disagree_go_to_review(tmp_path: Path):
    original = (EXAMPLE / "replies" / ORIGINAL).read_text(encoding="utf-8")
    other = original.replace("Q5,a,Number of missing episodes - Looked after children,217¹",
                             "Q5,a,Number of missing episodes - Looked after children,271")
    _, answers, _ = run(survey_with(tmp_path, {"Trafford second reply.csv": other.encode()}))
    disputed = answers[(TRAFFORD, "episodes_care")]
    assert disputed.status == "needs_review" and "disagree" in disputed.reason
    assert answers[(TRAFFORD, "episodes_home")].value == "465"


def test_an_identical_resend_adds_nothing(tmp_path: Path):
    data = (EXAMPLE / "replies" / ORIGINAL).read_bytes()
    files, answers, _ = run(survey_with(tmp_path, {"Fwd - Trafford reply.csv": data}))
    assert sorted(r.state for r in files.values()) == ["duplicate", "loaded"]
    assert answers[(TRAFFORD, "episodes_care")].value == "217"


def test_a_joint_reply_answers_for_each_council(tmp_path: Path):
    body = (EXAMPLE / "replies" / "FOI IR531555 Warrington.csv").read_text(encoding="utf-8")
    joint = ("Joint response on behalf of the Royal Borough of Kensington and Chelsea and Westminster City Council "
             "(shared children's services),,,\n" + body)
    files, answers, _ = run(survey_with(tmp_path, {"Bi-borough FOI response.csv": joint.encode()}))
    assert set(files["Bi-borough FOI response.csv"].codes) == {"E09000020", "E09000033"}
    for code in ("E09000020", "E09000033"):
        assert answers[(code, "policy_care")].value == "yes"
        assert answers[(code, "timescale_hours")].value == "120"
