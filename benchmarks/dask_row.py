"""Benchmark row: a survey read on a Dask scheduler and two single-threaded workers started on this machine.

All three runs of the row report to one Prefect server started for it (as a team's would be), so that the workers'
task-run records reach a live server: the process pool's full run, then Dask on fresh workers, then Dask warm.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
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

    work.mkdir(parents=True, exist_ok=True)
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


@contextmanager
def prefect_server(work: Path) -> Iterator[None]:
    """Given a folder, run a Prefect server on loopback and point PREFECT_API_URL at it while the block runs."""
    port = free_port()
    os.environ.update({"PREFECT_HOME": str(work / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
    server = start([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                   work / "prefect-server.log")
    api = f"http://127.0.0.1:{port}/api"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{api}/health", timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        os.environ["PREFECT_API_URL"] = api
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        stop(server)


def full_run_seconds(folder: Path, *options: str) -> float:
    """Given a survey folder (and options, e.g. --dask ADDRESS), return the seconds `foi run --full` takes."""
    started = time.perf_counter()
    done = subprocess.run([str(BIN / "foi"), "run", str(folder), "--full", *options], capture_output=True,
                          text=True, env={**os.environ})
    if done.returncode != 0:
        raise SystemExit(f"foi run {' '.join(options)} failed on {folder}: {done.stdout[-500:]}{done.stderr[-500:]}")
    return time.perf_counter() - started


def dask_row(folder: Path, work: Path) -> dict:
    """Given a survey, return the seconds of full runs in the process pool, on fresh Dask workers, then warm."""
    work.mkdir(parents=True, exist_ok=True)
    with prefect_server(work):
        pool = full_run_seconds(folder)
        with local_cluster(work) as address:
            cold = full_run_seconds(folder, "--dask", address)
            warm = full_run_seconds(folder, "--dask", address)
    return {"pool": pool, "cold": cold, "warm": warm}
