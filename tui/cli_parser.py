"""The `paiws` command line: the global options of SPEC §4 (accepted before or after the
subcommand) and every subcommand with its own options. Parsing only; imports nothing heavy."""

from __future__ import annotations

import argparse
from typing import Any

from paiws import APP_NAME
from paiws.argparse_words import translate_argparse
from paiws.cli_options import (
    FORMATS_TABLE,
    HelpFormatter,
    Parser,
    add_global_options,
    format_option,
    sub,
)
from paiws.core.exit_codes import summary
from paiws.core.i18n import N_, _


def build_parser() -> argparse.ArgumentParser:
    translate_argparse()
    parser = Parser(
        prog=APP_NAME,
        description=_(
            "Alibaba Cloud PAI workspaces in the terminal. Without a subcommand, "
            "opens the TUI (with --demo: on the embedded emulator)."
        ),
        epilog=summary() + ".",
        allow_abbrev=False,
        formatter_class=HelpFormatter,
    )
    add_global_options(parser, suppress=False)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    sub(subparsers, "regions", N_("list the PAI regions")).add_argument(
        "--format", choices=("table", "json"), default="table", help=_("output format")
    )

    p = sub(subparsers, "activation", N_("check whether PAI is activated in a region"))
    format_option(p, ("text", "json"))

    p = sub(subparsers, "list", N_("list workspaces"))
    p.add_argument("--name", metavar="TEXT", help=_("filter by name (fuzzy, server-side)"))
    p.add_argument(
        "--status",
        metavar="S",
        help=_("ENABLED, INITIALIZING, FAILURE, DISABLED, FROZEN or UPDATING"),
    )
    p.add_argument(
        "--sort-by", metavar="FIELD", help=_("GmtCreateTime (default) or GmtModifiedTime")
    )
    p.add_argument("--order", metavar="ORDER", help=_("ASC (default) or DESC"))
    p.add_argument("--page", metavar="N", help=_("page number, from 1 (default 1)"))
    p.add_argument("--page-size", metavar="N", help=_("rows per page, 1..100 (default 20)"))
    p.add_argument("--all", action="store_true", help=_("fetch every page"))
    p.add_argument("--ids", metavar="ID,ID,...", help=_("look up these workspace IDs"))
    p.add_argument("--wide", action="store_true", help=_("tables: every column, nothing cut"))
    format_option(p, FORMATS_TABLE)

    p = sub(subparsers, "get", N_("show one workspace"))
    p.add_argument("workspace_id", metavar="ID")
    p.add_argument(
        "--owner",
        action="store_true",
        help=_("include the (masked) owner and administrators (Verbose request)"),
    )
    format_option(p, ("text", "json"))

    p = sub(subparsers, "limits", N_("show the resource limits of a region"))
    format_option(p, ("table", "json"))

    p = sub(
        subparsers,
        "overview",
        N_("every PAI region at once: activation, workspaces and how many need attention"),
    )
    p.add_argument(
        "--regions", metavar="R,R,...", help=_("only these regions (default: every PAI region)")
    )
    format_option(p, ("table", "json"))

    p = sub(
        subparsers, "find", N_("find workspaces by name in every region where PAI is activated")
    )
    p.add_argument("name", metavar="NAME", help=_("text to look for in names (fuzzy, server-side)"))
    p.add_argument(
        "--regions", metavar="R,R,...", help=_("only these regions (default: every PAI region)")
    )
    format_option(p, ("table", "json"))
    p.add_argument("--wide", action="store_true", help=_("tables: every column, nothing cut"))

    p = sub(subparsers, "create", N_("create a workspace (asks for confirmation)"))
    p.add_argument(
        "--name",
        required=True,
        metavar="N",
        help=_("3-23 characters: a letter, then letters, digits or underscores"),
    )
    p.add_argument("--description", required=True, metavar="D", help=_("at most 80 characters"))
    p.add_argument(
        "--env",
        required=True,
        metavar="ENVS",
        help=_("prod (simple mode) or dev,prod (standard mode)"),
    )
    p.add_argument("--display-name", metavar="X", help=_("display name (default: the name)"))
    p.add_argument(
        "--resource-group-id", metavar="RG", help=_("resource group (cannot be changed later)")
    )
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    p.add_argument("--wait", action="store_true", help=_("wait until the workspace is ENABLED"))
    format_option(p, ("text", "json"))

    p = sub(subparsers, "update", N_("change a workspace's display name or description"))
    p.add_argument("workspace_id", metavar="ID")
    p.add_argument("--display-name", metavar="X")
    p.add_argument("--description", metavar="D")
    format_option(p, ("text", "json"))

    p = sub(subparsers, "delete", N_("delete a workspace (irreversible)"))
    p.add_argument("workspace_id", metavar="ID")
    p.add_argument(
        "--confirm-name",
        required=True,
        metavar="NAME",
        help=_("the workspace's name, typed out to confirm"),
    )

    _members_parsers(subparsers)

    p = sub(subparsers, "emulator", N_("run the local AIWorkSpace emulator"))
    p.add_argument("--host", default="127.0.0.1", help=_("loopback address (default 127.0.0.1)"))
    p.add_argument("--port", type=int, default=0, help=_("port (default 0: any free port)"))
    p.add_argument(
        "--data", default="demo", metavar="demo|empty|FILE", help=_("data set (default demo)")
    )
    p.add_argument(
        "--create-delay",
        type=float,
        default=None,
        metavar="S",
        help=_("seconds a new workspace stays INITIALIZING"),
    )
    p.add_argument(
        "--fallback-region",
        metavar="R",
        default="cn-hangzhou",
        help=_(
            "region assumed for clients that name it only in the host name (default cn-hangzhou)"
        ),
    )
    return parser


