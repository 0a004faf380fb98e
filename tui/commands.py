"""One function per `paiws` subcommand. Each validates its input (nothing is sent when it is
invalid), calls the DataService, and hands the masked view models to paiws.output.

Commands return an exit code; a PaiwsError raised anywhere becomes its `exit_code` plus one
clear sentence on stderr (see `guarded`).
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from paiws import output
from paiws.core import validation
from paiws.core.errors import InvalidInput, NotFound, PaiwsError, ReadOnlyMode
from paiws.core.views import CreateOutcome, CreateRequest, ListQuery, WorkspaceRow

if TYPE_CHECKING:
    from paiws.core.interface import DataService
    from paiws.demo import DemoSession

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_NOT_FOUND = 4

# Resource group IDs are sent as a JSON string; refuse whitespace, controls and URL syntax.
_BAD_ID_CHARS = re.compile(r"[\s/\\?#%,&;]|[^\x21-\x7e]")
_PAGE_SIZE_MAX = 100
_IDS_MAX = 100  # R5: one batch call, and one page holds at most 100 workspaces
_ALL_PAGE_SIZE = 100  # the API's largest page: fewest calls for --all


class Session:
    """What a command needs from outside its arguments: the region and a lazily built
    service (the embedded demo emulator with --demo, the real API otherwise)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._service: DataService | None = None
        self._demo: DemoSession | None = None

    def region(self) -> str:
        # R2: required, never inferred from a profile, the environment or an SDK default.
        return check_region(self.args.region)

    def service(self, *, lazy_demo: bool = False) -> DataService:
        """``lazy_demo``: with --demo, start the emulator at the first API call (the TUI's
        region picker needs none; see paiws.demo.LazyDemoService)."""
        if self._service is None:
            if self.args.demo:
                from paiws.demo import LazyDemoService, start_demo

                def start() -> DemoSession:
                    return start_demo(
                        read_only=self.args.read_only,
                        connect_timeout=self.args.connect_timeout,
                        read_timeout=self.args.read_timeout,
                    )

                if lazy_demo:
                    self._service = LazyDemoService(start, read_only=self.args.read_only)
                else:
                    self._demo = start()
                    self._service = self._demo.service
            else:
                from paiws.core.factory import build_service
                from paiws.core.options import Options

                self._service = build_service(
                    Options(
                        region=self.args.region,
                        profile=self.args.profile,
                        endpoint=self.args.endpoint,
                        connect_timeout=self.args.connect_timeout,
                        read_timeout=self.args.read_timeout,
                        demo=False,
                        read_only=self.args.read_only,
                        vpc=self.args.vpc,
                    )
                )
        return self._service

    def refuse_if_read_only(self, action: str) -> None:
        if self.args.read_only:
            raise ReadOnlyMode(
                f"Refusing to {action}: paiws is in --read-only mode.",
                hint="Run without --read-only to make changes.",
            )

    def close(self) -> None:
        # The command's outcome is decided by now: a failure while tidying up must not turn
        # it into an "internal error".
        close = getattr(self._service, "close", None)  # not part of the DataService protocol
        with contextlib.suppress(Exception):
            if callable(close):
                close()
        if self._demo is not None:
            with contextlib.suppress(Exception):
                self._demo.stop()
            self._demo = None


Handler = Callable[[argparse.Namespace, Session], int]


def guarded(handler: Handler, args: argparse.Namespace) -> int:
    """Run a command; a PaiwsError becomes its exit code and a message on stderr."""
    session = Session(args)
    try:
        return handler(args, session)
    except PaiwsError as exc:
        output.report_error(exc, sys.stderr)
        return exc.exit_code
    finally:
        session.close()


# -- input checks (all raise InvalidInput, exit 2, before anything is sent) ---------------------


def check_region(region: str | None) -> str:
    from paiws.core.validation import check_region as config_check_region  # the one region rule

    return config_check_region(region)


def check_workspace_id(value: str) -> str:
    from paiws.core.client import check_workspace_id as client_check  # the one ID rule

    workspace_id = client_check(value)
    if set(workspace_id) == {"."}:  # "." and ".." would walk the URL path
        raise InvalidInput("A workspace ID cannot consist of dots only.")
    return workspace_id


def _enum(value: str | None, allowed: tuple[str, ...], what: str, option: str) -> str | None:
    if value is None:
        return None
    if value not in allowed:
        raise InvalidInput(
            f"{option} must be one of {', '.join(allowed)} (case-sensitive), "
            f"not {output.clean(value)!r}; the {what} values are exactly as the API spells them."
        )
    return value


