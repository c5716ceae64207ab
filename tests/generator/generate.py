"""Draw a truth for N bodies and render their replies into a survey folder with truth/ beside it."""

from __future__ import annotations

import copy
import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .bodies import Body, resolve_bodies
from .common import Ctx, FileOut, ref_for
from .doc import Doc, Para
from .families import FAMILIES, Family, kinds_ok
from .joint import NUMERIC
from .output import write_outputs
from .phrases import Style, fmt_date, prepare
from .survey import Survey, load_survey
from .truth import BodyTruth, council_status, draw_truth
from .writers import write_csv, write_pdf, write_scan, write_xls, write_xlsx

CSV_ENCODINGS = ["utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16"]
CSV_DELIMS = [",", ",", ",", ";", "\t"]


@dataclass
class Draw:
    """Everything one generation produced (for the writers and the tests)."""

    survey: Survey
    truths: list[BodyTruth]
    files: list[FileOut] = field(default_factory=list)
    superseded: dict[str, list[str]] = field(default_factory=dict)


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random(":".join(str(p) for p in (seed, *parts)))


def _reply_date(survey: Survey, rng: random.Random) -> dt.date:
    d = survey.sent + dt.timedelta(days=rng.choice([rng.randint(6, 28), rng.randint(6, 28), rng.randint(29, 70)]))
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def _pick_family(ctx: Ctx, allowed: list[Family], kinds: set[str] | None) -> tuple[Family, str]:
    fams = [f for f in allowed if f.weight > 0 and f.needs(ctx) and kinds_ok(f, kinds)]
    if not fams:
        fams = [FAMILIES["prose_restated"]]
    f = ctx.rng.choices(fams, [x.weight for x in fams])[0]
    ks = [k for k in (kinds_ok(f, kinds) or list(f.kinds)) if k != "scan"] or ["pdf"]
    kind = ctx.rng.choice(ks)
    if kind == "pdf" and "scan" in f.kinds and (kinds is None or "scan" in kinds):
        if kinds is not None and "pdf" not in kinds or ctx.rng.random() < 0.1:
            kind = "scan"
    return f, kind


def _topic(survey: Survey) -> str:
    return str(survey.extra.get("topic") or survey.title.split(",")[0]).strip()


def file_name(ctx: Ctx, ext: str, rng: random.Random) -> str:
    """A file name in the styles councils use (sometimes in a subfolder)."""
    b, ref = ctx.bt.body, re.sub(r"[/\\]", "-", ctx.ref)
    runs = re.findall(r"\d+", ctx.ref) or ["1"]
    num = max(reversed(runs), key=len)  # the request's own number ("CAS-621497-VLB5" -> 621497)
    foi = ref if ref.upper().startswith("FOI") else f"FOI {ref}"
    pats = [f"{ref} response", f"Response {num}", f"Disclosure {num}", f"Outcome letter {num}", f"{num}",
            f"{ref} - Final Response", f"{foi} reply"]
    if ctx.named:
        pats += [f"{b.nice} - {_topic(ctx.survey)}", f"{b.nice.replace(' ', '_')}_{num}",
                 f"{b.nice.lower().replace(' ', '_')}_foi_response", f"{foi} {b.nice}", f"{b.nice} FOI response"]
    name = rng.choice(pats) + "." + ext
    if rng.random() < 0.12:
        name = rng.choice([b.nice if ctx.named else ref, "batch 2", "June", "late replies"]) + "/" + name
    return name


def _unique(name: str, used: set[str]) -> str:
    stem, dot, ext = name.rpartition(".")
    n, out = 2, name
    while out.lower() in used:
        out = f"{stem} ({n}).{ext}"
        n += 1
    used.add(out.lower())
    return out


