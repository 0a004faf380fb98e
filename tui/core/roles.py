"""The workspace roles and account types: codes, English words, one-line explanations.

One catalogue for the CLI, the TUI and the service. Codes and words are those of SPEC §3 (the
API reference's role enum); each explanation paraphrases, in one line, what the PAI
documentation's "Appendix: List of roles and permissions" and "Manage members of a workspace"
grant the role (alibabacloud.com/help/en/pai/appendix-list-of-roles-and-permissions).
Nothing here is sensitive: roles and account types are shown as they are (R8).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    code: str  # the API's spelling, e.g. PAI.AlgoDeveloper
    words: str  # for people, e.g. "Algorithm developer"
    explanation: str  # one line: what a member with this role may do

    @property
    def short(self) -> str:
        """The code without its ``PAI.`` prefix, e.g. ``AlgoDeveloper`` (CLI arguments)."""
        return self.code.removeprefix("PAI.")


OWNER = "PAI.WorkspaceOwner"
ADMIN = "PAI.WorkspaceAdmin"

# In the API reference's order (the emulator keeps members' roles in it too).
ROLES: tuple[Role, ...] = (
    Role(
        "PAI.AlgoDeveloper",
        "Algorithm developer",
        "Develops and trains models (notebooks, training jobs, pipelines).",
    ),
    Role(
        "PAI.AlgoOperator",
        "Algorithm O&M engineer",
        "Runs and watches every member's training jobs and services.",
    ),
    Role(
        "PAI.LabelManager",
        "Labeling administrator",
        "Manages data labeling jobs and the people who label.",
    ),
    Role(
        "PAI.MaxComputeDeveloper",
        "MaxCompute developer",
        "Runs MaxCompute SQL and jobs in the workspace's project.",
    ),
    Role(
        ADMIN,
        "Administrator",
        "Manages members, resources, settings and every asset.",
    ),
    Role(
        "PAI.WorkspaceGuest",
        "Visitor",
        "Can only view the workspace and its assets.",
    ),
    Role(
        OWNER,
        "Owner",
        "The creator: every right; never granted or removed here.",
    ),
)
BY_CODE: dict[str, Role] = {role.code: role for role in ROLES}
CODES: tuple[str, ...] = tuple(role.code for role in ROLES)
# The roles a member can be given or lose here (R14: never the owner's).
GRANTABLE: tuple[Role, ...] = tuple(role for role in ROLES if role.code != OWNER)

# AccountType of ListMembers (a string on the wire): SPEC §3.
ACCOUNT_TYPES: dict[str, str] = {
    "1": "Alibaba Cloud account",
    "5": "RAM user",
    "6": "RAM role",
}


def role_words(code: str) -> str:
    """``Algorithm developer`` for ``PAI.AlgoDeveloper``; an unknown code as it is."""
    role = BY_CODE.get(code)
    return role.words if role else code


def roles_in_words(codes: tuple[str, ...] | list[str]) -> str:
    """Codes joined as words, e.g. ``Administrator, Visitor``; ``none`` for no role."""
    return ", ".join(role_words(code) for code in codes) if codes else "none"


def in_role_order(codes: set[str] | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Known codes in the catalogue's order first, then unknown ones as given; no duplicates."""
    wanted = list(dict.fromkeys(codes))
    known = [code for code in CODES if code in wanted]
    return (*known, *(code for code in wanted if code not in BY_CODE))


def account_type_words(value: str) -> str:
    """``RAM user`` for ``5``; ``unknown (N)`` for a type the catalogue does not know."""
    return ACCOUNT_TYPES.get(value.strip(), f"unknown ({value.strip()})")
