"""Reading files on a real Dask cluster (a scheduler and two workers on loopback) through prefect-dask."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.pipeline import run_survey

from .conftest import EXAMPLE
from .prefect_server import prefect_env
from .servers import Processes, free_port

pytestmark = pytest.mark.dask
BIN = Path(sys.executable).parent
READ_TASK = "read_file_task"  # the Dask key prefix of the per-file Prefect task


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, prefect_api):
    """A Dask scheduler and two single-threaded workers started on loopback, each in its own process group."""
    from distributed import Client

    work = tmp_path_factory.mktemp("dask")
    address = f"tcp://127.0.0.1:{free_port()}"
    env = {**prefect_env(prefect_api[1], prefect_api[0]), "OMP_THREAD_LIMIT": "1", "PREFECT_LOGGING_LEVEL": "WARNING"}
    with Processes(work / "logs") as processes:
        processes.start("scheduler", [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port",
                                      address.rsplit(":", 1)[1], "--no-dashboard"], env=env)
        for name in ("worker-1", "worker-2"):
            processes.start(name, [str(BIN / "dask"), "worker", address, "--name", name, "--nthreads", "1",
                                   "--host", "127.0.0.1", "--no-dashboard", "--local-directory", str(work / name),
                                   "--death-timeout", "60"], env=env)
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=90)
            yield address, processes, client, env


@pytest.fixture(scope="module")
def pool_run(tmp_path_factory):
    """The example survey read in today's process pool (plain stages), as the publication to compare with."""
    folder = tmp_path_factory.mktemp("dask-survey") / "rhi-2026"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".foi"))
    run_survey(folder, out_dir=folder / "pub-pool", workers=2)
    return folder


def foi_run(folder: Path, out: str, address: str, env: dict, *extra: str) -> subprocess.Popen:
    """Given a survey folder, start `foi run --full --dask ADDRESS` publishing to OUT; return the process."""
    return subprocess.Popen([str(BIN / "foi"), "run", str(folder), "--out", str(folder / out), "--full", "--dask",
                             address, *extra], env={**os.environ, **env, "FOI_WORKERS": "1"},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def same_files(first: Path, second: Path) -> list[str]:
    """Given two publication folders, return the names of the files that differ (or are missing from one)."""
    names = {p.name for p in first.iterdir()} | {p.name for p in second.iterdir()}
    return sorted(n for n in names if not ((first / n).is_file() and (second / n).is_file()
                                           and (first / n).read_bytes() == (second / n).read_bytes()))


def read_tasks_done(client) -> int:  # noqa: ANN001 - a distributed.Client
    """Given a Dask client, return how many per-file read tasks the scheduler has finished so far."""
    counts = client.run_on_scheduler(lambda dask_scheduler: {k: dict(v.state_counts) for k, v in
                                                             dask_scheduler.task_prefixes.items()})
    found = counts.get(READ_TASK, {})
    return found.get("memory", 0) + found.get("forgotten", 0) + found.get("released", 0)


def test_publication_is_byte_identical_to_the_process_pool(cluster, pool_run):
    address, _, client, env = cluster
    done = foi_run(pool_run, "pub-dask", address, env)
    output, _ = done.communicate(timeout=300)
    assert done.returncode == 0, output
    assert "Read and extracted 25 new or changed files" in output, output
    assert read_tasks_done(client) >= 25  # every file was a task on the cluster
    assert same_files(pool_run / "pub-pool", pool_run / "pub-dask") == []


def test_a_worker_killed_mid_run_loses_no_file(cluster, pool_run):
    address, processes, client, env = cluster
    started = time.monotonic()
    done = foi_run(pool_run, "pub-killed", address, {**env, "FOI_DASK_FILES": "bytes"})
    victim = None
    try:
        while victim is None and time.monotonic() - started < 120 and done.poll() is None:
            workers = client.scheduler_info()["workers"]
            busy = [a for a, keys in client.processing().items()
                    if any(str(k).startswith(READ_TASK) for k in keys) and workers.get(a, {}).get("name") == "worker-1"]
            victim = busy[0] if busy else None
            time.sleep(0.05)
        assert victim is not None, "worker-1 never took a file"
        processes.kill("worker-1")  # the worker and its nanny, at once, mid-file
        output, _ = done.communicate(timeout=300)
    finally:
        if done.poll() is None:
            done.send_signal(signal.SIGKILL)
    assert done.returncode == 0, output
    assert "Read and extracted 25 new or changed files" in output, output
    assert len(client.scheduler_info()["workers"]) == 1
    assert same_files(pool_run / "pub-pool", pool_run / "pub-killed") == []
