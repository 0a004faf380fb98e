"""Builds assets/demo-data.json deterministically (no clock, no randomness).

Regenerate after changing this file (or ``demopeople``)::

    python -m paiws.emulator.demodata > assets/demo-data.json

A test checks that the asset and ``build()`` agree. What the demo holds per region is listed
in the package docstring (``paiws.emulator``).
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

from paiws.emulator import demopeople, demoregions
from paiws.emulator.data import DEMO_USERS, TENANT_ID, iso_ms, purchase_url
from paiws.emulator.demopeople import BIG_WORKSPACE_GENERATED, BIG_WORKSPACE_ID

_THEMES = (
    ("recsys", "推荐系统", "Recommendation"),
    ("nlp", "自然语言处理", "Language models"),
    ("vision", "图像识别", "Computer vision"),
    ("speech", "语音合成", "Speech"),
    ("forecast", "销量预测", "Demand forecasting"),
    ("fraud", "风控模型", "Fraud detection"),
    ("search", "搜索排序", "Search ranking"),
    ("ads", "广告投放", "Advertising"),
    ("llm", "大模型微调", "LLM fine-tuning"),
    ("ocr", "文字识别", "OCR"),
    ("tabular", "表格数据", "Tabular ML"),
    ("graph", "知识图谱", "Knowledge graph"),
)
_KINDS = ("exp", "train", "eval", "prod", "sandbox", "team")
# Index -> status; every other workspace is ENABLED. Each non-ENABLED status appears twice.
_STATUS_AT = {
    5: "INITIALIZING",
    41: "INITIALIZING",
    9: "FAILURE",
    33: "FAILURE",
    14: "DISABLED",
    50: "DISABLED",
    21: "FROZEN",
    57: "FROZEN",
    27: "UPDATING",
    62: "UPDATING",
}
# Exactly 80 characters: the longest description CreateWorkspace accepts.
_LONG = "Shared sandbox of the ranking team: feature pipelines, offline evaluation, A/B."
_SPECIAL_DESCRIPTIONS = {
    3: _LONG,
    7: "用于推荐系统离线实验与特征工程的共享工作空间,包含训练、评估和模型发布的完整流程。",
    12: "Contains [/] and [red]brackets[/red] on purpose: it is text, not markup.",
    18: "",
    25: "Quarterly demand forecasting for 1,200 stores; retrained every Monday at 02:00.",
    44: "Emoji in data 🚀 and a tab\tcharacter must render safely.",
}
_SPECIAL_DISPLAY = {12: "[b]Markup[/b] is text", 30: "A very long display name that keeps going"}
_BASE = datetime(2023, 2, 1, 3, 0, tzinfo=UTC)


def _hangzhou_workspace(i: int) -> dict[str, Any]:
    short, cjk, english = _THEMES[i % len(_THEMES)]
    kind = _KINDS[i % len(_KINDS)]
    name = "demo_default" if i == 0 else f"{short}_{kind}_{i:02d}"
    if i in _SPECIAL_DISPLAY:
        display = _SPECIAL_DISPLAY[i]
    elif i % 4 == 1:
        display = f"{cjk}{kind}{i:02d}"
    else:
        display = f"{english} {kind} {i:02d}"
    description = _SPECIAL_DESCRIPTIONS.get(i, f"{english} workspace ({kind}) for the demo team.")
    created = _BASE + timedelta(days=5 * i, minutes=(i * 37) % 60, milliseconds=(i * 123) % 1000)
    modified = created + timedelta(days=(i * 7) % 30, hours=(i * 5) % 24)
    owner = DEMO_USERS[i % len(DEMO_USERS)]
    admins = [owner["UserName"]]
    if i % 5 == 0:
        admins.append(DEMO_USERS[(i + 1) % len(DEMO_USERS)]["UserName"])
    workspace: dict[str, Any] = {
        "WorkspaceId": str(100001 + i),
        "WorkspaceName": name,
        "DisplayName": "默认工作空间" if i == 0 else display,
        "Description": "The default workspace of this demo account." if i == 0 else description,
        "Creator": owner["UserId"],
        "Status": _STATUS_AT.get(i, "ENABLED"),
        "GmtCreateTime": iso_ms(created),
        "GmtModifiedTime": iso_ms(modified),
        "EnvTypes": ["dev", "prod"] if i % 3 == 0 else ["prod"],
        "AdminNames": admins,
        "IsDefault": i == 0,
        "ExtraInfos": {"TenantId": TENANT_ID},
        "Owner": dict(owner),
    }
    if i % 4 != 3:
        workspace["ResourceGroupId"] = f"rg-acfmdemo{i % 5:04d}"
    if workspace["WorkspaceId"] == BIG_WORKSPACE_ID:
        extra = len(demopeople.NAMED_USERS)
        workspace["members"] = demopeople.member_entries(workspace, created, extra)
        workspace["generated_members"] = BIG_WORKSPACE_GENERATED
    else:
        workspace["members"] = demopeople.member_entries(workspace, created, i % 6, offset=i)
    return workspace


_SHANGHAI = (
    ("sh_analytics", "数据分析", "Analytics sandbox for the Shanghai office.", "ENABLED"),
    ("sh_llm_serving", "LLM serving", "Inference experiments close to users.", "ENABLED"),
    ("sh_cv_lab", "视觉实验室", "Vision lab.", "INITIALIZING"),
    ("sh_finance_risk", "Finance risk", "Credit risk scoring models.", "ENABLED"),
    ("sh_archive", "Archive", "Old experiments kept for reference.", "DISABLED"),
)


def _shanghai_workspace(i: int) -> dict[str, Any]:
    name, display, description, status = _SHANGHAI[i]
    created = datetime(2024, 1, 5, 8, 30, tzinfo=UTC) + timedelta(days=11 * i, hours=i)
    owner = DEMO_USERS[(i + 2) % len(DEMO_USERS)]
    return {
        "WorkspaceId": str(200001 + i),
        "WorkspaceName": name,
        "DisplayName": display,
        "Description": description,
        "Creator": owner["UserId"],
        "Status": status,
        "GmtCreateTime": iso_ms(created),
        "GmtModifiedTime": iso_ms(created + timedelta(days=2)),
        "EnvTypes": ["dev", "prod"] if i % 2 else ["prod"],
        "AdminNames": [owner["UserName"]],
        "IsDefault": i == 0,
        "ExtraInfos": {"TenantId": TENANT_ID},
        "Owner": dict(owner),
        "ResourceGroupId": "rg-acfmdemosh01",
        "members": demopeople.member_entries(
            {"Owner": owner, "AdminNames": [owner["UserName"]]}, created, 2, offset=i
        ),
    }


def build() -> dict[str, Any]:
    more = {
        region: {
            "activation": {"purchased": True, "can_purchase": True},
            "workspaces": workspaces,
        }
        for region, workspaces in demoregions.more_regions().items()
    }
    return {
        "users": demopeople.pool_users(),
        "generated_users": demopeople.GENERATED_USERS,
        "regions": {
            "cn-hangzhou": {
                "activation": {"purchased": True, "can_purchase": True},
                "resource_limits": {"PAI_share": 100, "DLC_share": 50, "MaxCompute_share": 20},
                "workspaces": [_hangzhou_workspace(i) for i in range(64)],
            },
            "cn-shanghai": {
                "activation": {"purchased": True, "can_purchase": True},
                "resource_limits": {"PAI_share": 10, "DLC_share": 5},
                "workspaces": [_shanghai_workspace(i) for i in range(len(_SHANGHAI))],
            },
            "cn-shenzhen": {
                "activation": {"purchased": True, "can_purchase": True},
                "workspaces": [],
            },
            "cn-beijing": {
                "activation": {
                    "purchased": False,
                    "can_purchase": True,
                    "purchase_url": purchase_url("cn-beijing"),
                },
                "workspaces": [],
            },
            "ap-southeast-1": {
                "activation": {
                    "purchased": False,
                    "can_purchase": False,
                    "purchase_url": purchase_url("ap-southeast-1"),
                },
                "workspaces": [],
            },
            **more,
        },
    }


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    sys.stdout.write(render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
