"""Real servers for the tests, each in its own process group on a free loopback port, and always stopped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def log_tail(path: Path, size: int = 3000) -> str:
    """Given a log file, return its last characters (for a failure message)."""
    return path.read_text(encoding="utf-8", errors="replace")[-size:] if path.is_file() else ""


class Processes:
    """The processes a test started, each in a session of its own; stop_all ends every one, whatever happened."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.started: list[tuple[str, subprocess.Popen]] = []
        log_dir.mkdir(parents=True, exist_ok=True)

    def start(self, name: str, command: list[str], env: dict | None = None,
              cwd: Path | None = None) -> subprocess.Popen:
        """Given a name and a command, start it in a new process group, its output in LOG_DIR/NAME.log."""
        log = (self.log_dir / f"{name}.log").open("ab")
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env={**os.environ, **(env or {})}, cwd=cwd, start_new_session=True)
        log.close()
        self.started.append((name, process))
        return process

    def log(self, name: str) -> str:
        """Given a process name, return what it has printed so far."""
        return log_tail(self.log_dir / f"{name}.log", 10**7)

    def wait_for_url(self, name: str, url: str, timeout: float = 90.0) -> None:
        """Given a started server, wait until URL answers 200; fail with its log if it exits or times out."""
        process = dict(self.started)[name]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                said = log_tail(self.log_dir / f"{name}.log")
                raise RuntimeError(f"{name} exited with {process.returncode}:\n{said}")
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        raise TimeoutError(f"{name} did not answer {url} in {timeout:.0f} s:\n{log_tail(self.log_dir / f'{name}.log')}")

    def kill(self, name: str) -> None:
        """Given a process name, kill its whole process group at once (as a crash would)."""
        process = dict(self.started)[name]
        signal_group(process, signal.SIGKILL)
        process.wait(timeout=30)

    def stop(self, process: subprocess.Popen, grace: float = 5.0) -> None:
        """Given a process, ask its group to stop, and SIGKILL the group after the grace period."""
        if process.poll() is None:
            signal_group(process, signal.SIGTERM)
            try:
                process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        signal_group(process, signal.SIGKILL)  # children that outlived their parent (servers, nannies) go too
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass

    def stop_all(self, grace: float = 5.0) -> None:
        """Stop every started process, newest first."""
        for _, process in reversed(self.started):
            self.stop(process, grace)

    def __enter__(self) -> Processes:
        """Start tracking processes."""
        return self

    def __exit__(self, *_exc: object) -> None:
        """Stop every process started here, also when the block failed."""
        self.stop_all()


def signal_group(process: subprocess.Popen, signum: int) -> None:
    """Given a process started in its own session, send a signal to its whole group, if it still exists."""
    try:
        os.killpg(process.pid, signum)
    except (ProcessLookupError, PermissionError):
        pass
