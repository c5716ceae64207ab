"""A real Prefect server (`prefect server start`) on a free loopback port, for the deployment and Dask tests."""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .servers import Processes, free_port

BIN = Path(sys.executable).parent


def prefect_env(home: Path, api_url: str | None = None) -> dict[str, str]:
    """Given a Prefect home folder (and API), return the environment for Prefect processes started by a test."""
    env = {"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_LOGGING_LEVEL": "INFO", "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
           "PREFECT_WORKER_QUERY_SECONDS": "1", "PREFECT_UI_ENABLED": "false"}
    return {**env, "PREFECT_API_URL": api_url} if api_url else env


def start_prefect_server(processes: Processes, home: Path, timeout: float = 120.0) -> str:
    """Given a process tracker, start a Prefect server on a free loopback port and return its API URL."""
    port = free_port()
    processes.start("prefect-server", [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port",
                                       str(port)], env=prefect_env(home))
    api = f"http://127.0.0.1:{port}/api"
    processes.wait_for_url("prefect-server", f"{api}/health", timeout)
    return api


def api_call(api: str, path: str, body: dict | None = None) -> object:
    """Given the API URL, POST (or GET without a body) one endpoint and return its JSON."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{api}{path}", data=data, method="GET" if body is None else "POST",
                                     headers={"content-type": "application/json"})
    for attempt in range(5):
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            if error.code != 503 or attempt == 4:
                raise
            time.sleep(2 * (attempt + 1))  # the server's database was busy: it answers 503 and asks to try again
    return None


def wait_for_run(api: str, run_id: str, timeout: float) -> dict:
    """Given a flow run id, wait until it reaches a final state and return the run."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = api_call(api, f"/flow_runs/{run_id}")
        if run["state_type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
            return run
        time.sleep(1)
    raise TimeoutError(f"flow run {run_id} did not finish in {timeout:.0f} s (state {run['state_type']})")
