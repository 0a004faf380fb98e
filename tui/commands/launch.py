"""`paiws` without a subcommand (the TUI) and `paiws emulator`."""

from __future__ import annotations

import argparse

from paiws.commands.session import CommandSession
from paiws.core.errors import InvalidInput
from paiws.core.i18n import _
from paiws.core.interface import DataService


def cmd_tui(args: argparse.Namespace, session: CommandSession) -> int:
    """The Textual app (on the demo emulator with --demo). Nothing is sent before a region is
    chosen; a --region given on the command line counts as chosen (R2)."""
    region = session.region() if args.region else None
    service = session.service()
    from paiws.app import run  # lazy: Textual is the heaviest import

    def demo() -> DataService:
        from paiws.demo import demo_service

        return demo_service(session.options)

    return run(service, region=region, demo=None if args.demo else demo)


def cmd_emulator(args: argparse.Namespace, session: CommandSession) -> int:
    from paiws.emulator import serve_forever_cli

    # The emulator itself refuses non-loopback hosts (exit 2): one place for that rule.
    if not 0 <= args.port <= 65535:
        raise InvalidInput(_("--port must be between 0 and 65535 (0 picks a free port)."))
    if args.create_delay is not None and args.create_delay < 0:
        raise InvalidInput(_("--create-delay must be 0 or more seconds."))
    return serve_forever_cli(
        host=args.host,
        port=args.port,
        data=args.data,
        create_delay=args.create_delay,
        fallback_region=args.fallback_region,
    )
