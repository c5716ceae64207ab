"""Files -> results across cores: a pool of worker processes, each file under a time budget.

Pebble's process pool (not concurrent.futures, which cannot stop a stuck worker) ends a worker that is past the
file's budget and starts a fresh one; the file goes to review with the reason and the run goes on. A worker that
dies (a reader's crash, memory exhausted under the worker's memory limit) is replaced the same way.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from pebble import ProcessExpired, ProcessPool

from extractors.ingest.inventory import InventoryItem
from extractors.limits import size_in_words
from extractors.per_file import FileResult, set_aside
from flows.context import Context, survey_to_context

Progress = Callable[[str], None]
ProcessOne = Callable[[Context, InventoryItem], FileResult]
# Another way to read files (a Dask cluster): given the context, the files, process_one and progress, the results.
Mapper = Callable[[Context, list[InventoryItem], ProcessOne, "Progress | None"], list[FileResult]]

_WORKER: tuple[Context, ProcessOne] | None = None


def default_workers() -> int:
    """Return how many processes read files: FOI_WORKERS, else one per core (0 reads in the run's own process)."""
    text = os.environ.get("FOI_WORKERS", "").strip()
    return max(0, int(text)) if text else max(1, os.cpu_count() or 1)


def _start_worker(survey_dir: Path, process_one: ProcessOne, memory: int) -> None:
    """Build the context once in each worker process, and cap the memory the worker may hold."""
    global _WORKER
    resource.setrlimit(resource.RLIMIT_DATA, (memory, resource.getrlimit(resource.RLIMIT_DATA)[1]))
    _WORKER = (survey_to_context(survey_dir), process_one)


def _process_in_worker(item: InventoryItem) -> FileResult:
    """Process one file in a worker process."""
    assert _WORKER is not None
    context, process_one = _WORKER
    return process_one(context, item)


def stopped(item: InventoryItem, reason: str, context: Context) -> FileResult:
    """Given a file whose reading was stopped and why, return it for review, its council judged from its name."""
    return set_aside(FileResult(item), reason, context.tracker, context.register, context.surveyed, "needs_review")


def collect(future: object, item: InventoryItem, context: Context) -> FileResult:
    """Given a scheduled file's future, return its result, or why it was stopped."""
    limits = context.limits
    try:
        return future.result()
    except FutureTimeout:
        return stopped(item, f"reading took longer than the {limits.seconds:g} s a file may take (FOI_FILE_SECONDS); "
                             "stopped, the run went on", context)
    except ProcessExpired as exc:
        return stopped(item, f"the reader stopped unexpectedly (exit code {exc.exitcode}; memory limit "
                             f"{size_in_words(limits.memory_bytes)}, FOI_WORKER_MEMORY); the run went on", context)
    except Exception as exc:  # a failure in the worker that the stage did not turn into a reason
        return stopped(item, f"reading failed ({exc.__class__.__name__}); the run went on", context)


def map_in_process(context: Context, items: list[InventoryItem], process_one: ProcessOne,
                   progress: Progress | None) -> list[FileResult]:
    """Given files, return their results read one by one in this process (no time budget: for tests and tools)."""
    found = []
    for item in items:
        found.append(process_one(context, item))
        if progress:
            progress(item.source_file)
    return found


def map_files(context: Context, items: list[InventoryItem], process_one: ProcessOne, progress: Progress | None,
              workers: int) -> list[FileResult]:
    """Given files, return their results from a pool of `workers` processes, each file under the time budget."""
    if workers <= 0 or not items:
        return map_in_process(context, items, process_one, progress)
    # forkserver: never fork a parent that runs Prefect's threads; workers build their own context once.
    limits = context.limits
    with ProcessPool(min(workers, len(items)), initializer=_start_worker,
                     initargs=(context.survey_dir, process_one, limits.memory_bytes),
                     context=multiprocessing.get_context("forkserver")) as pool:
        futures = [pool.schedule(_process_in_worker, (item,), timeout=limits.seconds) for item in items]
        found = []
        for item, future in zip(items, futures, strict=True):
            found.append(collect(future, item, context))
            if progress:
                progress(item.source_file)
        return found
