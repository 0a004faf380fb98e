"""The exit codes of SPEC §4, in one place: errors carry one, commands return one, and the CLI's
help text is written from this table."""

from __future__ import annotations

from enum import IntEnum


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
    ExitCode.OK: "ok",
    ExitCode.ERROR: "other API error",
    ExitCode.USAGE: "invalid input or usage (nothing sent)",
    ExitCode.NOT_ACTIVATED: "PAI not activated",
    ExitCode.NOT_FOUND: "workspace or member not found",
    ExitCode.PERMISSION: "permission denied",
    ExitCode.CREDENTIALS: "credentials missing or rejected",
    ExitCode.NETWORK: "network error or timeout",
    ExitCode.CONFLICT: "name taken by a workspace with another configuration",
}


def summary() -> str:
    """One sentence listing every code, for `paiws --help`."""
    return "Exit codes: " + ", ".join(f"{int(code)} {text}" for code, text in MEANINGS.items())
