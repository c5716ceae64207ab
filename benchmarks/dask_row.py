"""Benchmark row: a survey read on a Dask scheduler and two single-threaded workers started on this machine.

On one machine Dask only adds overhead (a task per file, results sent back, Prefect's task-run records from
each worker); the row says how much, against the process pool's full run of the same survey.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(command: list[str], log: Path) -> subprocess.Popen:
    """Given a command, start it in a process group of its own, its output in LOG."""
    with log.open("ab") as handle:
        return subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, "OMP_THREAD_LIMIT": "1"})


def stop(process: subprocess.Popen, grace: float = 5.0) -> None:
    """Given a started process, stop its whole group: SIGTERM, then SIGKILL after the grace period."""
    for signum in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, signum)
            process.wait(timeout=grace)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass


@contextmanager
def local_cluster(work: Path, workers: int = 2) -> Iterator[str]:
    """Given a folder for logs, run a Dask scheduler and WORKERS workers on loopback; yield the address."""
    from distributed import Client

    address = f"tcp://127.0.0.1:{free_port()}"
    started = [start([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                      "--no-dashboard"], work / "scheduler.log")]
    try:
        started += [start([str(BIN / "dask"), "worker", address, "--nthreads", "1", "--host", "127.0.0.1",
                           "--no-dashboard", "--name", f"worker-{n}", "--local-directory", str(work / f"w{n}")],
                          work / f"worker-{n}.log") for n in range(1, workers + 1)]
        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)
        yield address
    finally:
        for process in reversed(started):
            stop(process)


def dask_seconds(folder: Path, address: str) -> float:
    """Given a survey folder and a scheduler, return the seconds `foi run --full --dask` takes on it."""
    started = time.perf_counter()
    done = subprocess.run([str(BIN / "foi"), "run", str(folder), "--full", "--dask", address], capture_output=True,
                          text=True, env={**os.environ})
    if done.returncode != 0:
        raise SystemExit(f"foi run --dask failed on {folder}: {done.stdout[-500:]}{done.stderr[-500:]}")
    return time.perf_counter() - started


def dask_row(folder: Path, work: Path) -> dict:
    """Given a survey already run once, return the seconds of a full run on a fresh cluster, then again warm."""
    work.mkdir(parents=True, exist_ok=True)
    with local_cluster(work) as address:
        cold = dask_seconds(folder, address)
        warm = dask_seconds(folder, address)
    return {"cold": cold, "warm": warm}
