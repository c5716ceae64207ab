"""Fast checks of the reply generator itself: determinism, honest truth, complete file lists, every family renders."""

from __future__ import annotations

import csv
import hashlib
import random
from pathlib import Path

import pytest

from tests.generator.bodies import resolve_bodies
from tests.generator.families import FAMILIES
from tests.generator.generate import generate
from tests.generator.survey import load_survey
from tests.generator.truth import STATUSES, check_violations, draw_truth

ROOT = Path(__file__).resolve().parents[2]
RHI = ROOT / "examples" / "rhi-2026" / "survey.yaml"
TA = ROOT / "examples" / "ta-2026" / "survey.yaml"


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    """Two draws with one seed are identical, file for file; another seed differs."""
    kinds = ["pdf", "csv", "xlsx", "xls"]
    generate(RHI, 7, 6, tmp_path / "a", kinds=kinds)
    generate(RHI, 7, 6, tmp_path / "b", kinds=kinds)
    generate(RHI, 8, 6, tmp_path / "c", kinds=kinds)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


@pytest.mark.parametrize("survey", [RHI, TA])
def test_truth_keeps_the_checks(survey: Path) -> None:
    """Every drawn truth satisfies the survey's declared checks, and statuses are in the vocabulary."""
    s = load_survey(survey)
    for b in resolve_bodies(s)[:80]:
        t = draw_truth(s, b, random.Random(b.code))
        assert not check_violations(s, t)
        if t.response != "no_reply":
            assert set(t.answers) == {k.key for k in s.keys}
            assert all(a.status in STATUSES for a in t.answers.values())
            assert all((a.value is None) == (a.status != "reported") for a in t.answers.values())


def test_registers(tmp_path: Path) -> None:
    """The register filters, a list of codes and a bodies.csv give the expected bodies."""
    assert len(resolve_bodies(load_survey(RHI))) == 153
    ta = resolve_bodies(load_survey(TA))
    assert len(ta) > 250 and {b.kind for b in ta} == {"NMD", "UA", "MD", "LBO"}
    text = RHI.read_text(encoding="utf-8").replace("  register: england-childrens-services",
                                                   "  codes: [E06000001, E09000007]")
    (tmp_path / "survey.yaml").write_text(text, encoding="utf-8")
    assert [b.code for b in resolve_bodies(load_survey(tmp_path))] == ["E06000001", "E09000007"]
    text = text.replace("councils:\n  codes: [E06000001, E09000007]", "bodies: bodies.csv")
    (tmp_path / "survey.yaml").write_text(text, encoding="utf-8")
    rows = "code,name,aliases,email_domain\nP1,Northshire Police,NP;Northshire,np.police.uk\n"
    (tmp_path / "bodies.csv").write_text(rows, encoding="utf-8")
    bodies = resolve_bodies(load_survey(tmp_path))
    assert [(b.code, b.aliases) for b in bodies] == [("P1", ["NP", "Northshire"])]
    generate(tmp_path, 1, 5, tmp_path / "d", kinds=["csv"])
    assert (tmp_path / "d" / "truth" / "councils.csv").read_text(encoding="utf-8").count("P1") == 1


def test_multi_period_keys() -> None:
    """A question asked for several periods has one key per period; single-period questions keep their key."""
    keys = {k.key: k for k in load_survey(TA).keys}
    assert "ta_spend@2023-24" in keys and "ta_spend@2024-25" in keys and "ta_spend" not in keys
    assert keys["out_of_area_pct"].period == "2024-25" and keys["contract_end"].period == "2025-03-31"


@pytest.mark.parametrize("survey", [RHI, TA])
def test_outputs_are_complete(survey: Path, tmp_path: Path) -> None:
    """files.csv lists every reply file; answers.csv has one row per replying body and key; tracker covers all."""
    out = tmp_path / "d"
    draw = generate(survey, 3, 14, out, kinds=["pdf", "csv", "xlsx", "xls"])
    on_disk = {str(p.relative_to(out / "replies")) for p in (out / "replies").rglob("*") if p.is_file()}
    files = _rows(out / "truth" / "files.csv")
    assert {r["file"] for r in files} == on_disk
    councils = _rows(out / "truth" / "councils.csv")
    replying = {c["council_code"] for c in councils if c["response_status"] != "no_reply"}
    answers = _rows(out / "truth" / "answers.csv")
    assert len(answers) == len(replying) * len(draw.survey.keys)
    assert {r["council_code"] for r in answers} == replying
    assert all(r["value"] == "" for r in answers if r["status"] != "reported")
    assert len(_rows(out / "tracker.csv")) == len(councils)
    assert {c for r in files for c in r["council_codes"].split(";")} <= replying


@pytest.mark.parametrize("survey", [RHI, TA])
@pytest.mark.parametrize("family", sorted(f for f in FAMILIES if f not in ("refusal_whole", "joint_reply")))
def test_each_family_renders(family: str, survey: Path, tmp_path: Path) -> None:
    """Every family writes readable files for both example surveys."""
    from tests.generator.families import kinds_ok
    from tests.generator.generate import _make_ctx, prepare, render_reply, write_file

    s = load_survey(survey)
    fam = FAMILIES[family]
    for b in resolve_bodies(s)[:40]:
        t = draw_truth(s, b, random.Random(f"f{b.code}"))
        if t.response not in ("replied", "partial") or t.whole_refusal:
            continue
        t.reply_date = s.sent
        prepare(s, t.answers)
        ctx = _make_ctx(s, t, 1)
        if fam.needs(ctx):
            break
    else:
        pytest.skip(f"{family} does not suit {s.id}")
    files = render_reply(ctx, fam, [k for k in kinds_ok(fam, None) if k != "scan"][0], set())
    for f in files:
        write_file(f, tmp_path, random.Random(1))
        assert (tmp_path / f.name).stat().st_size > 200 and f.family == family


