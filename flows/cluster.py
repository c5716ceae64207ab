"""Files -> results on a running Dask cluster through prefect-dask: one Prefect task per file.

(Not named dask.py: Prefect runs flows/run.py with flows/ on sys.path, where a dask.py would hide Dask.)

The flow stays the one writer: Dask workers only read and extract, their results come back to the flow, which
loads them in one transaction as with the process pool. A worker that dies mid-file loses nothing: the scheduler
runs that file's task again on another worker, and a task the scheduler gave up on (cancelled, or its worker
killed too often) is submitted once more, then read in the flow itself.
"""

from __future__ import annotations

import os
import tempfile
from asyncio import CancelledError
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError as FutureCancelled
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from distributed import KilledWorker
from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext, TaskRunContext
from prefect.futures import PrefectFuture
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect_dask import DaskTaskRunner

from extractors.ingest.inventory import InventoryItem, store_path
from extractors.per_file import FileResult, file_to_result
from flows.context import Context
from flows.pool import Mapper, ProcessOne

Progress = Callable[[str], None]
FILE_MODES = ("path", "bytes")
# the scheduler lost the task, not the file's own failure (a forgotten future raises the concurrent.futures kind)
LOST = (CancelledError, FutureCancelled, KilledWorker)


def dask_address(given: str | None = None) -> str | None:
    """Given the --dask option (if any), return the scheduler address to use: it, else FOI_DASK_ADDRESS."""
    return given or os.environ.get("FOI_DASK_ADDRESS") or None


def files_mode(given: str | None = None) -> str:
    """Given the --dask-files option (if any), return how files reach workers: 'path' (shared store) or 'bytes'."""
    mode = given or os.environ.get("FOI_DASK_FILES") or "path"
    if mode not in FILE_MODES:
        raise ValueError(f"FOI_DASK_FILES must be 'path' or 'bytes', not '{mode}'")
    return mode


def task_runner(address: str | None) -> DaskTaskRunner | None:
    """Given a scheduler address (or None), return Prefect's task runner for that running Dask cluster."""
    return DaskTaskRunner(address=address) if address else None


def read_sent_file(context: Context, item: InventoryItem, data: bytes) -> FileResult:
    """Given a file's bytes (for a worker that cannot see the store), return its result."""
    with tempfile.TemporaryDirectory(prefix="foi-file-") as folder:
        path = store_path(Path(folder), item.sha256)
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
        return file_to_result(item, path, context.survey, context.tracker, context.register, context.surveyed,
                              ocr_cache=Path(tempfile.gettempdir()) / "foi-ocr")


@task(name="read-file", cache_policy=NO_CACHE)
def read_file_task(context: Context, item: InventoryItem, process_one: ProcessOne, data: bytes | None) -> FileResult:
    """Read, identify and extract one file on a Dask worker."""
    return process_one(context, item) if data is None else read_sent_file(context, item, data)


def api_url() -> str | None:
    """Return the Prefect API this flow reports to, so that Dask workers report their task runs there too."""
    if PREFECT_API_URL.value():
        return PREFECT_API_URL.value()
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the temporary server `foi run` started for this flow, if any
    return server.api_url if server.running else None


@contextmanager
def sendable_context(url: str | None) -> Iterator[None]:
    """While tasks are submitted, send workers the API URL but not the callers' parameters (callbacks, engines).

    Prefect serializes the flow's and the enclosing task's parameters with every task it sends to Dask; the
    progress bar and the warehouse engine cannot be pickled, and the workers need neither.
    """
    flow_context = FlowRunContext.get()
    parameters, flow_context.parameters = flow_context.parameters, {}
    token = TaskRunContext.__var__.set(None)
    try:
        with temporary_settings({PREFECT_API_URL: url} if url else {}):
            yield
    finally:
        TaskRunContext.__var__.reset(token)
        flow_context.parameters = parameters


def submit_files(context: Context, items: list[InventoryItem], process_one: ProcessOne,
                 send: bool) -> list[PrefectFuture]:
    """Given files, return one submitted Dask task per file (the survey context scattered once to every worker)."""
    client = FlowRunContext.get().task_runner.client
    shared = client.scatter(context, broadcast=True, hash=False)  # the register goes once, not with every file
    with sendable_context(api_url()):
        return [read_file_task.submit(shared, item, process_one,
                                      store_path(context.store, item.sha256).read_bytes() if send else None)
                for item in items]


def result_or_again(context: Context, item: InventoryItem, future: PrefectFuture, process_one: ProcessOne,
                    send: bool) -> FileResult:
    """Given a file's task, return its result; a task the cluster lost is sent once more, then read here."""
    try:
        return future.result()
    except LOST:
        pass
    try:
        return submit_files(context, [item], process_one, send)[0].result()
    except LOST:
        return process_one(context, item)  # the flow sees the store: the file is never lost with the cluster


def map_on_dask(context: Context, items: list[InventoryItem], process_one: ProcessOne, progress: Progress | None,
                mode: str = "path") -> list[FileResult]:
    """Given files, return their results read on the flow's Dask cluster, one task per file, in order."""
    send = mode == "bytes"
    futures = submit_files(context, items, process_one, send)
    found = []
    for item, future in zip(items, futures, strict=True):
        found.append(result_or_again(context, item, future, process_one, send))
        if progress:
            progress(item.source_file)
    return found


def flow_mapper(files: str | None = None) -> Mapper | None:
    """Given how files reach workers, return map_on_dask when the flow's task runner is Dask; None otherwise."""
    context = FlowRunContext.get()
    if context is None or not isinstance(context.task_runner, DaskTaskRunner):
        return None  # the process pool
    return partial(map_on_dask, mode=files_mode(files))
