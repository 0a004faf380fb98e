"""The data-file format: reading ``demo``, ``empty``, a JSON file or a dict, and checking it.

Format (JSON; ``assets/demo-data.json`` is one; every key is optional)::

    {"users": [{"UserId", "UserName", "DisplayName", "AccountName", "AccountType"}, ...],
     "generated_users": 1500,          # + that many synthetic pool users (people.generated_user)
     "regions": {"<region-id>": {
        "activation": {"purchased": true, "can_purchase": true, "purchase_url": "https://..."},
        "resource_limits": {"PAI_share": 10, ...},
        "workspaces": [{"WorkspaceId": "...", "WorkspaceName": "...", ... as GetWorkspace with
                        Verbose=true returns them, "ResourceGroupId" capitalised,
                        "members": [{"UserId": "...", "Roles": [...], "GmtCreateTime": "..."}],
                        "generated_members": 1196}]}}}

Without ``users`` the pool holds the four demo owners. A member names a pool user (or brings
``MemberName``/``DisplayName``/``AccountName``/``AccountType`` itself);
``generated_members: N`` adds the first N pool users that are not members yet, one hour apart.
A workspace with ``members`` or ``generated_members`` always has its owner as its first member
(role ``PAI.WorkspaceOwner``); one without them gets only its owner, made when first needed.
A region that is not in the data is activated and empty.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from paiws.emulator import data, people, rules
from paiws.emulator.memberstore import member_record

DEMO_DATA_ASSET = "demo-data.json"
# Roles of generated members, in turn (never an administrator: AdminNames stays true).
_GENERATED_ROLES: tuple[tuple[str, ...], ...] = (
    ("PAI.AlgoDeveloper",),
    ("PAI.AlgoDeveloper", "PAI.MaxComputeDeveloper"),
    ("PAI.WorkspaceGuest",),
    ("PAI.AlgoOperator",),
    ("PAI.AlgoDeveloper",),
    ("PAI.LabelManager",),
    ("PAI.WorkspaceGuest",),
    ("PAI.AlgoDeveloper", "PAI.AlgoOperator"),
)
_FALLBACK_TIME = datetime(2023, 1, 1, tzinfo=UTC)


@dataclass
class RegionData:
    activation: dict[str, Any]
    resource_limits: dict[str, int]
    workspaces: list[dict[str, Any]]
    members: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # owner first


@dataclass
class DataSet:
    users: list[dict[str, Any]]
    regions: dict[str, RegionData]


def read_demo_asset() -> str:
    return resources.files("paiws.assets").joinpath(DEMO_DATA_ASSET).read_text(encoding="utf-8")


def load(source: str | Path | Mapping[str, Any]) -> DataSet:
    """Read ``demo``, ``empty``, a file path or a dict. Raises ValueError (one sentence) for a
    file that is missing or not in the format above. The result is read-only: the Store copies
    what it keeps (the demo's is built once per process and shared)."""
    if isinstance(source, Mapping):
        raw: Any = source
    elif str(source) == "empty":
        raw = {"regions": {}}
    elif str(source) == "demo":
        return _demo()
    else:
        try:
            raw = json.loads(Path(source).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValueError(f"Cannot read emulator data file {source}: {exc.strerror}.") from None
        except json.JSONDecodeError as exc:
            raise ValueError(f"Emulator data file {source} is not valid JSON: {exc.msg}.") from None
    if not isinstance(raw, Mapping) or not isinstance(raw.get("regions", {}), Mapping):
        raise ValueError('Emulator data must be an object with a "regions" object.')
    users = _users(raw)
    pool = {str(user["UserId"]): user for user in users}
    regions = {
        str(region): _region(str(region), body, pool)
        for region, body in raw.get("regions", {}).items()
    }
    return DataSet(users=users, regions=regions)


@functools.cache
def _demo() -> DataSet:
    # Every test and `paiws --demo` starts from this; building it takes ~15 ms, copying 1 ms.
    return load(json.loads(read_demo_asset()))


def _users(raw: Mapping[str, Any]) -> list[dict[str, Any]]:
    listed = raw.get("users")
    generated = raw.get("generated_users", 0)
    if listed is None:
        listed = people.demo_owner_users()
    if not isinstance(listed, list) or not all(isinstance(u, Mapping) for u in listed):
        raise ValueError("Emulator data: users must be a list of objects.")
    if not isinstance(generated, int) or generated < 0:
        raise ValueError("Emulator data: generated_users must be a whole number.")
    users = [dict(u) for u in listed] + list(people.generated_users(0, generated))
    seen: set[str] = set()
    for user in users:
        user_id = user.get("UserId")
        if not isinstance(user_id, str) or not user_id or user_id in seen:
            raise ValueError(f"Emulator data: user {user_id!r} has a missing or repeated UserId.")
        seen.add(user_id)
    return users


def _region(region: str, body: Any, pool: Mapping[str, dict[str, Any]]) -> RegionData:
    if not isinstance(body, Mapping):
        raise ValueError(f"Emulator data for region {region} must be an object.")
    activation = body.get("activation", {})
    limits = body.get("resource_limits", data.DEFAULT_RESOURCE_LIMITS)
    workspaces = body.get("workspaces", [])
    if not isinstance(activation, Mapping) or not isinstance(limits, Mapping):
        raise ValueError(f"Emulator data for region {region}: bad activation or resource_limits.")
    if not isinstance(workspaces, list):
        raise ValueError(f"Emulator data for region {region}: workspaces must be a list.")
    result = RegionData(
        activation={
            "purchased": bool(activation.get("purchased", True)),
            "can_purchase": bool(activation.get("can_purchase", True)),
            "purchase_url": str(activation.get("purchase_url") or data.purchase_url(region)),
        },
        resource_limits={str(k): int(v) for k, v in limits.items()},
        workspaces=[],
    )
    for index, ws in enumerate(workspaces):
        where = f"Emulator data for region {region}, workspace #{index}"
        record = _workspace(where, ws)
        result.workspaces.append(record)
        if "members" in ws or "generated_members" in ws:
            result.members[record["WorkspaceId"]] = _members(where, ws, record, pool)
    return result


_REQUIRED_STR = ("WorkspaceId", "WorkspaceName", "GmtCreateTime")
_FILE_ONLY = ("members", "generated_members")


def _workspace(where: str, ws: Any) -> dict[str, Any]:
    if not isinstance(ws, Mapping):
        raise ValueError(f"{where} must be an object.")
    for key in _REQUIRED_STR:
        if not isinstance(ws.get(key), str) or not ws[key]:
            raise ValueError(f"{where}: {key} must be a non-empty string.")
    if ws.get("Status", "ENABLED") not in rules.STATUSES:
        raise ValueError(f"{where}: Status must be one of {', '.join(rules.STATUSES)}.")
    owner = ws.get("Owner") or people.DEMO_USERS[0]
    record = data.new_workspace(
        ws["WorkspaceId"],
        name=ws["WorkspaceName"],
        display_name=str(ws.get("DisplayName", ws["WorkspaceName"])),
        description=str(ws.get("Description", "")),
        env_types=list(ws.get("EnvTypes", ["prod"])),
        owner=owner,
        status=str(ws.get("Status", "ENABLED")),
        created=ws["GmtCreateTime"],
        resource_group_id=ws.get("ResourceGroupId"),
        is_default=bool(ws.get("IsDefault", False)),
    )
    # Anything the file states explicitly wins over the defaults derived above.
    record.update({k: v for k, v in ws.items() if k in record and k not in _FILE_ONLY})
    return record


def owner_member(
    workspace: Mapping[str, Any], find_user: Callable[[str], Mapping[str, Any] | None]
) -> dict[str, Any] | None:
    """The owner as a member (its pool entry when it has one), or None when the record's
    ``Owner`` is not an object with a ``UserId`` (hostile test data)."""
    owner = workspace.get("Owner")
    if not isinstance(owner, Mapping) or owner.get("UserId") is None:
        return None
    user = find_user(str(owner["UserId"])) or people.user_from_owner(owner)
    workspace_id = str(workspace.get("WorkspaceId"))
    created = str(workspace.get("GmtCreateTime") or data.now_iso())
    return member_record(workspace_id, user, [rules.OWNER_ROLE], created)


def _members(
    where: str, ws: Mapping[str, Any], record: dict[str, Any], pool: Mapping[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    listed, generated = ws.get("members", []), ws.get("generated_members", 0)
    if not isinstance(listed, list) or not isinstance(generated, int) or generated < 0:
        raise ValueError(f"{where}: members must be a list and generated_members a number.")
    workspace_id = record["WorkspaceId"]
    created = data.parse_iso(record["GmtCreateTime"], _FALLBACK_TIME)
    owner = owner_member(record, pool.get)
    members: dict[str, dict[str, Any]] = {}
    if owner is not None:
        members[str(owner["UserId"])] = owner
    for entry in listed:
        member = _listed_member(where, entry, workspace_id, record["GmtCreateTime"], pool)
        previous = members.get(str(member["UserId"]))
        if previous is not None:  # the owner listed again: keep one entry, merge the roles
            previous["Roles"] = rules.role_order([*previous["Roles"], *member["Roles"]])
            continue
        members[str(member["UserId"])] = member
    candidates = [u for u in pool.values() if str(u["UserId"]) not in members] if generated else []
    if generated > len(candidates):
        raise ValueError(f"{where}: generated_members is larger than the user pool.")
    for k, user in enumerate(candidates[:generated]):
        roles = _GENERATED_ROLES[k % len(_GENERATED_ROLES)]
        when = data.iso_ms(created + timedelta(hours=k + 1))
        members[str(user["UserId"])] = member_record(workspace_id, user, roles, when)
    return sorted(members.values(), key=lambda m: str(m.get("GmtCreateTime")))


def _listed_member(
    where: str, entry: Any, workspace_id: str, default_time: str, pool: Mapping[str, Any]
) -> dict[str, Any]:
    if not isinstance(entry, Mapping) or not isinstance(entry.get("UserId"), str):
        raise ValueError(f"{where}: every member needs a UserId string.")
    roles = entry.get("Roles", [])
    if not isinstance(roles, list) or not roles or any(r not in rules.ROLES for r in roles):
        raise ValueError(f"{where}: member {entry['UserId']} needs roles from the role list.")
    user = dict(pool.get(entry["UserId"]) or {"UserId": entry["UserId"]})
    for key, wire in (("MemberName", "UserName"), ("DisplayName", "DisplayName")):
        if key in entry:
            user[wire] = entry[key]
    for key in ("AccountName", "AccountType"):
        if key in entry:
            user[key] = entry[key]
    if user.get("UserName") is None:
        raise ValueError(f"{where}: member {entry['UserId']} is not a pool user.")
    created = str(entry.get("GmtCreateTime") or default_time)
    return member_record(workspace_id, user, rules.role_order(roles), created)