def render_reply(ctx: Ctx, fam: Family, kind: str, used: set[str]) -> list[FileOut]:
    """Build one body's reply files (not yet written)."""
    rng, codes = ctx.rng, [ctx.bt.body.code] + ([ctx.partner.body.code] if ctx.partner else [])
    if fam.name == "letter_plus_sheet":
        doc, sheets_, lk, sk = fam.build(ctx)
        sk_kind = kind.split("+")[1]
        lname = _unique(file_name(ctx, "pdf", rng), used)
        sname = _unique(lname.rsplit(".", 1)[0] + rng.choice([" data", " - attachment", " figures"]) + "." + sk_kind,
                        used)
        return [FileOut(lname, "pdf", doc, fam.name, lk, codes, options={"producer": _producer(rng)}),
                FileOut(sname, sk_kind, sheets_, fam.name, sk, codes, options=_csv_opts(rng))]
    payload = fam.build(ctx)
    ext = {"scan": "pdf"}.get(kind, kind)
    opts = {"producer": _producer(rng)} if ext == "pdf" else _csv_opts(rng)
    return [FileOut(_unique(file_name(ctx, ext, rng), used), kind, payload, fam.name, None, codes, options=opts)]


def _producer(rng: random.Random) -> str:
    return rng.choice(["fpdf2", "reportlab"])


def _csv_opts(rng: random.Random) -> dict:
    return {"encoding": rng.choice(CSV_ENCODINGS), "delimiter": rng.choice(CSV_DELIMS), "quote_all": rng.random() < 0.2}


def write_file(f: FileOut, replies: Path, rng: random.Random) -> None:
    """Write one FileOut under replies/ (a scan that runs too long becomes a text PDF)."""
    path = replies / f.name
    path.parent.mkdir(parents=True, exist_ok=True)
    if f.kind == "scan":
        if not write_scan(f.payload, path, f.options["producer"], rng):
            f.kind = "pdf"
            write_pdf(f.payload, path, f.options["producer"])
    elif f.kind == "pdf":
        write_pdf(f.payload, path, f.options["producer"])
    elif f.kind == "csv":
        write_csv(f.payload[0], path, f.options["encoding"], f.options["delimiter"], f.options.get("quote_all", False))
    elif f.kind == "xlsx":
        write_xlsx(f.payload, path)
    elif f.kind == "xls":
        write_xls(f.payload, path)


def _make_ctx(survey: Survey, bt: BodyTruth, seed: int, marker_rng_tag: str = "") -> Ctx:
    rng = _rng(seed, "render", bt.body.code, marker_rng_tag)
    font = rng.choice(["sans", "sans", "serif", "condensed", "helvetica", "times"])
    st = Style(survey, rng, bt.suppress_marker, unicode_ok=font not in ("helvetica", "times"))
    return Ctx(survey, bt, rng, st, bt.ref, bt.reply_date or survey.sent, rng.random() < 0.85,
               period_fmt=rng.randrange(5), font=font)


def _pairs(truths: list[BodyTruth], rng: random.Random) -> list[tuple[BodyTruth, BodyTruth]]:
    ok = [t for t in truths if t.response in ("replied", "partial") and not t.whole_refusal]
    n = len(ok) // 40
    rng.shuffle(ok)
    return [(ok[2 * i], ok[2 * i + 1]) for i in range(n)]


def _share(survey: Survey, a: BodyTruth, b: BodyTruth) -> None:
    """Answers given once for both councils of a joint reply (everything but counts) apply to each."""
    for k in survey.keys:
        if k.question.type not in NUMERIC:
            b.answers[k.key] = copy.deepcopy(a.answers[k.key])
    b.response = council_status(b)
    b.ref, b.reply_date, b.suppress_marker = a.ref, a.reply_date, a.suppress_marker


