"""Fixtures for the core tests: an in-process emulator, a service bound to it, an isolated
credential environment, and a tiny scripted HTTP server for what the emulator cannot do
(arbitrary headers/bodies, e.g. a SignatureDoesNotMatch message without ':')."""

from __future__ import annotations

import os

# Before anything imports alibabacloud_credentials: never probe the ECS metadata address.
os.environ.setdefault("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from paiws.core.factory import emulator_service
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from tests.core.core_support import CREDENTIAL_ENV, REGION, Scripted


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A temporary HOME and XDG state dir, no credential/proxy variables, ECS lookup off."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
    for name in CREDENTIAL_ENV:
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def emu(clean_env: Path) -> Iterator[Emulator]:
    emulator = Emulator(data="empty")
    emulator.generate(REGION, 45)
    emulator.start()
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def service(emu: Emulator) -> Iterator[WorkspaceService]:
    svc = emulator_service(emu.base_url)
    try:
        yield svc
    finally:
        svc.close()


@pytest.fixture
def scripted(clean_env: Path) -> Iterator[Scripted]:
    script = Scripted()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            script.requests.append(
                {
                    "method": self.command,
                    "path": self.path,
                    "headers": dict(self.headers),
                    "body": self.rfile.read(length) if length else b"",
                }
            )
            self.send_response(script.status)
            for key, value in script.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(script.body)))
            self.end_headers()
            self.wfile.write(script.body)

        do_GET = do_POST = do_PUT = do_DELETE = _answer

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    script.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield script
    finally:
        server.shutdown()
        server.server_close()
