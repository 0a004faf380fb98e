"""What a command needs besides its arguments: the chosen region and a service built on first
use; and the one place where a failure becomes an explanation on stderr and an exit code."""

from __future__ import annotations

import argparse
import contextlib
import sys

from paiws.core.errors import PaiwsError
from paiws.core.options import Options
from paiws.core.service import WorkspaceService


class CommandSession:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._service: WorkspaceService | None = None

    @property
    def options(self) -> Options:
        args = self.args
        return Options(
            region=args.region,
            profile=args.profile,
            endpoint=args.endpoint,
            connect_timeout=args.connect_timeout,
            read_timeout=args.read_timeout,
            demo=args.demo,
            read_only=args.read_only,
            vpc=args.vpc,
        )

    def region(self) -> str:
        """R2: required, never inferred from a profile, the environment or an SDK default; a
        PAI region of the catalogue unless an endpoint override says where requests go."""
        from paiws.core.endpoint import endpoint_override
        from paiws.core.regions import all_regions
        from paiws.core.validation import check_known_region, check_region

        if endpoint_override(self.options) and not self.args.demo:
            return check_region(self.args.region)
        return check_known_region(self.args.region, [r.id for r in all_regions()])

    def service(self) -> WorkspaceService:
        """Built on first use, without any request (the demo's emulator starts at the first)."""
        if self._service is None:
            if self.args.demo:
                from paiws.demo import demo_service

                self._service = demo_service(self.options)
            else:
                from paiws.core.factory import build_service

                self._service = build_service(self.options)
        return self._service

    def refuse_if_read_only(self, action: str) -> None:
        """Before anything else, so a refused change is refused whatever else is wrong."""
        self.service().refuse_if_read_only(action)

    def close(self) -> None:
        # The command's outcome is decided by now: a failure while tidying up must not turn
        # it into an "internal error".
        if self._service is not None:
            with contextlib.suppress(Exception):
                self._service.close()
            self._service = None


def run_command(handler_name: str, args: argparse.Namespace) -> int:
    """Run a command; a PaiwsError becomes its exit code and an explanation on stderr."""
    from paiws.commands import handler_for

    session = CommandSession(args)
    try:
        return handler_for(handler_name)(args, session)
    except PaiwsError as error:
        from paiws.output.errors import print_error  # here: the TUI's start-up needs none of it

        return int(print_error(error, sys.stderr).exit_code)
    finally:
        session.close()
