"""Workspace records: their shape, times, purchase links and the fast synthetic generator.

The store keeps each workspace in GetWorkspace(Verbose=true) shape with ``ResourceGroupId``
capitalised; responses are cut from it. Sensitive fields (Creator, Owner, AdminNames,
ExtraInfos) only ever hold fake values (see ``people``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from paiws.emulator.people import DEMO_USERS, TENANT_ID, user_for_key

__all__ = [
    "DEFAULT_RESOURCE_LIMITS",
    "DEMO_USERS",
    "TENANT_ID",
    "iso_ms",
    "new_workspace",
    "now_iso",
    "parse_iso",
    "purchase_url",
    "synthetic_workspaces",
    "user_for_key",
]

DEFAULT_RESOURCE_LIMITS: dict[str, int] = {"PAI_share": 10, "DLC_share": 10, "MaxCompute_share": 5}


def purchase_url(region: str) -> str:
    if region.startswith("cn-"):
        return "https://common-buy.aliyun.com/?commodityCode=learn_pai_public_cn"
    return "https://common-buy-intl.alibabacloud.com/?commodityCode=learn_pai_public_intl"


def iso_ms(moment: datetime) -> str:
    """ISO-8601 UTC with milliseconds, as the API writes times: 2024-01-05T08:30:00.000Z."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_iso(text: object, default: datetime) -> datetime:
    """Read a time the API wrote (``...Z``, with or without milliseconds); ``default`` else."""
    if not isinstance(text, str):
        return default
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        return default


def now_iso() -> str:
    return iso_ms(datetime.now(UTC))


def new_workspace(
    workspace_id: str,
    *,
    name: str,
    display_name: str,
    description: str,
    env_types: list[str],
    owner: Mapping[str, str],
    status: str,
    created: str,
    resource_group_id: str | None = None,
    is_default: bool = False,
) -> dict[str, Any]:
    """A record in GetWorkspace(Verbose=true) shape; the store keeps exactly this."""
    return {
        "WorkspaceId": workspace_id,
        "WorkspaceName": name,
        "DisplayName": display_name,
        "Description": description,
        "Creator": owner["UserId"],
        "Status": status,
        "GmtCreateTime": created,
        "GmtModifiedTime": created,
        "EnvTypes": list(env_types),
        "AdminNames": [owner["UserName"]],
        "IsDefault": is_default,
        "ExtraInfos": {"TenantId": TENANT_ID},
        "ResourceGroupId": resource_group_id,
        "Owner": dict(owner),
    }


_SYNTH_STATUSES = ("INITIALIZING", "FAILURE", "DISABLED", "FROZEN", "UPDATING")
_SYNTH_BASE = datetime(2022, 6, 1, tzinfo=UTC)
_MINUTES_PER_DAY = 24 * 60


def synthetic_workspaces(first_id: int, n: int) -> list[dict[str, Any]]:
    """n deterministic workspaces with ids first_id.. (names ``gen_<id>``), built fast.

    Times advance one minute per id; one in 25 has a non-ENABLED status; every third is in
    standard mode. Speed matters (10,000 in well under a second): the date part of each time
    is formatted once per day, and the lists and dicts that never change in place (the store
    replaces values, it never mutates them) are shared between records.
    """
    users = [(user["UserId"], [user["UserName"]], dict(user)) for user in DEMO_USERS]
    extra = {"TenantId": TENANT_ID}
    standard, simple = ["dev", "prod"], ["prod"]
    days: dict[int, str] = {}
    records: list[dict[str, Any]] = []
    append = records.append
    for i in range(n):
        number = first_id + i
        minute = number % 1_000_000
        day, rest = divmod(minute, _MINUTES_PER_DAY)
        date = days.get(day)
        if date is None:
            date = days[day] = (_SYNTH_BASE + timedelta(days=day)).strftime("%Y-%m-%d")
        created = f"{date}T{rest // 60:02d}:{rest % 60:02d}:00.000Z"
        user_id, admins, owner = users[i % 4]
        append(
            {
                "WorkspaceId": str(number),
                "WorkspaceName": f"gen_{number}",
                "DisplayName": f"Generated {number}",
                "Description": f"Synthetic workspace number {i + 1} of {n}.",
                "Creator": user_id,
                "Status": _SYNTH_STATUSES[(i // 25) % 5] if i % 25 == 24 else "ENABLED",
                "GmtCreateTime": created,
                "GmtModifiedTime": created,
                "EnvTypes": standard if i % 3 == 0 else simple,
                "AdminNames": admins,
                "IsDefault": False,
                "ExtraInfos": extra,
                "ResourceGroupId": f"rg-gen{i % 7:04d}" if i % 2 else None,
                "Owner": owner,
            }
        )
    return records
