"""A throwaway PostgreSQL server for the sync tests: initdb in a temporary folder, listening on
a unix socket there and on a loopback port, stopped at the end. Used by conftest.py when
.ci/run has not started one already (it exports STUDYAPP_TEST_PG_URL)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Server:
    url: str  # to the `postgres` maintenance database
    data: Path
    bin: Path
    user: str | None  # the system user the server runs as (root may not run it)

    def stop(self) -> None:
        _run(self, [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"])
        shutil.rmtree(self.data.parent, ignore_errors=True)


def find_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(server: Server, cmd: list[str]) -> subprocess.CompletedProcess[str]:
    if server.user is not None:
        cmd = ["runuser", "-u", server.user, "--", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def start() -> Server:
    """Start one; raises RuntimeError saying why it could not."""
    bin_dir = find_bin()
    if bin_dir is None:
        raise RuntimeError("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin)")
    root = Path(tempfile.mkdtemp(prefix="studyapp-pg-"))
    data = root / "data"
    user = None
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        user = "postgres"
        shutil.chown(root, user)
    os.chmod(root, 0o755)
    port = _free_port()
    server = Server(f"postgresql://postgres@127.0.0.1:{port}/postgres", data, bin_dir, user)
    steps = (
        [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
        [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-w",
            "-t",
            "60",
            "-l",
            str(root / "log"),
            "-o",
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        ],
    )
    for cmd in steps:
        done = _run(server, cmd)
        if done.returncode != 0:
            log = (root / "log").read_text() if (root / "log").exists() else ""
            shutil.rmtree(root, ignore_errors=True)
            raise RuntimeError(f"{Path(cmd[0]).name} failed: {done.stderr.strip()} {log[-500:]}")
    return server
