"""The `paiws` subcommands: one module per group, each command a function of
``(args, session) -> exit code``. Modules are imported when their command runs, so
`paiws --help` loads none of them."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from paiws.commands.session import CommandSession

Handler = Callable[[argparse.Namespace, "CommandSession"], int]

# subcommand -> "module:function" under paiws.commands
HANDLERS: dict[str, str] = {
    "regions": "read:cmd_regions",
    "activation": "read:cmd_activation",
    "list": "read:cmd_list",
    "get": "read:cmd_get",
    "limits": "read:cmd_limits",
    "overview": "overview:cmd_overview",
    "find": "overview:cmd_find",
    "create": "write:cmd_create",
    "update": "write:cmd_update",
    "delete": "write:cmd_delete",
    "members list": "members:cmd_list",
    "members users": "members:cmd_users",
    "members add": "members:cmd_add",
    "members roles": "members:cmd_roles",
    "members remove": "members:cmd_remove",
    "emulator": "launch:cmd_emulator",
    "tui": "launch:cmd_tui",
}


def handler_for(command: str) -> Handler:
    module, function = HANDLERS[command].split(":")
    handler: Handler = getattr(importlib.import_module(f"paiws.commands.{module}"), function)
    return handler
