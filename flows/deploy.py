"""`foi deploy`: the process work pool created when it is missing, then every deployment in prefect.yaml."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from prefect import get_client
from prefect.client.schemas.actions import WorkPoolCreate
from prefect.exceptions import ObjectNotFound
from prefect.settings import PREFECT_API_URL

POOL = "foi-pool"
PROJECT = Path(__file__).resolve().parent.parent


class DeployError(RuntimeError):
    """The deployments could not be registered; the message says what to do."""


def ensure_pool(name: str = POOL, kind: str = "process") -> bool:
    """Given a work pool's name, create it as a process pool when it does not exist; return True if created."""
    if not PREFECT_API_URL.value():
        raise DeployError("PREFECT_API_URL is not set: start a Prefect server (`prefect server start`) and export "
                          "PREFECT_API_URL=http://127.0.0.1:4200/api, or point it at your team's server")
    with get_client(sync_client=True) as client:
        try:
            client.read_work_pool(name)
            return False
        except ObjectNotFound:
            client.create_work_pool(WorkPoolCreate(name=name, type=kind))
            return True


def deploy_all(project: Path = PROJECT) -> list[str]:
    """Given the project folder, register every deployment in its prefect.yaml; return their names."""
    prefect = Path(sys.executable).parent / "prefect"
    done = subprocess.run([str(prefect), "--no-prompt", "deploy", "--all"], cwd=project, capture_output=True,
                          text=True, check=False, env={**os.environ, "COLUMNS": "200"})
    said = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise DeployError(f"prefect deploy failed: {said.splitlines()[-1] if said else 'no message'}")
    return sorted(set(deployed_names(said)))


def deployed_names(output: str) -> list[str]:
    """Given what `prefect deploy` printed, return the FLOW/DEPLOYMENT names it registered."""
    return re.findall(r"Deployment\s+'([^']+/[^']+)'\s+successfully", output.replace("│", " "))
