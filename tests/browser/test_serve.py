"""`studyapp serve`: the app in a real headless Chromium, through textual-serve.

Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Without them the test
is skipped on a developer's machine and FAILS under CI (`STUDYAPP_CI=1`, set by `.ci/run`).

The terminal in the page draws on a canvas, so the page has no text to read: the test records
what the server sent down the page's WebSocket (the terminal's output, read before xterm.js draws
it) and looks for the home screen's words there, and keeps a screenshot of the page.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = (
    # the flags that keep Chromium off the network this machine does not have (its background
    # services would retry closed connections, many at a time)
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,720",
)
# Kept before the page's own script runs: every byte the server sends, as text.
RECORD_SOCKET = """
window.__terminal = "";
const Native = window.WebSocket;
window.WebSocket = function (...args) {
  const ws = new Native(...args);
  const decoder = new TextDecoder();
  ws.addEventListener("message", (event) => {
    window.__terminal += typeof event.data === "string"
      ? event.data : decoder.decode(event.data, {stream: true});
  });
  return ws;
};
window.WebSocket.prototype = Native.prototype;
Object.assign(window.WebSocket, Native);
"""
ANSI = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_].*?\x1b\\|.)")
WAIT_S = 90  # a deadline for the first paint on a loaded machine, not a measured time


def browser_tools() -> tuple[str, str]:
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium and driver:
        return chromium, driver
    why = (
        "Debian's chromium and chromium-driver are not installed "
        f"(chromium: {chromium or 'missing'}, chromedriver: {driver or 'missing'}); "
        "`apt-get install chromium chromium-driver`, as .ci/run does"
    )
    if os.environ.get("STUDYAPP_CI") == "1":
        pytest.fail(f"under CI the browser test must run: {why}")
    pytest.skip(why)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"studyapp serve exited with {server.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"studyapp serve did not listen on {port}:\n{log.read_text()}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "PYTHONPATH": str(REPO), "STUDYAPP_CACHE_DIR": str(tmp_path / "cache")}
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "studyapp", "--db", str(tmp_path / "db.sqlite3"), "serve"]
            + ["--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=tmp_path,
            start_new_session=True,  # its own group: the app processes it starts end with it
        )
    try:
        wait_for_port(port, server, log)
        yield f"http://localhost:{port}/"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_serve_shows_the_home_screen_in_chromium(served: str, tmp_path: Path) -> None:
    chromium, driver_path = browser_tools()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_SOCKET})
        driver.get(served)
        text = ""
        deadline = time.monotonic() + WAIT_S
        while "Study what is due" not in text and time.monotonic() < deadline:
            time.sleep(0.5)
            text = ANSI.sub("", driver.execute_script("return window.__terminal") or "")
        assert "Study what is due" in text, text[-2000:]
        assert "Browse topics, notes, tables and cards" in text
        assert "Progress report" in text
        shot = tmp_path / "serve.png"
        assert driver.save_screenshot(str(shot))
        assert shot.read_bytes().startswith(b"\x89PNG")
    finally:
        driver.quit()


def test_serve_listens_on_localhost_unless_a_host_is_given(tmp_path: Path) -> None:
    from studyapp.cli.main import build_parser
    from studyapp.cli.serve import app_command

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.public_url) == ("localhost", 8000, None)
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9000"])
    assert (args.host, args.port) == ("0.0.0.0", 9000)
    # each browser tab runs this interpreter on the same database, wherever the server started
    assert app_command(Path("rel/db.sqlite3")).endswith(f"--db {Path.cwd() / 'rel/db.sqlite3'}")


def test_serve_on_a_port_in_use_says_so(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "studyapp", "--db", str(tmp_path / "db.sqlite3"), "serve"]
            + ["--host", "127.0.0.1", "--port", str(port)],
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            timeout=120,
        )
    assert done.returncode == 2
    assert f"studyapp: cannot serve on 127.0.0.1:{port}: " in done.stderr.decode()
    assert "Traceback" not in done.stderr.decode()
