"""The `paiws` command line: the global options of SPEC §4 (accepted before or after the
subcommand) and every subcommand with its own options. Parsing only; imports nothing heavy."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from paiws import APP_NAME, __version__
from paiws.core.exit_codes import ExitCode, summary
from paiws.core.i18n import normalise

FORMATS_TABLE = ("table", "json", "csv")


class Parser(argparse.ArgumentParser):
    """argparse with a usage error that is one sentence plus where to get help (exit 2)."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message}\nRun '{self.prog} --help' for usage.\n")
        raise SystemExit(ExitCode.USAGE)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("a timeout must be more than 0 and at most 3600 seconds")
    return value


def _add_global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """The §4 global options. On subparsers every default is SUPPRESS so a value given before
    the subcommand is not overwritten by the subparser's default (argparse copies every
    attribute of the subparser's namespace onto the main one)."""

    def default(value: Any) -> Any:
        return argparse.SUPPRESS if suppress else value

    group = parser.add_argument_group("global options")
    group.add_argument(
        "--region",
        metavar="ID",
        default=default(None),
        help="region ID, e.g. cn-hangzhou (required by API commands; never guessed)",
    )
    group.add_argument(
        "--profile",
        metavar="NAME",
        default=default(None),
        help="aliyun CLI profile to take credentials from",
    )
    group.add_argument(
        "--endpoint",
        metavar="URL",
        default=default(None),
        help="API endpoint, e.g. http://127.0.0.1:8123 (default: $PAIWS_ENDPOINT, "
        "else https://aiworkspace.<region>.aliyuncs.com)",
    )
    group.add_argument(
        "--vpc",
        action="store_true",
        default=default(False),
        help="use the VPC endpoint aiworkspace-vpc.<region>.aliyuncs.com",
    )
    group.add_argument(
        "--connect-timeout",
        metavar="S",
        type=_seconds,
        default=default(None),
        help="connect timeout in seconds",
    )
    group.add_argument(
        "--read-timeout",
        metavar="S",
        type=_seconds,
        default=default(None),
        help="read timeout in seconds",
    )
    group.add_argument(
        "--demo",
        action="store_true",
        default=default(False),
        help="use the embedded emulator with demo data (no account, no network)",
    )
    group.add_argument(
        "--read-only",
        action="store_true",
        default=default(False),
        help="refuse every change (create, update, delete, members)",
    )
    group.add_argument(
        "--lang",
        metavar="LANG",
        type=_language,
        default=default(None),
        help="interface language: en or zh-CN (default: $PAIWS_LANG, then the locale)",
    )
    group.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")


def _language(text: str) -> str:
    chosen = normalise(text)
    if chosen is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a language paiws speaks (en, zh-CN)")
    return chosen


def _sub(subparsers: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name, help=help_text, description=help_text, allow_abbrev=False
    )
    _add_global_options(parser, suppress=True)
    parser.set_defaults(handler=name)
    return parser


