"""Fresh replies from the generator, read by the whole plain run: the fixed-seed sample that gates CI.

The draws are made by tests/generator (which never imports the pipeline) on both bundled surveys. The gates are
the figures these fixed seeds reach now, so that a change that loses accuracy fails; `make eval` draws larger,
fresh samples and prints the breakdown by layout family and file kind.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.pipeline import run_survey
from tests.generator.generate import generate
from tests.generator.score import report, score

ROOT = Path(__file__).resolve().parent.parent
# survey, seed, replies drawn, and the precision and recall that draw must keep
SAMPLES = [
    ("rhi-2026", 7, 24, 0.998, 0.96),
    ("ta-2026", 7, 16, 0.998, 0.95),
]


@pytest.mark.parametrize(("survey", "seed", "n", "min_precision", "min_recall"), SAMPLES)
def test_fixed_seed_draw_is_read_accurately(tmp_path: Path, survey: str, seed: int, n: int, min_precision: float,
                                            min_recall: float):
    draw = tmp_path / "draw"
    generate(ROOT / "examples" / survey / "survey.yaml", seed, n, draw, kinds=["pdf", "csv", "xlsx", "xls"])
    truth = tmp_path / "truth"
    (draw / "truth").rename(truth)
    run_survey(draw, f"sqlite:///{tmp_path / 'w.sqlite'}", draw / "out", workers=2)
    result = score(draw / "out", truth)
    print(f"\n{survey} seed {seed}:\n{report(result, show=10)}")
    assert result.precision >= min_precision, report(result, show=20)
    assert result.recall >= min_recall, report(result, show=20)
