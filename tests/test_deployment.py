"""The nightly deployment end to end: a real Prefect server, `foi deploy`, two process workers, two surveys."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT
from .prefect_server import BIN, api_call, prefect_env, wait_for_run
from .scoring import score
from .servers import Processes

pytestmark = pytest.mark.deployment
SURVEYS = ("north", "south")


def surveys_root(root: Path) -> Path:
    """Given a folder, copy the example survey into it once per name in SURVEYS and return the folder."""
    for name in SURVEYS:
        shutil.copytree(EXAMPLE, root / name, ignore=shutil.ignore_patterns(".foi"))
    return root


def survey_runs(api: str) -> list[dict]:
    """Given the API, return the flow runs of the per-survey deployment."""
    survey = api_call(api, "/deployments/name/foi-run/survey")
    return api_call(api, "/flow_runs/filter", {"flow_runs": {"deployment_id": {"any_": [survey["id"]]}}})


def runs_taken(log: str) -> int:
    """Given a worker's log, return how many flow runs it ran (submissions the server did not abort)."""
    submitted = set(re.findall(r"submitting flow run '([0-9a-f-]+)'", log))
    return len(submitted - set(re.findall(r"Aborted submission of flow run '([0-9a-f-]+)'", log)))


def test_the_nightly_run_finds_every_survey_folder(tmp_path):
    from flows.run import survey_folders

    root = surveys_root(tmp_path / "surveys")
    (root / "notes").mkdir()
    assert [p.name for p in survey_folders(root)] == list(SURVEYS)
    assert survey_folders(root / "north") == [root / "north"]
    assert survey_folders(tmp_path / "missing") == []


def test_foi_deploy_without_a_server_says_what_to_do(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    done = subprocess.run([str(BIN / "foi"), "deploy"], env={**env, "PREFECT_HOME": str(tmp_path)},
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 1 and "PREFECT_API_URL is not set" in done.stderr and "Traceback" not in done.stderr


def test_nightly_deployment_publishes_every_survey(prefect_api, tmp_path, capsys):
    api, home = prefect_api
    root = surveys_root(tmp_path / "surveys")
    env = {**os.environ, **prefect_env(home, api), "FOI_SURVEYS": str(root), "FOI_PROJECT_DIR": str(ROOT),
           "FOI_WORKERS": "1"}
    started = time.monotonic()
    deployed = subprocess.run([str(BIN / "foi"), "deploy"], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=180)
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    assert "foi-pool: created" in deployed.stdout and "foi-nightly/nightly, foi-run/survey" in deployed.stdout
    run = api_call(api, f"/deployments/{api_call(api, '/deployments/name/foi-nightly/nightly')['id']}"
                        "/create_flow_run", {})
    with Processes(tmp_path / "logs") as processes:
        for name in ("worker-1", "worker-2"):
            processes.start(name, [str(BIN / "prefect"), "worker", "start", "--pool", "foi-pool", "--name", name],
                            env=env, cwd=tmp_path)
        final = wait_for_run(api, run["id"], timeout=240)
        finished = time.monotonic() - started
        logs = {name: processes.log(name) for name in ("worker-1", "worker-2")}
    assert final["state_type"] == "COMPLETED", logs
    children = survey_runs(api)
    assert sorted(Path(r["parameters"]["survey_dir"]).name for r in children) == list(SURVEYS)
    assert {r["state_type"] for r in children} == {"COMPLETED"}
    for name in SURVEYS:
        result = score(root / name / ".foi" / "publish" / "answers.csv", EXAMPLE / "expected" / "answers.csv")
        assert result.precision >= 0.995 and result.recall >= 0.97, (name, result.mistakes)
        assert (root / name / ".foi" / "publish" / "datapackage.json").is_file()
    with capsys.disabled():
        print(f"\ndeployment: deployed, then the nightly run and {len(children)} survey runs completed in "
              f"{finished:.0f} s; flow runs each worker ran: { {n: runs_taken(t) for n, t in logs.items()} }")
