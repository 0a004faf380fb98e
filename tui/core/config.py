"""Global options, endpoint policy (R10), timeouts (R11), the aliyun CLI profile, and state paths.

Nothing here imports the SDK; everything reads the environment at call time so tests (and a
long-running TUI) see the current values.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from paiws.core.errors import InvalidInput

# Why 10 s / 30 s rather than the SDK's 5 s / 10 s: users reach far regions (Frankfurt ->
# Hangzhou) over slow links, and a 100-row ListWorkspaces page or a CreateWorkspace can take
# several seconds server-side. 30 s still bounds a hung read so the UI recovers with a clear
# message, and both can be lowered with flags or the CLI profile.
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 30.0
ENDPOINT_ENV = "PAIWS_ENDPOINT"
PROFILE_ENV = "ALIBABA_CLOUD_PROFILE"
RECENT_LIMIT = 5
# Fields a CLI profile mode needs before it can sign anything (checked for presence only).
_KEY_FIELDS: dict[str | None, tuple[str, ...]] = {
    "AK": ("access_key_id", "access_key_secret"),
    "StsToken": ("access_key_id", "access_key_secret", "sts_token"),
}

_REGION = re.compile(r"[a-z]{2,}(-[a-z0-9]+)+")
_HOST_LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


@dataclass(frozen=True)
class Options:
    """The global options of SPEC §4, shared by the TUI and every subcommand."""

    region: str | None = None
    profile: str | None = None
    endpoint: str | None = None
    connect_timeout: float | None = None
    read_timeout: float | None = None
    demo: bool = False
    read_only: bool = False
    vpc: bool = False


# -- regions ----------------------------------------------------------------------------------


def check_region(region: str | None) -> str:
    """Return ``region`` if it is a plausible region ID; never invent one (R2).

    The region becomes part of a host name and a signed header, so it is checked strictly.
    """
    if region is None or not region.strip():
        raise InvalidInput(
            "A region is required: choose one (there is no default region).",
            code="RegionRequired",
            hint="Pass --region ID, e.g. --region cn-hangzhou; `paiws regions` lists them.",
        )
    if _REGION.fullmatch(region) is None or len(region) > 40:
        raise InvalidInput(
            "The region ID is not valid: use a lower-case ID such as cn-hangzhou.",
            code="InvalidRegion",
            hint="`paiws regions` lists the PAI regions.",
        )
    return region


# -- endpoint policy (R10) --------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    """Where requests go. ``netloc`` is ``host`` or ``host:port`` (IPv6 hosts in brackets)."""

    scheme: str  # "https", or "http" for loopback hosts only
    host: str
    port: int | None = None

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port is None else f"{host}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.netloc}"

    @property
    def loopback(self) -> bool:
        return is_loopback_host(self.host)


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 and ``localhost``: the only hosts plain HTTP may reach."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    return 0 < len(host) <= 253 and all(_HOST_LABEL.fullmatch(label) for label in labels)


def parse_endpoint(text: str) -> Endpoint:
    """Parse ``--endpoint``/``PAIWS_ENDPOINT``: ``https://host[:port]``, ``http://`` for loopback
    only, or a bare ``host[:port]`` (meaning HTTPS). Raises InvalidInput before any request."""
    value = text.strip()
    bad = InvalidInput(
        "The endpoint must look like https://host[:port] (or http://127.0.0.1:PORT for a local "
        "emulator), without a path, query or user name.",
        code="InvalidEndpoint",
    )
    if not value:
        raise bad
    if "://" not in value:
        value = "https://" + value
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise bad from None
    host = parts.hostname or ""
    if (
        parts.scheme.lower() not in ("http", "https")
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username is not None
        or not _valid_host(host)
    ):
        raise bad
    endpoint = Endpoint(scheme=parts.scheme.lower(), host=host, port=port)
    if endpoint.scheme == "http" and not endpoint.loopback:
        raise InvalidInput(
            "Plain http:// is allowed only for loopback endpoints (127.0.0.1, ::1, localhost); "
            "use https:// for any other host.",
            code="InsecureEndpoint",
            hint="Nothing was sent. Use an https:// endpoint.",
        )
    return endpoint


def endpoint_override(options: Options, environ: Mapping[str, str] | None = None) -> str | None:
    """``--endpoint`` wins over ``PAIWS_ENDPOINT``; None means the regional default."""
    env = os.environ if environ is None else environ
    value = (options.endpoint or env.get(ENDPOINT_ENV) or "").strip()
    return value or None


def regional_endpoint(region: str, *, vpc: bool = False) -> Endpoint:
    """The product endpoint: aliyunsdkcore has no entry for AIWorkSpace, so we build it."""
    prefix = "aiworkspace-vpc" if vpc else "aiworkspace"
    return Endpoint(scheme="https", host=f"{prefix}.{check_region(region)}.aliyuncs.com")


# -- aliyun CLI profile -----------------------------------------------------------------------


def cli_config_path() -> Path:
    """``~/.aliyun/config.json``, resolved now (HOME may change in tests)."""
    return Path.home() / ".aliyun" / "config.json"


def display_path(path: Path) -> str:
    """A path for messages, with the home directory shown as ``~``."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class CliProfile:
    """The non-secret parts of one aliyun CLI profile. Keys and tokens are never copied here."""

    name: str
    mode: str | None
    region_id: str | None
    connect_timeout: float | None
    read_timeout: float | None
    complete: bool = True  # AK/StsToken modes: the key fields are filled in (not their values)


