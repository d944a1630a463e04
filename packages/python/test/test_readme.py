"""Every Python snippet of the README type-checks (mypy --strict, pyright strict) and runs.

Snippets are marked `<!-- snippet: mock -->` or `<!-- snippet: sandbox -->`: where they run.
The quick start must be examples/quickstart.py verbatim.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]
README = (PACKAGE / "README.md").read_text()
SNIPPET = re.compile(r"<!-- snippet: (mock|sandbox) -->\n```python\n(.*?)```", re.S)
SNIPPETS = [(where, code) for where, code in SNIPPET.findall(README)]
QUICKSTART = (PACKAGE / "examples" / "quickstart.py").read_text()

QUICKSTART_OUTPUT = """page 1 of 3, 5 bookings in all
11 Pending 2018-03-05T20:00:00
12 Accepted 2018-03-05T20:00:00
13 Confirmed 2018-03-05T20:00:00
14 Cancelled 2018-03-05T20:00:00
15 Rejected 2018-03-05T20:00:00
refused: 409 The booking must not be Cancelled or Rejected. Status is Cancelled.
"""


def test_every_python_block_is_a_marked_snippet() -> None:
    assert README.count("```python") == len(SNIPPETS) >= 5


def test_the_quick_start_is_the_example_file() -> None:
    assert [code for where, code in SNIPPETS if where == "sandbox"] == [QUICKSTART]


def write_snippets(folder: Path) -> list[Path]:
    # The generated client's quick start too: its README promises it type-checks.
    generated_quickstart = folder / "generated_client_quickstart.py"
    generated_quickstart.write_text((PACKAGE.parent / "client-python" / "examples" / "quickstart.py").read_text())
    files = [generated_quickstart]
    for number, (_, code) in enumerate(SNIPPETS):
        path = folder / f"snippet_{number}.py"
        path.write_text(code)
        files.append(path)
    return files


def test_snippets_and_package_pass_mypy_strict(tmp_path: Path) -> None:
    files = write_snippets(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.10", *map(str, files), str(PACKAGE / "src" / "adultwork")],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def pyright(tmp_path: Path, mode: str, files: list[Path]) -> None:
    node, pyright = os.environ.get("ADULTWORK_NODE"), os.environ.get("ADULTWORK_PYRIGHT")
    if not node or not pyright:
        pytest.fail("ADULTWORK_NODE and ADULTWORK_PYRIGHT must point at node and pyright (run the suite through npm test)")
    config = tmp_path / f"pyright-{mode}.json"
    config.write_text(json.dumps({"typeCheckingMode": mode, "pythonVersion": "3.10", "reportUnnecessaryIsInstance": False}))
    result = subprocess.run(
        [node, pyright, "--pythonpath", sys.executable, "--project", str(config), *map(str, files)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 0 and "0 errors" in result.stdout, result.stdout + result.stderr


def test_snippets_and_package_pass_pyright_strict(tmp_path: Path) -> None:
    generated_quickstart, *snippets = write_snippets(tmp_path)
    pyright(tmp_path, "strict", [*snippets, *sorted((PACKAGE / "src" / "adultwork").glob("*.py"))])
    # The generated client's exceptions carry untyped attributes, which strict mode reports in
    # any code that reads them; its quick start is held to pyright's standard mode.
    pyright(tmp_path, "standard", [generated_quickstart])


def run(code: str, base_url: str, token: str, tmp_path: Path) -> str:
    path = tmp_path / "snippet.py"
    path.write_text(code)
    env = {**os.environ, "ADULTWORK_BASE_URL": base_url, "ADULTWORK_ACCESS_TOKEN": token}
    result = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("number", [n for n, (where, _) in enumerate(SNIPPETS) if where == "mock"])
def test_mock_snippet_runs(number: int, mock_url: str, tmp_path: Path) -> None:
    output = run(SNIPPETS[number][1], mock_url, "readme-token", tmp_path)
    assert output.strip()
    assert "no answer" not in output


def test_quick_start_runs_against_the_sandbox(sandbox_url: str, tmp_path: Path) -> None:
    assert run(QUICKSTART, sandbox_url, "client-token", tmp_path) == QUICKSTART_OUTPUT
