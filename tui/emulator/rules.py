"""The service's own input rules and enums, kept apart from the client's copy on purpose.

The emulator plays the server: if a client rule drifts (a name rule, an enum spelling, a role
code), requests that the real service would refuse are refused here too, and tests catch it.
Nothing in this module is imported from, or shared with, the client side (``paiws.core``).

Sources: the AIWorkSpace 2021-02-04 API reference (CreateWorkspace name/description rules, the
enums of ListWorkspaces, the role list of ListMembers) as SPEC R4 and §3 quote them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

NAME_MIN = 3
NAME_MAX = 23
DESCRIPTION_MAX = 80
SIMPLE_ENVS: tuple[str, ...] = ("prod",)
STANDARD_ENVS: tuple[str, ...] = ("dev", "prod")
STATUSES: tuple[str, ...] = ("ENABLED", "INITIALIZING", "FAILURE", "DISABLED", "FROZEN", "UPDATING")
SORT_FIELDS: tuple[str, ...] = ("GmtCreateTime", "GmtModifiedTime")
ORDERS: tuple[str, ...] = ("ASC", "DESC")

OWNER_ROLE = "PAI.WorkspaceOwner"
ADMIN_ROLE = "PAI.WorkspaceAdmin"
# ListMembers' ``Roles`` enum, case-sensitive, in the reference's order.
ROLES: tuple[str, ...] = (
    "PAI.AlgoDeveloper",
    "PAI.AlgoOperator",
    "PAI.LabelManager",
    "PAI.MaxComputeDeveloper",
    ADMIN_ROLE,
    "PAI.WorkspaceGuest",
    OWNER_ROLE,
)
# AccountType of ListMembers/GetMember: a string on the wire (SDK model and reference: string).
ACCOUNT_PRIMARY = "1"  # Alibaba Cloud account
ACCOUNT_RAM_USER = "5"
ACCOUNT_RAM_ROLE = "6"
ACCOUNT_TYPES: tuple[str, ...] = (ACCOUNT_PRIMARY, ACCOUNT_RAM_USER, ACCOUNT_RAM_ROLE)

_NAME_CHARS = re.compile(r"[A-Za-z0-9_]*")


def name_problem(name: str) -> str | None:
    """The first broken workspace-name rule as a sentence, or None when the name is valid."""
    if not name:
        return "The parameter WorkspaceName is required."
    if not ("a" <= name[0].lower() <= "z"):
        return "The parameter WorkspaceName must start with a letter."
    if _NAME_CHARS.fullmatch(name) is None:
        return "The parameter WorkspaceName may contain only letters, digits and underscores."
    if not NAME_MIN <= len(name) <= NAME_MAX:
        return f"The parameter WorkspaceName must be {NAME_MIN} to {NAME_MAX} characters long."
    return None


def description_problem(description: str) -> str | None:
    if not description.strip():
        return "The parameter Description is required."
    if len(description) > DESCRIPTION_MAX:
        return f"The parameter Description must be at most {DESCRIPTION_MAX} characters long."
    return None


def env_problem(envs: Sequence[str]) -> str | None:
    if tuple(envs) in (SIMPLE_ENVS, STANDARD_ENVS):
        return None
    return 'The parameter EnvTypes must be ["prod"] or ["dev", "prod"].'


def role_order(roles: Sequence[str]) -> list[str]:
    """Known roles without duplicates, in the enum's order (how the emulator stores them)."""
    wanted = set(roles)
    return [role for role in ROLES if role in wanted]