def _positive_int(value: str | None, option: str, *, maximum: int | None = None) -> int | None:
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        shown = output.clean(value)
        raise InvalidInput(f"{option} must be a whole number, not {shown!r}.") from None
    if number < 1 or (maximum is not None and number > maximum):
        bound = f"between 1 and {maximum}" if maximum is not None else "at least 1"
        raise InvalidInput(f"{option} must be {bound} (got {number}).")
    return number


def _list_query(args: argparse.Namespace) -> ListQuery:
    name = args.name
    if name is not None and not name.strip():
        raise InvalidInput("--name needs some text to match workspace names against.")
    status = _enum(args.status, validation.STATUSES, "status", "--status")
    sort_by = _enum(args.sort_by, validation.SORT_FIELDS, "sort field", "--sort-by")
    order = _enum(args.order, validation.ORDERS, "order", "--order")
    page = _positive_int(args.page, "--page")
    page_size = _positive_int(args.page_size, "--page-size", maximum=_PAGE_SIZE_MAX)
    if args.all and args.page is not None:
        raise InvalidInput("--all fetches every page: leave out --page.")
    return ListQuery(
        name=name.strip() if name else None,
        status=status,
        sort_by=sort_by or validation.SORT_FIELDS[0],
        order=order or validation.ORDERS[0],
        page=page or 1,
        page_size=_ALL_PAGE_SIZE if args.all else (page_size or 20),
    )


def _parse_ids(text: str) -> tuple[str, ...]:
    ids: list[str] = []
    for part in text.split(","):
        if part.strip():
            workspace_id = check_workspace_id(part)
            if workspace_id not in ids:
                ids.append(workspace_id)
    if not ids:
        raise InvalidInput("--ids needs at least one workspace ID, e.g. --ids 12345,67890.")
    if len(ids) > _IDS_MAX:
        raise InvalidInput(
            f"--ids takes at most {_IDS_MAX} IDs: they are looked up in one "
            f"batch call of at most {_IDS_MAX} results (got {len(ids)})."
        )
    return tuple(ids)


def _create_request(args: argparse.Namespace) -> CreateRequest:
    problem = (
        validation.name_problem(args.name)
        or validation.description_problem(args.description)
        or validation.env_problem(validation.parse_envs(args.env))
    )
    if problem:
        raise InvalidInput(problem)
    display_name = args.display_name
    if display_name is not None and not display_name.strip():
        raise InvalidInput("--display-name cannot be blank (leave it out to use the name).")
    group = args.resource_group_id
    if group is not None and (not group.strip() or _BAD_ID_CHARS.search(group.strip())):
        raise InvalidInput("--resource-group-id must be an ID without spaces or symbols.")
    return CreateRequest(
        name=args.name,
        description=args.description,
        environments=validation.parse_envs(args.env),
        display_name=display_name,
        resource_group_id=group.strip() if group else None,
    )


# -- subcommands ---------------------------------------------------------------------------------


def cmd_regions(args: argparse.Namespace, session: Session) -> int:
    from paiws.core.regions import all_regions  # no credentials or network needed

    output.print_regions(all_regions(), args.format, sys.stdout)
    return EXIT_OK


def cmd_activation(args: argparse.Namespace, session: Session) -> int:
    region = session.region()
    state = session.service().activation(region)
    output.print_activation(state, args.format, sys.stdout)
    return EXIT_OK if state.activated else 3


def cmd_list_(args: argparse.Namespace, session: Session) -> int:
    if args.ids is not None:
        return _list_ids(args, session)
    query = _list_query(args)
    region = session.region()
    service = session.service()
    if args.all:
        rows: list[WorkspaceRow] = []
        for page in service.iter_workspaces(region, query):
            rows.extend(page.rows)
        output.print_rows(rows, len(rows), args.format, sys.stdout, region=region)
    else:
        result = service.list_workspaces(region, query)
        output.print_rows(
            list(result.rows), result.total, args.format, sys.stdout, region=region, page=result
        )
    return EXIT_OK