def _format_option(parser: argparse.ArgumentParser, choices: Sequence[str]) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=f"output format (default: {choices[0]})",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=APP_NAME,
        description="Alibaba Cloud PAI workspaces in the terminal. Without a subcommand, "
        "opens the TUI (with --demo: on the embedded emulator).",
        epilog=summary() + ".",
        allow_abbrev=False,
    )
    _add_global_options(parser, suppress=False)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    _sub(subparsers, "regions", "list the PAI regions").add_argument(
        "--format", choices=("table", "json"), default="table", help="output format"
    )

    p = _sub(subparsers, "activation", "check whether PAI is activated in a region")
    _format_option(p, ("text", "json"))

    p = _sub(subparsers, "list", "list workspaces")
    p.add_argument("--name", metavar="TEXT", help="filter by name (fuzzy, server-side)")
    p.add_argument(
        "--status", metavar="S", help="ENABLED, INITIALIZING, FAILURE, DISABLED, FROZEN or UPDATING"
    )
    p.add_argument("--sort-by", metavar="FIELD", help="GmtCreateTime (default) or GmtModifiedTime")
    p.add_argument("--order", metavar="ORDER", help="ASC (default) or DESC")
    p.add_argument("--page", metavar="N", help="page number, from 1 (default 1)")
    p.add_argument("--page-size", metavar="N", help="rows per page, 1..100 (default 20)")
    p.add_argument("--all", action="store_true", help="fetch every page")
    p.add_argument("--ids", metavar="ID,ID,...", help="look up these workspace IDs")
    p.add_argument("--wide", action="store_true", help="tables: every column, nothing cut")
    _format_option(p, FORMATS_TABLE)

    p = _sub(subparsers, "get", "show one workspace")
    p.add_argument("workspace_id", metavar="ID")
    p.add_argument(
        "--owner",
        action="store_true",
        help="include the (masked) owner and administrators (Verbose request)",
    )
    _format_option(p, ("text", "json"))

    p = _sub(subparsers, "limits", "show the resource limits of a region")
    _format_option(p, ("table", "json"))

    p = _sub(
        subparsers,
        "overview",
        "every PAI region at once: activation, workspaces and how many need attention",
    )
    p.add_argument(
        "--regions", metavar="R,R,...", help="only these regions (default: every PAI region)"
    )
    _format_option(p, ("table", "json"))

    p = _sub(subparsers, "find", "find workspaces by name in every region where PAI is activated")
    p.add_argument("name", metavar="NAME", help="text to look for in names (fuzzy, server-side)")
    p.add_argument(
        "--regions", metavar="R,R,...", help="only these regions (default: every PAI region)"
    )
    _format_option(p, ("table", "json"))
    p.add_argument("--wide", action="store_true", help="tables: every column, nothing cut")

    p = _sub(subparsers, "create", "create a workspace (asks for confirmation)")
    p.add_argument(
        "--name",
        required=True,
        metavar="N",
        help="3-23 characters: a letter, then letters, digits or underscores",
    )
    p.add_argument("--description", required=True, metavar="D", help="at most 80 characters")
    p.add_argument(
        "--env",
        required=True,
        metavar="ENVS",
        help="prod (simple mode) or dev,prod (standard mode)",
    )
    p.add_argument("--display-name", metavar="X", help="display name (default: the name)")
    p.add_argument(
        "--resource-group-id", metavar="RG", help="resource group (cannot be changed later)"
    )
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument("--wait", action="store_true", help="wait until the workspace is ENABLED")
    _format_option(p, ("text", "json"))

    p = _sub(subparsers, "update", "change a workspace's display name or description")
    p.add_argument("workspace_id", metavar="ID")
    p.add_argument("--display-name", metavar="X")
    p.add_argument("--description", metavar="D")
    _format_option(p, ("text", "json"))

    p = _sub(subparsers, "delete", "delete a workspace (irreversible)")
    p.add_argument("workspace_id", metavar="ID")
    p.add_argument(
        "--confirm-name",
        required=True,
        metavar="NAME",
        help="the workspace's name, typed out to confirm",
    )

    _members_parsers(subparsers)

    p = _sub(subparsers, "emulator", "run the local AIWorkSpace emulator")
    p.add_argument("--host", default="127.0.0.1", help="loopback address (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=0, help="port (default 0: any free port)")
    p.add_argument(
        "--data", default="demo", metavar="demo|empty|FILE", help="data set (default demo)"
    )
    p.add_argument(
        "--create-delay",
        type=float,
        default=None,
        metavar="S",
        help="seconds a new workspace stays INITIALIZING",
    )
    p.add_argument(
        "--fallback-region",
        metavar="R",
        default="cn-hangzhou",
        help="region assumed for clients that name it only in the host name (default cn-hangzhou)",
    )
    return parser


def _members_parsers(subparsers: Any) -> None:
    """`paiws members list|users|add|roles|remove` (SPEC §4, R14)."""
    members = _sub(subparsers, "members", "a workspace's members: list, find people, add, roles")
    nested = members.add_subparsers(
        dest="members_command", metavar="ACTION", parser_class=Parser, required=True
    )
    roles_help = (
        "role codes or short forms, any case: AlgoDeveloper, AlgoOperator, LabelManager, "
        "MaxComputeDeveloper, WorkspaceAdmin, WorkspaceGuest"
    )

    p = _sub(nested, "list", "list a workspace's members (masked)")
    p.set_defaults(handler="members list")
    p.add_argument("workspace_id", metavar="WS_ID")
    p.add_argument("--name", metavar="TEXT", help="members whose name matches (server-side)")
    p.add_argument("--role", metavar="ROLE[,ROLE]", help="members with any of these roles")
    p.add_argument("--all", action="store_true", help="fetch every page")
    p.add_argument("--wide", action="store_true", help="tables: every column, nothing cut")
    _format_option(p, FORMATS_TABLE)

    p = _sub(nested, "users", "find people who can be added, by name (masked)")
    p.set_defaults(handler="members users")
    p.add_argument("workspace_id", metavar="WS_ID")
    p.add_argument("--name", required=True, metavar="TEXT", help="part of a name (server-side)")
    _format_option(p, ("table", "json"))

    p = _sub(nested, "add", "add people with roles (check, then add; asks for confirmation)")
    p.set_defaults(handler="members add")
    p.add_argument("workspace_id", metavar="WS_ID")
    p.add_argument("--user", required=True, metavar="ID[,ID...]", help="user IDs to add")
    p.add_argument("--role", required=True, metavar="ROLE[,ROLE...]", help=roles_help)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    _format_option(p, ("text", "json"))

    p = _sub(nested, "roles", "add or remove roles of one member (asks for confirmation)")
    p.set_defaults(handler="members roles")
    p.add_argument("workspace_id", metavar="WS_ID")
    p.add_argument("user_id", metavar="USER_ID")
    p.add_argument("--add", metavar="ROLE[,ROLE]", help=f"roles to give ({roles_help})")
    p.add_argument("--remove", metavar="ROLE[,ROLE]", help="roles to take away")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    p = _sub(nested, "remove", "remove members (type the workspace name to confirm)")
    p.set_defaults(handler="members remove")
    p.add_argument("workspace_id", metavar="WS_ID")
    p.add_argument("user_ids", metavar="USER_ID[,USER_ID...]")
    p.add_argument(
        "--confirm-name",
        required=True,
        metavar="WORKSPACE_NAME",
        help="the workspace's name, typed out to confirm",
    )
