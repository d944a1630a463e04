"""Fixtures of the contract suite: one real mock per run, and clients pointed at it.

The mock is the project's own (`packages/mock`, Prism serving the spec's examples with request
validation). It is started once per session with `--port 0` and stopped at the end.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, List, Optional
from urllib.parse import parse_qsl, urlsplit

import pytest

import adultwork_api_client
from adultwork_api_client import ApiClient, Configuration

REPO_ROOT = Path(__file__).resolve().parents[3]
TOKEN = "contract-suite-token"
START_TIMEOUT_S = 90


def pytest_sessionstart(session: pytest.Session) -> None:
    # The suite is about the package as pip installs it, not the source folder next to it.
    installed = Path(adultwork_api_client.__file__).resolve()
    source = REPO_ROOT / "packages" / "client-python" / "adultwork_api_client"
    if source in installed.parents or installed.parent == source:
        pytest.exit(
            f"adultwork_api_client was imported from the source folder ({installed}); "
            "run the suite through `npm test` so it uses the installed package",
            returncode=2,
        )


@pytest.fixture(scope="session")
def mock_url() -> Iterator[str]:
    node = os.environ.get("ADULTWORK_NODE") or shutil.which("node")
    cli = Path(os.environ.get("ADULTWORK_MOCK_CLI") or REPO_ROOT / "packages" / "mock" / "dist" / "cli.js")
    if not node:
        pytest.exit("node is needed to run the mock and was not found on PATH", returncode=2)
    if not cli.exists():
        pytest.exit(f"the mock is not built ({cli}); run `npm run build -w @adultwork-api/mock`", returncode=2)

    log = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen(
        [node, str(cli), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    lines: "queue.Queue[str]" = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        try:
            first = lines.get(timeout=START_TIMEOUT_S)
        except queue.Empty:
            first = ""
        if not first.startswith("Mock server: "):
            log.seek(0)
            raise RuntimeError(f"the mock did not start (first line {first!r}):\n{log.read()}")
        yield first[len("Mock server: "):].strip()
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@dataclass
class SentRequest:
    method: str
    path: str
    query: List[tuple]
    headers: dict
    body: Any


@dataclass
class Recorder:
    """Keeps what the client put on the wire, to check parameter and field names."""

    requests: List[SentRequest] = field(default_factory=list)

    @property
    def last(self) -> SentRequest:
        assert self.requests, "no request was sent"
        return self.requests[-1]


def _client(url: str, token: Optional[str], recorder: Recorder) -> ApiClient:
    configuration = Configuration(host=url, access_token=token)
    client = ApiClient(configuration)
    send = client.rest_client.request

    def recording_request(method, url, headers=None, body=None, post_params=None, _request_timeout=None):
        parts = urlsplit(url)
        recorder.requests.append(SentRequest(method, parts.path, parse_qsl(parts.query), dict(headers or {}), body))
        return send(method, url, headers=headers, body=body, post_params=post_params, _request_timeout=_request_timeout)

    client.rest_client.request = recording_request
    return client


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def api_client(mock_url: str, recorder: Recorder) -> Iterator[ApiClient]:
    with _client(mock_url, TOKEN, recorder) as client:
        yield client


@pytest.fixture
def anonymous_client(mock_url: str, recorder: Recorder) -> Iterator[ApiClient]:
    with _client(mock_url, None, recorder) as client:
        yield client


def pytest_report_header(config: pytest.Config) -> List[str]:
    return [f"adultwork_api_client from {Path(adultwork_api_client.__file__).parent} (python {sys.version.split()[0]})"]
