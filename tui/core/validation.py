"""Every input rule, once, with one message per failure.

The CLI and the TUI call these for early feedback (a wizard field, a usage error before anything
is sent); the service enforces them again, so invalid input never reaches the network whoever
calls it. ``*_problem`` functions return the first broken rule as a sentence (None when valid);
``check_*`` functions return the normalised value or raise :class:`InvalidInput` (exit 2).
The emulator keeps its own copy of the API's rules: it plays the server, and a wrong rule here
must be catchable there.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from paiws.core.errors import InvalidInput
from paiws.core.i18n import N_, _, sentences
from paiws.core.masking import mask_id
from paiws.core.roles import BY_CODE, GRANTABLE, OWNER, ROLES

NAME_MIN = 3
NAME_MAX = 23
DESCRIPTION_MAX = 80
DISPLAY_NAME_MAX = 80
WORKSPACE_ID_MAX = 64
PAGE_SIZE_MAX = 100  # the API's largest page
BATCH_IDS_MAX = 100  # R5: one batch call, and one page holds at most 100 workspaces
USER_ID_MAX = 64
USERS_MAX = 100  # people added in one go (one check each, one CreateMember for the new ones)
SIMPLE_ENVS: tuple[str, ...] = ("prod",)
STANDARD_ENVS: tuple[str, ...] = ("dev", "prod")
STATUSES: tuple[str, ...] = ("ENABLED", "INITIALIZING", "FAILURE", "DISABLED", "FROZEN", "UPDATING")
SORT_FIELDS: tuple[str, ...] = ("GmtCreateTime", "GmtModifiedTime")
ORDERS: tuple[str, ...] = ("ASC", "DESC")
REGION_ID = re.compile(r"[a-z]{2,}(-[a-z0-9]+)+")

_NAME_CHARS = re.compile(r"[A-Za-z0-9_]*")
_RESOURCE_GROUP = re.compile(r"rg-[A-Za-z0-9]+")  # the shape PAI accepts, e.g. rg-acfmxyz123
# IDs go into the URL path unescaped by the SDK, so only these characters pass.
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


def invalid(problem: str, code: str = "InvalidInput") -> InvalidInput:
    """The error for a broken rule: exit 2, and the promise that nothing was sent."""
    return InvalidInput(problem, code=code, hint=_("Nothing was sent."))


def require(problem: str | None, code: str = "InvalidInput") -> None:
    if problem:
        raise invalid(problem, code)


# -- create: name, description, environments, display name, resource group (R4) ----------------


def name_problem(name: str) -> str | None:
    if not name:
        return _("Name is required.")
    if not ("a" <= name[0].lower() <= "z"):
        return _("Name must start with a letter (a-z or A-Z).")
    if _NAME_CHARS.fullmatch(name) is None:
        return _(
            "Name may contain only letters, digits and underscores (no spaces, hyphens or symbols)."
        )
    if len(name) < NAME_MIN:
        return _("Name must be at least {min} characters long (it has {n}).").format(
            min=NAME_MIN, n=len(name)
        )
    if len(name) > NAME_MAX:
        return _("Name must be at most {max} characters long (it has {n}).").format(
            max=NAME_MAX, n=len(name)
        )
    return None


def is_valid_name(name: str) -> bool:
    return name_problem(name) is None


def description_problem(description: str) -> str | None:
    if not description.strip():
        return _("Description is required.")
    if len(description) > DESCRIPTION_MAX:
        return _("Description must be at most {max} characters (it has {n}).").format(
            max=DESCRIPTION_MAX, n=len(description)
        )
    return None


def env_problem(envs: Sequence[str]) -> str | None:
    if tuple(envs) in (SIMPLE_ENVS, STANDARD_ENVS):
        return None
    return _('Environments must be "prod" (simple mode) or "dev,prod" (standard mode).')


def parse_envs(text: str) -> tuple[str, ...]:
    """Parse a CLI value like ``prod`` or ``dev,prod`` into the API's list (order normalised)."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if sorted(parts) == ["dev", "prod"]:
        return STANDARD_ENVS
    return tuple(parts)


def display_name_problem(display_name: str) -> str | None:
    """An optional field: a given display name must say something (None means "the name")."""
    if not display_name.strip():
        return _("The display name cannot be blank.")
    if len(display_name) > DISPLAY_NAME_MAX:
        return _("The display name must be at most {max} characters (it has {n}).").format(
            max=DISPLAY_NAME_MAX, n=len(display_name)
        )
    return None


def resource_group_problem(group: str) -> str | None:
    if _RESOURCE_GROUP.fullmatch(group.strip()) is None:
        return _("A resource group ID is rg- followed by letters and digits, e.g. rg-acfmxyz123.")
    return None


# -- workspace IDs (R5) ---------------------------------------------------------------------------


