"""Usage, global options and local validation: exit 2 and nothing sent."""

from __future__ import annotations

import subprocess
import sys

import pytest

from paiws import __version__
from paiws.cli_parser import build_parser
from paiws.emulator import Emulator
from tests.cli.cli_support import REGION, Result, Runner


def test_version_and_help_exit_zero(run_cli: Runner) -> None:
    result = run_cli("--version")
    assert (result.code, result.out.strip()) == (0, f"paiws {__version__}")
    result = run_cli("--help")
    assert result.code == 0
    for command in (
        "regions",
        "activation",
        "list",
        "get",
        "limits",
        "create",
        "update",
        "delete",
        "emulator",
    ):
        assert command in result.out


def test_version_and_help_after_a_subcommand(run_cli: Runner) -> None:
    assert run_cli("list", "--version").out.strip() == f"paiws {__version__}"
    result = run_cli("get", "--help")
    assert result.code == 0 and "--owner" in result.out and "--region" in result.out


def test_help_and_version_do_not_import_textual_or_the_sdk() -> None:
    code = (
        "import sys\n"
        "from paiws.cli import main\n"
        "for argv in (['--help'], ['--version'], ['list', '--help']):\n"
        "    main(argv)\n"
        "heavy = [m for m in ('textual', 'aliyunsdkcore', 'alibabacloud_credentials', 'rich')\n"
        "         if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert "HEAVY []" in done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["--region", "cn-shanghai", "list"],
        ["list", "--region", "cn-shanghai"],
        ["--region", "cn-hangzhou", "list", "--region", "cn-shanghai"],
    ],
)
def test_global_options_before_or_after_the_subcommand(argv: list[str]) -> None:
    args = build_parser().parse_args([*argv, "--read-only"])
    assert args.region == "cn-shanghai" and args.read_only is True
    args = build_parser().parse_args(
        ["--demo", "--connect-timeout", "3", "get", "1", "--read-timeout", "9", "--profile", "work"]
    )
    assert (args.demo, args.connect_timeout, args.read_timeout, args.profile) == (
        True,
        3.0,
        9.0,
        "work",
    )


def _assert_usage_error(result: Result, emu: Emulator, *words: str) -> None:
    assert result.code == 2, result
    assert emu.operations() == []
    assert result.out == ""
    assert "Traceback" not in result.err
    for word in words:
        assert word in result.err


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["activation"],
        ["limits"],
        ["get", "100001"],
        ["create", "--name", "abc", "--description", "d", "--env", "prod", "--yes"],
        ["update", "100001", "--description", "x"],
        ["delete", "100001", "--confirm-name", "alpha_ws"],
    ],
)
def test_every_api_command_requires_a_region(paiws: Runner, emu: Emulator, argv: list[str]) -> None:
    result = paiws(*argv)
    _assert_usage_error(result, emu, "--region")


@pytest.mark.parametrize("region", ["CN-HANGZHOU", "cn hangzhou", "hangzhou", "../x"])
def test_malformed_region_ids_are_refused(paiws: Runner, emu: Emulator, region: str) -> None:
    _assert_usage_error(paiws("list", "--region", region), emu, "region")


@pytest.mark.parametrize(
    ("argv", "rule"),
    [
        (["list", "--status", "enable"], "status must be one of ENABLED"),
        (["list", "--sort-by", "name"], "sort field must be one of GmtCreateTime"),
        (["list", "--order", "down"], "order must be one of ASC, DESC"),
        (["list", "--page-size", "0"], "between 1 and 100"),
        (["list", "--page-size", "101"], "between 1 and 100"),
        (["list", "--page", "0"], "Page numbers start at 1"),
        (["list", "--page", "two"], "whole number"),
        (["list", "--all", "--page", "2"], "--all"),
        (["list", "--ids", " , "], "at least one workspace ID"),
        (["list", "--ids", ",".join(str(n) for n in range(1000, 1101))], "At most 100"),
        (["list", "--ids", "1,2", "--status", "ENABLED"], "cannot be combined"),
        (["list", "--format", "xml"], "invalid choice"),
        (["get", "a/../b"], "workspace ID"),
        (
            ["create", "--name", "123workspace", "--description", "d", "--env", "prod", "--yes"],
            "start with a letter",
        ),
        (
            ["create", "--name", "my-workspace", "--description", "d", "--env", "prod", "--yes"],
            "letters, digits and underscores",
        ),
        (["create", "--name", "ab", "--description", "d", "--env", "prod", "--yes"], "at least 3"),
        (
            [
                "create",
                "--name",
                "averylongworkspacename123",
                "--description",
                "d",
                "--env",
                "prod",
                "--yes",
            ],
            "at most 23",
        ),
        (
            ["create", "--name", "abc", "--description", "x" * 81, "--env", "prod", "--yes"],
            "at most 80",
        ),
        (
            ["create", "--name", "abc", "--description", "  ", "--env", "prod", "--yes"],
            "Description is required",
        ),
        (["create", "--name", "abc", "--description", "d", "--env", "dev", "--yes"], "dev,prod"),
        (["create", "--name", "abc", "--description", "d", "--env", "PROD", "--yes"], "dev,prod"),
        (["create", "--name", "abc", "--description", "d", "--yes"], "--env"),
        (["update", "100001"], "Nothing to update"),
        (["update", "100001", "--description", "y" * 81], "at most 80"),
        (["delete", "100001"], "--confirm-name"),
        (["list", "--connect-timeout", "0"], "timeout"),
        (["list", "--read-timeout", "soon"], "seconds"),
    ],
)
def test_invalid_input_exits_2_naming_the_rule_and_sends_nothing(
    paiws: Runner, emu: Emulator, argv: list[str], rule: str
) -> None:
    result = paiws(*argv, "--region", REGION)
    _assert_usage_error(result, emu, rule)
    assert len(result.err.strip().splitlines()) <= 2  # one sentence (+ where to get help)


def test_unknown_subcommand_and_option_are_usage_errors(paiws: Runner, emu: Emulator) -> None:
    _assert_usage_error(paiws("frobnicate"), emu)
    _assert_usage_error(paiws("list", "--region", REGION, "--bogus"), emu, "--bogus")


@pytest.mark.parametrize(
    "argv",
    [
        ["create", "--name", "abc", "--description", "d", "--env", "prod", "--yes"],
        ["update", "100001", "--description", "new"],
        ["delete", "100001", "--confirm-name", "alpha_ws"],
    ],
)
def test_read_only_refuses_changes_before_anything_is_sent(
    paiws: Runner, emu: Emulator, argv: list[str]
) -> None:
    result = paiws(*argv, "--region", REGION, "--read-only")
    _assert_usage_error(result, emu, "read-only")


def test_read_only_still_allows_reads(paiws: Runner) -> None:
    assert paiws("list", "--region", REGION, "--read-only").code == 0


def test_create_without_yes_and_without_a_terminal_refuses(paiws: Runner, emu: Emulator) -> None:
    result = paiws(
        "create", "--region", REGION, "--name", "fresh_ws", "--description", "d", "--env", "prod"
    )
    _assert_usage_error(result, emu, "--yes")
    assert emu.workspaces(REGION) and all(
        ws["WorkspaceName"] != "fresh_ws" for ws in emu.workspaces(REGION)
    )
