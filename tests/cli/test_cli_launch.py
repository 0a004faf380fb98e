"""`paiws` without a subcommand launches the TUI; `paiws emulator` refuses bad settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from paiws.core.interface import DataService
from tests.cli.cli_support import Runner

DemoFactory = Callable[[], DataService] | None


@pytest.fixture
def demos() -> list[DemoFactory]:
    """The demo factory each TUI launch was given (for `d` on the no-credentials screen)."""
    return []


@pytest.fixture
def fake_tui(
    monkeypatch: pytest.MonkeyPatch, demos: list[DemoFactory]
) -> list[tuple[DataService, str | None]]:
    calls: list[tuple[DataService, str | None]] = []

    def run(service: DataService, *, region: str | None = None, demo: DemoFactory = None) -> int:
        calls.append((service, region))
        demos.append(demo)
        return 0

    monkeypatch.setattr("paiws.app.run", run)
    return calls


def test_no_subcommand_runs_the_tui_with_the_chosen_region(
    run_cli: Runner, fake_tui: list[tuple[DataService, str | None]], isolated_env: Path
) -> None:
    assert run_cli("--region", "cn-shanghai").code == 0
    [(service, region)] = fake_tui
    assert region == "cn-shanghai" and service.is_demo is False


def test_no_region_is_passed_when_none_was_given(
    run_cli: Runner, fake_tui: list[tuple[DataService, str | None]], isolated_env: Path
) -> None:
    assert run_cli("--read-only").code == 0
    [(service, region)] = fake_tui
    assert region is None and service.read_only is True  # R2: nothing inferred


def test_demo_runs_the_tui_on_the_embedded_emulator(
    run_cli: Runner, fake_tui: list[tuple[DataService, str | None]], isolated_env: Path
) -> None:
    assert run_cli("--demo").code == 0
    [(service, _region)] = fake_tui
    assert service.is_demo is True


def test_the_tui_can_start_the_demo_itself_unless_it_is_the_demo(
    run_cli: Runner,
    fake_tui: list[tuple[DataService, str | None]],
    demos: list[DemoFactory],
    isolated_env: Path,
) -> None:
    assert run_cli("--read-only").code == 0
    assert run_cli("--demo").code == 0
    without, within = demos
    assert within is None
    assert without is not None
    demo = without()  # builds the service only: its emulator starts at the first request
    try:
        assert demo.is_demo and demo.read_only  # --read-only carries over to the demo
    finally:
        demo.close()


def test_tui_with_a_malformed_region_is_a_usage_error(
    run_cli: Runner, fake_tui: list[tuple[DataService, str | None]], isolated_env: Path
) -> None:
    result = run_cli("--region", "Hangzhou!")
    assert result.code == 2 and fake_tui == []


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["emulator", "--host", "0.0.0.0"], "loopback"),
        (["emulator", "--data", "/nonexistent/data.json"], "data"),
        (["emulator", "--port", "70000"], "--port"),
        (["emulator", "--create-delay", "-1"], "--create-delay"),
    ],
)
def test_emulator_refuses_bad_settings(run_cli: Runner, argv: list[str], words: str) -> None:
    result = run_cli(*argv)
    assert result.code == 2, result
    assert words in result.err and result.out == ""