def _list_ids(args: argparse.Namespace, session: Session) -> int:
    explicit = [
        opt
        for opt, value in (
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
    if explicit:
        raise InvalidInput(
            f"--ids looks workspaces up by ID; it cannot be combined with {', '.join(explicit)}."
        )
    ids = _parse_ids(args.ids)
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
    output.print_rows(
        list(found),
        len(found),
        args.format,
        sys.stdout,
        region=region,
        missing=missing,
        err=sys.stderr,
    )
    return EXIT_OK if found else EXIT_NOT_FOUND


def cmd_get(args: argparse.Namespace, session: Session) -> int:
    workspace_id = check_workspace_id(args.workspace_id)
    region = session.region()
    detail = session.service().get_workspace(region, workspace_id, verbose=bool(args.owner))
    output.print_detail(detail, args.format, sys.stdout, owner=bool(args.owner))
    return EXIT_OK


def cmd_limits(args: argparse.Namespace, session: Session) -> int:
    region = session.region()
    limits = session.service().resource_limits(region)
    output.print_limits(limits, args.format, sys.stdout)
    return EXIT_OK


def cmd_create(args: argparse.Namespace, session: Session) -> int:
    session.refuse_if_read_only("create a workspace")
    request = _create_request(args)
    region = session.region()
    if not args.yes and not _confirm_create(region, request):
        sys.stderr.write("Cancelled: nothing was created.\n")
        return EXIT_ERROR
    progress = output.ProgressPrinter(sys.stderr) if args.wait else None
    outcome = session.service().create_workspace(
        region, request, wait=bool(args.wait), on_progress=progress
    )
    output.print_create_outcome(
        outcome, request, args.format, sys.stdout, sys.stderr, region=region, wait=bool(args.wait)
    )
    return _create_exit_code(outcome, wait=bool(args.wait))


def _confirm_create(region: str, request: CreateRequest) -> bool:
    """R4: every parameter is shown for explicit confirmation. Without a terminal there is
    nobody to ask, so the command refuses instead of assuming yes."""
    if not _stdin_is_tty():
        raise InvalidInput(
            "Refusing to create without confirmation: standard input is not a terminal. "
            "Pass --yes to confirm the parameters non-interactively."
        )
    output.print_create_summary(region, request, sys.stderr)
    sys.stderr.write("Create this workspace? [y/N] ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    return answer.strip().lower() in {"y", "yes"}


def _stdin_is_tty() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # closed or detached stdin
        return False


def _create_exit_code(outcome: CreateOutcome, *, wait: bool) -> int:
    if outcome.kind == "name_taken":
        return EXIT_ERROR
    if wait and outcome.kind == "created" and outcome.final_status != "ENABLED":
        # FAILURE, or still initialising when polling gave up: not the usable workspace the
        # caller waited for. print_create_outcome already said which and what to do.
        return EXIT_ERROR
    return EXIT_OK


def cmd_update(args: argparse.Namespace, session: Session) -> int:
    session.refuse_if_read_only("update a workspace")
    workspace_id = check_workspace_id(args.workspace_id)
    if args.display_name is None and args.description is None:
        raise InvalidInput("Nothing to update: pass --display-name and/or --description.")
    if args.display_name is not None and not args.display_name.strip():
        raise InvalidInput("--display-name cannot be blank.")
    if args.description is not None:
        problem = validation.description_problem(args.description)
        if problem:
            raise InvalidInput(problem)
    region = session.region()
    detail = session.service().update_workspace(
        region, workspace_id, display_name=args.display_name, description=args.description
    )
    output.print_updated(detail, args.format, sys.stdout)
    return EXIT_OK


def cmd_delete(args: argparse.Namespace, session: Session) -> int:
    session.refuse_if_read_only("delete a workspace")
    workspace_id = check_workspace_id(args.workspace_id)
    if not args.confirm_name.strip():
        raise InvalidInput("--confirm-name must be the workspace's name, typed out in full.")
    region = session.region()
    session.service().delete_workspace(region, workspace_id, confirm_name=args.confirm_name)
    sys.stdout.write(
        f"Deleted workspace {output.clean(workspace_id)} ({output.clean(args.confirm_name)}).\n"
    )
    return EXIT_OK


def cmd_emulator(args: argparse.Namespace, session: Session) -> int:
    from paiws.emulator import serve_forever_cli

    # The emulator itself refuses non-loopback hosts (exit 2): one place for that rule.
    if not 0 <= args.port <= 65535:
        raise InvalidInput("--port must be between 0 and 65535 (0 picks a free port).")
    if args.create_delay is not None and args.create_delay < 0:
        raise InvalidInput("--create-delay must be 0 or more seconds.")
    return serve_forever_cli(
        host=args.host,
        port=args.port,
        data=args.data,
        create_delay=args.create_delay,
        fallback_region=args.fallback_region,
    )


def run_tui(args: argparse.Namespace, session: Session) -> int:
    """`paiws` without a subcommand: the Textual app (on the demo emulator with --demo)."""
    region = check_region(args.region) if args.region else None
    service = session.service(lazy_demo=True)
    from paiws.app import run  # lazy: Textual is the heaviest import

    return run(service, region=region)
