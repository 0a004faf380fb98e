"""Textual-free presentation of members, users and add results, shared by the CLI and the TUI.

Keys are the natural-language names of SPEC §4 / R8 (``Member ID``, ``User ID``, ``Name``,
``Account``…), never the API's. Records (JSON, CSV) keep roles as codes and times in ISO 8601
UTC; cells and lines for people show roles in words and readable times. A wrongly typed field
reads ``unreadable`` and the record lists it under ``Unreadable Fields`` (R16).

Records are machine output, English in every language (an ``Error`` sentence included: the
CLI builds it inside ``i18n.english()``). Cells and lines are for people, in the interface
language; column names stay English in code (``_(name)`` in the header).
"""

from __future__ import annotations

from paiws.core.i18n import N_, _
from paiws.core.item_reader import UNREADABLE
from paiws.core.member_views import AddResult, MemberRow, UserRow
from paiws.core.present import UNREADABLE_KEY, UNREADABLE_MARK, display_time
from paiws.core.roles import account_type_text, roles_in_words

# Every key of a member record, in output order (SPEC §4).
MEMBER_KEYS: tuple[str, ...] = (
    "Member ID",
    "User ID",
    "Name",
    "Display Name",
    "Account",
    "Account Type",
    "Roles",
    "Added",
)
USER_KEYS: tuple[str, ...] = ("User ID", "Name")
MEMBER_COLUMNS: tuple[str, ...] = (
    N_("Name"),
    N_("Display Name"),
    N_("Account"),
    N_("Account Type"),
    N_("Roles"),
    N_("Added"),
    N_("User ID"),
    N_("Member ID"),
)
USER_COLUMNS: tuple[str, ...] = (N_("Name"), N_("User ID"))
ADD_RESULT_KEYS: tuple[str, ...] = ("User ID", "Outcome", "Roles", "Error")


def _degraded(record: dict[str, object], unreadable: tuple[str, ...]) -> dict[str, object]:
    for key in unreadable:
        if key in record:
            record[key] = UNREADABLE  # whatever the field's usual type (R16)
    if unreadable:
        record[UNREADABLE_KEY] = list(unreadable)
    return record


def member_record(row: MemberRow) -> dict[str, object]:
    """One member for JSON/CSV, keys exactly as SPEC §4."""
    values: tuple[object, ...] = (
        row.member_id,
        row.user_id,
        row.name,
        row.display_name,
        row.account,
        row.account_type,
        list(row.roles),
        row.added,
    )
    return _degraded(dict(zip(MEMBER_KEYS, values, strict=True)), row.unreadable)


def member_cells(row: MemberRow) -> tuple[str, ...]:
    """Table cells in ``MEMBER_COLUMNS`` order, for people (roles in words)."""
    roles = UNREADABLE if "Roles" in row.unreadable else roles_in_words(row.roles)
    return (
        row.name + UNREADABLE_MARK if row.unreadable else row.name,
        row.display_name,
        row.account,
        account_type_text(row.account_type),
        roles,
        display_time(row.added),
        row.user_id,
        row.member_id,
    )


def user_record(user: UserRow) -> dict[str, object]:
    return _degraded(dict(zip(USER_KEYS, (user.user_id, user.name), strict=True)), user.unreadable)


def user_cells(user: UserRow) -> tuple[str, ...]:
    return (user.name + UNREADABLE_MARK if user.unreadable else user.name, user.user_id)


def add_result_record(result: AddResult) -> dict[str, object]:
    """One person's line of ``members add --format json`` (SPEC §4)."""
    return {
        "User ID": result.person.user_id,
        "Outcome": result.outcome,
        "Roles": list(result.roles),
        "Error": result.error,
    }


def add_result_line(result: AddResult) -> str:
    """One person's result for people: who, what happened, with which roles."""
    who = result.person.label
    if result.outcome == "added":
        return _("{who}: added as {roles}").format(who=who, roles=roles_in_words(result.roles))
    if result.outcome == "roles added":
        return _("{who}: roles added ({granted}); now {roles}").format(
            who=who, granted=roles_in_words(result.granted), roles=roles_in_words(result.roles)
        )
    if result.outcome == "already a member":
        return _("{who}: already a member with {roles}; nothing sent").format(
            who=who, roles=roles_in_words(result.roles)
        )
    return _("{who}: failed: {error}").format(who=who, error=result.error or _("unknown error"))
