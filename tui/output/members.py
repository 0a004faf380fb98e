"""Printers for `paiws members …`: masked member and user records as a table, JSON or CSV, and
the per-person results of `members add` (keys exactly as SPEC §4). JSON and CSV are the same in
every language; tables and sentences are in the interface language."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from paiws.core import member_present as present
from paiws.core.i18n import _
from paiws.core.member_views import (
    AddMembersOutcome,
    MemberPage,
    MemberRow,
    RemovalOutcome,
    RoleChangeOutcome,
    RoleChangePlan,
    UserSearch,
)
from paiws.core.present import UNREADABLE_KEY, unreadable_note
from paiws.core.roles import role_explanation, role_words, roles_in_words
from paiws.output.render import clean, csv_value, print_table, write_json

# Least useful first when the width is too small; Name, Roles and User ID stay whole.
_DROP_FIRST = ("Member ID", "Added", "Display Name", "Account Type", "Account")


def print_members(
    rows: Sequence[MemberRow],
    total: int,
    fmt: str,
    stream: TextIO,
    *,
    workspace_id: str,
    err: TextIO,
    page: MemberPage | None = None,
    truncated: bool = False,
    wide: bool = False,
) -> None:
    records = [present.member_record(row) for row in rows]
    unreadable = sum(1 for row in rows if row.unreadable)
    if unreadable:
        err.write(f"paiws: {unreadable_note(unreadable, 'member')}\n")
    if fmt == "json":
        data: dict[str, object] = {"Total": total, "Members": records}
        if truncated:
            data["Truncated"] = True
        write_json(data, stream)
        return
    if fmt == "csv":
        keys = [*present.MEMBER_KEYS, UNREADABLE_KEY]
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(keys)
        for record in records:
            writer.writerow([csv_value(record.get(key, "")) for key in keys])
        return
    if not rows:
        stream.write(_("No members found in workspace {id}.").format(id=clean(workspace_id)) + "\n")
        return
    print_table(
        stream,
        present.MEMBER_COLUMNS,
        (present.member_cells(row) for row in rows),
        whole=("Name", "Roles", "User ID"),
        droppable=_DROP_FIRST,
        wide=wide,
    )
    if page is not None and page.total > len(rows):
        stream.write(
            _(
                "Members 1-{shown} of {total} in workspace {id}. --all lists every one; --name "
                "or --role narrows the list."
            ).format(shown=len(rows), total=page.total, id=clean(workspace_id))
            + "\n"
        )


def print_users(search: UserSearch, fmt: str, stream: TextIO, *, err: TextIO) -> None:
    if search.unreadable_items:
        err.write(f"paiws: {unreadable_note(search.unreadable_items, 'user')}\n")
    if fmt == "json":
        write_json({"Users": [present.user_record(user) for user in search.users]}, stream)
        return
    if not search.users:
        stream.write(
            _("Nobody who could be added matches {name}.").format(name=repr(clean(search.name)))
            + "\n"
        )
        return
    print_table(
        stream,
        present.USER_COLUMNS,
        (present.user_cells(user) for user in search.users),
        whole=present.USER_COLUMNS,
    )
    if search.total > len(search.users):
        stream.write(
            _("Showing {shown} of {total} matches: type more of the name.").format(
                shown=len(search.users), total=search.total
            )
            + "\n"
        )


def print_add_summary(
    region: str, workspace_id: str, labels: Sequence[str], roles: Sequence[str], stream: TextIO
) -> None:
    """R14: every parameter, before the confirmation question."""
    stream.write(
        _("Add to workspace {id} in {region}:").format(id=clean(workspace_id), region=clean(region))
        + "\n"
    )
    for label in labels:
        stream.write(f"  {clean(label)}\n")
    stream.write(_("With the roles:") + "\n")
    for code in roles:
        explanation = role_explanation(code)
        explained = f" - {explanation}" if explanation else ""
        stream.write(f"  {role_words(code)} ({code}){explained}\n")
    stream.write(
        _(
            "paiws checks each person first: members get only the roles they lack, everyone "
            "else is added in one CreateMember call, and the result is read back."
        )
        + "\n"
    )


def print_add_outcome(outcome: AddMembersOutcome, fmt: str, stream: TextIO, err: TextIO) -> None:
    if fmt == "json":
        write_json(
            {"Results": [present.add_result_record(result) for result in outcome.results]},
            stream,
        )
    else:
        for result in outcome.results:
            stream.write(clean(present.add_result_line(result)) + "\n")
            for note in result.notes:
                stream.write("  " + _("note: {note}").format(note=clean(note)) + "\n")
    # The RAM policy for a refused action (R12), once per action, on stderr.
    shown: set[str] = set()
    for result in outcome.failed:
        if result.policy and result.action and result.action not in shown:
            shown.add(result.action)
            err.write(
                "paiws: "
                + _(
                    "permission denied for {action}. Ask your administrator to attach this "
                    "least-privilege RAM policy, then retry:"
                ).format(action=clean(result.action))
                + "\n"
            )
            err.write(clean(result.policy).rstrip() + "\n")
    if any(result.ambiguous for result in outcome.failed):
        err.write(
            "paiws: "
            + _(
                "some changes had no clear answer and were not retried; run the same command "
                "again: it checks first and adds only who is still missing."
            )
            + "\n"
        )


def print_role_plan(plan: RoleChangePlan, stream: TextIO) -> None:
    from rich.cells import cell_len  # as in render: Rich only when a table is printed

    who = plan.member.person.label
    stream.write(
        _("Roles of {who} in workspace {id}:").format(who=clean(who), id=clean(plan.workspace_id))
        + "\n"
    )
    # i18n: the labels of a role change's summary; they are padded to one width
    labels = [_("now:"), _("add"), _("remove"), _("after:")]
    width = max(cell_len(label) for label in labels) + 1
    now, add, remove, after = (label + " " * (width - cell_len(label)) for label in labels)
    stream.write(f"  {now}{roles_in_words(plan.member.roles)}\n")
    for code in plan.add:
        stream.write(f"  {add}{role_words(code)} ({code})\n")
    for code in plan.remove:
        stream.write(f"  {remove}{role_words(code)} ({code})\n")
    stream.write(f"  {after}{roles_in_words(plan.roles_after)}\n")


def print_role_outcome(outcome: RoleChangeOutcome, stream: TextIO) -> None:
    who = clean(outcome.plan.member.person.label)
    if outcome.plan.nothing_to_do:
        stream.write(_("{who} already has these roles; nothing was sent.").format(who=who) + "\n")
        return
    parts = []
    if outcome.added:
        parts.append(_("added {roles}").format(roles=roles_in_words(outcome.added)))
    if outcome.removed:
        parts.append(_("removed {roles}").format(roles=roles_in_words(outcome.removed)))
    # i18n: between the changes made to a member's roles
    done = _("; ").join(parts)
    stream.write(
        _("{who}: {done}. Roles now: {roles}.").format(
            who=who, done=done, roles=roles_in_words(outcome.roles)
        )
        + "\n"
    )
    for note in outcome.notes:
        stream.write("  " + _("note: {note}").format(note=clean(note)) + "\n")


def print_removed(outcome: RemovalOutcome, workspace_name: str, stream: TextIO) -> None:
    for person in outcome.removed:
        stream.write(
            _("Removed {who} from workspace {name} ({id}).").format(
                who=clean(person.label),
                name=clean(workspace_name),
                id=clean(outcome.workspace_id),
            )
            + "\n"
        )
