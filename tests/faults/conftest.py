"""Fixtures for the fault tests: an isolated environment, an emulator with generated
workspaces, and services bound to it with short timeouts and fast retry backoff (so a fault
that is retried three times still costs well under a second)."""

from __future__ import annotations

import os

# Before anything imports alibabacloud_credentials: never probe the ECS metadata address.
os.environ.setdefault("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")

from collections.abc import Iterator
from pathlib import Path

import pytest

from paiws.core.factory import emulator_service
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from tests.faults.faults_support import REGION, ROWS, ServiceFactory
from tests.support import CREDENTIAL_ENV


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No credentials, profiles or proxies from the machine; HOME and XDG dirs in tmp_path."""
    for name in CREDENTIAL_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_STATE_HOME", "state"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(var, str(tmp_path / sub))
    monkeypatch.setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", str(home / "no-credentials.ini"))
    return home


@pytest.fixture
def emu() -> Iterator[Emulator]:
    """An emulator with ROWS generated workspaces in REGION; new workspaces ENABLED at once."""
    emulator = Emulator(data="empty", create_delay=0.0)
    emulator.generate(REGION, ROWS)
    emulator.start(host="127.0.0.1", port=0)
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def make_service(emu: Emulator) -> Iterator[ServiceFactory]:
    """Services on the emulator (demo key pair, millisecond backoff); closed after the test."""
    made: list[WorkspaceService] = []

    def make(
        *, read_timeout: float = 5.0, connect_timeout: float = 2.0, base_url: str | None = None
    ) -> WorkspaceService:
        service = emulator_service(
            base_url or emu.base_url, read_timeout=read_timeout, connect_timeout=connect_timeout
        )
        made.append(service)
        return service

    yield make
    for service in made:
        service.close()


@pytest.fixture
def service(make_service: ServiceFactory) -> WorkspaceService:
    return make_service()
