"""Connect and read timeouts (R11): flags, then the CLI profile, then defaults."""

from __future__ import annotations

from dataclasses import dataclass

from paiws.core.cli_profile import CliProfile
from paiws.core.errors import InvalidInput
from paiws.core.i18n import _
from paiws.core.options import Options

# Why 10 s / 30 s rather than the SDK's 5 s / 10 s: users reach far regions (Frankfurt ->
# Hangzhou) over slow links, and a 100-row ListWorkspaces page or a CreateWorkspace can take
# several seconds server-side. 30 s still bounds a hung read so the UI recovers with a clear
# message, and both can be lowered with flags or the CLI profile.
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 30.0


@dataclass(frozen=True)
class Timeouts:
    connect: float = DEFAULT_CONNECT_TIMEOUT
    read: float = DEFAULT_READ_TIMEOUT


def _flag_timeout(value: float | None, flag: str) -> float | None:
    if value is None:
        return None
    if not 0 < value <= 3600:
        raise InvalidInput(
            _("{flag} must be a number of seconds between 0 and 3600.").format(flag=flag),
            code="InvalidTimeout",
        )
    return float(value)


def resolve_timeouts(options: Options, profile: CliProfile | None = None) -> Timeouts:
    """Flags > the CLI profile's ``connect_timeout``/``read_timeout`` > defaults."""
    connect = _flag_timeout(options.connect_timeout, "--connect-timeout")
    read = _flag_timeout(options.read_timeout, "--read-timeout")
    return Timeouts(
        connect=connect or (profile and profile.connect_timeout) or DEFAULT_CONNECT_TIMEOUT,
        read=read or (profile and profile.read_timeout) or DEFAULT_READ_TIMEOUT,
    )
