"""The workspace roles and account types: codes, English words, one-line explanations.

One catalogue for the CLI, the TUI and the service. Codes and words are those of SPEC §3 (the
API reference's role enum); each explanation paraphrases, in one line, what the PAI
documentation's "Appendix: List of roles and permissions" and "Manage members of a workspace"
grant the role (alibabacloud.com/help/en/pai/appendix-list-of-roles-and-permissions).
Nothing here is sensitive: roles and account types are shown as they are (R8).

Words and explanations are English data marked for the catalogue (``N_``): `role_words`,
`roles_in_words` and `account_type_text` translate them for people when they are called, so a
sentence built inside ``i18n.english()`` (machine output) keeps the English words. JSON and CSV
show role codes and the English account type (`account_type_words`), never translated.
"""

from __future__ import annotations

from dataclasses import dataclass

from paiws.core.i18n import N_, _, listing


@dataclass(frozen=True)
class Role:
    code: str  # the API's spelling, e.g. PAI.AlgoDeveloper
    words: str  # for people, e.g. "Algorithm developer" (English; `_(role.words)` to show)
    explanation: str  # one line: what a member with this role may do (English, like words)

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
        N_("Algorithm developer"),
        N_("Develops and trains models (notebooks, training jobs, pipelines)."),
    ),
    Role(
        "PAI.AlgoOperator",
        N_("Algorithm O&M engineer"),
        N_("Runs and watches every member's training jobs and services."),
    ),
    Role(
        "PAI.LabelManager",
        N_("Labeling administrator"),
        N_("Manages data labeling jobs and the people who label."),
    ),
    Role(
        "PAI.MaxComputeDeveloper",
        N_("MaxCompute developer"),
        N_("Runs MaxCompute SQL and jobs in the workspace's project."),
    ),
    Role(
        ADMIN,
        N_("Administrator"),
        N_("Manages members, resources, settings and every asset."),
    ),
    Role(
        "PAI.WorkspaceGuest",
        N_("Visitor"),
        N_("Can only view the workspace and its assets."),
    ),
    Role(
        OWNER,
        N_("Owner"),
        N_("The creator: every right; never granted or removed here."),
    ),
)
BY_CODE: dict[str, Role] = {role.code: role for role in ROLES}
CODES: tuple[str, ...] = tuple(role.code for role in ROLES)
# The roles a member can be given or lose here (R14: never the owner's).
GRANTABLE: tuple[Role, ...] = tuple(role for role in ROLES if role.code != OWNER)

# AccountType of ListMembers (a string on the wire): SPEC §3.
ACCOUNT_TYPES: dict[str, str] = {
    "1": N_("Alibaba Cloud account"),
    "5": N_("RAM user"),
    "6": N_("RAM role"),
}


def role_words(code: str) -> str:
    """``Algorithm developer`` for ``PAI.AlgoDeveloper`` (in the interface language); an
    unknown code as it is."""
    role = BY_CODE.get(code)
    return _(role.words) if role else code


def role_explanation(code: str) -> str:
    """What a member with the role ``code`` may do, in one line for people ("" if unknown)."""
    role = BY_CODE.get(code)
    return _(role.explanation) if role else ""


def roles_in_words(codes: tuple[str, ...] | list[str]) -> str:
    """Codes joined as words, e.g. ``Administrator, Visitor``; ``none`` for no role."""
    if not codes:
        # i18n: a member's roles when there are none
        return _("none")
    return listing(role_words(code) for code in codes)


def in_role_order(codes: set[str] | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Known codes in the catalogue's order first, then unknown ones as given; no duplicates."""
    wanted = list(dict.fromkeys(codes))
    known = [code for code in CODES if code in wanted]
    return (*known, *(code for code in wanted if code not in BY_CODE))


def account_type_words(value: str) -> str:
    """``RAM user`` for ``5``; ``unknown (N)`` for a type the catalogue does not know. English:
    the value of a record's ``Account Type`` (JSON, CSV); `account_type_text` shows it."""
    return ACCOUNT_TYPES.get(value.strip(), f"unknown ({value.strip()})")


def account_type_text(words: str) -> str:
    """An account type as `account_type_words` wrote it, for people: ``RAM 用户`` for
    ``RAM user`` in Chinese; anything else (``N/A``, ``unreadable``) as it is."""
    if words in ACCOUNT_TYPES.values():
        return _(words)
    if words.startswith("unknown (") and words.endswith(")"):
        # i18n: an account type paiws does not know; {type} is the server's number
        return _("unknown ({type})").format(type=words.removeprefix("unknown (")[:-1])
    return words
