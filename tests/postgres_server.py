"""A real, throwaway PostgreSQL server on loopback for the warehouse tests (Debian's postgresql package)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def postgres_bin() -> Path | None:
    """Return the folder with initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def as_postgres_user(command: list[str]) -> list[str]:
    """Given a command, return it run as the 'postgres' user when we are root (initdb refuses root)."""
    if os.geteuid() != 0:
        return command
    runner = shutil.which("runuser")
    return [runner, "-u", "postgres", "--", *command] if runner else ["su", "postgres", "-c", " ".join(command)]


class PostgresServer:
    """A PostgreSQL cluster in a temporary folder, listening on 127.0.0.1 only."""

    def __init__(self) -> None:
        binaries = postgres_bin()
        if binaries is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        self.bin = binaries
        self.root = Path(tempfile.mkdtemp(prefix="foi-pg-"))
        self.root.chmod(0o777)
        self.data = self.root / "data"
        self.port = free_port()

    def run(self, *args: str) -> None:
        """Run one PostgreSQL program as the server's user."""
        subprocess.run(as_postgres_user([str(self.bin / args[0]), *args[1:]]), check=True, capture_output=True,
                       timeout=120)

    def start(self) -> str:
        """Create the cluster, start it on loopback and return a SQLAlchemy URL to a fresh database."""
        self.run("initdb", "-D", str(self.data), "-U", "foi", "--auth=trust", "-E", "UTF8")
        options = f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.root}"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "foi", "foi")
        return f"postgresql+psycopg://foi@127.0.0.1:{self.port}/foi"

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        try:
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
