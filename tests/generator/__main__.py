"""Command line: python -m tests.generator SURVEY_YAML --seed N --n 200 --out DIR [--families a,b] [--kinds pdf,csv]."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from .families import FAMILIES
from .generate import generate


def main(argv: list[str] | None = None) -> int:
    """Generate one draw and print a one-line summary per family and kind."""
    ap = argparse.ArgumentParser(prog="python -m tests.generator", description=__doc__)
    ap.add_argument("survey", help="survey.yaml (or its folder)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--n", type=int, default=200, help="bodies to draw (capped at the survey's list)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--families", help=f"comma-separated subset of: {','.join(FAMILIES)}")
    ap.add_argument("--kinds", help="comma-separated subset of: pdf,scan,csv,xlsx,xls")
    a = ap.parse_args(argv)
    fams = a.families.split(",") if a.families else None
    bad = [f for f in fams or [] if f not in FAMILIES]
    if bad:
        ap.error(f"unknown families: {bad}")
    t0 = time.time()
    draw = generate(a.survey, a.seed, a.n, a.out, fams, a.kinds.split(",") if a.kinds else None)
    resp = Counter(t.response for t in draw.truths)
    print(f"{len(draw.truths)} bodies {dict(resp)}; {len(draw.files)} files in {time.time() - t0:.1f}s -> {a.out}")
    print("families:", dict(sorted(Counter(f.family for f in draw.files).items())))
    print("kinds:", dict(sorted(Counter(f.kind for f in draw.files).items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
