"""A project outside the workspace installs the two packages as the README says (pip install of
the local folders into its own virtual environment) and runs the quick start against the sandbox."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from test_readme import QUICKSTART_OUTPUT

PACKAGE = Path(__file__).resolve().parents[1]
CLIENT = PACKAGE.parent / "client-python"


def test_a_fresh_project_installs_and_runs_the_quick_start(sandbox_url: str, tmp_path: Path) -> None:
    project = tmp_path / "consumer"
    project.mkdir()
    shutil.copy(PACKAGE / "examples" / "quickstart.py", project / "main.py")
    subprocess.run([sys.executable, "-m", "venv", str(project / ".venv")], check=True)
    python = project / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # Copies of the two folders, so that building them leaves nothing in the checkout.
    for source in (CLIENT, PACKAGE):
        shutil.copytree(source, tmp_path / source.name, ignore=shutil.ignore_patterns(".venv", "node_modules", "build", "*.egg-info", "__pycache__", "test", "docs"))
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", str(PACKAGE / "test" / "constraints.txt"), str(tmp_path / CLIENT.name), str(tmp_path / PACKAGE.name)],
        capture_output=True, text=True, cwd=project,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    env = {**os.environ, "ADULTWORK_BASE_URL": sandbox_url, "ADULTWORK_ACCESS_TOKEN": "client-token"}
    result = subprocess.run([str(python), "main.py"], capture_output=True, text=True, cwd=project, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == QUICKSTART_OUTPUT
    where = subprocess.run([str(python), "-c", "import adultwork, adultwork_api_client; print(adultwork.__file__)"], capture_output=True, text=True, cwd=project)
    assert str(project / ".venv") in where.stdout