def workspace_id_problem(workspace_id: str) -> str | None:
    value = workspace_id.strip()
    if (
        not value
        or len(value) > WORKSPACE_ID_MAX
        or not set(value) <= _ID_CHARS
        or not value[0].isalnum()
    ):
        return _(
            "A workspace ID starts with a letter or digit and may contain only letters, digits, "
            "'-', '_' and '.' (at most {max})."
        ).format(max=WORKSPACE_ID_MAX)
    return None


def check_workspace_id(workspace_id: str) -> str:
    require(workspace_id_problem(workspace_id), "InvalidWorkspaceId")
    return workspace_id.strip()


def unique_ids(ids: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, blanks dropped, duplicates dropped, order kept."""
    return tuple(dict.fromkeys(i.strip() for i in ids if i.strip()))


def parse_workspace_ids(ids: str | Iterable[str]) -> tuple[str, ...]:
    """IDs typed as ``a, b c`` (commas, semicolons or blanks) or given as a list: checked,
    de-duplicated, at least one and at most one batch."""
    parts = re.split(r"[\s,;]+", ids) if isinstance(ids, str) else list(ids)
    wanted = unique_ids(parts)
    for workspace_id in wanted:
        problem = workspace_id_problem(workspace_id)
        if problem:
            raise invalid(
                _("{id} is not a workspace ID: {problem}").format(
                    id=repr(workspace_id), problem=problem
                ),
                "InvalidWorkspaceId",
            )
    if not wanted:
        raise invalid(_("Give at least one workspace ID, e.g. 12345 or 12345,67890."))
    if len(wanted) > BATCH_IDS_MAX:
        raise invalid(
            _("At most {max} workspace IDs can be looked up at once (got {n}).").format(
                max=BATCH_IDS_MAX, n=len(wanted)
            )
        )
    return wanted


# -- listing: enums and paging (any case in, the API's case out) ----------------------------------


def check_choice(value: str, allowed: Sequence[str], what: str) -> str:
    """``value`` in the API's spelling, whatever case it was typed in."""
    for choice in allowed:
        if choice.lower() == value.strip().lower():
            return choice
    raise invalid(
        _("The {what} must be one of {choices}, not {value}.").format(
            what=_(what), choices=", ".join(allowed), value=repr(value.strip())
        )
    )


def check_status(value: str) -> str:
    return check_choice(value, STATUSES, N_("status"))


def check_sort_field(value: str) -> str:
    return check_choice(value, SORT_FIELDS, N_("sort field"))


def check_order(value: str) -> str:
    return check_choice(value, ORDERS, N_("order"))


def check_page(page: int) -> int:
    if page < 1:
        raise invalid(_("Page numbers start at 1 (got {page}).").format(page=page))
    return page


def check_page_size(page_size: int) -> int:
    if not 1 <= page_size <= PAGE_SIZE_MAX:
        raise invalid(
            _("The page size must be between 1 and {max} (got {n}).").format(
                max=PAGE_SIZE_MAX, n=page_size
            )
        )
    return page_size


# -- regions (R2) ---------------------------------------------------------------------------------


def check_region(region: str | None) -> str:
    """Return ``region`` if it is a plausible region ID; never invent one (R2).

    The region becomes part of a host name and a signed header, so it is checked strictly.
    """
    if region is None or not region.strip():
        raise InvalidInput(
            _("A region is required: choose one (there is no default region)."),
            code="RegionRequired",
            hint=_("Pass --region ID, e.g. --region cn-hangzhou; `paiws regions` lists them."),
        )
    if REGION_ID.fullmatch(region) is None or len(region) > 40:
        raise InvalidInput(
            _("The region ID is not valid: use a lower-case ID such as cn-hangzhou."),
            code="InvalidRegion",
            hint=_("`paiws regions` lists the PAI regions."),
        )
    return region


def check_known_region(region: str | None, known: Sequence[str]) -> str:
    """A region of the PAI catalogue (SPEC §3), with a suggestion for a typo."""
    region = check_region(region)
    if region not in known:
        close = difflib.get_close_matches(region, known, n=1, cutoff=0.6)
        guess = _("Did you mean {region}?").format(region=close[0]) if close else ""
        raise InvalidInput(
            sentences(
                _("Unknown region {region}: PAI is not offered there.").format(region=region),
                guess,
            ),
            code="UnknownRegion",
            hint=_("`paiws regions` lists the PAI regions; --endpoint lifts this check."),
        )
    return region


def parse_regions(regions: str | Iterable[str], known: Sequence[str]) -> tuple[str, ...]:
    """``--regions R,R,...`` (or a list): each a region of the PAI catalogue (a suggestion for a
    typo), duplicates dropped, order kept, at least one."""
    parts = regions.split(",") if isinstance(regions, str) else list(regions)
    try:
        wanted = tuple(check_known_region(region, known) for region in unique_ids(parts))
    except InvalidInput as error:  # the same sentence, without "--endpoint lifts this check"
        raise InvalidInput(
            error.message, code=error.code, hint=_("`paiws regions` lists the PAI regions.")
        ) from None
    if not wanted:
        raise invalid(_("Give at least one region, e.g. --regions cn-hangzhou,cn-shanghai."))
    return wanted


# -- find by name across regions (R15) ------------------------------------------------------------

SEARCH_MAX = 64  # longer than any workspace name (NAME_MAX), short enough to echo safely


def search_problem(text: str) -> str | None:
    value = text.strip()
    if not value:
        return _("Give some text to look for in workspace names.")
    if len(value) > SEARCH_MAX:
        return _("The name to look for is too long ({n} characters; at most {max}).").format(
            n=len(value), max=SEARCH_MAX
        )
    if not value.isprintable():
        return _("The name to look for contains control characters.")
    return None


def check_search(text: str) -> str:
    """The text of a find by name (the server matches it fuzzily), trimmed."""
    require(search_problem(text), "InvalidName")
    return text.strip()


# -- members: user IDs, roles, name searches (R14) -------------------------------------------------


def user_id_problem(user_id: str) -> str | None:
    """A user ID as the API takes it (the real service's are numeric, e.g. 16 digits)."""
    value = user_id.strip()
    if not value:
        return _("A user ID cannot be empty.")
    if len(value) > USER_ID_MAX or not set(value) <= _ID_CHARS or not value[0].isalnum():
        return _(
            "A user ID is made of letters and digits (the service's are numbers, e.g. "
            "2000000000000001), at most {n} characters."
        ).format(n=USER_ID_MAX)
    return None


def parse_user_ids(ids: str | Iterable[str]) -> tuple[str, ...]:
    """User IDs typed as ``a,b c`` or given as a list: checked, de-duplicated, at least one.
    A broken ID is named only masked: it may be a real ID with a typo."""
    parts = re.split(r"[\s,;]+", ids) if isinstance(ids, str) else list(ids)
    wanted = unique_ids(parts)
    for user_id in wanted:
        problem = user_id_problem(user_id)
        if problem:
            raise invalid(
                _("{id} is not a user ID: {problem}").format(id=mask_id(user_id), problem=problem),
                "InvalidUserId",
            )
    if not wanted:
        raise invalid(_("Give at least one user ID."), "UserRequired")
    if len(wanted) > USERS_MAX:
        raise invalid(
            _("At most {n} people can be added at once (got {got}).").format(
                n=USERS_MAX, got=len(wanted)
            )
        )
    return wanted


def check_role(value: str, *, grantable: bool = True) -> str:
    """A role code (``PAI.AlgoDeveloper``) or its short form (``algodeveloper``), any case, as
    the API's code. ``grantable``: the owner's role is refused (R14: never granted or removed
    here); listing members by it is fine."""
    typed = value.strip()
    folded = typed.lower()
    for role in ROLES:
        if folded in (role.code.lower(), role.short.lower()):
            if grantable and role.code == OWNER:
                raise invalid(
                    _(
                        "The owner role (PAI.WorkspaceOwner) is never granted or removed here: "
                        "a workspace has exactly one owner, its creator."
                    ),
                    "OwnerRoleFixed",
                )
            return role.code
    choices = GRANTABLE if grantable else ROLES
    raise invalid(
        _(
            "Unknown role {role}: use one of {choices} (or the code, e.g. PAI.AlgoDeveloper; "
            "any case)."
        ).format(role=repr(typed[:40]), choices=", ".join(r.short for r in choices)),
        "InvalidRole",
    )


def parse_roles(roles: str | Iterable[str], *, grantable: bool = True) -> tuple[str, ...]:
    """``AlgoDeveloper,pai.workspaceguest`` or a list: codes, de-duplicated, in the catalogue's
    order, at least one."""
    parts = re.split(r"[\s,;]+", roles) if isinstance(roles, str) else list(roles)
    codes = {check_role(part, grantable=grantable) for part in parts if part.strip()}
    if not codes:
        raise invalid(_("Give at least one role, e.g. AlgoDeveloper."), "MemberRoleRequired")
    return tuple(code for code in BY_CODE if code in codes)


def name_search_problem(text: str) -> str | None:
    """A search for people by name (sent as typed, trimmed): ListWorkspaceUsers UserName,
    ListMembers MemberName."""
    value = text.strip()
    if not value:
        return _("Type part of a name to search for.")
    if len(value) > SEARCH_MAX:
        return _("A name search is at most {n} characters.").format(n=SEARCH_MAX)
    if not value.isprintable():
        return _("The name to search for contains control characters.")
    return None
