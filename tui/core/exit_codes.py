"""The exit codes of SPEC §4, in one place: errors carry one, commands return one, and the CLI's
help text is written from this table."""

from __future__ import annotations

from enum import IntEnum

from paiws.core.i18n import N_, _, listing


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1  # any other API error
    USAGE = 2  # invalid input or usage: nothing was sent
    NOT_ACTIVATED = 3  # PAI is not activated in the region
    NOT_FOUND = 4  # workspace (or member) not found
    PERMISSION = 5  # permission denied
    CREDENTIALS = 6  # credentials missing or rejected
    NETWORK = 7  # network error or timeout
    CONFLICT = 8  # the name is taken by a workspace with another configuration
    INTERRUPTED = 130  # Ctrl+C, as shells report SIGINT


MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: N_("ok"),
    ExitCode.ERROR: N_("other API error"),
    ExitCode.USAGE: N_("invalid input or usage (nothing sent)"),
    ExitCode.NOT_ACTIVATED: N_("PAI not activated"),
    ExitCode.NOT_FOUND: N_("workspace or member not found"),
    ExitCode.PERMISSION: N_("permission denied"),
    ExitCode.CREDENTIALS: N_("credentials missing or rejected"),
    ExitCode.NETWORK: N_("network error or timeout"),
    ExitCode.CONFLICT: N_("name taken by a workspace with another configuration"),
}


def summary() -> str:
    """One sentence listing every code, for `paiws --help`."""
    codes = listing(f"{int(code)} {_(text)}" for code, text in MEANINGS.items())
    return _("Exit codes: {codes}").format(codes=codes)
