"""Write the draw's survey.yaml, tracker.csv and truth/ (answers, councils, files)."""

from __future__ import annotations

import csv
import datetime as dt
import random
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from .truth import value_str

if TYPE_CHECKING:
    from .generate import Draw

TRACKER_COLS = [["council", "request_ref", "date_sent", "date_due", "date_replied", "status", "notes"],
                ["Council", "Ref", "Sent", "Due", "Replied", "Status", "Notes"],
                ["Authority", "Our reference", "Date sent", "Date due", "Date of reply", "Outcome", "Comments"]]
DATE_FMTS = ["%d/%m/%Y", "%d/%m/%Y", "%Y-%m-%d", "%d %b %Y"]


def _due(d: dt.date) -> dt.date:
    n = 0
    while n < 20:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            n += 1
    return d


def write_outputs(draw: Draw, out: Path, seed: int) -> None:
    """All the CSVs of a draw, plus the copied survey.yaml."""
    s = draw.survey
    shutil.copyfile(s.path, out / "survey.yaml")
    truth = out / "truth"
    truth.mkdir(exist_ok=True)
    with open(truth / "answers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["council_code", "question_key", "period", "value", "status"])
        for t in draw.truths:
            if t.response == "no_reply":
                continue
            for k in s.keys:
                a = t.answers[k.key]
                w.writerow([t.body.code, k.key, k.period,
                            value_str(k.question.type, a.value) if a.status == "reported" else "", a.status])
    with open(truth / "councils.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["council_code", "council_name", "response_status", "reply_date", "superseded_files"])
        for t in draw.truths:
            w.writerow([t.body.code, t.body.name, t.response, t.reply_date.isoformat() if t.reply_date else "",
                        ";".join(draw.superseded.get(t.body.code, []))])
    with open(truth / "files.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["file", "council_codes", "kind", "style_family", "expected_outcome", "answer_keys"])
        for fo in draw.files:
            keys = "all" if fo.keys is None else (";".join(fo.keys) or "-")
            w.writerow([fo.name, ";".join(fo.codes), fo.kind, fo.family, fo.outcome, keys])
    _tracker(draw, out, random.Random(f"{seed}:tracker"))


def _tracker(draw: Draw, out: Path, rng: random.Random) -> None:
    s = draw.survey
    cols = TRACKER_COLS[0] if rng.random() < 0.7 else rng.choice(TRACKER_COLS[1:])
    fmt = DATE_FMTS[0] if rng.random() < 0.7 else rng.choice(DATE_FMTS)
    data_only = {c for fo in draw.files for c in fo.codes if fo.kind in ("csv", "xlsx", "xls")}
    lettered = {c for fo in draw.files for c in fo.codes if fo.kind in ("pdf", "scan")}
    with open(out / "tracker.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for t in draw.truths:
            b = t.body
            name = rng.choice([b.nice, b.nice, b.name] + b.aliases[:2])
            sent, due = s.sent, _due(s.sent)
            if t.response == "no_reply":
                ref = t.ref if rng.random() < 0.4 else ""
                w.writerow([name, ref, sent.strftime(fmt), due.strftime(fmt), "", "No response", ""])
                continue
            replied = t.reply_date
            if b.code in lettered and b.code not in data_only and rng.random() < 0.1:
                replied = replied + dt.timedelta(days=rng.randint(1, 3))  # logged a little later
            status = {"replied": "Response received", "partial": rng.choice(["Partial response", "Response received"]),
                      "refused": rng.choice(["Refused (s12)", "Refused"])}[t.response]
            note = "late" if replied > due else ""
            w.writerow([name, t.ref, sent.strftime(fmt), due.strftime(fmt), replied.strftime(fmt), status, note])
