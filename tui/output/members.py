"""Printers for `paiws members …`: masked member and user records as a table, JSON or CSV, and
the per-person results of `members add` (keys exactly as SPEC §4)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from paiws.core import member_present as present
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
from paiws.core.roles import BY_CODE, role_words, roles_in_words
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
        stream.write(f"No members found in workspace {clean(workspace_id)}.\n")
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
            f"Members 1-{len(rows)} of {page.total} in workspace {clean(workspace_id)}. "
            "--all lists every one; --name or --role narrows the list.\n"
        )


def print_users(search: UserSearch, fmt: str, stream: TextIO, *, err: TextIO) -> None:
    if search.unreadable_items:
        err.write(f"paiws: {unreadable_note(search.unreadable_items, 'user')}\n")
    if fmt == "json":
        write_json({"Users": [present.user_record(user) for user in search.users]}, stream)
        return
    if not search.users:
        stream.write(f"Nobody who could be added matches {clean(search.name)!r}.\n")
        return
    print_table(
        stream,
        present.USER_COLUMNS,
        (present.user_cells(user) for user in search.users),
        whole=present.USER_COLUMNS,
    )
    if search.total > len(search.users):
        stream.write(
            f"Showing {len(search.users)} of {search.total} matches: type more of the name.\n"
        )


def print_add_summary(
    region: str, workspace_id: str, labels: Sequence[str], roles: Sequence[str], stream: TextIO
) -> None:
    """R14: every parameter, before the confirmation question."""
    stream.write(f"Add to workspace {clean(workspace_id)} in {clean(region)}:\n")
    for label in labels:
        stream.write(f"  {clean(label)}\n")
    stream.write("With the roles:\n")
    for code in roles:
        role = BY_CODE.get(code)
        explanation = f" - {role.explanation}" if role else ""
        stream.write(f"  {role_words(code)} ({code}){explanation}\n")
    stream.write(
        "paiws checks each person first: members get only the roles they lack, everyone else "
        "is added in one CreateMember call, and the result is read back.\n"
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
                stream.write(f"  note: {clean(note)}\n")
    # The RAM policy for a refused action (R12), once per action, on stderr.
    shown: set[str] = set()
    for result in outcome.failed:
        if result.policy and result.action and result.action not in shown:
            shown.add(result.action)
            err.write(
                f"paiws: permission denied for {clean(result.action)}. Ask your administrator "
                "to attach this least-privilege RAM policy, then retry:\n"
            )
            err.write(clean(result.policy).rstrip() + "\n")
    if any(result.ambiguous for result in outcome.failed):
        err.write(
            "paiws: some changes had no clear answer and were not retried; run the same "
            "command again: it checks first and adds only who is still missing.\n"
        )


def print_role_plan(plan: RoleChangePlan, stream: TextIO) -> None:
    who = plan.member.person.label
    stream.write(f"Roles of {clean(who)} in workspace {clean(plan.workspace_id)}:\n")
    stream.write(f"  now:   {roles_in_words(plan.member.roles)}\n")
    for code in plan.add:
        stream.write(f"  add    {role_words(code)} ({code})\n")
    for code in plan.remove:
        stream.write(f"  remove {role_words(code)} ({code})\n")
    stream.write(f"  after: {roles_in_words(plan.roles_after)}\n")


def print_role_outcome(outcome: RoleChangeOutcome, stream: TextIO) -> None:
    who = clean(outcome.plan.member.person.label)
    if outcome.plan.nothing_to_do:
        stream.write(f"{who} already has these roles; nothing was sent.\n")
        return
    parts = [f"added {roles_in_words(outcome.added)}" if outcome.added else ""]
    parts.append(f"removed {roles_in_words(outcome.removed)}" if outcome.removed else "")
    done = "; ".join(part for part in parts if part)
    stream.write(f"{who}: {done}. Roles now: {roles_in_words(outcome.roles)}.\n")
    for note in outcome.notes:
        stream.write(f"  note: {clean(note)}\n")


def print_removed(outcome: RemovalOutcome, workspace_name: str, stream: TextIO) -> None:
    for person in outcome.removed:
        stream.write(
            f"Removed {clean(person.label)} from workspace {clean(workspace_name)} "
            f"({clean(outcome.workspace_id)}).\n"
        )
