"""Fixtures for the `paiws` subcommand tests: an in-process emulator with canary data, an
isolated environment (no real credentials, no proxies, a temporary HOME), and `paiws(...)`,
which runs `paiws.cli.main` in-process and returns its exit code, stdout and stderr."""

from __future__ import annotations

import os

# Before anything imports alibabacloud_credentials: never probe the ECS metadata address.
os.environ.setdefault("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")

from collections.abc import Iterator
from pathlib import Path

import pytest

from paiws.cli import main
from paiws.emulator import Emulator
from tests.cli.cli_support import KEY_ID, SECRET, Result, Runner, canary_data


@pytest.fixture
def emu() -> Iterator[Emulator]:
    emulator = Emulator(data=canary_data(), create_delay=0.0)
    emulator.start(host="127.0.0.1", port=0)
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No credentials, profiles or proxies from the machine; HOME and XDG dirs in tmp_path."""
    for name in list(os.environ):
        if (
            name.startswith(("ALIBABA_CLOUD_", "ALICLOUD_", "PAIWS_"))
            or name.lower() in {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}
            or name == "DEBUG"
        ):
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
def demo_creds(monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Runner:
    """Run `paiws ARGV...` in-process; no endpoint is added."""

    def run(*argv: str) -> Result:
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def paiws(emu: Emulator, demo_creds: None, run_cli: Runner) -> Runner:
    """Run `paiws ARGV... --endpoint <emulator>` in-process with the demo key pair.

    The endpoint goes last on purpose: global options after the subcommand must work."""

    def run(*argv: str) -> Result:
        return run_cli(*argv, "--endpoint", str(emu.base_url))

    return run
