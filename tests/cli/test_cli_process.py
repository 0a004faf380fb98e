"""Real processes: the installed `paiws` script and `python -m paiws`, including
`paiws emulator --port 0` serving another `paiws` process, and `--demo` with a subcommand."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from paiws import __version__
from tests.cli.cli_support import KEY_ID, REGION, SECRET

TIMEOUT = 60


def _paiws() -> list[str]:
    script = Path(sys.executable).parent / "paiws"
    if script.exists():
        return [str(script)]
    found = shutil.which("paiws")
    return [found] if found else [sys.executable, "-m", "paiws"]


@pytest.fixture
def proc_env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ALIBABA_CLOUD_", "PAIWS_")) and "proxy" not in k.lower()
    }
    env.update(
        {
            "HOME": str(tmp_path),
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true",
            "ALIBABA_CLOUD_CREDENTIALS_FILE": str(tmp_path / "none.ini"),
            "ALIBABA_CLOUD_ACCESS_KEY_ID": KEY_ID,
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET": SECRET,
        }
    )
    return env


def _run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.fixture
def served(proc_env: dict[str, str]) -> Iterator[str]:
    """`paiws emulator --port 0` in its own process; yields the URL from its first line."""
    server = subprocess.Popen(
        [*_paiws(), "emulator", "--port", "0", "--create-delay", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=proc_env,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), url
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_installed_script_and_module_report_the_version(proc_env: dict[str, str]) -> None:
    for argv in (_paiws(), [sys.executable, "-m", "paiws"]):
        done = _run([*argv, "--version"], proc_env)
        assert (done.returncode, done.stdout.strip()) == (0, f"paiws {__version__}")


def test_list_against_a_served_emulator(served: str, proc_env: dict[str, str]) -> None:
    done = _run(
        [*_paiws(), "list", "--endpoint", served, "--region", REGION, "--format", "json"], proc_env
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["Total"] >= len(data["Workspaces"]) > 0
    table = _run([*_paiws(), "--endpoint", served, "--region", REGION, "list"], proc_env)
    assert table.returncode == 0 and "\x1b" not in table.stdout
    assert "Traceback" not in table.stderr


def test_endpoint_from_the_environment(served: str, proc_env: dict[str, str]) -> None:
    done = _run(
        [sys.executable, "-m", "paiws", "limits", "--region", REGION],
        {**proc_env, "PAIWS_ENDPOINT": served},
    )
    assert done.returncode == 0, done.stderr
    assert "PAI_share" in done.stdout


def test_create_without_yes_refuses_when_stdin_is_not_a_terminal(
    served: str, proc_env: dict[str, str]
) -> None:
    done = _run(
        [
            *_paiws(),
            "create",
            "--endpoint",
            served,
            "--region",
            REGION,
            "--name",
            "proc_ws",
            "--description",
            "d",
            "--env",
            "prod",
        ],
        proc_env,
    )
    assert done.returncode == 2 and "--yes" in done.stderr


def test_demo_with_a_subcommand_needs_no_credentials(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALIBABA_CLOUD_", "PAIWS_"))}
    env.update({"HOME": str(tmp_path), "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"})
    done = _run([*_paiws(), "--demo", "list", "--region", REGION, "--format", "json"], env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["Total"] > 0
