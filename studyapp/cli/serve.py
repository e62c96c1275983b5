"""`studyapp serve [--host H] [--port P]`: the app in a web browser, through textual-serve.

Each browser tab runs its own `studyapp` process on the same database (the collection is made
for many processes at once: WAL, a busy timeout, one migrator). It listens on localhost unless a
host is given: anyone who can reach the port can study in, and write to, this collection.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path


def app_command(db_path: Path) -> str:
    """The shell command textual-serve runs for each browser tab: this interpreter, this
    package, this database (absolute: the server may be started from anywhere)."""
    return shlex.join([sys.executable, "-m", "studyapp", "--db", str(db_path.absolute())])


def cmd_serve(db_path: Path, host: str, port: int, public_url: str | None = None) -> int:
    if not 0 < port < 65536:
        print(f"studyapp: --port {port}: a port is 1 to 65535", file=sys.stderr)
        return 2
    from textual_serve.server import Server

    server = Server(
        app_command(db_path), host=host, port=port, title="studyapp", public_url=public_url
    )
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the host is not an address of this machine
        print(f"studyapp: cannot serve on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0
