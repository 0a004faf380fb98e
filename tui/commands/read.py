"""`paiws regions`, `activation`, `list`, `get` and `limits`: masked reads."""

from __future__ import annotations

import argparse
import sys

from paiws.commands.session import CommandSession
from paiws.core.errors import InvalidInput, NotFound
from paiws.core.exit_codes import ExitCode
from paiws.core.i18n import _
from paiws.core.paging import MAX_PAGES
from paiws.core.validation import (
    ORDERS,
    PAGE_SIZE_MAX,
    SORT_FIELDS,
    check_order,
    check_page,
    check_page_size,
    check_sort_field,
    check_status,
    check_workspace_id,
    parse_workspace_ids,
)
from paiws.core.views import ListQuery, WorkspaceRow
from paiws.output import regions as region_output
from paiws.output import workspaces as workspace_output
from paiws.output.progress import Progress
from paiws.output.render import clean


def cmd_regions(args: argparse.Namespace, session: CommandSession) -> int:
    from paiws.core.regions import all_regions  # no credentials or network needed

    region_output.print_regions(all_regions(), args.format, sys.stdout)
    return ExitCode.OK


def cmd_activation(args: argparse.Namespace, session: CommandSession) -> int:
    region = session.region()
    state = session.service().activation(region)
    region_output.print_activation(state, args.format, sys.stdout)
    return ExitCode.OK if state.activated else ExitCode.NOT_ACTIVATED


def cmd_limits(args: argparse.Namespace, session: CommandSession) -> int:
    region = session.region()
    limits = session.service().resource_limits(region)
    region_output.print_limits(limits, args.format, sys.stdout)
    return ExitCode.OK


def _whole_number(value: str | None, option: str) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise InvalidInput(
            _("{option} must be a whole number, not {value}.").format(
                option=option, value=repr(clean(value))
            )
        ) from None


def list_query(args: argparse.Namespace) -> ListQuery:
    """The flags of `list` as a query, checked by the core's rules (any case for enums)."""
    if args.name is not None and not args.name.strip():
        raise InvalidInput(_("--name needs some text to match workspace names against."))
    if args.all and args.page is not None:
        raise InvalidInput(_("--all fetches every page: leave out --page."))
    page = _whole_number(args.page, "--page")
    page_size = _whole_number(args.page_size, "--page-size")
    return ListQuery(
        name=args.name.strip() if args.name else None,
        status=check_status(args.status) if args.status is not None else None,
        sort_by=check_sort_field(args.sort_by) if args.sort_by is not None else SORT_FIELDS[0],
        order=check_order(args.order) if args.order is not None else ORDERS[0],
        page=check_page(page) if page is not None else 1,
        page_size=PAGE_SIZE_MAX
        if args.all
        else (check_page_size(page_size) if page_size is not None else 20),
    )


def cmd_list(args: argparse.Namespace, session: CommandSession) -> int:
    if args.ids is not None:
        return _list_ids(args, session)
    query = list_query(args)
    region = session.region()
    service = session.service()
    if args.all:
        return _list_all(args, region, query, session)
    else:
        result = service.list_workspaces(region, query)
        workspace_output.print_rows(
            list(result.rows),
            result.total,
            args.format,
            sys.stdout,
            region=region,
            page=result,
            err=sys.stderr,
            wide=args.wide,
        )
    return ExitCode.OK


def _list_all(
    args: argparse.Namespace, region: str, query: ListQuery, session: CommandSession
) -> int:
    """Every page; at most MAX_PAGES of them, whatever TotalCount claims (SPEC §4)."""
    rows: list[WorkspaceRow] = []
    total = 0
    pages = 0
    with Progress(sys.stderr, _("Loading pages")) as progress:
        for page in session.service().iter_workspaces(region, query):
            rows.extend(page.rows)
            total, pages = page.total, pages + 1
            progress.update(pages, min(-(-total // page.page_size), MAX_PAGES))
    truncated = pages >= MAX_PAGES and len(rows) < total
    workspace_output.print_rows(
        rows,
        total if truncated else len(rows),
        args.format,
        sys.stdout,
        region=region,
        truncated=truncated,
        err=sys.stderr,
        wide=args.wide,
    )
    if truncated:
        sys.stderr.write(
            "paiws: "
            + _(
                "stopped after {pages} pages ({shown} of the {total} workspaces the server "
                "reports); narrow the list with --name or --status."
            ).format(pages=MAX_PAGES, shown=len(rows), total=total)
            + "\n"
        )
        return ExitCode.ERROR
    return ExitCode.OK


def _list_ids(args: argparse.Namespace, session: CommandSession) -> int:
    combined = [
        option
        for option, value in (
            ("--name", args.name),
            ("--status", args.status),
            ("--sort-by", args.sort_by),
            ("--order", args.order),
            ("--page", args.page),
            ("--page-size", args.page_size),
            ("--all", args.all or None),
        )
        if value is not None
    ]
    if combined:
        raise InvalidInput(
            _("--ids looks workspaces up by ID; it cannot be combined with {options}.").format(
                options=", ".join(combined)
            )
        )
    ids = parse_workspace_ids(args.ids)
    region = session.region()
    try:
        # R5: one ID -> GetWorkspace, several -> one batch call; the result is final.
        result = session.service().lookup(region, ids)
    except NotFound:
        found: tuple[WorkspaceRow, ...] = ()
        missing: tuple[str, ...] = ids
    else:
        found = (result.detail.workspace,) if result.detail is not None else result.found
        missing = result.missing
    workspace_output.print_rows(
        list(found),
        len(found),
        args.format,
        sys.stdout,
        region=region,
        missing=missing,
        err=sys.stderr,
        wide=args.wide,
    )
    return ExitCode.OK if found else ExitCode.NOT_FOUND


def cmd_get(args: argparse.Namespace, session: CommandSession) -> int:
    workspace_id = check_workspace_id(args.workspace_id)
    region = session.region()
    detail = session.service().get_workspace(region, workspace_id, verbose=bool(args.owner))
    workspace_output.print_detail(
        detail, args.format, sys.stdout, owner=bool(args.owner), err=sys.stderr
    )
    return ExitCode.OK