def generate(survey_path: str | Path, seed: int, n: int, out: str | Path, families: list[str] | None = None,
             kinds: list[str] | None = None) -> Draw:
    """Generate a draw into out/ (survey.yaml, tracker.csv, replies/, truth/)."""
    survey = load_survey(survey_path)
    out = Path(out)
    if (out / "replies").exists():
        shutil.rmtree(out / "replies")
    (out / "replies").mkdir(parents=True, exist_ok=True)
    bodies: list[Body] = resolve_bodies(survey)
    rng = _rng(seed, "draw")
    chosen = sorted(rng.sample(bodies, min(n, len(bodies))), key=lambda b: b.code)
    truths = [draw_truth(survey, b, _rng(seed, "truth", b.code)) for b in chosen]
    for t in truths:
        r = _rng(seed, "ref", t.body.code)
        t.ref = ref_for(r)
        if t.response != "no_reply":
            t.reply_date = _reply_date(survey, r)
            prepare(survey, t.answers)
    allowed = [FAMILIES[f] for f in families] if families else list(FAMILIES.values())
    kset = set(kinds) if kinds else None
    pairs = _pairs(truths, rng) if (families is None or "joint_reply" in families) and \
        (kset is None or "pdf" in kset) else []
    for a, b in pairs:
        _share(survey, a, b)
    second = {b.body.code for _, b in pairs}
    partner = {a.body.code: b for a, b in pairs}
    draw = Draw(survey, truths)
    used: set[str] = set()
    for t in truths:
        if t.response == "no_reply" or t.body.code in second:
            continue
        ctx = _make_ctx(survey, t, seed)
        ctx.partner = partner.get(t.body.code)
        if ctx.partner:
            fam, kind = FAMILIES["joint_reply"], "pdf"
        elif t.whole_refusal and (families is None or "refusal_whole" in families) and \
                (kset is None or kset & {"pdf", "scan"}) and ctx.rng.random() < 0.75:
            fam = FAMILIES["refusal_whole"]
            kind = "scan" if (kset is not None and "pdf" not in kset) or (ctx.rng.random() < 0.15 and (
                kset is None or "scan" in kset)) else "pdf"
        else:
            fam, kind = _pick_family(ctx, allowed, kset)
        if fam.name != "letter_plus_sheet" and "pdf" in kind and ctx.rng.random() < 0.04 and not ctx.partner:
            draw.files += _superseded(survey, t, seed, fam, used)
        files = render_reply(ctx, fam, kind, used)
        if files[0].kind in ("pdf", "scan") and draw.files and draw.files[-1].codes == files[0].codes \
                and draw.files[-1].outcome == "superseded":
            _mark_correction(files[0].payload, draw.files[-1], ctx)
            draw.superseded.setdefault(t.body.code, []).append(draw.files[-1].name)
        draw.files += files
        if ctx.rng.random() < 0.02 and files[0].kind == "pdf":
            dup = copy.copy(files[0])
            dup.name = _unique(files[0].name.rsplit(".", 1)[0] + " (resent).pdf", used)
            dup.outcome = "duplicate"
            draw.files.append(dup)
    wrng = _rng(seed, "write")
    for f in draw.files:
        write_file(f, out / "replies", wrng)
    write_outputs(draw, out, seed)
    return draw


def _superseded(survey: Survey, t: BodyTruth, seed: int, fam: Family, used: set[str]) -> list[FileOut]:
    """An earlier reply with some figures wrong, later replaced (its file is superseded)."""
    old = copy.deepcopy(t)
    r = _rng(seed, "old", t.body.code)
    for a in old.answers.values():
        if a.status == "reported" and isinstance(a.value, int) and not isinstance(a.value, bool) and r.random() < 0.4:
            a.value = max(0, a.value + r.choice([-1, 1]) * r.randint(1, max(1, a.value // 5)))
    old.reply_date = (t.reply_date or survey.sent) - dt.timedelta(days=r.randint(3, 12))
    ctx = _make_ctx(survey, old, seed, "old")
    ctx.date = old.reply_date
    files = render_reply(ctx, fam, "pdf", used)
    for f in files:
        f.outcome = "superseded"
        f.options["old_date"] = old.reply_date
    return files


def _mark_correction(doc: Doc, old: FileOut, ctx: Ctx) -> None:
    """Say in the new letter that it replaces the earlier one."""
    when = fmt_date(old.options["old_date"], "%d %B %Y")
    text = ctx.rng.choice([f"This letter replaces our response of {when}, which contained errors in some figures. "
                           "Please disregard the earlier response.",
                           f"CORRECTED RESPONSE: this supersedes the reply we sent on {when}.",
                           f"Please note that this response corrects and replaces our letter dated {when}."])
    doc.blocks.insert(min(3, len(doc.blocks)), Para(text, bold=True, gap=3))