def test_refusal_joint_and_scan(tmp_path: Path) -> None:
    """The whole-request refusal and the joint reply render from hand-picked truths; a scan is image-only."""
    from tests.generator.generate import _make_ctx, _share, prepare
    from tests.generator.writers import write_pdf

    s = load_survey(RHI)
    truths = [draw_truth(s, b, random.Random(f"t{b.code}")) for b in resolve_bodies(s)]
    for t in truths:
        prepare(s, t.answers)
    refused = next(t for t in truths if t.whole_refusal)
    ok = [t for t in truths if t.response in ("replied", "partial") and not t.whole_refusal][:2]
    _share(s, ok[0], ok[1])
    ctx = _make_ctx(s, refused, 1)
    write_pdf(FAMILIES["refusal_whole"].build(ctx), tmp_path / "r.pdf", "reportlab")
    ctx = _make_ctx(s, ok[0], 1)
    ctx.partner = ok[1]
    write_pdf(FAMILIES["joint_reply"].build(ctx), tmp_path / "j.pdf", "fpdf2")
    assert (tmp_path / "r.pdf").stat().st_size > 1000 and (tmp_path / "j.pdf").stat().st_size > 1000
    generate(RHI, 5, 2, tmp_path / "s", families=["compact_keyvalue"], kinds=["scan"])
    generate(RHI, 5, 2, tmp_path / "s2", families=["compact_keyvalue"], kinds=["scan"])
    assert _digest(tmp_path / "s") == _digest(tmp_path / "s2")
    kinds = {r["kind"] for r in _rows(tmp_path / "s" / "truth" / "files.csv")}
    assert "scan" in kinds
    pdf = next(p for p in (tmp_path / "s" / "replies").rglob("*.pdf"))
    assert b"/Image" in pdf.read_bytes() or b"/DCTDecode" in pdf.read_bytes()


@pytest.mark.parametrize("survey", [RHI, TA])
def test_reported_figures_are_on_the_page(survey: Path, tmp_path: Path) -> None:
    """Every reported count above 20 in a text PDF appears in that PDF's text (sub-period tables aside)."""
    import re

    import pypdfium2 as pdfium

    generate(survey, 13, 10, tmp_path, kinds=["pdf"])
    truth = {(r["council_code"], r["question_key"]): r for r in _rows(tmp_path / "truth" / "answers.csv")}
    s = load_survey(survey)
    types = {k.key: k.question.type for k in s.keys}
    checked = 0
    for f in _rows(tmp_path / "truth" / "files.csv"):
        if f["kind"] != "pdf" or f["expected_outcome"] != "recorded" or f["style_family"] in ("quarterly", "monthly"):
            continue
        pdf = pdfium.PdfDocument(str(tmp_path / "replies" / f["file"]))
        text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        pdf.close()
        numbers = {t.replace(",", "") for t in re.findall(r"\d[\d,]*", text)}
        for code in f["council_codes"].split(";"):
            keys = [k.key for k in s.keys] if f["answer_keys"] == "all" else f["answer_keys"].split(";")
            for key in keys:
                r = truth[(code, key)]
                if r["status"] == "reported" and types[key] == "count" and int(r["value"]) > 20:
                    checked += 1
                    assert r["value"] in numbers, (f["file"], key, r["value"])
    assert checked > 20


def test_vocab_files_read_as_text() -> None:
    """Generator vocab files parse, and no key turned into a YAML boolean (an unquoted yes / no)."""
    import yaml

    def keys(x: object) -> list:
        if isinstance(x, dict):
            return list(x) + [k for v in x.values() for k in keys(v)]
        if isinstance(x, list):
            return [k for v in x for k in keys(v)]
        return []

    for p in (ROOT / "tests" / "generator" / "vocab").glob("*.yaml"):
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        assert all(isinstance(k, str) for k in keys(data)), p.name
        assert set(data.get("policy_phrases") or {}) <= {"yes", "no", "partial"}


REAL_SHAPES = ["disclosure_log", "decision_list", "noted_answers", "year_lines", "years_as_rows", "exemption_detail",
               "ack_thread"]


@pytest.mark.parametrize("survey", [RHI, TA])
def test_real_shape_families(survey: Path, tmp_path: Path) -> None:
    """Families modelled on real replies render, their truths keep the checks and counts above 20 are on the page."""
    import re

    import pypdfium2 as pdfium

    draw = generate(survey, 21, 45, tmp_path, families=REAL_SHAPES, kinds=["pdf"])
    s = draw.survey
    assert all(not check_violations(s, t) for t in draw.truths)
    assert {f.family for f in draw.files} <= set(REAL_SHAPES) and len({f.family for f in draw.files}) >= 5
    truth = {(r["council_code"], r["question_key"]): r for r in _rows(tmp_path / "truth" / "answers.csv")}
    types = {k.key: k.question.type for k in s.keys}
    for f in (f for f in draw.files if f.outcome == "recorded"):
        pdf = pdfium.PdfDocument(str(tmp_path / "replies" / f.name))
        text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        pdf.close()
        numbers = {t.replace(",", "") for t in re.findall(r"\d[\d,]*", text)}
        for key in (k.key for k in s.keys):
            r = truth[(f.codes[0], key)]
            if r["status"] == "reported" and types[key] == "count" and int(r["value"]) > 20:
                assert r["value"] in numbers, (f.name, f.family, key, r["value"])
