"""Score a pipeline's published answers against a draw's truth (same metrics as the project's shared scorer)."""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

NUMBER = re.compile(r"[+-]?\d+(\.0+)?")


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        return [{(k or "").strip().lower(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]


def comparable(v: str) -> int | str:
    """Whole numbers compare as integers ('1,204' == '1204.0'); anything else as lower-case text."""
    s = (v or "").strip()
    bare = s.replace(",", "").replace(" ", "")
    return int(float(bare)) if NUMBER.fullmatch(bare) else s.lower()


@dataclass
class Group:
    """Counts for one breakdown group."""

    pairs: int = 0
    status_ok: int = 0
    true_rep: int = 0
    correct: int = 0
    pub_rep: int = 0

    def row(self) -> dict:
        """Rates for printing."""
        def r(a: int, b: int) -> float | None:
            return a / b if b else None
        return {"pairs": self.pairs, "true_reported": self.true_rep, "recall": r(self.correct, self.true_rep),
                "published_reported": self.pub_rep, "precision": r(self.correct, self.pub_rep),
                "status_acc": r(self.status_ok, self.pairs)}


@dataclass
class Score:
    """Headline metrics, breakdowns and error lists."""

    precision: float
    recall: float
    status_acc: float
    council_status_acc: float
    coverage: float
    counts: dict
    by_family: dict[str, Group] = field(default_factory=dict)
    by_kind: dict[str, Group] = field(default_factory=dict)
    errors: list[tuple] = field(default_factory=list)


def _find_truth(p: Path) -> Path:
    for c in (p, p / "truth", p / "expected"):
        if (c / "answers.csv").exists() and (c / "councils.csv").exists():
            return c
    raise FileNotFoundError(f"no answers.csv + councils.csv under {p}")


def score(output: Path, truth_dir: Path, files_csv: Path | None = None) -> Score:
    """Compare output/answers.csv and output/comparison.csv with the truth."""
    tdir = _find_truth(Path(truth_dir))
    truth = {(r["council_code"].upper(), r["question_key"].lower()): (r["status"].lower(), comparable(r["value"]))
             for r in _rows(tdir / "answers.csv")}
    alt = {}
    if (tdir / "answers_if_read.csv").exists():
        alt = {(r["council_code"].upper(), r["question_key"].lower()): (r["status"].lower(), comparable(r["value"]))
               for r in _rows(tdir / "answers_if_read.csv")}
    t_status = {r["council_code"].upper(): r["response_status"].lower() for r in _rows(tdir / "councils.csv")}
    out = Path(output)
    pub: dict[tuple[str, str], tuple[str, int | str]] = {}
    for r in _rows(out / "answers.csv") if (out / "answers.csv").exists() else []:
        k = (r.get("council_code", "").upper(), r.get("question_key", "").lower())
        pub.setdefault(k, (r.get("status", "").lower(), comparable(r.get("value", ""))))
    p_status: dict[str, str] = {}
    for r in _rows(out / "comparison.csv") if (out / "comparison.csv").exists() else []:
        p_status.setdefault(r.get("council_code", "").upper(), r.get("response_status", "").lower())

    published = [k for k, (s, _) in pub.items() if s == "reported"]
    right = {k for k in published if truth.get(k, ("",))[0] == "reported" and truth[k][1] == pub[k][1]}
    right_alt = {k for k in published if k in truth and truth[k][0] != "reported" and alt.get(k) == pub[k]}
    true_rep = [k for k, (s, _) in truth.items() if s == "reported"]
    st_ok = sum(1 for k, (s, _) in truth.items()
                if k in pub and (pub[k][0] == s or (k in alt and pub[k][0] == alt[k][0])))
    sc = Score(precision=(len(right) + len(right_alt)) / len(published) if published else 1.0,
               recall=len(right) / len(true_rep) if true_rep else 1.0,
               status_acc=st_ok / len(truth) if truth else 1.0,
               council_status_acc=sum(p_status.get(c) == s for c, s in t_status.items()) / len(t_status)
               if t_status else float("nan"),
               coverage=sum(c in p_status for c in t_status) / len(t_status) if t_status else float("nan"),
               counts={"correct": len(right) + len(right_alt), "published_reported": len(published),
                       "true_reported": len(true_rep), "pairs": len(truth), "councils": len(t_status),
                       "status_ok": st_ok})
    fpath = Path(files_csv) if files_csv else tdir / "files.csv"
    where: dict[tuple[str, str], tuple[str, str, str]] = {}
    if fpath.exists():
        keys_of = defaultdict(set)
        for c, key in truth:
            keys_of[c].add(key)
        for r in _rows(fpath):
            if r.get("expected_outcome", "").startswith(("superseded", "duplicate")):
                continue
            ks = r.get("answer_keys", "all")
            for code in r["council_codes"].split(";"):
                code = code.upper()
                for key in (sorted(keys_of[code]) if ks in ("", "all") else ks.split(";")):
                    where[(code, key.lower())] = (r.get("style_family", ""), r.get("kind", ""), r["file"])
    for idx, target in ((0, sc.by_family), (1, sc.by_kind)):
        for k, (s, _) in truth.items():
            if k not in where:
                continue
            g = target.setdefault(where[k][idx], Group())
            g.pairs += 1
            g.status_ok += k in pub and pub[k][0] == s
            if s == "reported":
                g.true_rep += 1
                g.correct += k in right
            g.pub_rep += k in pub and pub[k][0] == "reported"
    sc.errors = _errors(truth, pub, right | right_alt, where)
    return sc


def _errors(truth: dict, pub: dict, right: set, where: dict) -> list[tuple]:
    """(severity, -gap, council, key, published, truth, file), worst first: wrong values (biggest gap first),
    false reports, missed values, wrong statuses."""
    errs = []
    for k, (s, v) in pub.items():
        if s != "reported" or k in right:
            continue
        t = truth.get(k)
        if t is None:
            continue
        sev = 0 if t[0] == "reported" else 1
        gap = abs(v - t[1]) if isinstance(v, int) and isinstance(t[1], int) else 0
        errs.append((sev, -gap, k[0], k[1], f"reported {v!r}", f"{t[0]} {t[1]!r}" if t[0] == "reported" else t[0],
                     where.get(k, ("", "", ""))[2]))
    for k, (s, v) in truth.items():
        got = pub.get(k)
        if s == "reported" and k not in right and (got is None or got[0] != "reported"):
            errs.append((2, 0, k[0], k[1], got[0] if got else "(missing)", f"reported {v!r}",
                         where.get(k, ("",) * 3)[2]))
        elif s != "reported" and got and got[0] != s and got[0] != "reported":
            errs.append((3, 0, k[0], k[1], got[0], s, where.get(k, ("",) * 3)[2]))
    return sorted(errs)


def _f(x: float | None) -> str:
    return "  n/a" if x is None or x != x else f"{x:.3f}"


def table(title: str, groups: dict[str, Group]) -> list[str]:
    """A printable breakdown table."""
    lines = [title, f"  {'group':26s} {'pairs':>6s} {'true_rep':>8s} {'recall':>7s} {'pub_rep':>7s} {'precision':>9s} "
                    f"{'status':>7s}"]
    for name in sorted(groups):
        r = groups[name].row()
        lines.append(f"  {name:26s} {r['pairs']:6d} {r['true_reported']:8d} {_f(r['recall']):>7s} "
                     f"{r['published_reported']:7d} {_f(r['precision']):>9s} {_f(r['status_acc']):>7s}")
    return lines


def report(sc: Score, show: int = 15) -> str:
    """The whole scorecard as text."""
    c = sc.counts
    out = [f"precision          {sc.precision:.3f}  ({c['correct']} / {c['published_reported']})",
           f"recall             {sc.recall:.3f}  (of {c['true_reported']} true reported)",
           f"status accuracy    {sc.status_acc:.3f}  ({c['status_ok']} / {c['pairs']})",
           f"council status     {sc.council_status_acc:.3f}  ({c['councils']} councils)",
           f"coverage           {sc.coverage:.3f}", ""]
    out += table("by style family", sc.by_family) + [""] + table("by file kind", sc.by_kind)
    kinds = Counter(e[0] for e in sc.errors)
    names = {0: "wrong value", 1: "reported but truth not reported", 2: "true value missed", 3: "wrong status"}
    out += ["", f"errors: {', '.join(f'{names[k]}: {n}' for k, n in sorted(kinds.items())) or 'none'}",
            f"worst {min(show, len(sc.errors))}:"]
    for sev, _gap, code, key, got, want, file in sc.errors[:show]:
        out.append(f"  [{names[sev]}] {code} {key}: published {got}, truth {want}  <- {file}")
    return "\n".join(out)


def metrics(sc: Score) -> dict:
    """JSON-ready metrics."""
    return {"precision": sc.precision, "recall": sc.recall, "status_acc": sc.status_acc,
            "council_status_acc": sc.council_status_acc, "coverage": sc.coverage, **sc.counts,
            "by_family": {k: g.row() for k, g in sc.by_family.items()},
            "by_kind": {k: g.row() for k, g in sc.by_kind.items()}}
