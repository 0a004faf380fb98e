"""Workspace records, fake users and the data-file format.

Data file (JSON; ``assets/demo-data.json`` is one)::

    {"regions": {"<region-id>": {
        "activation": {"purchased": true, "can_purchase": true, "purchase_url": "https://..."},
        "resource_limits": {"PAI_share": 10, ...},
        "workspaces": [{"WorkspaceId": "...", "WorkspaceName": "...", ... as GetWorkspace with
                        Verbose=true returns them, "ResourceGroupId" capitalised}]}}}

Every key of a region is optional. A region that is not in the data is activated and empty.
Sensitive fields (Creator, Owner, AdminNames, ExtraInfos) only ever hold obviously fake values.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from paiws.core.validation import STATUSES
from paiws.paths import read_asset

DEMO_DATA_ASSET = "demo-data.json"
TENANT_ID = "demo-tenant-30001"

# Fake people. User names cover the masking cases of R8: e-mail, plain name, CJK display name.
DEMO_USERS: tuple[dict[str, str], ...] = (
    {
        "UserId": "demo-user-10001",
        "UserKp": "demo-kp-20001",
        "UserName": "alice@example.com",
        "DisplayName": "Alice Example",
    },
    {
        "UserId": "demo-user-10002",
        "UserKp": "demo-kp-20002",
        "UserName": "bob.demo",
        "DisplayName": "Bob Demo",
    },
    {
        "UserId": "demo-user-10003",
        "UserKp": "demo-kp-20003",
        "UserName": "chen.ming@example.com",
        "DisplayName": "陈明",
    },
    {
        "UserId": "demo-user-10004",
        "UserKp": "demo-kp-20004",
        "UserName": "dana",
        "DisplayName": "Dana Demo",
    },
)

DEFAULT_RESOURCE_LIMITS: dict[str, int] = {"PAI_share": 10, "DLC_share": 10, "MaxCompute_share": 5}


def purchase_url(region: str) -> str:
    if region.startswith("cn-"):
        return "https://common-buy.aliyun.com/?commodityCode=learn_pai_public_cn"
    return "https://common-buy-intl.alibabacloud.com/?commodityCode=learn_pai_public_intl"


def user_for_key(key_id: str) -> dict[str, str]:
    """The fake user behind an AccessKey: the demo key is Alice, others get a derived user."""
    if key_id == "paiws-demo":
        return dict(DEMO_USERS[0])
    number = int(hashlib.sha256(key_id.encode("utf-8")).hexdigest()[:8], 16) % 90000 + 10000
    return {
        "UserId": f"demo-user-{number}",
        "UserKp": f"demo-kp-{number}",
        "UserName": f"user{number}@example.com",
        "DisplayName": f"Demo User {number}",
    }


def iso_ms(moment: datetime) -> str:
    """ISO-8601 UTC with milliseconds, as the API writes times: 2024-01-05T08:30:00.000Z."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


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


# Loading ------------------------------------------------------------------------------------


def load(data: str | Path | Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Read ``demo``, ``empty``, a file path or a dict into ``{region: region_data}``.

    Raises ValueError (one sentence) for a file that is missing or not in the format above.
    """
    if isinstance(data, Mapping):
        raw: Any = data
    elif str(data) == "empty":
        raw = {"regions": {}}
    elif str(data) == "demo":
        raw = json.loads(read_asset(DEMO_DATA_ASSET))
    else:
        try:
            raw = json.loads(Path(data).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValueError(f"Cannot read emulator data file {data}: {exc.strerror}.") from None
        except json.JSONDecodeError as exc:
            raise ValueError(f"Emulator data file {data} is not valid JSON: {exc.msg}.") from None
    if not isinstance(raw, Mapping) or not isinstance(raw.get("regions", {}), Mapping):
        raise ValueError('Emulator data must be an object with a "regions" object.')
    regions: dict[str, dict[str, Any]] = {}
    for region, body in raw.get("regions", {}).items():
        regions[str(region)] = _check_region(str(region), body)
    return regions


def _check_region(region: str, body: Any) -> dict[str, Any]:
    if not isinstance(body, Mapping):
        raise ValueError(f"Emulator data for region {region} must be an object.")
    activation = body.get("activation", {})
    limits = body.get("resource_limits", DEFAULT_RESOURCE_LIMITS)
    workspaces = body.get("workspaces", [])
    if not isinstance(activation, Mapping) or not isinstance(limits, Mapping):
        raise ValueError(f"Emulator data for region {region}: bad activation or resource_limits.")
    if not isinstance(workspaces, list):
        raise ValueError(f"Emulator data for region {region}: workspaces must be a list.")
    return {
        "activation": {
            "purchased": bool(activation.get("purchased", True)),
            "can_purchase": bool(activation.get("can_purchase", True)),
            "purchase_url": str(activation.get("purchase_url") or purchase_url(region)),
        },
        "resource_limits": {str(k): int(v) for k, v in limits.items()},
        "workspaces": [_check_workspace(region, i, ws) for i, ws in enumerate(workspaces)],
    }


_REQUIRED_STR = ("WorkspaceId", "WorkspaceName", "GmtCreateTime")


def _check_workspace(region: str, index: int, ws: Any) -> dict[str, Any]:
    where = f"Emulator data for region {region}, workspace #{index}"
    if not isinstance(ws, Mapping):
        raise ValueError(f"{where} must be an object.")
    for key in _REQUIRED_STR:
        if not isinstance(ws.get(key), str) or not ws[key]:
            raise ValueError(f"{where}: {key} must be a non-empty string.")
    if ws.get("Status", "ENABLED") not in STATUSES:
        raise ValueError(f"{where}: Status must be one of {', '.join(STATUSES)}.")
    owner = ws.get("Owner") or DEMO_USERS[0]
    record = new_workspace(
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
    record.update({k: v for k, v in ws.items() if k in record})
    return record
