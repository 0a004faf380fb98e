"""Every input rule, once: used by the CLI and the TUI for early feedback and enforced by the
service. (The emulator keeps its own copy of the API's rules: it plays the server.)"""

from __future__ import annotations

import re
from collections.abc import Sequence

from paiws.core.errors import InvalidInput

NAME_MIN = 3
NAME_MAX = 23
DESCRIPTION_MAX = 80
SIMPLE_ENVS: tuple[str, ...] = ("prod",)
STANDARD_ENVS: tuple[str, ...] = ("dev", "prod")
STATUSES: tuple[str, ...] = ("ENABLED", "INITIALIZING", "FAILURE", "DISABLED", "FROZEN", "UPDATING")
SORT_FIELDS: tuple[str, ...] = ("GmtCreateTime", "GmtModifiedTime")
ORDERS: tuple[str, ...] = ("ASC", "DESC")

_NAME_CHARS = re.compile(r"[A-Za-z0-9_]*")
REGION_ID = re.compile(r"[a-z]{2,}(-[a-z0-9]+)+")


def name_problem(name: str) -> str | None:
    """Return the first broken name rule as a sentence, or None when the name is valid."""
    if not name:
        return "Name is required."
    if not ("a" <= name[0].lower() <= "z"):
        return "Name must start with a letter (a-z or A-Z)."
    if _NAME_CHARS.fullmatch(name) is None:
        return (
            "Name may contain only letters, digits and underscores (no spaces, hyphens or symbols)."
        )
    if len(name) < NAME_MIN:
        return f"Name must be at least {NAME_MIN} characters long (it has {len(name)})."
    if len(name) > NAME_MAX:
        return f"Name must be at most {NAME_MAX} characters long (it has {len(name)})."
    return None


def is_valid_name(name: str) -> bool:
    return name_problem(name) is None


def description_problem(description: str) -> str | None:
    if not description.strip():
        return "Description is required."
    if len(description) > DESCRIPTION_MAX:
        return (
            f"Description must be at most {DESCRIPTION_MAX} characters (it has {len(description)})."
        )
    return None


def env_problem(envs: Sequence[str]) -> str | None:
    if tuple(envs) in (SIMPLE_ENVS, STANDARD_ENVS):
        return None
    return 'Environments must be "prod" (simple mode) or "dev,prod" (standard mode).'


def parse_envs(text: str) -> tuple[str, ...]:
    """Parse a CLI value like ``prod`` or ``dev,prod`` into the API's list (order normalised)."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if sorted(parts) == ["dev", "prod"]:
        return STANDARD_ENVS
    return tuple(parts)


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
    if REGION_ID.fullmatch(region) is None or len(region) > 40:
        raise InvalidInput(
            "The region ID is not valid: use a lower-case ID such as cn-hangzhou.",
            code="InvalidRegion",
            hint="`paiws regions` lists the PAI regions.",
        )
    return region
