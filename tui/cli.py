"""The `paiws` entry point: argument parsing and dispatch only (the work is in paiws.commands).

Startup stays fast: this module imports nothing heavier than argparse. The SDK, Textual, Rich
and the service are imported inside the functions that need them, so `paiws --help` and
`paiws --version` never load them.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Sequence

from paiws import APP_NAME, startup
from paiws.cli_parser import build_parser
from paiws.core import i18n
from paiws.core.exit_codes import ExitCode
from paiws.core.i18n import _


def _exit_code(exc: SystemExit) -> int:
    code = exc.code
    if code is None:
        return ExitCode.OK
    if isinstance(code, int):
        return code
    return ExitCode.ERROR


def _internal_error(exc: BaseException) -> int:
    # Only the type: an exception's message or traceback may carry API data (R9).
    sys.stderr.write(
        f"{APP_NAME}: " + _("internal error ({kind})").format(kind=type(exc).__name__) + "\n"
    )
    return ExitCode.ERROR


def _run(args: argparse.Namespace) -> int:
    from paiws.commands.session import run_command  # lazy: keeps --help/--version fast

    if args.command is not None:
        startup.done()  # the TUI ends start-up once its first screen is painted
    return run_command("tui" if args.command is None else args.handler, args)


def _thread_error(args: threading.ExceptHookArgs) -> None:
    # The default hook prints a traceback, whose frames may hold API data (R9).
    if args.exc_type is not SystemExit:
        sys.stderr.write(
            f"{APP_NAME}: "
            + _("internal error in a background task ({kind})").format(kind=args.exc_type.__name__)
            + "\n"
        )


def entry() -> int:
    """The process entry point (`paiws`, `python -m paiws`): `main` with collection off during
    start-up (paiws.startup)."""
    startup.begin()
    try:
        return main()
    finally:
        startup.done()


def main(argv: Sequence[str] | None = None) -> int:
    """Run `paiws` and return the exit code (never raises, never prints a traceback)."""
    previous_hook = threading.excepthook
    threading.excepthook = _thread_error
    try:
        return int(_main(argv))  # a plain int for callers, not the ExitCode enum
    finally:
        threading.excepthook = previous_hook  # in-process callers (tests) get theirs back


def _main(argv: Sequence[str] | None) -> int:
    try:
        # The language first: the --help text and every message that follows use it.
        i18n.use(i18n.choose(i18n.flag_in(sys.argv[1:] if argv is None else argv)))
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:  # --help, --version and usage errors
            return _exit_code(exc)
        return _run(args)
    except KeyboardInterrupt:
        sys.stderr.write(f"{APP_NAME}: " + _("interrupted") + "\n")
        return ExitCode.INTERRUPTED
    except SystemExit as exc:
        return _exit_code(exc)
    except BrokenPipeError:
        _silence_stdout()
        return ExitCode.OK
    except Exception as exc:
        return _internal_error(exc)


def _silence_stdout() -> None:
    """After a closed pipe (`paiws list | head`), point stdout at devnull so the interpreter's
    final flush does not print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())
