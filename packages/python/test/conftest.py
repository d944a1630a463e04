"""Fixtures: the project's mock (Prism) and sandbox, each started once per run on a free port,
and small local servers for what neither can do (never answer, answer 503 then 200).
"""

from __future__ import annotations

import http.server
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

import adultwork

REPO_ROOT = Path(__file__).resolve().parents[3]
START_TIMEOUT_S = 90


def pytest_sessionstart(session: pytest.Session) -> None:
    # The suite is about the package as pip installs it, not the source folder next to it.
    installed = Path(adultwork.__file__).resolve()
    if (REPO_ROOT / "packages" / "python" / "src") in installed.parents:
        pytest.exit(f"adultwork was imported from the source folder ({installed}); run the suite through `npm test`", returncode=2)


def pytest_report_header(config: pytest.Config) -> list[str]:
    return [f"adultwork from {Path(adultwork.__file__).parent} (python {sys.version.split()[0]})"]


SANDBOX_CLOCK = "2018-03-04T12:00:00"


def _start(cli_env: str, default_cli: Path, banner: str, *args: str) -> Iterator[str]:
    node = os.environ.get("ADULTWORK_NODE") or shutil.which("node")
    cli = Path(os.environ.get(cli_env) or default_cli)
    if not node:
        pytest.exit("node is needed to run the mock and the sandbox and was not found on PATH", returncode=2)
    if not cli.exists():
        pytest.exit(f"{cli} is missing: build it first (npx turbo run build)", returncode=2)
    log = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen([node, str(cli), "--port", "0", *args], stdout=subprocess.PIPE, stderr=log, text=True)
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True).start()
    try:
        # Other lines may come first (the sandbox prints its admin token before its URL).
        deadline = time.monotonic() + START_TIMEOUT_S
        seen: list[str] = []
        while True:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                log.seek(0)
                raise RuntimeError(f"{cli} did not start (printed {seen!r}):\n{log.read()}") from None
            if line.startswith(banner):
                break
            seen.append(line)
        yield line[len(banner):].strip()
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def mock_url() -> Iterator[str]:
    yield from _start("ADULTWORK_MOCK_CLI", REPO_ROOT / "packages" / "mock" / "dist" / "cli.js", "Mock server: ")


@pytest.fixture(scope="session")
def sandbox_url() -> Iterator[str]:
    # Frozen before the seed's acceptance deadlines, so its pending bookings stay pending.
    yield from _start("ADULTWORK_SANDBOX_CLI", REPO_ROOT / "packages" / "sandbox" / "dist" / "cli.js", "Sandbox server: ", "--clock", SANDBOX_CLOCK)


@dataclass
class Recorder:
    """What went on the wire, through httpx's event hooks."""

    requests: list[httpx.Request] = field(default_factory=list)

    def hook(self, request: httpx.Request) -> None:
        self.requests.append(request)

    async def async_hook(self, request: httpx.Request) -> None:
        self.requests.append(request)

    @property
    def last(self) -> httpx.Request:
        assert self.requests, "no request was sent"
        return self.requests[-1]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def mock_client(mock_url: str, recorder: Recorder) -> Iterator[adultwork.AdultWork]:
    http = httpx.Client(event_hooks={"request": [recorder.hook]})
    with adultwork.AdultWork("suite-token", base_url=mock_url, http_client=http) as client:
        yield client
    http.close()


# --- Local servers --------------------------------------------------------------------------

Handler = Callable[[http.server.BaseHTTPRequestHandler, int], None]


@dataclass
class LocalServer:
    url: str
    hits: list[tuple[str, str]]


def _serve(handler: Handler) -> Iterator[LocalServer]:
    hits: list[tuple[str, str]] = []
    lock = threading.Lock()

    class RequestHandler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            with lock:
                hits.append((self.command, self.path))
                number = len(hits)
            handler(self, number)

        do_GET = _handle
        do_POST = _handle

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(f"http://127.0.0.1:{server.server_address[1]}", hits)
    finally:
        server.shutdown()
        server.server_close()


def send_json(handler: http.server.BaseHTTPRequestHandler, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
    data = json.dumps(body).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(data)


EMPTY_PAGE = {"PageCount": 0, "PageNumber": 1, "BookingsTotal": 0, "BookingsPerPage": 50, "Bookings": []}


@pytest.fixture
def serve() -> Iterator[Callable[[Handler], LocalServer]]:
    """Starts a local server with the given handler(request, hit number); stopped after the test."""
    started: list[Iterator[LocalServer]] = []

    def start(handler: Handler) -> LocalServer:
        generator = _serve(handler)
        started.append(generator)
        return next(generator)

    yield start
    for generator in started:
        generator.close()


@pytest.fixture
def closed_port_url() -> str:
    """A loopback URL on which nothing listens."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
