"""The member operations (SPEC §3 members table): parameters in, body (without RequestId) out.

Paths, parameters and field names are those of the official SDK
(``alibabacloud_aiworkspace20210204``): ListMembers, GetMember, CreateMember, DeleteMembers,
AddMemberRole, RemoveMemberRole and ListWorkspaceUsers. The errors, and which of them come from
a source, are listed in the package docstring. Every call first checks the region's activation
and the workspace (``100400027`` when it does not exist), after its own parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from paiws.emulator import data, errors, params, rules
from paiws.emulator.memberstore import MEMBER_FIELDS, MemberTable, member_record
from paiws.emulator.routes import Call
from paiws.emulator.store import Store, Workspace

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_USERS = 100  # ListWorkspaceUsers has no paging: at most this many users per answer
GET_MEMBER_FIELDS = tuple(f for f in MEMBER_FIELDS if f != "AccountName")  # the SDK's model
CREATED_FIELDS = ("MemberId", "UserId", "DisplayName", "Roles")  # CreateMember's items

Handler = Callable[[Call], dict[str, Any]]


class MemberOperations:
    def __init__(self, store: Store, *, existing: Callable[[Call], Workspace]) -> None:
        self.store = store
        self._existing = existing  # activation check + workspace lookup, as for workspaces

    def handlers(self) -> dict[str, Handler]:
        return {
            "ListMembers": self._ListMembers,
            "GetMember": self._GetMember,
            "CreateMember": self._CreateMember,
            "DeleteMembers": self._DeleteMembers,
            "AddMemberRole": self._AddMemberRole,
            "RemoveMemberRole": self._RemoveMemberRole,
            "ListWorkspaceUsers": self._ListWorkspaceUsers,
        }

    # Reads ----------------------------------------------------------------------------------

    def _ListMembers(self, call: Call) -> dict[str, Any]:
        q = call.query
        page = params.integer(q, "PageNumber", 1, low=1)
        size = params.integer(q, "PageSize", DEFAULT_PAGE_SIZE, low=1, high=MAX_PAGE_SIZE)
        roles = params.comma_list(q, "Roles")
        for role in roles or []:
            _check_role(role)
        name = (q.get("MemberName") or "").casefold()
        user_id = q.get("UserId") or None
        members = self._table(call).records()
        if user_id is not None:
            members = [m for m in members if str(m.get("UserId")) == user_id]
        if roles:
            wanted = set(roles)
            members = [m for m in members if wanted.intersection(_roles_of(m))]
        if name:
            members = [m for m in members if _matches(name, m, ("MemberName", "DisplayName"))]
        start = (page - 1) * size
        return {
            "TotalCount": len(members),
            "Members": [_item(m, MEMBER_FIELDS) for m in members[start : start + size]],
        }

    def _GetMember(self, call: Call) -> dict[str, Any]:
        user_id = call.query.get("UserId") or None
        mid = call.query.get("MemberId") or None
        if (user_id is None) == (mid is None):
            raise errors.invalid_parameter(
                "Specify exactly one of the parameters UserId and MemberId."
            )
        table = self._table(call)
        member = table.by_user(user_id) if user_id is not None else table.by_member_id(str(mid))
        if member is None:
            raise errors.member_not_found(str(user_id or mid), str(call.workspace_id))
        return _item(member, GET_MEMBER_FIELDS)

    def _ListWorkspaceUsers(self, call: Call) -> dict[str, Any]:
        user_id = call.query.get("UserId") or None
        name = (call.query.get("UserName") or "").casefold()
        taken = self._table(call).user_ids()
        users = [u for u in self.store.users.records() if str(u.get("UserId")) not in taken]
        if user_id is not None:
            users = [u for u in users if str(u.get("UserId")) == user_id]
        if name:
            users = [u for u in users if _matches(name, u, ("UserName", "DisplayName"))]
        return {
            "TotalCount": len(users),
            "Users": [_item(u, ("UserId", "UserName")) for u in users[:MAX_USERS]],
        }

    # Writes ---------------------------------------------------------------------------------

    def _CreateMember(self, call: Call) -> dict[str, Any]:
        wanted = _requested_members(params.json_body(call.body))
        table = self._table(call)
        workspace_id = str(call.workspace_id)
        for user_id, _ in wanted:  # all or nothing: check everyone before adding anyone
            if table.by_user(user_id) is not None:
                raise errors.member_exists(user_id, workspace_id)
            if self.store.users.get(user_id) is None:
                raise errors.user_not_found(user_id)
        created = []
        for user_id, roles in wanted:
            user = self.store.users.get(user_id) or {}
            member = member_record(workspace_id, user, roles, data.now_iso())
            table.add(member)
            created.append(_item(member, CREATED_FIELDS))
        return {"Members": created}

    def _DeleteMembers(self, call: Call) -> dict[str, Any]:
        ids = list(dict.fromkeys(params.comma_list(call.query, "MemberIds") or []))
        if not ids:
            raise errors.invalid_parameter("The parameter MemberIds is required.")
        table = self._table(call)
        found = []
        for mid in ids:
            member = table.by_member_id(mid)
            if member is None:
                raise errors.member_not_found(mid, str(call.workspace_id))
            found.append(member)
        if any(rules.OWNER_ROLE in _roles_of(m) for m in found):
            raise errors.owner_not_deletable()
        for member in found:
            table.remove(member)
        return {}

    def _AddMemberRole(self, call: Call) -> dict[str, Any]:
        role = _role_param(call)
        member = self._member(call)
        roles = _roles_of(member)
        if role not in roles:
            member["Roles"] = rules.role_order([*roles, role])
        return {}

    def _RemoveMemberRole(self, call: Call) -> dict[str, Any]:
        role = _role_param(call)
        member = self._member(call)
        roles = _roles_of(member)
        if role in roles:
            if len(roles) == 1:
                raise errors.last_role()
            member["Roles"] = [r for r in roles if r != role]
        return {}

    # Helpers --------------------------------------------------------------------------------

    def _table(self, call: Call) -> MemberTable:
        return self.store.members(self._existing(call))

    def _member(self, call: Call) -> dict[str, Any]:
        mid = call.path_params.get("MemberId", "")
        member = self._table(call).by_member_id(mid)
        if member is None:
            raise errors.member_not_found(mid, str(call.workspace_id))
        return member


def _check_role(role: str) -> None:
    if role not in rules.ROLES:
        raise errors.invalid_parameter(
            f"The role {role} is not valid: expected one of {', '.join(rules.ROLES)}."
        )


def _role_param(call: Call) -> str:
    role = call.path_params.get("RoleName", "")
    _check_role(role)
    if role == rules.OWNER_ROLE:
        raise errors.owner_role_fixed()
    return role


def _requested_members(body: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """CreateMember's ``Members[] {UserId, Roles[]}``, checked; one entry per user."""
    members = body.get("Members")
    if not isinstance(members, list) or not members:
        raise errors.invalid_parameter("The parameter Members is required.")
    wanted: dict[str, list[str]] = {}
    for entry in members:
        if not isinstance(entry, Mapping):
            raise errors.invalid_parameter("Each item of Members must be an object.")
        user_id, roles = entry.get("UserId"), entry.get("Roles")
        if not isinstance(user_id, str) or not user_id.strip():
            raise errors.invalid_parameter("Each member needs a UserId.")
        if not isinstance(roles, list) or not roles or not all(isinstance(r, str) for r in roles):
            raise errors.invalid_parameter(f"The member {user_id} needs at least one role.")
        for role in roles:
            _check_role(role)
        if rules.OWNER_ROLE in roles:
            raise errors.owner_role_fixed()
        if user_id in wanted:
            raise errors.invalid_parameter(f"The user {user_id} is listed twice in Members.")
        wanted[user_id] = rules.role_order(roles)
    return list(wanted.items())


def _roles_of(member: Mapping[str, Any]) -> list[str]:
    roles = member.get("Roles")
    return [r for r in roles if isinstance(r, str)] if isinstance(roles, list) else []


def _matches(needle: str, record: Mapping[str, Any], keys: tuple[str, ...]) -> bool:
    return any(needle in str(record.get(key) or "").casefold() for key in keys)


def _item(record: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: record[key] for key in keys if key in record}
