"""Fixtures for the Pilot tests: an isolated HOME/state dir, the demo emulator, and a real
emulator-backed service. Helpers live in tui_support.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from paiws.core.factory import emulator_service
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from tests.support import CREDENTIAL_ENV


@pytest.fixture(autouse=True)
def isolated_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Recent regions and CLI profiles come from a temporary HOME, never the user's."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    for name in CREDENTIAL_ENV:
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def service(emulator: Emulator) -> Iterator[WorkspaceService]:
    svc = emulator_service(emulator.base_url)
    try:
        yield svc
    finally:
        svc.close()
