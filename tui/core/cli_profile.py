"""The non-secret parts of the aliyun CLI's ``~/.aliyun/config.json`` (R1, R11).

Profile name, mode, region hint and timeouts only: keys and tokens are never copied out of the
file. Everything is read at call time, so tests and a long-running TUI see the current file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paiws.core.i18n import _

PROFILE_ENV = "ALIBABA_CLOUD_PROFILE"
# Fields a CLI profile mode needs before it can sign anything (checked for presence only).
_KEY_FIELDS: dict[str | None, tuple[str, ...]] = {
    "AK": ("access_key_id", "access_key_secret"),
    "StsToken": ("access_key_id", "access_key_secret", "sts_token"),
}


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
        raise CliConfigError(
            _("{path} is not readable JSON").format(path=display_path(target))
        ) from None
    if not isinstance(data, dict):
        raise CliConfigError(_("{path} is not a JSON object").format(path=display_path(target)))
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
