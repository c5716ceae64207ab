"""Files -> results across cores: a process pool whose workers each build the run's context once."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from extractors.ingest.inventory import InventoryItem
from extractors.per_file import FileResult
from flows.context import Context, survey_to_context

Progress = Callable[[str], None]
ProcessOne = Callable[[Context, InventoryItem], FileResult]

_WORKER: tuple[Context, ProcessOne] | None = None


def default_workers() -> int:
    """Return how many processes read files: FOI_WORKERS, else one per core."""
    return max(1, int(os.environ.get("FOI_WORKERS") or os.cpu_count() or 1))


def _start_worker(survey_dir: Path, process_one: ProcessOne) -> None:
    """Build the context once in each worker process (the register is too big to send with every file)."""
    global _WORKER
    _WORKER = (survey_to_context(survey_dir), process_one)


def _process_in_worker(item: InventoryItem) -> FileResult:
    """Process one file in a worker process."""
    assert _WORKER is not None
    context, process_one = _WORKER
    return process_one(context, item)


def map_files(context: Context, items: list[InventoryItem], process_one: ProcessOne, progress: Progress | None,
              workers: int) -> list[FileResult]:
    """Given files, return their results, in a process pool across cores when there is enough work."""
    if workers <= 1 or len(items) < 2 * workers:
        found = []
        for item in items:
            found.append(process_one(context, item))
            if progress:
                progress(item.source_file)
        return found
    # forkserver: never fork a parent that runs Prefect's threads; workers build their own context once.
    pool_context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(workers, mp_context=pool_context, initializer=_start_worker,
                             initargs=(context.survey_dir, process_one)) as pool:
        found = []
        for item, result in zip(items, pool.map(_process_in_worker, items, chunksize=1), strict=True):
            found.append(result)
            if progress:
                progress(item.source_file)
        return found
