"""The pure core really imports neither Textual nor SQLAlchemy (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE = ["studyapp.notes.parse", "studyapp.study.queue", "studyapp.study.scheduler"]


@pytest.mark.parametrize("module", PURE)
def test_pure_module_loads_without_textual_or_sqlalchemy(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "heavy = ('textual', 'sqlalchemy', 'alembic')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_help_does_not_load_the_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from studyapp.cli.main import build_parser\n"
        "build_parser()\n"
        "print(','.join(m for m in ('textual', 'sqlalchemy', 'alembic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_opening_the_app_from_the_command_line_does_not_load_sqlalchemy() -> None:
    """`studyapp` paints home and the first card without SQLAlchemy or Alembic (~250 ms); the
    repository opens later, in the background, when only the app has been imported so far."""
    code = (
        "import sys\n"
        "import studyapp.tui.factory as app\n"
        "from studyapp.cli import main as cli\n"
        "app.run_app = lambda db: 0\n"  # everything main does before the app runs
        "cli.main(['--db', '/nonexistent/x.sqlite3'])\n"
        "print(','.join(m for m in ('sqlalchemy', 'alembic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
