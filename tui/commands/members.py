"""`paiws members list|users|add|roles|remove` (SPEC §4, R14): masked reads; changes are
validated (nothing is sent when the input is invalid), confirmed, then applied by the service's
check-then-act flows. Every change is refused in read-only mode before anything else.

Tables, sentences and stderr are in the interface language; JSON and CSV are not (`members
add --format json` has the flow build its per-person ``Error`` sentences in English)."""

from __future__ import annotations

import argparse
import sys

from paiws.commands.session import CommandSession
from paiws.commands.write import ask_yes, stdin_is_tty
from paiws.core.errors import InvalidInput
from paiws.core.exit_codes import ExitCode
from paiws.core.i18n import N_, _
from paiws.core.member_views import AddMembersRequest, MemberQuery, MemberRow, RemovalPlan
from paiws.core.paging import MAX_PAGES, STREAM_PAGE_SIZE
from paiws.core.roles import ADMIN
from paiws.core.validation import (
    check_workspace_id,
    name_search_problem,
    parse_roles,
    parse_user_ids,
    require,
)
from paiws.output import members as output
from paiws.output.progress import Progress
from paiws.output.render import clean


def _query(args: argparse.Namespace) -> MemberQuery:
    name = None
    if args.name is not None:
        require(name_search_problem(args.name))
        name = args.name.strip()
    roles = parse_roles(args.role, grantable=False) if args.role is not None else ()
    return MemberQuery(name=name, roles=roles, page_size=STREAM_PAGE_SIZE)


def cmd_list(args: argparse.Namespace, session: CommandSession) -> int:
    workspace_id = check_workspace_id(args.workspace_id)
    query = _query(args)
    region = session.region()
    if args.all:
        return _list_all(args, session, region, workspace_id, query)
    page = session.service().list_members(region, workspace_id, query)
    output.print_members(
        page.rows,
        page.total,
        args.format,
        sys.stdout,
        workspace_id=workspace_id,
        err=sys.stderr,
        page=page,
        wide=args.wide,
    )
    return ExitCode.OK


def _list_all(
    args: argparse.Namespace,
    session: CommandSession,
    region: str,
    workspace_id: str,
    query: MemberQuery,
) -> int:
    """Every page; at most MAX_PAGES of them, whatever TotalCount claims (SPEC §4)."""
    rows: list[MemberRow] = []
    total = pages = 0
    with Progress(sys.stderr, _("Loading pages")) as progress:
        for page in session.service().iter_members(region, workspace_id, query):
            rows.extend(page.rows)
            total, pages = page.total, pages + 1
            progress.update(pages, min(-(-total // page.page_size), MAX_PAGES))
    truncated = pages >= MAX_PAGES and len(rows) < total
    output.print_members(
        rows,
        total if truncated else len(rows),
        args.format,
        sys.stdout,
        workspace_id=workspace_id,
        err=sys.stderr,
        truncated=truncated,
        wide=args.wide,
    )
    if truncated:
        sys.stderr.write(
            "paiws: "
            + _(
                "stopped after {pages} pages ({shown} of the {total} members the server "
                "reports); narrow the list with --name or --role."
            ).format(pages=MAX_PAGES, shown=len(rows), total=total)
            + "\n"
        )
        return ExitCode.ERROR
    return ExitCode.OK


def cmd_users(args: argparse.Namespace, session: CommandSession) -> int:
    workspace_id = check_workspace_id(args.workspace_id)
    require(name_search_problem(args.name))
    region = session.region()
    search = session.service().search_users(region, workspace_id, args.name)
    output.print_users(search, args.format, sys.stdout, err=sys.stderr)
    return ExitCode.OK


def _refuse_without_terminal(what: str) -> None:
    """Without --yes there must be someone to ask; checked before anything is sent."""
    if not stdin_is_tty():
        raise InvalidInput(
            _(
                "Refusing to {action} without confirmation: standard input is not a terminal. "
                "Pass --yes to confirm non-interactively."
            ).format(action=_(what))
        )


def cmd_add(args: argparse.Namespace, session: CommandSession) -> int:
    session.refuse_if_read_only(N_("add workspace members"))
    workspace_id = check_workspace_id(args.workspace_id)
    user_ids = parse_user_ids(args.user)
    roles = parse_roles(args.role)
    region = session.region()
    if not args.yes:
        _refuse_without_terminal(N_("add members"))
    service = session.service()
    people = service.people(user_ids)
    if not args.yes:
        output.print_add_summary(region, workspace_id, [p.label for p in people], roles, sys.stderr)
        if not ask_yes(_("Add these people?")):
            sys.stderr.write(_("Cancelled: nobody was added.") + "\n")
            return ExitCode.ERROR
    outcome = service.add_members(
        region,
        workspace_id,
        AddMembersRequest(people, roles),
        english_errors=args.format == "json",  # "Error" is a JSON value: English
    )
    output.print_add_outcome(outcome, args.format, sys.stdout, sys.stderr)
    return outcome.exit_code


def cmd_roles(args: argparse.Namespace, session: CommandSession) -> int:
    session.refuse_if_read_only(N_("change a member's roles"))
    workspace_id = check_workspace_id(args.workspace_id)
    user_ids = parse_user_ids(args.user_id)
    if len(user_ids) != 1:
        raise InvalidInput(_("`members roles` changes one member at a time: give one USER_ID."))
    add = parse_roles(args.add) if args.add is not None else ()
    remove = parse_roles(args.remove) if args.remove is not None else ()
    if not add and not remove:
        raise InvalidInput(_("Nothing to change: pass --add ROLE and/or --remove ROLE."))
    region = session.region()
    if not args.yes:
        _refuse_without_terminal(N_("change roles"))
    service = session.service()
    (person,) = service.people(user_ids)
    plan = service.plan_role_change(region, workspace_id, person, add=add, remove=remove)
    if plan.nothing_to_do:
        sys.stdout.write(
            _(
                "{who} already has the roles asked for and lacks those to remove; nothing was sent."
            ).format(who=clean(plan.member.person.label))
            + "\n"
        )
        return ExitCode.OK
    if plan.last_admin:
        _warn_last_admin(workspace_id)
    if not args.yes:
        output.print_role_plan(plan, sys.stderr)
        if not ask_yes(_("Apply these changes?")):
            sys.stderr.write(_("Cancelled: no role was changed.") + "\n")
            return ExitCode.ERROR
    outcome = service.change_roles(region, workspace_id, plan)
    output.print_role_outcome(outcome, sys.stdout)
    return ExitCode.OK


def cmd_remove(args: argparse.Namespace, session: CommandSession) -> int:
    session.refuse_if_read_only(N_("remove workspace members"))
    workspace_id = check_workspace_id(args.workspace_id)
    user_ids = parse_user_ids(args.user_ids)
    if not args.confirm_name.strip():
        raise InvalidInput(_("--confirm-name must be the workspace's name, typed out in full."))
    region = session.region()
    service = session.service()
    plan: RemovalPlan = service.plan_removal(region, workspace_id, service.people(user_ids))
    if plan.last_admin:
        _warn_last_admin(workspace_id)
    outcome = service.remove_members(region, workspace_id, plan, confirm_name=args.confirm_name)
    output.print_removed(outcome, plan.workspace_name, sys.stdout)
    return ExitCode.OK


def _warn_last_admin(workspace_id: str) -> None:
    sys.stderr.write(
        "paiws: "
        + _(
            "warning: this takes away the last administrator ({role}) of workspace {id}; only "
            "its owner will be able to manage members."
        ).format(role=ADMIN, id=clean(workspace_id))
        + "\n"
    )
