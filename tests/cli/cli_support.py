"""Constants and helpers shared by the CLI tests: the canary data set and the result type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

KEY_ID = "paiws-demo"
SECRET = "paiws-demo-secret"
REGION = "cn-hangzhou"
PURCHASABLE_REGION = "cn-beijing"  # not activated, the account may purchase
ADMIN_ONLY_REGION = "ap-southeast-1"  # not activated, ask the administrator

# Every sensitive field holds a unique canary: none may ever be printed whole (R8).
OWNER_A = {
    "UserId": "canary-uid-aa1234",
    "UserKp": "canary-kp-aa9876",
    "UserName": "canaryalice@example.com",
    "DisplayName": "CanaryAliceDisplay",
}
OWNER_B = {
    "UserId": "canary-uid-bb5678",
    "UserKp": "canary-kp-bb5432",
    "UserName": "canarybob",
    "DisplayName": "CanaryBobDisplay",
}
ID_ALPHA, ID_BETA, ID_GAMMA = "100001", "100002", "100003"


def _workspace(wid: str, name: str, owner: dict[str, str], **extra: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "WorkspaceId": wid,
        "WorkspaceName": name,
        "DisplayName": f"{name} display",
        "Description": f"The {name} workspace",
        "Creator": owner["UserId"],
        "Status": "ENABLED",
        "GmtCreateTime": f"2024-01-0{wid[-1]}T08:30:00.000Z",
        "GmtModifiedTime": f"2024-02-0{wid[-1]}T08:30:00.000Z",
        "EnvTypes": ["dev", "prod"],
        "AdminNames": [owner["UserName"], "canary-admin-plain"],
        "ExtraInfos": {"TenantId": "canary-tenant-777111"},
        "Owner": dict(owner),
    }
    record.update(extra)
    return record


def canary_data() -> dict[str, Any]:
    return {
        "regions": {
            REGION: {
                "resource_limits": {"PAI_share": 10, "DLC_share": 7, "MaxCompute_share": 5},
                "workspaces": [
                    _workspace(ID_ALPHA, "alpha_ws", OWNER_A),
                    _workspace(
                        ID_BETA,
                        "beta_ws",
                        OWNER_B,
                        EnvTypes=["prod"],
                        Description="[bold red]markup[/] and \x1b[31mred\x1b[0m",
                    ),
                    _workspace(
                        ID_GAMMA,
                        "gamma_ws",
                        OWNER_A,
                        Status="FROZEN",
                        ResourceGroupId="rg-canary01",
                    ),
                ],
            },
            PURCHASABLE_REGION: {"activation": {"purchased": False, "can_purchase": True}},
            ADMIN_ONLY_REGION: {"activation": {"purchased": False, "can_purchase": False}},
        }
    }


SENSITIVE_CANARIES: tuple[str, ...] = (
    *OWNER_A.values(),
    *OWNER_B.values(),
    "canary-admin-plain",
    "canary-tenant-777111",
    "canaryalice",
    "canarybob",
    "CanaryAlice",
    "CanaryBob",
    SECRET,
)


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


Runner = Callable[..., Result]


def assert_no_canary(text: str) -> None:
    for canary in SENSITIVE_CANARIES:
        assert canary not in text, f"sensitive value leaked: {canary[:3]}…"