def _members_parsers(subparsers: Any) -> None:
    """`paiws members list|users|add|roles|remove` (SPEC §4, R14)."""
    members = sub(subparsers, "members", N_("a workspace's members: list, find people, add, roles"))
    nested = members.add_subparsers(
        dest="members_command", metavar="ACTION", parser_class=Parser, required=True
    )
    roles_help = _(
        "role codes or short forms, any case: AlgoDeveloper, AlgoOperator, LabelManager, "
        "MaxComputeDeveloper, WorkspaceAdmin, WorkspaceGuest"
    )

    p = sub(nested, "list", N_("list a workspace's members (masked)"))
    p.set_defaults(handler="members list")
    p.add_argument("workspace_id", metavar="WS_ID")
    p.add_argument("--name", metavar="TEXT", help=_("members whose name matches (server-side)"))
    p.add_argument("--role", metavar="ROLE[,ROLE]", help=_("members with any of these roles"))
    p.add_argument("--all", action="store_true", help=_("fetch every page"))
    p.add_argument("--wide", action="store_true", help=_("tables: every column, nothing cut"))
    format_option(p, FORMATS_TABLE)

    p = sub(nested, "users", N_("find people who can be added, by name (masked)"))
    p.set_defaults(handler="members users")
    p.add_argument("workspace_id", metavar="WS_ID")
    p.add_argument("--name", required=True, metavar="TEXT", help=_("part of a name (server-side)"))
    format_option(p, ("table", "json"))

    p = sub(nested, "add", N_("add people with roles (check, then add; asks for confirmation)"))
    p.set_defaults(handler="members add")
    p.add_argument("workspace_id", metavar="WS_ID")
    p.add_argument("--user", required=True, metavar="ID[,ID...]", help=_("user IDs to add"))
    p.add_argument("--role", required=True, metavar="ROLE[,ROLE...]", help=roles_help)
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    format_option(p, ("text", "json"))

    p = sub(nested, "roles", N_("add or remove roles of one member (asks for confirmation)"))
    p.set_defaults(handler="members roles")
    p.add_argument("workspace_id", metavar="WS_ID")
    p.add_argument("user_id", metavar="USER_ID")
    p.add_argument(
        "--add", metavar="ROLE[,ROLE]", help=_("roles to give ({roles})").format(roles=roles_help)
    )
    p.add_argument("--remove", metavar="ROLE[,ROLE]", help=_("roles to take away"))
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))

    p = sub(nested, "remove", N_("remove members (type the workspace name to confirm)"))
    p.set_defaults(handler="members remove")
    p.add_argument("workspace_id", metavar="WS_ID")
    p.add_argument("user_ids", metavar="USER_ID[,USER_ID...]")
    p.add_argument(
        "--confirm-name",
        required=True,
        metavar="WORKSPACE_NAME",
        help=_("the workspace's name, typed out to confirm"),
    )
