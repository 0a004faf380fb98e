"""Fixtures of the leak suite.

Autouse, for every test here: a sandbox (HOME, XDG dirs, TMPDIR, working directory under
tmp_path; no credentials, proxies or DEBUG from the machine) whose written files are scanned
for canaries at teardown, and a tap on every log record (root logger at DEBUG) scanned too.
"""

from __future__ import annotations

import os

# Before anything imports alibabacloud_credentials: never probe the ECS metadata address.
os.environ["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true"

import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from paiws.core import i18n
from paiws.emulator import Emulator
from tests.leaks.leak_canaries import (
    KEY_ID,
    SECRET,
    TOKEN,
    add_canary_keys,
    assert_no_canary,
    canary_data,
)
from tests.leaks.leak_support import (
    CliResult,
    CliRunner,
    LogTap,
    RecordingService,
    Sandbox,
    service_for,
)
from tests.leaks.leak_tui import Observer, watch

_MACHINE_ENV_PREFIXES = ("ALIBABA_CLOUD_", "ALICLOUD_", "ALIYUN_", "PAIWS_")
_MACHINE_ENV_NAMES = {"http_proxy", "https_proxy", "all_proxy", "no_proxy", "debug"}


@pytest.fixture(autouse=True)
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sandbox]:
    for name in list(os.environ):
        if name.startswith(_MACHINE_ENV_PREFIXES) or name.lower() in _MACHINE_ENV_NAMES:
            monkeypatch.delenv(name, raising=False)
    root = tmp_path / "sandbox"
    box = Sandbox(root=root, home=root / "home", tmp=root / "tmp", cwd=root / "cwd")
    for path in (box.home, box.tmp, box.cwd):
        path.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(box.home))
    for var, sub in (
        ("XDG_STATE_HOME", "state"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
    ):
        monkeypatch.setenv(var, str(root / sub))
    monkeypatch.setenv("TMPDIR", str(box.tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(box.tmp))
    monkeypatch.setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
    monkeypatch.setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", str(box.home / "absent-credentials.ini"))
    monkeypatch.chdir(box.cwd)
    box.baseline()
    yield box
    box.assert_clean()


@pytest.fixture(autouse=True, params=["en", "zh-CN"])
def interface_language(
    request: pytest.FixtureRequest, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Every leak test runs once in each language (issue #16): masking and the refusal to show
    raw data must not depend on the words around them. Child processes inherit PAIWS_LANG."""
    language = str(request.param)
    monkeypatch.setenv("PAIWS_LANG", language)
    i18n.use(language)
    yield language
    i18n.use("en")


@pytest.fixture(autouse=True)
def log_tap(monkeypatch: pytest.MonkeyPatch) -> Iterator[LogTap]:
    tap = LogTap()
    original = logging.Logger.makeRecord

    def make_record(self: logging.Logger, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = original(self, *args, **kwargs)
        tap.note(record)
        return record

    monkeypatch.setattr(logging.Logger, "makeRecord", make_record)
    root = logging.getLogger()
    previous = root.level
    root.addHandler(tap)
    root.setLevel(logging.DEBUG)
    try:
        yield tap
    finally:
        root.removeHandler(tap)
        root.setLevel(previous)
    assert_no_canary(tap.text(), where="a log record")


@pytest.fixture(autouse=True)
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's real retry policy waits seconds between attempts; the leak suite does not."""
    from paiws.core.retry import FAST_RETRY

    monkeypatch.setattr("paiws.core.factory.RetryPolicy", lambda: FAST_RETRY)


@pytest.fixture
def emu() -> Iterator[Emulator]:
    """The emulator on a loopback port with the canary data and the canary keys."""
    emulator = Emulator(data=canary_data(), create_delay=0.0)
    add_canary_keys(emulator)
    emulator.start(host="127.0.0.1", port=0)
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def canary_creds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The canary key, secret and STS token in the environment (the credential chain's first
    step), as a user's shell would have them."""
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID.value)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET.value)
    monkeypatch.setenv("ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN.value)


@pytest.fixture
def service(emu: Emulator) -> Iterator[RecordingService]:
    """The real WorkspaceService on the canary emulator with the canary STS credentials,
    recorded: at teardown no result repr and no error (message, repr, traceback with locals)
    may show a canary."""
    svc = service_for(emu.base_url)
    try:
        yield svc
    finally:
        svc.close()
    assert_no_canary(svc.transcript(), where="a service result or error")


@pytest.fixture
def cli(capfd: pytest.CaptureFixture[str]) -> CliRunner:
    """`paiws ARGV...` in-process (paiws.cli.main); output captured at the file-descriptor
    level, so writes from threads and libraries are seen too."""
    from paiws.cli import main

    def run(*argv: str) -> CliResult:
        capfd.readouterr()
        code = main(list(argv))
        out, err = capfd.readouterr()
        return CliResult(code, out, err)

    return run


@pytest.fixture
def observer(monkeypatch: pytest.MonkeyPatch) -> Observer:
    """Records what every visited screen shows, clipboard writes, opened URLs, notifications."""
    return watch(monkeypatch)
