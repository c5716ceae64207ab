"""Generate a fresh draw, run the pipeline on it through `foi run`, and score what it published.

    python -m tests.generator.evaluate --survey SURVEY_YAML --seed N --n 200 [--keep DIR] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .generate import generate
from .score import metrics, report, score

ROOT = Path(__file__).resolve().parents[2]
FOI = ROOT / ".venv" / "bin" / "foi"


def run_pipeline(draw: Path, out: Path, timeout: float) -> tuple[int, str]:
    """Run `foi run DRAW --out OUT`; (exit status, tail of its output)."""
    env = dict(os.environ)
    env.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    cmd = [str(FOI), "run", str(draw), "--out", str(out)]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return 124, f"timed out after {timeout:.0f}s"
    return p.returncode, (p.stdout + p.stderr)[-3000:]


def main(argv: list[str] | None = None) -> int:
    """Generate, run, score and print the scorecard."""
    ap = argparse.ArgumentParser(prog="python -m tests.generator.evaluate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--survey", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--keep", help="keep the draw (and the pipeline's output) in this folder")
    ap.add_argument("--json", help="write the metrics to this JSON file")
    ap.add_argument("--families")
    ap.add_argument("--kinds")
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("--retries", type=int, default=1, help="run `foi run` again this many times if it fails")
    a = ap.parse_args(argv)
    base = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="foi-eval-"))
    if base.exists() and a.keep:
        shutil.rmtree(base)
    draw, truth = base / "survey", base / "truth"
    out = draw / "out"
    t0 = time.time()
    generate(a.survey, a.seed, a.n, draw, a.families.split(",") if a.families else None,
             a.kinds.split(",") if a.kinds else None)
    shutil.move(str(draw / "truth"), truth)  # the pipeline never sees the truth
    t1 = time.time()
    print(f"generated {a.n} bodies (seed {a.seed}) in {t1 - t0:.1f}s -> {draw}")
    code, tail = run_pipeline(draw, out, a.timeout)
    for attempt in range(a.retries):
        if code == 0:
            break
        print(f"foi run exited {code}; last lines:\n{tail[-600:]}\nretrying ({attempt + 1}/{a.retries}) ...")
        shutil.rmtree(out, ignore_errors=True)
        code, tail = run_pipeline(draw, out, a.timeout)
    t2 = time.time()
    print(f"foi run exited {code} after {t2 - t1:.1f}s")
    if code != 0:
        print(tail, file=sys.stderr)
        return 2
    sc = score(out, truth, truth / "files.csv")
    print(report(sc, a.show))
    print(f"\nscore: precision={sc.precision:.3f} recall={sc.recall:.3f} status_acc={sc.status_acc:.3f} "
          f"council_status_acc={sc.council_status_acc:.3f} coverage={sc.coverage:.3f}")
    if a.json:
        Path(a.json).write_text(json.dumps({"seed": a.seed, "n": a.n, "survey": a.survey,
                                            "generate_s": t1 - t0, "pipeline_s": t2 - t1, **metrics(sc)}, indent=2))
    if not a.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
