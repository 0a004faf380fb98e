"""Fixtures for snapshot tests: isolated HOME/state (no recent regions, no CLI profile), so
every screenshot is the same on every machine; every screen at 120x36 and at 80x24 (SPEC §6)."""

from __future__ import annotations

from pathlib import Path

import pytest

CREDENTIAL_ENV = (
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABA_CLOUD_SECURITY_TOKEN",
    "ALIBABA_CLOUD_PROFILE",
    "ALIBABA_CLOUD_CREDENTIALS_FILE",
    "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
    "ALIBABA_CLOUD_ROLE_ARN",
    "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
    "ALIBABA_CLOUD_CREDENTIALS_URI",
    "PAIWS_ENDPOINT",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "http_proxy",
    "https_proxy",
    "DEBUG",
)


@pytest.fixture(autouse=True)
def isolated_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    for name in CREDENTIAL_ENV:
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(params=[(120, 36), (80, 24)], ids=["120x36", "80x24"])
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    """The terminal sizes every screen is shot at: the usual one and the smallest supported."""
    value: tuple[int, int] = request.param
    return value
