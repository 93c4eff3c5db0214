"""The layer boundaries hold: Qt only in gui/, no cv2/mediapipe/Qt in the numeric core."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

# This checkout's src first: an editable install of another checkout (a worktree sharing a
# virtualenv) must not be the code the linter reads.
ENV = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH", "")) if p))
LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def test_the_linter_reads_this_checkouts_package():
    where = subprocess.run(
        [sys.executable, "-c", "import ces_vision; print(ces_vision.__file__)"],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).resolve().is_relative_to(SRC.resolve())


def test_import_contracts_hold():
    # --no-cache: a cache written for another checkout's files would answer for them
    result = subprocess.run(
        [sys.executable, "-c", LINT, str(ROOT / "pyproject.toml"), "--no-cache", "--no-logo"],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken" in result.stdout, result.stdout
