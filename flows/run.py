"""The Prefect flow behind `foi run` and the nightly deployment: `run_survey` with each stage taken as a task."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prefect import Task, flow, task
from prefect.cache_policies import NO_CACHE

from flows.pipeline import Progress, RunSummary, run_survey

_TASKS: dict[str, Task] = {}


def as_task(name: str, stage: Callable[..., Any], *args: Any) -> Any:
    """Given a stage's name, function and arguments, run it as a Prefect task of that name."""
    if name not in _TASKS:
        _TASKS[name] = task(stage, name=name, cache_policy=NO_CACHE)
    return _TASKS[name](*args)


@flow(name="foi-run", log_prints=False)
def foi_run(survey_dir: str, warehouse_url: str | None = None, out_dir: str | None = None, full: bool = False,
            wait_seconds: float = 0.0, progress: Progress | None = None) -> RunSummary:
    """Run the whole pipeline on one survey folder and return the run summary."""
    return run_survey(survey_dir, warehouse_url, out_dir, full=full, wait_seconds=wait_seconds, progress=progress,
                      step=as_task)
