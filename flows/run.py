"""The Prefect flows: `foi-run` (one survey, behind `foi run`) and `foi-nightly` (every survey under a folder).

`foi-run` is `run_survey` with each stage taken as a task; with a Dask task runner (`--dask`, FOI_DASK_ADDRESS)
it reads files on that cluster. `foi-nightly` starts one `foi-run/survey` flow run per survey folder, so that the
pool's workers share the night's surveys while the warehouse lock keeps each survey single-writer.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prefect import Flow, Task, flow, get_client, task
from prefect.cache_policies import NO_CACHE
from prefect.deployments import run_deployment

from flows.cluster import dask_address, flow_mapper, task_runner
from flows.pipeline import Progress, RunSummary, run_survey

SURVEY_DEPLOYMENT = "foi-run/survey"
_TASKS: dict[str, Task] = {}


def as_task(name: str, stage: Callable[..., Any], *args: Any) -> Any:
    """Given a stage's name, function and arguments, run it as a Prefect task of that name."""
    if name not in _TASKS:
        _TASKS[name] = task(stage, name=name, cache_policy=NO_CACHE)
    return _TASKS[name](*args)


@flow(name="foi-run", log_prints=False, task_runner=task_runner(dask_address()))
def foi_run(survey_dir: str, warehouse_url: str | None = None, out_dir: str | None = None, full: bool = False,
            wait_seconds: float = 0.0, progress: Progress | None = None, dask_files: str | None = None) -> RunSummary:
    """Run the whole pipeline on one survey folder and return the run summary."""
    return run_survey(survey_dir, warehouse_url or os.environ.get("FOI_WAREHOUSE_URL"), out_dir, full=full,
                      wait_seconds=wait_seconds, progress=progress, mapper=flow_mapper(dask_files), step=as_task)


def flow_for(address: str | None) -> Flow:
    """Given a Dask scheduler address (or None), return foi-run reading files there (or in the process pool)."""
    return foi_run.with_options(task_runner=task_runner(address)) if address else foi_run


def survey_folders(root: Path) -> list[Path]:
    """Given a survey folder or a folder of survey folders, return every survey folder, sorted."""
    if (root / "survey.yaml").is_file():
        return [root]
    return sorted(p for p in root.iterdir() if (p / "survey.yaml").is_file()) if root.is_dir() else []


def wait_for_runs(ids: dict[str, Any], hours: float, poll: float = 2.0) -> dict[str, str]:
    """Given flow run ids by survey folder, wait until every run has ended; return each one's final state type."""
    deadline = time.monotonic() + hours * 3600
    with get_client(sync_client=True) as client:
        while True:
            states = {folder: client.read_flow_run(run_id).state for folder, run_id in ids.items()}
            if all(s is not None and s.is_final() for s in states.values()):
                return {folder: s.type.value for folder, s in states.items()}
            if time.monotonic() > deadline:
                waiting = sorted(f for f, s in states.items() if s is None or not s.is_final())
                raise TimeoutError(f"{len(waiting)} surveys had not finished after {hours:g} hours (is a worker "
                                   f"polling foi-pool?): {', '.join(waiting)}")
            time.sleep(poll)


@flow(name="foi-nightly", log_prints=False)
def foi_nightly(surveys: str, deployment: str = SURVEY_DEPLOYMENT, wait_hours: float = 12.0) -> dict[str, str]:
    """Run every survey under SURVEYS as a flow run of its own; fail, naming them, if any did not publish."""
    folders = survey_folders(Path(surveys))
    if not folders:
        raise ValueError(f"{surveys} holds no survey folder (a folder with a survey.yaml)")
    runs = {str(f): run_deployment(deployment, parameters={"survey_dir": str(f)}, timeout=0).id for f in folders}
    states = wait_for_runs(runs, wait_hours)
    failed = sorted(folder for folder, state in states.items() if state != "COMPLETED")
    if failed:
        raise RuntimeError(f"{len(failed)} of {len(states)} surveys did not publish: {', '.join(failed)}")
    return states
