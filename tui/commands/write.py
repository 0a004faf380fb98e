"""`paiws create`, `update` and `delete`: validate (nothing is sent when the input is invalid),
confirm, then let the service apply R4 and R13."""

from __future__ import annotations

import argparse
import sys

from paiws.commands.session import CommandSession
from paiws.core.errors import InvalidInput
from paiws.core.exit_codes import ExitCode
from paiws.core.i18n import N_, _
from paiws.core.validation import (
    check_workspace_id,
    description_problem,
    display_name_problem,
    env_problem,
    name_problem,
    parse_envs,
    require,
    resource_group_problem,
)
from paiws.core.views import CreateOutcome, CreateRequest
from paiws.output import create as create_output
from paiws.output import workspaces as workspace_output
from paiws.output.render import clean


def create_request(args: argparse.Namespace) -> CreateRequest:
    """The flags of `create`, checked by the core's R4 rules."""
    environments = parse_envs(args.env)
    require(name_problem(args.name))
    require(description_problem(args.description))
    require(env_problem(environments))
    if args.display_name is not None:
        require(display_name_problem(args.display_name))
    group = args.resource_group_id.strip() if args.resource_group_id is not None else None
    if group is not None:
        require(resource_group_problem(group))
    return CreateRequest(
        name=args.name,
        description=args.description,
        environments=environments,
        display_name=args.display_name,
        resource_group_id=group,
    )


def cmd_create(args: argparse.Namespace, session: CommandSession) -> int:
    session.refuse_if_read_only(N_("create a workspace"))
    request = create_request(args)
    region = session.region()
    if not args.yes and not _confirm_create(region, request):
        sys.stderr.write(_("Cancelled: nothing was created.") + "\n")
        return ExitCode.ERROR
    progress = create_output.ProgressPrinter(sys.stderr) if args.wait else None
    outcome = session.service().create_workspace(
        region, request, wait=bool(args.wait), on_progress=progress
    )
    create_output.print_create_outcome(
        outcome, request, args.format, sys.stdout, sys.stderr, region=region, wait=bool(args.wait)
    )
    return _create_exit_code(outcome, wait=bool(args.wait))


def _confirm_create(region: str, request: CreateRequest) -> bool:
    """R4: every parameter is shown for explicit confirmation. Without a terminal there is
    nobody to ask, so the command refuses instead of assuming yes."""
    if not stdin_is_tty():
        raise InvalidInput(
            _(
                "Refusing to create without confirmation: standard input is not a terminal. "
                "Pass --yes to confirm the parameters non-interactively."
            )
        )
    create_output.print_create_summary(region, request, sys.stderr)
    return ask_yes(_("Create this workspace?"))


def ask_yes(question: str) -> bool:
    # i18n: the answer keys stay y/yes in every language (as in a shell prompt).
    sys.stderr.write(_("{question} [y/N] ").format(question=question))
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in {"y", "yes", _("yes")}


def stdin_is_tty() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # closed or detached stdin
        return False


def _create_exit_code(outcome: CreateOutcome, *, wait: bool) -> int:
    if outcome.kind == "name_taken":
        return ExitCode.CONFLICT
    if wait and outcome.kind == "created" and outcome.final_status != "ENABLED":
        # FAILURE, or still initialising when polling gave up: not the usable workspace the
        # caller waited for. print_create_outcome already said which and what to do.
        return ExitCode.ERROR
    return ExitCode.OK


def cmd_update(args: argparse.Namespace, session: CommandSession) -> int:
    session.refuse_if_read_only(N_("update a workspace"))
    workspace_id = check_workspace_id(args.workspace_id)
    if args.display_name is None and args.description is None:
        raise InvalidInput(_("Nothing to update: pass --display-name and/or --description."))
    if args.display_name is not None:
        require(display_name_problem(args.display_name))
    if args.description is not None:
        require(description_problem(args.description))
    region = session.region()
    detail = session.service().update_workspace(
        region, workspace_id, display_name=args.display_name, description=args.description
    )
    workspace_output.print_updated(detail, args.format, sys.stdout)
    return ExitCode.OK


def cmd_delete(args: argparse.Namespace, session: CommandSession) -> int:
    session.refuse_if_read_only(N_("delete a workspace"))
    workspace_id = check_workspace_id(args.workspace_id)
    if not args.confirm_name.strip():
        raise InvalidInput(_("--confirm-name must be the workspace's name, typed out in full."))
    region = session.region()
    session.service().delete_workspace(region, workspace_id, confirm_name=args.confirm_name)
    sys.stdout.write(
        _("Deleted workspace {id} ({name}).").format(
            id=clean(workspace_id), name=clean(args.confirm_name)
        )
        + "\n"
    )
    return ExitCode.OK
