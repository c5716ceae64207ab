"""Benchmark: full and no-change runs on surveys built from the example replies at x1, x5 and x20 the files.

Prints, per size: files, pages, seconds for a full run, seconds for a no-change re-run, pages per second,
the bare pdfplumber parse time of the same PDFs (the floor) and the ratios the targets are stated in:
  full run <= 1.5 x floor + 10 s start-up; no-change re-run < 10 s; x20 in < 22 x the x1 time; peak RSS < 1 GiB.
Then the x1 survey on a Dask scheduler and two workers started here (benchmarks/dask_row.py), and real-size
replies (benchmarks/real_rows.py): a seven-sheet return read in < 2 s, a long CSV at n and 4n rows (time ratio ~4),
long PDFs whose whole run is <= 1.5 x their bare parse + start-up.
Run with `make bench` (or `.venv/bin/python benchmarks/run.py 1 5 20`; `... run.py real` for the real-size rows alone).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.dask_row import dask_row  # noqa: E402
from benchmarks.real_rows import print_real_rows  # noqa: E402
from benchmarks.scaled_survey import make_scaled_survey  # noqa: E402

EXAMPLE = ROOT / "examples" / "rhi-2026"
FOI = str(Path(sys.executable).parent / "foi")


def bare_parse_seconds(pdfs: list[Path]) -> tuple[float, int]:
    """Given PDFs, return the seconds pdfplumber alone takes to read their text and tables, and the pages."""
    started, pages = time.perf_counter(), 0
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
                page.find_tables()
                pages += 1
    return time.perf_counter() - started, pages


def timed_run(folder: Path) -> float:
    """Given a survey folder, run `foi run` on it as a separate process and return the seconds it took."""
    started = time.perf_counter()
    done = subprocess.run([FOI, "run", str(folder)], capture_output=True, text=True, env={**os.environ})
    if done.returncode != 0:
        raise SystemExit(f"foi run failed on {folder}: {done.stderr[-500:]}")
    return time.perf_counter() - started


def startup_seconds(folder: Path) -> float:
    """Given an empty survey folder, return the fixed cost of a run (Prefect, imports, publishing)."""
    (folder / "replies").mkdir(parents=True, exist_ok=True)
    for name in ("survey.yaml", "tracker.csv"):
        (folder / name).write_bytes((EXAMPLE / name).read_bytes())
    return timed_run(folder)


def peak_rss_mib() -> float:
    """Return the largest resident set of any finished child process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def measure(factor: int, work: Path) -> dict:
    """Given a size factor, build that survey, run it twice and return the figures."""
    folder = make_scaled_survey(EXAMPLE, work / f"x{factor}", factor)
    files = sorted((folder / "replies").iterdir())
    floor, pages = bare_parse_seconds([p for p in files if p.suffix.lower() == ".pdf"])
    full = timed_run(folder)
    again = timed_run(folder)
    return {"factor": factor, "files": len(files), "pages": pages, "full": full, "again": again, "floor": floor,
            "rss": peak_rss_mib()}


def print_dask_row(row: dict, work: Path) -> None:
    """Given the first size's row, run that survey on a local Dask cluster and print it against the process pool."""
    found = dask_row(work / f"x{row['factor']}", work / "dask")
    print(f"{'dask':>5} {row['files']:>6} {row['pages']:>6} {found['warm']:>8.1f}   x{row['factor']} full runs with a "
          f"Prefect server: process pool {found['pool']:.1f} s; a scheduler and 2 workers here "
          f"{found['cold']:.1f} s fresh, {found['warm']:.1f} s warm ({found['warm'] - found['pool']:+.1f} s)")


def main(factors: list[int]) -> None:
    """Run the benchmark for each size and print the table and the ratios."""
    with tempfile.TemporaryDirectory(prefix="foi-bench-") as tmp:
        work = Path(tmp)
        startup = startup_seconds(work / "empty")
        print(f"cores: {os.cpu_count()}  workers: {os.environ.get('FOI_WORKERS') or os.cpu_count()}  "
              f"fixed start-up (empty survey): {startup:.1f} s")
        header = (f"{'size':>5} {'files':>6} {'pages':>6} {'full s':>8} {'re-run s':>9} {'pages/s':>8} "
                  f"{'floor s':>8} {'full/floor':>10} {'(full-startup)/floor':>21} {'peak RSS MiB':>13}")
        print(header)
        rows = []
        for factor in factors:
            row = measure(factor, work)
            rows.append(row)
            print(f"{'x' + str(factor):>5} {row['files']:>6} {row['pages']:>6} {row['full']:>8.1f} "
                  f"{row['again']:>9.1f} {row['pages'] / row['full']:>8.1f} {row['floor']:>8.1f} "
                  f"{row['full'] / row['floor']:>10.2f} {(row['full'] - startup) / row['floor']:>21.2f} "
                  f"{row['rss']:>13.0f}")
        print_dask_row(rows[0], work)
        print_real_rows(EXAMPLE, work, startup, bare_parse_seconds, timed_run)
        if len(rows) > 1:
            first, last = rows[0], rows[-1]
            growth = (last["full"] - startup) / max(first["full"] - startup, 1e-9)
            print(f"growth: x{last['factor']} the files took {last['full'] / first['full']:.1f}x the time "
                  f"({growth:.1f}x after start-up); target < {1.1 * last['factor']:.0f}x")


def main_real() -> None:
    """Print the start-up and the real-size rows alone (`benchmarks/run.py real`)."""
    with tempfile.TemporaryDirectory(prefix="foi-bench-") as tmp:
        startup = startup_seconds(Path(tmp) / "empty")
        print(f"fixed start-up (empty survey): {startup:.1f} s")
        print_real_rows(EXAMPLE, Path(tmp), startup, bare_parse_seconds, timed_run)


if __name__ == "__main__":
    if sys.argv[1:] == ["real"]:
        main_real()
    else:
        main([int(a) for a in sys.argv[1:]] or [1, 5, 20])
