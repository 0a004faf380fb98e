"""The demo's people: named pool users and the member lists of the demo workspaces.

Deterministic (no clock, no randomness); ``demodata`` writes what this builds into
``assets/demo-data.json``. The pool is the four demo owners, the named people below and
``GENERATED_USERS`` synthetic users (``people.generated_user``, not stored verbatim). The big
workspace's 1,200 generated members are stored as a count (``generated_members``), too.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from paiws.emulator import people, rules
from paiws.emulator.data import iso_ms

GENERATED_USERS = 1500
BIG_WORKSPACE_ID = "100001"  # cn-hangzhou's default workspace: 1,200 generated members
BIG_WORKSPACE_GENERATED = 1200

# (login, display name, account type); e-mail logins are their own AccountName.
_NAMED: tuple[tuple[str, str, str], ...] = (
    ("wang.fang", "王芳", rules.ACCOUNT_RAM_USER),
    ("li.na", "李娜", rules.ACCOUNT_RAM_USER),
    ("zhang.wei", "张伟", rules.ACCOUNT_RAM_USER),
    ("liu.yang", "刘洋", rules.ACCOUNT_RAM_USER),
    ("yang.lei", "杨磊", rules.ACCOUNT_RAM_USER),
    ("zhao.min", "赵敏", rules.ACCOUNT_RAM_USER),
    ("huang.ting", "黄婷", rules.ACCOUNT_RAM_USER),
    ("zhou.jie", "周杰", rules.ACCOUNT_RAM_USER),
    ("eve@example.com", "Eve Example", rules.ACCOUNT_RAM_USER),
    ("frank.miller@example.com", "Frank Miller", rules.ACCOUNT_RAM_USER),
    ("grace.lee@example.net", "Grace Lee", rules.ACCOUNT_RAM_USER),
    ("heidi.weber@example.de", "Heidi Weber", rules.ACCOUNT_RAM_USER),
    ("yuki.tanaka@example.jp", "田中由紀", rules.ACCOUNT_RAM_USER),
    ("ops.oncall", "Ops [on-call] 运维", rules.ACCOUNT_RAM_USER),
    ("PaiTrainingJobRole", "PaiTrainingJobRole", rules.ACCOUNT_RAM_ROLE),
    ("NotebookServiceRole", "NotebookServiceRole", rules.ACCOUNT_RAM_ROLE),
)
# Roles of listed (non-admin) members, in turn.
_ROLE_CYCLE: tuple[tuple[str, ...], ...] = (
    ("PAI.AlgoDeveloper",),
    ("PAI.AlgoDeveloper", "PAI.MaxComputeDeveloper"),
    ("PAI.WorkspaceGuest",),
    ("PAI.AlgoOperator",),
    ("PAI.LabelManager",),
    ("PAI.AlgoDeveloper", "PAI.AlgoOperator"),
)


def _named_user(login: str, display: str, account_type: str) -> dict[str, Any]:
    prefix = "3" if account_type == rules.ACCOUNT_RAM_ROLE else "2"
    if account_type == rules.ACCOUNT_RAM_ROLE:
        account = f"{login}@role.{people.DEMO_ACCOUNT_ALIAS}.onaliyun.com"
    else:
        account = login if "@" in login else people.ram_login(login)
    return {
        "UserId": people.numeric_id(prefix, "named:" + login),
        "UserName": login,
        "DisplayName": display,
        "AccountName": account,
        "AccountType": account_type,
    }


NAMED_USERS: tuple[dict[str, Any], ...] = tuple(_named_user(*entry) for entry in _NAMED)
_BY_NAME = {str(u["UserName"]): u for u in (*people.demo_owner_users(), *NAMED_USERS)}


def pool_users() -> list[dict[str, Any]]:
    """The listed part of the pool (the generated part is a count)."""
    return [*people.demo_owner_users(), *NAMED_USERS]


def owner(login: str) -> dict[str, str]:
    """An ``Owner`` object (GetWorkspace Verbose) for a demo owner or a named person."""
    for demo in people.DEMO_USERS:
        if demo["UserName"] == login:
            return dict(demo)
    user = _BY_NAME[login]
    return {
        "UserId": str(user["UserId"]),
        "UserKp": people.DEMO_USERS[0]["UserKp"],
        "UserName": str(user["UserName"]),
        "DisplayName": str(user["DisplayName"]),
    }


def member_entries(
    workspace: Mapping[str, Any], created: datetime, extra: int, offset: int = 0
) -> list[dict[str, Any]]:
    """A workspace's listed members besides its owner: every administrator of its
    ``AdminNames`` (role PAI.WorkspaceAdmin), then ``extra`` named people (other roles), one
    day apart after the workspace was created."""
    owner_name = workspace["Owner"]["UserName"]
    entries: list[dict[str, Any]] = []
    for name in workspace.get("AdminNames", []):
        if name != owner_name:
            entries.append({"UserId": _BY_NAME[name]["UserId"], "Roles": [rules.ADMIN_ROLE]})
    taken = {owner_name, *workspace.get("AdminNames", [])}
    candidates = [u for u in NAMED_USERS if u["UserName"] not in taken]
    for k in range(extra):
        user = candidates[(offset + k * 5) % len(candidates)]
        if any(e["UserId"] == user["UserId"] for e in entries):
            continue
        roles = _ROLE_CYCLE[(offset + k) % len(_ROLE_CYCLE)]
        entries.append({"UserId": user["UserId"], "Roles": list(roles)})
    for day, entry in enumerate(entries, start=1):
        entry["GmtCreateTime"] = iso_ms(created + timedelta(days=day, hours=day % 7))
    return entries