class CliConfigError(Exception):
    """The CLI config file exists but cannot be read. The message never quotes the file."""


def _positive(value: object) -> float | None:
    # The aliyun CLI stores 0 for "not set"; anything non-numeric is ignored rather than fatal.
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if 0 < number <= 3600 else None


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def load_cli_config(path: Path | None = None) -> dict[str, Any] | None:
    """The parsed CLI config, None when the file does not exist; CliConfigError when unreadable."""
    target = path or cli_config_path()
    if not target.is_file():
        return None
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        # json's error text quotes nothing, but OSError/decode messages are not ours to trust.
        raise CliConfigError(f"{display_path(target)} is not readable JSON") from None
    if not isinstance(data, dict):
        raise CliConfigError(f"{display_path(target)} is not a JSON object")
    return data


def chosen_profile_name(
    explicit: str | None, config: Mapping[str, Any] | None, environ: Mapping[str, str] | None = None
) -> str | None:
    """``--profile`` > ``ALIBABA_CLOUD_PROFILE`` > the config's ``current`` (R1)."""
    env = os.environ if environ is None else environ
    if explicit:
        return explicit
    if env.get(PROFILE_ENV):
        return env[PROFILE_ENV]
    current = config.get("current") if config else None
    return current if isinstance(current, str) and current else None


# The aliyun CLI's profile modes. A mode is shown on screen (R1: which source and mode), so any
# other text from the file (possibly a secret pasted into the wrong field) is never repeated.
CLI_MODES = frozenset(
    {
        "AK",
        "StsToken",
        "RamRoleArn",
        "EcsRamRole",
        "RsaKeyPair",
        "RamRoleArnWithRoleName",
        "ChainableRamRoleArn",
        "External",
        "CredentialsURI",
        "OIDC",
        "CloudSSO",
        "OAuth",
    }
)
UNKNOWN_MODE = "unrecognised mode"


def _known_mode(value: object) -> str | None:
    text = _text_or_none(value)
    if text is None:
        return None
    return text if text in CLI_MODES else UNKNOWN_MODE


def find_profile(config: Mapping[str, Any] | None, name: str | None) -> CliProfile | None:
    if not config or not name:
        return None
    profiles = config.get("profiles")
    if not isinstance(profiles, list):
        return None
    for entry in profiles:
        if isinstance(entry, dict) and entry.get("name") == name:
            mode = _known_mode(entry.get("mode"))
            return CliProfile(
                name=name,
                mode=mode,
                region_id=_text_or_none(entry.get("region_id")),
                connect_timeout=_positive(entry.get("connect_timeout")),
                read_timeout=_positive(entry.get("read_timeout")),
                complete=all(_text_or_none(entry.get(key)) for key in _KEY_FIELDS.get(mode, ())),
            )
    return None


def cli_profile(explicit: str | None = None) -> CliProfile | None:
    """The profile the chain would use, or None (no file, no such profile, unreadable file)."""
    try:
        config = load_cli_config()
    except CliConfigError:
        return None
    return find_profile(config, chosen_profile_name(explicit, config))


# -- timeouts (R11) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Timeouts:
    connect: float = DEFAULT_CONNECT_TIMEOUT
    read: float = DEFAULT_READ_TIMEOUT


def _flag_timeout(value: float | None, flag: str) -> float | None:
    if value is None:
        return None
    if not 0 < value <= 3600:
        raise InvalidInput(
            f"{flag} must be a number of seconds between 0 and 3600.", code="InvalidTimeout"
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


# -- state: recent regions (region IDs only, nothing else is ever written) ---------------------


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "paiws"


def _recent_file() -> Path:
    return state_dir() / "recent-regions.json"


def recent_regions() -> tuple[str, ...]:
    """Regions chosen before, newest first: shown as hints, never chosen for the user (R2)."""
    try:
        data = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return ()
    if not isinstance(data, list):
        return ()
    valid = [r for r in data if isinstance(r, str) and _REGION.fullmatch(r)]
    return tuple(dict.fromkeys(valid))[:RECENT_LIMIT]


def remember_region(region: str) -> None:
    """Put ``region`` first in the recent list. Best effort: a read-only HOME is not an error."""
    check_region(region)
    regions = (region, *(r for r in recent_regions() if r != region))[:RECENT_LIMIT]
    target = _recent_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".recent-", suffix=".json")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(list(regions), handle)
        os.replace(tmp, target)  # atomic: a crash never leaves half a file
    except OSError:
        Path(tmp).unlink(missing_ok=True)
